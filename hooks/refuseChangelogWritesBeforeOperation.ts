import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { changesWriteProblem } from '../rules/changelog.js'
import type { Article } from '../payload-types.js'
import { idOf } from '../rules/ids.js'
import { readWorkingCopy } from '../src/records/articleLock.js'
import { governedWriter } from '../rules/governedWrite.js'

/**
 * The changelog (`changes`) is written only by approval and the importer: a client write that
 * would change it (REST, GraphQL, bulk, Local API with a user) is refused with a field error
 * instead of being dropped in silence. The admin form sends the field back unchanged, which
 * passes (rules/changelog.ts, `changesWriteProblem`).
 */
export const refuseChangelogWritesBeforeOperation: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'create' && operation !== 'update') return args
  if (governedWriter(req.context)) return args
  const data = 'data' in args && args.data && typeof args.data === 'object' ? (args.data as Record<string, unknown>) : null
  if (!data || data.changes === undefined) return args
  const id = 'id' in args ? idOf(args.id) : null
  // The working copy is read whole (a version row); its type names only what the lock needs.
  const working = operation === 'update' && id !== null ? ((await readWorkingCopy(req, collection.slug, id)) as null | Pick<Article, 'changes'>) : null
  const stored = working?.changes ?? []
  const problem = changesWriteProblem(data.changes, stored)
  if (problem) throw new ValidationError({ collection: collection.slug, errors: [{ message: problem, path: 'changes' }], req })
  // Unchanged: nothing to write (the field is the workflow's).
  const { changes: _unchanged, ...rest } = data
  return { ...args, data: rest }
}
