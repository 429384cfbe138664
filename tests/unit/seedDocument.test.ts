import { contentHash, decodeText, readArticleDocument, splitFrontMatter } from '../../seed/document.js'
import { bytes, DOCUMENT, errorsOf, FIELDS, FRONT_MATTER, TODAY } from '../helpers/articleDocument.js'

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
