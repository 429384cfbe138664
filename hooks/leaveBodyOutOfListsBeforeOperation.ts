import type { CollectionBeforeOperationHook } from 'payload'

/**
 * REST lists carry what a list needs: without a `select` of their own, list requests leave out
 * the body (Lexical JSON and plain text, up to megabytes per article) and what only a page
 * shows: the glossary terms (a PDQ summary links hundreds), the evidence and the review history.
 * Single reads, the Local API and GraphQL (which selects what the query asks for) are unchanged.
 */
export const leaveBodyOutOfListsBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI !== 'REST' || 'id' in args) return args
  if ('select' in args && args.select) return args
  return { ...args, select: { body: false, bodyText: false, evidence: false, glossaryTerms: false, reviewHistory: false } }
}
