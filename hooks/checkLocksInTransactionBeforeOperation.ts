import { type CollectionBeforeOperationHook, Locked, type Where } from 'payload'

import { idOf } from '../rules/ids.js'

/** Payload's default lock duration, in seconds (`lockDocuments.duration`). */
const DEFAULT_LOCK_SECONDS = 300

/**
 * Payload's document-lock check (a document another user has open in the admin cannot be
 * updated or deleted) queries the locks without the request, so outside its transaction: with
 * a pool of 2, one connection held by the adapter and one by the transaction, that query waits
 * for ever and the save never answers. This hook makes the same check inside the request's
 * transaction, then tells Payload the lock is checked (`overrideLock`); Payload still clears
 * the caller's own lock, with the request. Single and bulk updates and deletes.
 * @throws Locked (423) when another user's lock on a document written has not expired.
 */
export const checkLocksInTransactionBeforeOperation: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'update' && operation !== 'delete') return args
  if (!('overrideLock' in args) || args.overrideLock !== false || collection.lockDocuments === false) return args
  const id = 'id' in args ? idOf(args.id) : null
  const where = 'where' in args ? (args.where as undefined | Where) : undefined
  const duration = typeof collection.lockDocuments === 'object' ? collection.lockDocuments.duration : DEFAULT_LOCK_SECONDS
  const { docs: locks } = await req.payload.find({
    collection: 'payload-locked-documents',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: {
      and: [
        { 'document.relationTo': { equals: collection.slug } },
        ...(id === null ? [] : [{ 'document.value': { equals: id } }]),
        { updatedAt: { greater_than: new Date(Date.now() - duration * 1000).toISOString() } },
      ],
    },
  })
  const held = locks
    .filter((lock) => idOf(lock.user?.value) !== (req.user?.id ?? null))
    .map((lock) => idOf(lock.document?.value))
    .filter((lockedId): lockedId is number | string => lockedId !== null)
  if (held.length > 0) {
    const touched =
      id !== null
        ? held
        : (
            await req.payload.find({
              collection: collection.slug,
              depth: 0,
              limit: 1,
              overrideAccess: true,
              pagination: false,
              req,
              select: {},
              where: { and: [...(where ? [where] : []), { id: { in: held } }] },
            })
          ).docs.map((doc) => doc.id)
    if (touched.length > 0) {
      throw new Locked(`Document with ID ${touched[0]} is currently locked by another user and cannot be ${operation === 'delete' ? 'deleted' : 'updated'}.`)
    }
  }
  return { ...args, overrideLock: true }
}
