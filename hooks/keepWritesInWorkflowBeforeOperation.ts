import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../rules/roles.js'
import { governedWriter } from './context.js'

/**
 * Keeps every ordinary write inside the workflow. Creates, updates (single and bulk),
 * duplicates and version restores are saved as drafts of the working copy, so that nothing
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
  const data = 'data' in args && args.data && typeof args.data === 'object' ? { ...args.data, _status: 'draft' } : undefined
  return data ? { ...args, data, draft: true } : { ...args, draft: true }
}
