import { contentHash, decodeText, readArticleDocument, splitFrontMatter } from '../../seed/document.js'
import { articleFrontMatterSchema, validateFrontMatter } from '../../seed/frontMatter.js'
import type { FieldError } from '../../seed/problems.js'

const TODAY = '2026-01-15'

const FIELDS: Record<string, unknown> = {
  audienceLevel: 'patient',
  cancerTypes: ['breast'],
  citation: 'NCI, 2025',
  language: 'en',
  lastReviewed: '2025-12-30',
  license: 'public_domain',
  reviewFrequency: 'quarterly',
  source: 'NCI',
  sourceType: '02_nci_core',
  status: 'active',
  tags: ['cancer-type'],
  title: 'Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI',
  url: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
  version: 'v1',
}

const FRONT_MATTER = `---
audienceLevel: patient
cancerTypes:
- breast
citation: NCI, 2025
language: en
lastReviewed: '2025-12-30'
license: public_domain
reviewFrequency: quarterly
source: NCI
sourceType: 02_nci_core
status: active
tags:
- cancer-type
title: Adjuvant Bisphosphonates for Postmenopausal Breast Cancer - NCI
url: https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis
version: v1
---
`
const DOCUMENT = `${FRONT_MATTER}
# Heading

Body text.
`

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const fields = (errors: FieldError[]): string[] => errors.map((error) => error.field)
const errorsOf = (result: { errors: FieldError[]; ok: false } | { ok: true }): FieldError[] => (result.ok ? [] : result.errors)

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

describe('reading a document', () => {
  it('splits front matter and body', () => {
    const result = readArticleDocument(bytes(DOCUMENT), TODAY)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect(result.value.frontMatter.url).toBe(FIELDS.url)
      expect(result.value.body.trim()).toBe('# Heading\n\nBody text.')
    }
  })

  it.each([
    ['an empty file', '', 'file', 'the file is empty'],
    ['a file of blank lines', '\n \n\t\n', 'file', 'the file is empty'],
    ['no front matter', '# Heading\n\nText\n', 'frontMatter', 'missing'],
    ['an unclosed front matter', '---\ntitle: x\n\n# Heading\n', 'frontMatter', 'not closed'],
    ['an empty front matter', '---\n---\n\nText\n', 'frontMatter', 'no fields'],
    ['broken YAML', '---\ntitle: x: y\n---\n\nText\n', 'frontMatter', 'broken YAML at line 2'],
    ['a duplicated key', `${FRONT_MATTER.replace('version: v1\n', 'version: v1\nversion: v2\n')}\nText\n`, 'frontMatter', 'unique'],
    ['a list instead of a mapping', '---\n- a\n- b\n---\n\nText\n', 'frontMatter', 'mapping'],
    ['no body', FRONT_MATTER, 'body', 'is empty'],
  ])('reports %s', (_name, text, field, message) => {
    expect(errorsOf(readArticleDocument(bytes(text), TODAY))).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(message) }]),
    )
  })

  it('still checks the rest of a file with a byte-order mark', () => {
    const text = `\uFEFF${DOCUMENT.replace('audienceLevel: patient', 'audienceLevel: nurse')}`
    expect(errorsOf(readArticleDocument(bytes(text), TODAY))).toEqual([{ field: 'audienceLevel', message: expect.stringContaining('not one of') }])
  })

  it.each([
    ['a byte-order mark', `\uFEFF${DOCUMENT}`, ['byte-order mark']],
    ['Windows line endings', DOCUMENT.replace(/\n/g, '\r\n'), ['CRLF']],
    ['old Mac line endings', DOCUMENT.replace(/\n/g, '\r'), ['CR']],
    ['a byte-order mark and Windows line endings', `\uFEFF${DOCUMENT.replace(/\n/g, '\r\n')}`, ['byte-order mark', 'CRLF']],
  ])('normalises %s, notes it, and reads the same document as the clean file', (_name, text, notes) => {
    const clean = readArticleDocument(bytes(DOCUMENT), TODAY)
    const read = readArticleDocument(bytes(text), TODAY)
    if (!read.ok || !clean.ok) throw new Error(`not read: ${JSON.stringify(read)}`)
    expect(read.value.notes).toEqual(notes.map((message) => ({ field: 'file', message: expect.stringContaining(message) })))
    expect(read.value.body).not.toMatch(/[\r\uFEFF]/)
    // Same body, same fields, same content hash: saving a file again in another editor changes nothing.
    expect({ ...read.value, notes: [] }).toEqual(clean.value)
    expect(clean.value.notes).toEqual([])
  })

  it.each([
    ['NUL bytes', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]), 'binary'],
    ['invalid UTF-8', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28, 0xff]), 'not valid UTF-8'],
    ['UTF-16', Uint8Array.from([0xff, 0xfe, 0x2d, 0x00, 0x2d, 0x00]), 'UTF-16'],
  ])('refuses a non-text file (%s)', (_name, content, message) => {
    expect(decodeText(content)).toEqual({ errors: [{ field: 'file', message: expect.stringContaining(message) }], notes: [], text: null })
    expect(errorsOf(readArticleDocument(content, TODAY))).toHaveLength(1)
  })

  it('accepts a closing "..." line and trailing spaces on fences', () => {
    expect(splitFrontMatter('--- \ntitle: x\n...\nbody').ok).toBe(true)
  })

  it('hashes content with the importer revision', () => {
    expect(contentHash(bytes(DOCUMENT))).toBe(contentHash(bytes(DOCUMENT)))
    expect(contentHash(bytes(DOCUMENT))).not.toBe(contentHash(bytes(`${DOCUMENT} `)))
    expect(contentHash(bytes(DOCUMENT))).toMatch(/^[0-9a-f]{64}$/)
  })
})
