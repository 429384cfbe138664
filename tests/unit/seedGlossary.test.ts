import { readFileSync } from 'node:fs'

import {
  glossaryStub,
  glossaryTermsFromEntries,
  mergeGlossaryTerm,
  parseGlossaryLines,
  sameGlossaryTerm,
  type StoredGlossaryTerm,
} from '../../seed/glossary.js'

const entry = (change: Record<string, unknown> = {}): Record<string, unknown> => ({
  audience: 'Patient',
  definition: { html: 'A drug <b>used</b> to treat cancer.', text: 'A drug used to treat cancer.' },
  dictionary: 'Cancer.gov',
  firstLetter: 'a',
  language: 'en',
  media: [],
  otherLanguages: [{ language: 'es', prettyUrlName: 'abarelix', termName: 'abarelix' }],
  prettyUrlName: 'abarelix',
  pronunciation: { audio: 'https://nci-media.cancer.gov/pdq/media/audio/711583.mp3', key: '(uh-BAYR-eh-lix)' },
  relatedResources: [],
  termId: 367424,
  termName: 'abarelix',
  ...change,
})
const lines = (...entries: Record<string, unknown>[]): string => entries.map((item) => JSON.stringify(item)).join('\n')

describe('parsing NCI glossary JSON lines', () => {
  it('parses the bundled glossary without failures', () => {
    const text = readFileSync(new URL('../../seed/corpus/nci-glossary.jsonl', import.meta.url), 'utf8')
    const content = parseGlossaryLines(text, 'nci-glossary.jsonl')
    expect(content.failures).toEqual([])
    expect(content.entries).toHaveLength(104)
    expect(glossaryTermsFromEntries(content.entries)).toHaveLength(95)
  })

  it.each([
    ['not JSON', '{"termId": 1,', 'line', 'not JSON'],
    ['an unknown audience', JSON.stringify(entry({ audience: 'Nurse' })), 'audience', 'not one of HealthProfessional, Patient'],
    ['a missing definition text', JSON.stringify(entry({ definition: { html: 'x' } })), 'definition.text', ''],
    ['a bad language', JSON.stringify(entry({ language: 'english' })), 'language', 'BCP 47'],
    ['a bad term id', JSON.stringify(entry({ termId: 'abc' })), 'termId', ''],
    ['a relative audio URL', JSON.stringify(entry({ pronunciation: { audio: '/a.mp3', key: null } })), 'pronunciation.audio', 'absolute URL'],
  ])('reports %s with its line number', (_name, line, field, message) => {
    const content = parseGlossaryLines(`${JSON.stringify(entry())}\n\n${line}\n`, 'g.jsonl')
    expect(content.entries).toHaveLength(1)
    expect(content.failures).toEqual([{ errors: expect.arrayContaining([{ field, message: expect.stringContaining(message) }]), file: 'g.jsonl:3' }])
  })
})

