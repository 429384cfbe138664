import { ARTICLE_WRITE_RULES, checkWrite, GLOSSARY_TERM_WRITE_RULES, SOURCE_WRITE_RULES, type WriteRules } from '../../rules/writeRules.js'

const problemPaths = (rules: WriteRules, data: unknown, operation: 'create' | 'update' = 'update'): string[] => {
  const result = checkWrite(rules, data, operation)
  return result.ok ? [] : result.problems.map((problem) => problem.path)
}

const A = ARTICLE_WRITE_RULES
const S = SOURCE_WRITE_RULES
const G = GLOSSARY_TERM_WRITE_RULES

describe('checkWrite refuses each bad value by its field path', () => {
  it.each<[string, WriteRules, Record<string, unknown>, string]>([
    ['a numeric title', A, { title: 12345 }, 'title'],
    ['a 20 MB title', A, { title: 'x'.repeat(20_000_000) }, 'title'],
    ['an empty title', A, { title: '   ' }, 'title'],
    ['a null title', A, { title: null }, 'title'],
    ['a javascript: url', A, { url: 'javascript:alert(1)' }, 'url'],
    ['an http url', A, { url: 'http://www.cancer.gov/x' }, 'url'],
    ['a relative url', A, { url: '/types/breast' }, 'url'],
    ['a url of 3000 characters', A, { url: `https://www.cancer.gov/${'a'.repeat(3000)}` }, 'url'],
    ['a language that is no tag', A, { language: 'not a tag!!' }, 'language'],
    ['a numeric language', A, { language: 7 }, 'language'],
    ['an unknown audience', A, { audienceLevel: 'everyone' }, 'audienceLevel'],
    ['an unknown review frequency', A, { reviewFrequency: 'weekly' }, 'reviewFrequency'],
    ['cancer types as a mapping', A, { cancerTypes: { a: 1 } }, 'cancerTypes'],
    ['cancer types holding a number', A, { cancerTypes: ['breast', 2] }, 'cancerTypes.1'],
    ['100,000 cancer types', A, { cancerTypes: Array.from({ length: 100_000 }, (_, i) => `t${i}`) }, 'cancerTypes'],
    ['tags as a number', A, { tags: 5 }, 'tags'],
    ['a bad licence', A, { license: 'public domain!' }, 'license'],
    ['a bad source type', A, { sourceType: 'nci' }, 'sourceType'],
    ['a citation as a list', A, { citation: ['NCI', 2025] }, 'citation'],
    ['a version as a mapping', A, { version: { v: 1 } }, 'version'],
    ['a source as a word', A, { source: 'NCI' }, 'source'],
    ['a negative source id', A, { source: -4 }, 'source'],
    ['a source id beyond bigint', A, { source: '99999999999999999999999' }, 'source'],
    ['glossary terms as a string', A, { glossaryTerms: 'all' }, 'glossaryTerms'],
    ['glossary terms holding a mapping', A, { glossaryTerms: [1, { x: 1 }] }, 'glossaryTerms.1'],
    ['evidence of an unknown kind', A, { evidence: [{ kind: 'blog', url: 'https://example.org' }] }, 'evidence.0.kind'],
    ['evidence with a javascript: url', A, { evidence: [{ kind: 'other', url: 'javascript:x' }] }, 'evidence.0.url'],
    ['evidence as a string', A, { evidence: 'many' }, 'evidence'],
    ['evidence as a row count other than 0', A, { evidence: 3 }, 'evidence'],
    ['a tier rank of "abc"', S, { tierRank: 'abc' }, 'tierRank'],
    ['a tier rank of 100', S, { tierRank: 100 }, 'tierRank'],
    ['a fractional tier rank', S, { tierRank: 1.5 }, 'tierRank'],
    ['a tier key with spaces', S, { tierKey: 'nci core' }, 'tierKey'],
    ['a source home page of ftp', S, { homeUrl: 'ftp://nci.gov' }, 'homeUrl'],
    ['a numeric source label', S, { label: 42 }, 'label'],
    ['an empty source label', S, { label: '' }, 'label'],
    ['a bad default licence', S, { defaultLicense: 'a b' }, 'defaultLicense'],
    ['an NCI id of letters', G, { nciId: 'abc' }, 'nciId'],
    ['a term as a number', G, { term: 3 }, 'term'],
    ['a glossary language of nonsense', G, { language: '12' }, 'language'],
    ['a definition without text', G, { definitions: [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en' }] }, 'definitions.0.text'],
    ['a definition of an unknown audience', G, { definitions: [{ audience: 'x', dictionary: 'Cancer.gov', language: 'en', text: 't' }] }, 'definitions.0.audience'],
    ['aliases as a mapping', G, { aliases: { a: 1 } }, 'aliases'],
    ['needsDefinition as text', G, { needsDefinition: 'yes' }, 'needsDefinition'],
    ['media of 300 KB', G, { media: ['x'.repeat(300_000)] }, 'media'],
  ])('%s', (_name, rules, data, path) => {
    expect(problemPaths(rules, data)).toEqual([path])
  })
})

describe('checkWrite accepts good values', () => {
  it.each<[string, WriteRules, Record<string, unknown>]>([
    ['a whole article', A, {
      audienceLevel: 'patient',
      cancerTypes: ['breast'],
      citation: 'NCI, 2025',
      evidence: [{ identifier: '123', kind: 'pubmed', label: ' ', url: 'https://pubmed.ncbi.nlm.nih.gov/123/' }],
      glossaryTerms: [1, '2'],
      language: 'es-419',
      license: 'public_domain',
      reviewFrequency: 'annual',
      source: 3,
      sourceType: '02_nci_core',
      tags: [],
      title: 'A title',
      url: 'https://www.cancer.gov/x',
      version: 'v1',
    }],
    ['arrays without rows as the admin form sends them (0)', A, { evidence: 0 }],
    ['glossary arrays without rows as the admin form sends them (0)', G, { definitions: 0, otherLanguages: 0 }],
    ['optional fields emptied', A, { cancerTypes: [], citation: null, license: '', source: null, sourceType: null, tags: null, version: '' }],
    ['fields it has no rule for', A, { bodyText: 'x', citationText: 'y', reviewHistory: { docs: [] }, status: 'draft', unknown: 1 }],
    ['a source', S, { defaultLicense: 'public_domain', homeUrl: 'https://www.cancer.gov', label: 'NCI', name: 'National Cancer Institute', tierKey: 'nci_core', tierRank: 2 }],
    ['a source without a tier', S, { tierKey: null, tierRank: null }],
    ['a glossary term', G, {
      aliases: ['zoledronate'],
      definitions: [{ audience: 'clinician', dictionary: 'Cancer.gov', language: 'en', pronunciation: { audio: null, key: '(x)' }, text: 'A drug.' }],
      language: 'en',
      nciId: '44817',
      needsDefinition: false,
      otherLanguages: [{ language: 'es', termName: 'bisfosfonato' }],
      term: 'bisphosphonate',
    }],
  ])('%s', (_name, rules, data) => {
    expect(problemPaths(rules, data)).toEqual([])
  })
})

describe('checkWrite', () => {
  it('names every required field a create leaves out', () => {
    expect(problemPaths(A, {}, 'create')).toEqual(['title', 'url'])
    expect(problemPaths(S, {}, 'create')).toEqual(['label'])
    expect(problemPaths(G, {}, 'create').sort()).toEqual(['nciId', 'term'])
  })

  it('lets an update send only some fields', () => {
    expect(problemPaths(A, { title: 'New title' })).toEqual([])
  })

  it('drops system fields a client sends', () => {
    const result = checkWrite(A, { createdAt: '2000-01-01', id: 99, title: 'T', updatedAt: '2000-01-01' }, 'update')
    expect(result).toEqual({ data: { title: 'T' }, ok: true })
  })

  it('normalises values as the importer does: trimmed text, a single type as a list, ids as numbers', () => {
    const result = checkWrite(A, { cancerTypes: 'breast', glossaryTerms: ['7'], source: '3', title: '  T  ', version: 2 }, 'update')
    expect(result).toEqual({ data: { cancerTypes: ['breast'], glossaryTerms: [7], source: 3, title: 'T', version: '2' }, ok: true })
  })

  it.each([['a string', 'hello'], ['null', null], ['a list', [1, 2]]])('refuses a body that is %s', (_name, data) => {
    expect(problemPaths(A, data)).toEqual(['data'])
  })

  it('reports every bad field of one write, each once', () => {
    expect(problemPaths(A, { language: '!!', title: 1, url: 'javascript:x' }).sort()).toEqual(['language', 'title', 'url'])
  })
})
