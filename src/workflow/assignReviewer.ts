import { type PayloadRequest, UnauthorizedError } from 'payload'
import { z } from 'zod'

import { changeLockedArticle } from '../records/articleLock.js'
import { actorOf, appendWorkflowEvent } from '../records/workflowEvents.js'
import { parseOrBadRequest } from '../../rules/badRequest.js'
import { governedWriteContext } from '../../rules/governedWrite.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { decideAssignment } from '../../rules/assignment.js'
import { idOf, numericIdOf } from '../../rules/ids.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { roleOf } from '../../rules/roles.js'
import { asArticleStatus, type ArticleStatus } from '../../rules/vocabulary.js'
import { type ArticleCommand, refusalError } from './performTransition.js'

/** The body of an assignment request (REST and GraphQL alike). */
export const assignmentRequestSchema = z.strictObject({
  assignee: z
    .number({ error: 'assignee must be the id of a reviewer (a number) or null' })
    .int('assignee must be the id of a reviewer (a number) or null')
    .positive('assignee must be the id of a reviewer (a number) or null')
    .nullable(),
})

/** The workflow state of an article as the assignment endpoint answers it. */
export interface AssignmentState {
  assignee: null | number
  id: number
  status: ArticleStatus
  submittedBy: null | number
}

/**
 * Assigns (or unassigns) the reviewer of a submission waiting for review, for the signed-in
 * user (rules/assignment.ts decides), under the article's row lock, and records an `assign`
 * event, all in one transaction. The working copy gets the assignee; its content is untouched.
 * @throws ValidationError (400), UnauthorizedError (401), APIError 403/409, NotFound (404)
 */
export const assignReviewer = async ({ body, id, options, req }: ArticleCommand): Promise<AssignmentState> => {
  const { articles: collection, users, workflowEvents } = slugs(options)
  const { user } = req
  if (!user) throw new UnauthorizedError(req.t)
  const { assignee } = parseOrBadRequest(assignmentRequestSchema, body, { collection, fallbackPath: 'assignee', req })
  return changeLockedArticle(req, collection, id, async (current) => {
    const named =
      assignee === null
        ? null
        : await req.payload.findByID({ collection: users, depth: 0, disableErrors: true, id: assignee, overrideAccess: true, req, select: { role: true } })
    const from = asArticleStatus(current.status)
    const decision = decideAssignment({
      actorId: user.id,
      actorRole: roleOf(user),
      assignee,
      assigneeRole: roleOf(named),
      current: idOf(current.assignee),
      fourEyes: options.fourEyes,
      from,
      lastEditedBy: idOf(current.lastEditedBy),
      submittedBy: idOf(current.submittedBy),
      via: 'assign',
    })
    if (!decision.ok) throw refusalError(decision.refusal, collection, req)
    const updated = await req.payload.update({
      collection,
      context: governedWriteContext('workflow'),
      data: { assignee },
      depth: 0,
      draft: true,
      id,
      overrideAccess: true,
      req,
    })
    await appendWorkflowEvent(req, { articles: collection, workflowEvents }, {
      action: 'assign',
      ...actorOf(user),
      article: updated.id,
      articleTitle: updated.title,
      articleUrl: updated.url,
      assignee,
      from,
      to: from,
    })
    return { assignee: numericIdOf(updated.assignee), id: updated.id, status: asArticleStatus(updated.status), submittedBy: numericIdOf(updated.submittedBy) }
  })
}
