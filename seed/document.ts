import { createHash } from 'node:crypto'

import { LineCounter, parseDocument } from 'yaml'

import type { CalendarDate } from '../rules/calendarDate.js'
import { type ArticleFrontMatter, validateFrontMatter } from './frontMatter.js'
import { type Checked, FILE_FIELD, type FieldError } from './problems.js'

/**
 * Reading one input document: bytes → text → front matter + Markdown body, with a clear error
 * for every way a file can be unreadable, and a note for what was normalised. Pure: no file system, no clock (today is an input).
 */

/** Raise this when the conversion changes, so that unchanged files are imported again once. */
export const IMPORTER_REVISION = 'seed-3'

/** A document whose front matter passed validation. */
export interface ArticleDocument {
  /** The Markdown after the front matter. */
  body: string
  frontMatter: ArticleFrontMatter
  /**
   * The content hash of the normalised text (`contentHash`): a file saved again with a
   * byte-order mark or CRLF line endings but the same content is unchanged.
   */
  hash: string
  /** What was normalised to read the file (see `decodeText`). */
  notes: FieldError[]
}

/**
 * The content hash stored on an imported article (`importHash`): the file's bytes and the
 * importer revision. An article whose hash matches its file is skipped.
 */
export const contentHash = (bytes: Uint8Array): string =>
  createHash('sha256').update(IMPORTER_REVISION).update('\0').update(bytes).digest('hex')

const UTF8_BOM = [0xef, 0xbb, 0xbf]
const startsWith = (bytes: Uint8Array, prefix: number[]): boolean => prefix.every((byte, index) => bytes[index] === byte)

/** What `decodeText` gives: the text (null when the file cannot be read as text), refusals and notes. */
export interface DecodedText {
  /** Why the file cannot be imported. */
  errors: FieldError[]
  /** What was normalised (a byte-order mark, Windows line endings): the file still imports. */
  notes: FieldError[]
  text: null | string
}

/**
 * Decodes a file as UTF-8 text. Refused: empty, UTF-16, binary (NUL bytes or invalid UTF-8).
 * What editors' tools write is accepted and normalised, with a note: a UTF-8 byte-order mark is
 * dropped, Windows (CRLF) and old Mac (CR) line endings become LF.
 */
export const decodeText = (bytes: Uint8Array): DecodedText => {
  if (bytes.length === 0 || bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
    return { errors: [{ field: FILE_FIELD, message: 'the file is empty' }], notes: [], text: null }
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { errors: [{ field: FILE_FIELD, message: 'the file is UTF-16 text: save it as UTF-8' }], notes: [], text: null }
  }
  if (bytes.includes(0)) {
    return { errors: [{ field: FILE_FIELD, message: 'not a text file: it contains NUL bytes (binary data)' }], notes: [], text: null }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return { errors: [{ field: FILE_FIELD, message: 'not a text file: it is not valid UTF-8' }], notes: [], text: null }
  }
  const notes: FieldError[] = []
  if (startsWith(bytes, UTF8_BOM)) {
    notes.push({ field: FILE_FIELD, message: 'a byte-order mark (U+FEFF) at the start was removed' })
    text = text.slice(1)
  }
  if (text.includes('\r')) {
    notes.push({ field: FILE_FIELD, message: 'Windows (CRLF) or old Mac (CR) line endings were read as Unix (LF) line endings' })
    text = text.replace(/\r\n?/g, '\n')
  }
  return { errors: [], notes, text }
}

const FENCE = /^---[ \t]*$/

/**
 * Splits a document into its front matter (the YAML between a first line `---` and the next
 * `---` line) and its body.
 */
export const splitFrontMatter = (text: string): Checked<{ bodyStartLine: number; body: string; yaml: string }> => {
  const lines = text.split('\n')
  if (!FENCE.test(lines[0] ?? '')) {
    return {
      errors: [{ field: 'frontMatter', message: 'missing: the file must begin with a front matter block, a line "---", the YAML fields, and another "---" line' }],
      ok: false,
    }
  }
  const close = lines.findIndex((line, index) => index > 0 && (FENCE.test(line) || /^\.\.\.[ \t]*$/.test(line)))
  if (close < 0) {
    return { errors: [{ field: 'frontMatter', message: 'not closed: no "---" line ends the block opened on line 1' }], ok: false }
  }
  return {
    ok: true,
    value: { body: lines.slice(close + 1).join('\n'), bodyStartLine: close + 2, yaml: lines.slice(1, close).join('\n') },
  }
}

/** Parses front-matter YAML; errors give the line in the file (the block starts on line 2). */
export const parseYaml = (yaml: string): Checked<unknown> => {
  if (!yaml.trim()) return { errors: [{ field: 'frontMatter', message: 'is empty: it has no fields' }], ok: false }
  const lineCounter = new LineCounter()
  const document = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (document.errors.length > 0) {
    return {
      errors: document.errors.map((error) => {
        const { col, line } = lineCounter.linePos(error.pos[0])
        return { field: 'frontMatter', message: `broken YAML at line ${line + 1}, column ${col}: ${error.message.split('\n')[0]}` }
      }),
      ok: false,
    }
  }
  return { ok: true, value: document.toJS({ maxAliasCount: 100 }) }
}

/**
 * Reads an article document from its bytes: text checks, front matter, schema and rules, an
 * empty body. Every problem found is returned together.
 */
export const readArticleDocument = (bytes: Uint8Array, today?: CalendarDate): Checked<ArticleDocument> => {
  const decoded = decodeText(bytes)
  if (decoded.text === null) return { errors: decoded.errors, ok: false }
  const errors: FieldError[] = []
  const split = splitFrontMatter(decoded.text)
  if (!split.ok) return { errors: split.errors, ok: false }
  const yaml = parseYaml(split.value.yaml)
  if (!yaml.ok) return { errors: yaml.errors, ok: false }
  const frontMatter = validateFrontMatter(yaml.value, today)
  if (!frontMatter.ok) errors.push(...frontMatter.errors)
  if (!split.value.body.trim()) errors.push({ field: 'body', message: 'is empty: the document has no Markdown after its front matter' })
  if (errors.length > 0 || !frontMatter.ok) return { errors, ok: false }
  // A clean file is hashed as it is; a normalised one as the clean file it stands for.
  const hash = contentHash(decoded.notes.length > 0 ? new TextEncoder().encode(decoded.text) : bytes)
  return { ok: true, value: { body: split.value.body, frontMatter: frontMatter.value, hash, notes: decoded.notes } }
}
