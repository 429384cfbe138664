import { type CompletenessInput, completenessProblems } from '../../rules/completeness.js'
import { lexicalBody } from '../helpers/fixtures.js'

const COMPLETE: CompletenessInput = {
  audienceLevel: 'patient',
  body: lexicalBody('Text.'),
  cancerTypes: ['breast'],
  citation: 'NCI, 2025',
  language: 'en',
  lastReviewed: '2025-12-30',
  license: 'public_domain',
  reviewFrequency: 'quarterly',
  title: 'A title',
  url: 'https://www.cancer.gov/x',
}
const NCI = { label: 'NCI' }

describe('completenessProblems', () => {
  it('finds nothing missing in a complete article', () => {
    expect(completenessProblems(COMPLETE, NCI)).toEqual([])
  })

  it.each<[string, Partial<CompletenessInput>, { label: string } | null, string[]]>([
    ['no title', { title: '' }, NCI, ['title']],
    ['a numeric title', { title: 12345 }, NCI, ['title']],
    ['no url', { url: null }, NCI, ['url']],
    ['a javascript: url', { url: 'javascript:alert(1)' }, NCI, ['url']],
    ['an http url', { url: 'http://www.cancer.gov/x' }, NCI, ['url']],
    ['no audience', { audienceLevel: null }, NCI, ['audienceLevel']],
    ['an unknown audience', { audienceLevel: 'all' }, NCI, ['audienceLevel']],
    ['a bad language', { language: 'not a tag!!' }, NCI, ['language']],
    ['no review frequency', { reviewFrequency: undefined }, NCI, ['reviewFrequency']],
    ['no cancer type', { cancerTypes: [] }, NCI, ['cancerTypes']],
    ['cancer types as a mapping', { cancerTypes: { a: 1 } }, NCI, ['cancerTypes']],
    ['no body', { body: null }, NCI, ['body']],
    ['a body of a string', { body: 'plain text' }, NCI, ['body']],
    ['a body without children', { body: { root: { type: 'root' } } }, NCI, ['body']],
    ['a body of empty paragraphs', { body: lexicalBody('') }, NCI, ['body']],
    ['no source', {}, null, ['source']],
    ['no licence', { license: null }, NCI, ['license']],
    ['no citation', { citation: '' }, NCI, ['citation']],
    ['a citation of another source', { citation: 'WHO, 2025' }, NCI, ['citation']],
    ['a citation after the review year', { citation: 'NCI, 2026' }, NCI, ['citation']],
    ['no review date', { lastReviewed: null }, NCI, ['lastReviewed']],
    ['nothing at all', { audienceLevel: null, body: null, cancerTypes: null, citation: null, language: null, license: null, reviewFrequency: null, title: null, url: null }, null,
      ['title', 'url', 'audienceLevel', 'language', 'reviewFrequency', 'cancerTypes', 'body', 'source', 'license', 'citation']],
  ])('%s → %j', (_name, change, source, paths) => {
    expect(completenessProblems({ ...COMPLETE, ...change }, source).map((problem) => problem.path)).toEqual(paths)
  })
})