describe('glossary terms from entries', () => {
  const spanish = entry({
    language: 'es',
    otherLanguages: [{ language: 'en', prettyUrlName: 'abarelix', termName: 'abarelix' }],
    termName: 'abarelix (es)',
  })
  const professional = entry({
    audience: 'HealthProfessional',
    definition: { html: null, text: 'Genetics definition.' },
    dictionary: 'Genetics',
    media: [{ Type: 'Image', Ref: 'CDR1' }],
    relatedResources: [{ Text: 'Breast Cancer', Type: 'External', Url: 'https://www.cancer.gov/types/breast' }],
  })

  it('groups by term id with one definition per language, audience and dictionary', () => {
    const { entries } = parseGlossaryLines(lines(spanish, entry(), professional), 'g')
    const [term] = glossaryTermsFromEntries(entries)
    expect(term).toMatchObject({ language: 'en', nciId: '367424', needsDefinition: false, term: 'abarelix' })
    expect(term?.definitions.map((definition) => [definition.language, definition.audience, definition.dictionary])).toEqual([
      ['en', 'clinician', 'Genetics'],
      ['en', 'patient', 'Cancer.gov'],
      ['es', 'patient', 'Cancer.gov'],
    ])
    expect(term?.definitions[1]).toEqual({
      audience: 'patient',
      dictionary: 'Cancer.gov',
      html: 'A drug <b>used</b> to treat cancer.',
      language: 'en',
      prettyUrlName: 'abarelix',
      pronunciation: { audio: 'https://nci-media.cancer.gov/pdq/media/audio/711583.mp3', key: '(uh-BAYR-eh-lix)' },
      termName: 'abarelix',
      text: 'A drug used to treat cancer.',
    })
    expect(term?.otherLanguages).toEqual([{ language: 'es', prettyUrlName: 'abarelix', termName: 'abarelix' }])
    expect(term?.media).toEqual([{ audience: 'clinician', dictionary: 'Genetics', items: [{ Ref: 'CDR1', Type: 'Image' }], language: 'en' }])
    expect(term?.relatedResources).toHaveLength(1)
  })

  it('lets a later line replace an earlier one of the same key', () => {
    const { entries } = parseGlossaryLines(lines(entry(), entry({ definition: { html: null, text: 'Newer.' } })), 'g')
    expect(glossaryTermsFromEntries(entries)[0]?.definitions.map((definition) => definition.text)).toEqual(['Newer.'])
  })

  it('names a term by its Spanish entry when there is no English one', () => {
    const { entries } = parseGlossaryLines(lines(spanish), 'g')
    expect(glossaryTermsFromEntries(entries)[0]).toMatchObject({ language: 'es', term: 'abarelix (es)' })
  })
})

describe('merging into a stored term', () => {
  const incoming = glossaryTermsFromEntries(parseGlossaryLines(lines(entry()), 'g').entries)[0]
  if (!incoming) throw new Error('no term')

  it('is unchanged when the stored term has the same data (ids and key order aside)', () => {
    const stored: StoredGlossaryTerm = {
      ...incoming,
      definitions: incoming.definitions.map((definition, index) => ({ id: `d${index}`, ...definition })),
      otherLanguages: incoming.otherLanguages.map((item) => ({ ...item, id: 'o1' })),
    }
    expect(sameGlossaryTerm(stored, mergeGlossaryTerm(stored, incoming))).toBe(true)
  })

  it('is unchanged when the data differs only in what a write trims, and changed when a word differs', () => {
    const spaced = { ...incoming, definitions: incoming.definitions.map((definition) => ({ ...definition, text: `${definition.text}   ` })) }
    const stored: StoredGlossaryTerm = { ...incoming }
    expect(sameGlossaryTerm(stored, spaced)).toBe(true)
    const reworded = { ...incoming, definitions: incoming.definitions.map((definition) => ({ ...definition, text: `${definition.text} more` })) }
    expect(sameGlossaryTerm(stored, reworded)).toBe(false)
  })

  it('keeps an editor’s own definition and fills a stub created from a link', () => {
    const stub = glossaryStub('367424', 'Abarelix', 'en')
    const stored: StoredGlossaryTerm = {
      ...stub,
      definitions: [{ audience: 'caregiver', dictionary: 'Local', language: 'en', text: 'Our own words.' }],
    }
    const merged = mergeGlossaryTerm(stored, incoming)
    expect(merged.needsDefinition).toBe(false)
    expect(merged.term).toBe('abarelix')
    expect(merged.definitions.map((definition) => definition.audience)).toEqual(['caregiver', 'patient'])
    expect(sameGlossaryTerm(stored, merged)).toBe(false)
  })

  it('makes a stub from link text, needing a definition', () => {
    expect(glossaryStub('44817', ' Bisphosphonates ', 'en')).toMatchObject({
      definitions: [],
      needsDefinition: true,
      nciId: '44817',
      term: 'Bisphosphonates',
    })
    expect(glossaryStub('1', '', 'en').term).toBe('NCI term 1')
  })
})
