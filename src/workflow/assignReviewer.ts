import {
  commitTransaction,
  initTransaction,
  killTransaction,
  NotFound,
  type PayloadRequest,
  UnauthorizedError,
  ValidationError,
} from 'payload'
import { z } from 'zod'

import { lockArticle } from '../../hooks/articleLock.js'
import { GOVERNED_WRITE } from '../../hooks/context.js'
import { slugs } from '../../hooks/slugs.js'
import { decideAssignment } from '../../rules/assignment.js'
import { idOf, numericIdOf } from '../../rules/ids.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { roleOf } from '../../rules/roles.js'
import { ARTICLE_STATUSES, type ArticleStatus } from '../../rules/vocabulary.js'
import { refusalError } from './performTransition.js'

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

const asStatus = (value: unknown): ArticleStatus =>
  (ARTICLE_STATUSES as readonly unknown[]).includes(value) ? (value as ArticleStatus) : 'draft'

/**
 * Assigns (or unassigns) the reviewer of a submission waiting for review, for the signed-in
 * user (rules/assignment.ts decides), under the article's row lock, and records an `assign`
 * event, all in one transaction. The working copy gets the assignee; its content is untouched.
 * @throws ValidationError (400), UnauthorizedError (401), APIError 403/409, NotFound (404)
 */
export const assignReviewer = async ({
  body,
  id,
  options,
  req,
}: {
  body: unknown
  id: number | string
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<AssignmentState> => {
  const { articles: collection, users, workflowEvents } = slugs(options)
  if (!req.user) throw new UnauthorizedError(req.t)
  const parsed = assignmentRequestSchema.safeParse(body)
  if (!parsed.success) {
    throw new ValidationError({
      collection,
      errors: parsed.error.issues.map((issue) => ({ message: issue.message, path: issue.path.join('.') || 'assignee' })),
      req,
    })
  }
  const { assignee } = parsed.data
  const shouldCommit = await initTransaction(req)
  try {
    if (!(await lockArticle(req, collection, id))) throw new NotFound(req.t)
    const current = await req.payload.findByID({ collection, depth: 0, draft: true, id, overrideAccess: true, req })
    const named =
      assignee === null
        ? null
        : await req.payload.findByID({ collection: users, depth: 0, disableErrors: true, id: assignee, overrideAccess: true, req, select: { role: true } })
    const from = asStatus(current.status)
    const decision = decideAssignment({
      actorId: req.user.id,
      actorRole: roleOf(req.user),
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
      context: { [GOVERNED_WRITE]: 'workflow' },
      data: { assignee },
      depth: 0,
      draft: true,
      id,
      overrideAccess: true,
      req,
    })
    await req.payload.create({
      collection: workflowEvents,
      data: {
        action: 'assign',
        actor: req.user.id,
        actorLabel: typeof req.user.email === 'string' ? req.user.email : `user ${req.user.id}`,
        article: updated.id,
        articleTitle: updated.title,
        articleUrl: updated.url,
        assignee,
        from,
        to: from,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    if (shouldCommit) await commitTransaction(req)
    return { assignee: numericIdOf(updated.assignee), id: updated.id, status: asStatus(updated.status), submittedBy: numericIdOf(updated.submittedBy) }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
