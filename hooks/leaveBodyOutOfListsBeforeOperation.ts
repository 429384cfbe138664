import type { CollectionBeforeOperationHook } from 'payload'

/**
 * REST lists carry what a list needs: without a `select` of their own, list requests leave out
 * the body (Lexical JSON and plain text, up to megabytes per article), what only a page shows
 * (the glossary terms, a PDQ summary links hundreds; the evidence; the review history) and the
 * computed citation outputs (`citationText`, `citationCsl`, `jsonLd`: built per article, more than
 * half of a lean list's bytes; the page and a single read carry them, a `select` asks for them).
 * Single reads, the Local API and GraphQL (which selects what the query asks for) are unchanged.
 */
export const leaveBodyOutOfListsBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI !== 'REST' || 'id' in args) return args
  if ('select' in args && args.select) return args
  // A copy per request: whatever later reads the select (a hook, Payload, an upgrade of it) may change it.
  return { ...args, select: { ...LEFT_OUT_OF_LISTS } }
}

/** What a REST list without a `select` leaves out (a select in Payload's exclude mode). */
export const LEFT_OUT_OF_LISTS = {
  body: false,
  bodyText: false,
  citationCsl: false,
  citationText: false,
  evidence: false,
  glossaryTerms: false,
  jsonLd: false,
  reviewHistory: false,
} as const
