import type { Payload } from 'payload'

import { DEFAULT_OPTIONS } from '../../rules/options.js'
import { createGlossaryTermsInBulk, judgeNewGlossaryTerm } from '../../seed/bulkGlossary.js'
import { glossaryStub } from '../../seed/glossary.js'

const stub = (nciId: string, text: string) => {
  const { definitions, language, media, needsDefinition, otherLanguages, relatedResources, term } = glossaryStub(nciId, text, 'en')
  return { definitions, language, media, nciId, needsDefinition, otherLanguages, relatedResources, term }
}

describe('judgeNewGlossaryTerm', () => {
  it.each([
    [
      'a stub from an article link',
      stub('991234', '  BRCA1 Gene '),
      { columns: { language: 'en', media: [], nci_id: '991234', needs_definition: true, related_resources: [], term: 'BRCA1 Gene' }, nciId: '991234', texts: [{ path: 'lookupKeys', text: 'brca1 gene' }] },
    ],
    [
      'the fields defaults and aliases, each a lookup key too',
      { aliases: ['Túmor'], nciId: '45', term: 'Tumor' },
      {
        columns: { language: 'en', media: null, nci_id: '45', needs_definition: false, related_resources: null, term: 'Tumor' },
        nciId: '45',
        texts: [
          { path: 'aliases', text: 'Túmor' },
          { path: 'lookupKeys', text: 'tumor' },
        ],
      },
    ],
  ])('approves %s with the rows Payload create would store', (_name, data, term) => {
    expect(judgeNewGlossaryTerm(data)).toEqual({ ok: true, term })
  })

  it.each([
    ['no NCI id', { term: 'Tumor' }, 'nciId'],
    ['an NCI id that is not digits', { nciId: 'x1', term: 'Tumor' }, 'nciId'],
    ['no term', { nciId: '1' }, 'term'],
    ['a language that is no BCP 47 tag', { language: 'english please', nciId: '1', term: 'Tumor' }, 'language'],
    ['definitions (array rows: written through Payload)', { ...stub('1', 'x'), definitions: [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en', text: 'A lump.' }] }, 'definitions'],
    ['other-language rows', { ...stub('1', 'x'), otherLanguages: [{ language: 'es', termName: 'tumor' }] }, 'otherLanguages'],
  ])('leaves a term with %s to Payload create', (_name, data, path) => {
    const decision = judgeNewGlossaryTerm(data)
    expect(decision.ok).toBe(false)
    expect(decision.ok ? [] : decision.problems.map((problem) => problem.path)).toContain(path)
  })
})

describe('createGlossaryTermsInBulk', () => {
  // Only what the function reads before writing: an active webhook's subscription.
  const payloadWithWebhooks = (events: string[]): Payload =>
    ({
      db: {
        drizzle: {
          transaction: () => {
            throw new Error('must not write')
          },
        },
      },
      find: async () => ({ docs: [{ active: true, events, id: 1 }] }),
    }) as unknown as Payload

  it('writes nothing and answers null when a webhook announces glossary changes: Payload create queues its deliveries', async () => {
    await expect(createGlossaryTermsInBulk(payloadWithWebhooks(['glossary.changed']), DEFAULT_OPTIONS, [stub('1', 'Tumor')])).resolves.toBeNull()
  })

  it('writes nothing and answers null when a term is refused', async () => {
    await expect(createGlossaryTermsInBulk(payloadWithWebhooks([]), DEFAULT_OPTIONS, [{ nciId: 'bad', term: 'Tumor' }])).resolves.toBeNull()
  })
})
