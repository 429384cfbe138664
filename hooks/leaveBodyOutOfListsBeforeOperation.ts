import type { CollectionBeforeOperationHook } from 'payload'

/**
 * REST lists carry what a list needs: without a `select` of their own, list requests leave the
 * body (Lexical JSON and plain text, up to megabytes per article) out. Single reads, the
 * Local API and GraphQL (which selects what the query asks for) are unchanged.
 */
export const leaveBodyOutOfListsBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI !== 'REST' || 'id' in args) return args
  if ('select' in args && args.select) return args
  return { ...args, select: { body: false, bodyText: false } }
}
