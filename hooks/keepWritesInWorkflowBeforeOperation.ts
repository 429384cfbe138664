import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../rules/roles.js'
import { governedWriter } from '../rules/governedWrite.js'

/**
 * Keeps every ordinary write inside the workflow. Creates, updates (single and bulk),
 * duplicates and version restores are saved as drafts of the working copy (a restore that
 * asks to publish is refused), so that nothing
 * goes live except by approval (or an import): while an update to an approved article waits,
 * the public keeps reading the approved version. Readers other than staff always read the
 * published version, whatever `draft` they ask for (server code with `overrideAccess` may read
 * drafts).
 */
export const keepWritesInWorkflowBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, overrideAccess, req }) => {
  if (operation === 'read' && !overrideAccess && !isStaff(req.user) && 'draft' in args) {
    return { ...args, draft: false }
  }
  if (operation !== 'create' && operation !== 'update' && operation !== 'restoreVersion') return args
  if (governedWriter(req.context)) return args
  // Payload reads a restore's `draft` before this hook runs, so it cannot be forced: refuse instead.
  if (operation === 'restoreVersion' && !('draft' in args && args.draft)) {
    throw new APIError(
      'A restored version goes live only through review: restore it as a draft (draft=true), then submit it for review.',
      400,
      null,
      true,
    )
  }
  const data = 'data' in args && args.data && typeof args.data === 'object' ? { ...args.data, _status: 'draft' } : undefined
  return data ? { ...args, data, draft: true } : { ...args, draft: true }
}
