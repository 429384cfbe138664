import { APIError, type CollectionAfterOperationHook } from 'payload'

import { LOCK_CONTENDED } from '../records/articleLock.js'

/**
 * A bulk write reports each document's error and goes on with the others; but once PostgreSQL
 * has aborted the transaction on a deadlock over an article lock, none of them will commit. The
 * whole operation then answers 409 (and rolls back) instead of listing documents as saved.
 */
export const refuseContendedOperationAfterOperation: CollectionAfterOperationHook = ({ req, result }) => {
  if (req.context[LOCK_CONTENDED] === true) {
    throw new APIError('Another change to these articles was under way: nothing was saved. Try again.', 409, null, true)
  }
  return result
}
