import { APIError, type CollectionBeforeChangeHook, ValidationError } from 'payload'

import type { SanitizedOptions } from '../rules/options.js'
import { hasRole } from '../rules/roles.js'
import { governedWriter } from './context.js'

/**
 * Only the workflow and the importer move an article's status. Any other write keeps the
 * working copy's status (server code that tries to write it gets a field error naming the
 * workflow API); nobody but an admin edits a working copy that is in review or retired; and a
 * content change by a user is recorded as `lastEditedBy` for the four-eyes rule.
 */
export const protectWorkflowFieldsBeforeChange =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    if (governedWriter(req.context)) return data
    // The working copy is the latest version, drafts included: the row Payload hands a hook may
    // be the published one (the main table), which keeps its status while an update is in review.
    const working =
      operation === 'update' && originalDoc?.id !== undefined
        ? await req.payload.findByID({
            collection: collection.slug,
            depth: 0,
            disableErrors: true,
            draft: true,
            id: originalDoc.id,
            overrideAccess: true,
            req,
            select: { status: true },
          })
        : null
    const currentStatus: unknown =
      operation === 'create' ? 'draft' : ((working && 'status' in working ? working.status : undefined) ?? originalDoc?.status ?? 'draft')
    if (req.user && !hasRole(req.user, 'admin') && (currentStatus === 'in_review' || currentStatus === 'retired')) {
      throw new APIError(
        currentStatus === 'in_review'
          ? 'This article is in review: it cannot be edited until a reviewer approves it or requests changes.'
          : 'This article is retired: it cannot be edited.',
        409,
        null,
        true,
      )
    }
    // A status that differs from both the working copy and the stored row was written on purpose.
    if (data.status !== undefined && data.status !== currentStatus && data.status !== originalDoc?.status) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [
          {
            message: `Status changes only through the workflow (POST /api/${options.collections.articles}/:id/workflow), not by writing the field.`,
            path: 'status',
          },
        ],
        req,
      })
    }
    return { ...data, lastEditedBy: req.user ? req.user.id : (data.lastEditedBy ?? null), status: currentStatus }
  }
