import { APIError, type CollectionBeforeChangeHook, NotFound, ValidationError } from 'payload'

import { decideEdit } from '../rules/articleAccess.js'
import type { SanitizedOptions } from '../rules/options.js'
import { roleOf } from '../rules/roles.js'
import { lockArticle, readWorkingCopy, type WorkingCopy } from './articleLock.js'
import { governedWriter } from './context.js'
import { accessRefusalError } from './serialiseArticleWritesBeforeOperation.js'

// The workflow's own fields: an ordinary write carries them over from the working copy.
const WORKFLOW_FIELDS = ['assignee', 'lastReviewed', 'reviewedBy', 'submittedBy'] as const satisfies readonly (keyof WorkingCopy)[]

const sameInstant = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? new Date(a).getTime() === new Date(b).getTime() : a === b

/**
 * Only the workflow and the importer move an article's status or its review fields. Any other
 * write (PATCH, bulk, GraphQL, Local API, version restore) locks the article, judges the user
 * on the working copy as it is under the lock (rules/articleAccess.ts: nobody but an admin edits
 * a working copy that is in review or retired), refuses with 409 a write whose document was read
 * before another writer changed it, keeps the working copy's status, submitter, reviewer and
 * review date (a restore brings back old content, not an old review), refuses server code that
 * writes the status (a field error naming the workflow API), and records a user's content change
 * as `lastEditedBy` for the four-eyes rule.
 */
export const protectWorkflowFieldsBeforeChange =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  async ({ collection, data, operation, originalDoc, req }) => {
    if (governedWriter(req.context)) return data
    const lastEditedBy = req.user ? req.user.id : (data.lastEditedBy ?? null)
    const refuseStatusWrite = (current: unknown) => {
      // A status that differs from both the working copy and the stored row was written on purpose.
      if (data.status !== undefined && data.status !== current && data.status !== originalDoc?.status) {
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
    }
    if (operation === 'create' || originalDoc?.id === undefined) {
      refuseStatusWrite('draft')
      return { ...data, lastEditedBy, status: 'draft' }
    }

    const { id } = originalDoc
    // Bulk updates read their documents before any lock: the lock is taken here, per article.
    if ((await lockArticle(req, collection.slug, id)) === false) throw new NotFound(req.t)
    const working = await readWorkingCopy(req, collection.slug, id)
    if (!working) throw new NotFound(req.t)
    if (!sameInstant(originalDoc.updatedAt, working.updatedAt)) {
      throw new APIError(
        'This article was changed by someone else while your change was under way: nothing was saved. Reload it and try again.',
        409,
        null,
        true,
      )
    }
    if (req.user) {
      const refusal = accessRefusalError(decideEdit({ role: roleOf(req.user), status: working.status }))
      if (refusal) throw refusal
    }
    refuseStatusWrite(working.status)
    const restoring = req.context.isRestoringVersion === true
    const kept = Object.fromEntries(
      WORKFLOW_FIELDS.map((field) => [field, !restoring && !req.user && data[field] !== undefined ? data[field] : (working[field] ?? null)]),
    )
    return { ...data, ...kept, lastEditedBy, status: working.status }
  }
