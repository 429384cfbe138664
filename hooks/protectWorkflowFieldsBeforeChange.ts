import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import type { SanitizedOptions } from '../rules/options.js'
import { governedWriter } from './context.js'

/**
 * Only the workflow and the importer move an article's status. Any other write keeps the
 * working copy's status (server code that tries gets a field error naming the workflow API),
 * and a content change by a user is recorded as `lastEditedBy` for the four-eyes rule.
 */
export const protectWorkflowFieldsBeforeChange =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  ({ collection, data, operation, originalDoc, req }) => {
    if (governedWriter(req.context)) return data
    const currentStatus: unknown = operation === 'create' ? 'draft' : (originalDoc?.status ?? 'draft')
    if (data.status !== undefined && data.status !== currentStatus) {
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
