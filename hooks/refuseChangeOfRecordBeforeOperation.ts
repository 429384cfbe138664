import { type CollectionBeforeOperationHook, Forbidden } from 'payload'

/**
 * Keeps an append-only record append-only: updates and deletes are refused for everyone,
 * server code with `overrideAccess` included.
 */
export const refuseChangeOfRecordBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'update' || operation === 'updateByID' || operation === 'delete' || operation === 'deleteByID') {
    throw new Forbidden(req.t)
  }
  return args
}
