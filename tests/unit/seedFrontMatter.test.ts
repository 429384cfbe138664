import { articleFrontMatterSchema, validateFrontMatter } from '../../seed/frontMatter.js'
import { errorsOf, fields, FIELDS, TODAY } from '../helpers/articleDocument.js'

describe('the front-matter schema', () => {
  it('accepts the reference document', () => {
    const result = validateFrontMatter(FIELDS, TODAY)
    expect(result).toEqual({ ok: true, value: { ...FIELDS, lastReviewed: '2025-12-30' } })
  })

  it.each([
    ['a missing title', { title: undefined }, 'title', 'is required'],
    ['an empty title', { title: '  ' }, 'title', 'must not be empty'],
    ['a numeric title', { title: 12 }, 'title', 'must be text'],
    ['an unknown audience', { audienceLevel: 'nurse' }, 'audienceLevel', 'patient, caregiver, clinician, researcher'],
    ['an unknown status', { status: 'published' }, 'status', 'draft, in_review, active, retired'],
    ['an unknown review frequency', { reviewFrequency: 'weekly' }, 'reviewFrequency', 'monthly, quarterly'],
    ['a relative url', { url: '/types/breast' }, 'url', 'not an absolute URL'],
    ['an http url', { url: 'http://www.cancer.gov/x' }, 'url', 'must use https'],
    ['a bad source type', { sourceType: 'nci core' }, 'sourceType', 'two-digit rank'],
    ['a bad language tag', { language: 'english' }, 'language', 'BCP 47'],
    ['a bad licence', { license: 'public domain!' }, 'license', 'licence identifier'],
    ['an impossible date', { lastReviewed: '2025-02-30' }, 'lastReviewed', 'YYYY-MM-DD'],
    ['a date with a time', { lastReviewed: new Date('2025-12-30T10:30:00Z') }, 'lastReviewed', 'YYYY-MM-DD'],
    ['a future review date', { lastReviewed: '2026-03-01' }, 'lastReviewed', 'in the future'],
    ['an empty list of cancer types', { cancerTypes: [] }, 'cancerTypes', 'at least 1'],
    ['a mapping as tags', { tags: { a: 1 } }, 'tags', 'must be a list'],
    ['a citation of another source', { citation: 'ACS, 2025' }, 'citation', 'the source is "NCI"'],
    ['a citation year after the review', { citation: 'NCI, 2026', lastReviewed: '2025-12-30' }, 'citation', 'after the year of the last review'],
    ['an active article without licence', { license: undefined }, 'license', 'needs a licence'],
    ['an active article without review date', { lastReviewed: undefined }, 'lastReviewed', 'needs a last-reviewed date'],
  ])('reports %s', (_name, change, field, message) => {
    const errors = errorsOf(validateFrontMatter({ ...FIELDS, ...change }, TODAY))
    expect(errors).toEqual(expect.arrayContaining([{ field, message: expect.stringContaining(message) }]))
  })

  it.each([
    ['an unquoted YAML date read as a Date', { lastReviewed: new Date(Date.UTC(2025, 11, 30)) }, { lastReviewed: '2025-12-30' }],
    ['a single cancer type as text', { cancerTypes: 'breast' }, { cancerTypes: ['breast'] }],
    ['a numeric version', { version: 2 }, { version: '2' }],
    ['a draft without citation', { citation: undefined, license: undefined, status: 'draft' }, { status: 'draft' }],
    ['unknown extra fields (ignored)', { description: 'x' }, {}],
  ])('accepts %s', (_name, change, expected) => {
    const result = validateFrontMatter({ ...FIELDS, ...change }, TODAY)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.value).toMatchObject(expected)
  })

  it('reports every problem of a file together, each field once', () => {
    const errors = errorsOf(validateFrontMatter({ ...FIELDS, audienceLevel: 'nurse', citation: 'ACS, 2025', title: undefined, url: 'ftp://x' }, TODAY))
    expect(fields(errors).sort()).toEqual(['audienceLevel', 'citation', 'title', 'url'])
  })

  it('refuses a front matter that is not a mapping', () => {
    expect(errorsOf(validateFrontMatter(['a', 'b'], TODAY))).toEqual([{ field: 'frontMatter', message: expect.stringContaining('mapping') }])
  })

  it('derives its enumerations from the vocabulary', () => {
    expect(articleFrontMatterSchema.shape.status.options).toEqual(['draft', 'in_review', 'active', 'retired'])
  })
})
