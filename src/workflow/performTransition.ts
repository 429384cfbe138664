import {
  APIError,
  commitTransaction,
  Forbidden,
  initTransaction,
  killTransaction,
  NotFound,
  type PayloadRequest,
  UnauthorizedError,
  ValidationError,
} from 'payload'

import { lockArticle } from '../records/articleLock.js'
import { appendWorkflowEvent } from '../records/workflowEvents.js'
import { parseOrBadRequest } from '../../rules/badRequest.js'
import { governedWriteContext } from '../../rules/governedWrite.js'
import { queueWebhooksForTransition } from '../webhooks/queueForTransition.js'
import { slugs } from '../../rules/collectionSlugs.js'
import type { Article } from '../../payload-types.js'
import { todayUtc } from '../../rules/calendarDate.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { roleOf } from '../../rules/roles.js'
import { asArticleStatus } from '../../rules/vocabulary.js'
import {
  decideTransition,
  isPublishedStatus,
  type TransitionRefusal,
  transitionChanges,
  workflowRequestSchema,
} from '../../rules/workflow.js'
import { idOf } from '../../rules/ids.js'

/** Turns a refusal of the workflow rules into the Payload error with the right HTTP status. */
const refusalError = (refusal: TransitionRefusal, collection: string, req: PayloadRequest): Error => {
  if (refusal.kind === 'invalid') {
    return new ValidationError({ collection, errors: [{ message: refusal.message, path: refusal.path }], req })
  }
  return new APIError(refusal.message, refusal.kind === 'forbidden' ? 403 : 409, null, true)
}

/**
 * Moves an article through the workflow for the signed-in user: validates the request, asks
 * `decideTransition`, writes the change (published on approval and retirement, a draft of the
 * working copy otherwise) and appends the workflow event, all in one transaction.
 * @throws ValidationError (400), UnauthorizedError (401), APIError 403/409, NotFound (404)
 */
export const performTransition = async ({
  body,
  id,
  options,
  req,
}: {
  body: unknown
  id: number | string
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<Article> => {
  const { articles: collection, workflowEvents } = slugs(options)
  if (!req.user) throw new UnauthorizedError(req.t)
  const { action, comment } = parseOrBadRequest(workflowRequestSchema, body, { collection, fallbackPath: 'action', req })
  if (!roleOf(req.user)) throw new Forbidden(req.t)

  const shouldCommit = await initTransaction(req)
  try {
    // The article's row lock, held until commit: a concurrent transition or edit waits here and
    // then decides against the state this one leaves (a loser gets 409 from the rules).
    if (!(await lockArticle(req, collection, id))) throw new NotFound(req.t)
    const current = await req.payload.findByID({
      collection,
      depth: 0,
      draft: true,
      id,
      overrideAccess: true,
      req,
    })
    const from = asArticleStatus(current.status)
    const decision = decideTransition({
      action,
      actorId: req.user.id,
      comment,
      from,
      fourEyes: options.fourEyes,
      lastEditedBy: idOf(current.lastEditedBy),
      role: roleOf(req.user),
      submittedBy: idOf(current.submittedBy),
    })
    if (!decision.ok) throw refusalError(decision.refusal, collection, req)

    const publish = isPublishedStatus(decision.to)
    const updated = await req.payload.update({
      collection,
      context: governedWriteContext('workflow'),
      data: {
        ...transitionChanges(action, Number(req.user.id), todayUtc(options.now())),
        _status: publish ? 'published' : 'draft',
        status: decision.to,
      },
      depth: 0,
      draft: !publish,
      id,
      overrideAccess: true,
      req,
    })
    await appendWorkflowEvent(req, { articles: collection, workflowEvents }, {
      action,
      actor: req.user.id,
      actorLabel: typeof req.user.email === 'string' ? req.user.email : `user ${req.user.id}`,
      article: updated.id,
      articleTitle: updated.title,
      articleUrl: updated.url,
      comment: comment?.trim() || null,
      from,
      to: decision.to,
    })
    // In this transaction: a rolled-back transition queues no delivery.
    await queueWebhooksForTransition({ action, article: updated, collection, options, req })
    if (shouldCommit) await commitTransaction(req)
    return updated
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
