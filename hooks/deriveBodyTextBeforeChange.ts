import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import type { CollectionBeforeChangeHook } from 'payload'

type EditorState = Parameters<typeof convertLexicalToPlaintext>[0]['data']

const isEditorState = (value: unknown): value is EditorState =>
  typeof value === 'object' && value !== null && 'root' in value && typeof value.root === 'object'

/**
 * Keeps `bodyText`, the article body as plain text, in step with the Lexical body (Payload's own
 * converter): what full-text search indexes, search snippets quote and chat assistants read.
 */
export const deriveBodyTextBeforeChange: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const body: unknown = data.body === undefined ? originalDoc?.body : data.body
  return { ...data, bodyText: isEditorState(body) ? convertLexicalToPlaintext({ data: body }).trim() : null }
}
