import { APIError, Forbidden, type PayloadRequest, UnauthorizedError, ValidationError } from 'payload'

import { changeLockedArticle, readArticlePast, readWorkingCopy } from '../records/articleLock.js'
import { actorOf, appendWorkflowEvent } from '../records/workflowEvents.js'
import { parseOrBadRequest } from '../../rules/badRequest.js'
import { governedWriteContext } from '../../rules/governedWrite.js'
import { queueNotification } from '../notifications/queueNotification.js'
import { queueWebhooksForTransition } from '../webhooks/queueForTransition.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { changelogOnApproval, settleLinkedChanges } from '../trust/linkedChanges.js'
import type { Article } from '../../payload-types.js'
import { decideAssignment } from '../../rules/assignment.js'
import { ATTESTATION, attestationRequired } from '../../rules/attestation.js'
import { todayUtc, toCalendarDate } from '../../rules/calendarDate.js'
import { notificationEventOf } from '../../rules/notifications.js'
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
export const refusalError = (refusal: TransitionRefusal, collection: string, req: PayloadRequest): Error => {
  if (refusal.kind === 'invalid') {
    return new ValidationError({ collection, errors: [{ message: refusal.message, path: refusal.path }], req })
  }
  return new APIError(refusal.message, refusal.kind === 'forbidden' ? 403 : 409, null, true)
}

/** A workflow request on one article (a transition, an assignment): the body as sent, for the signed-in user of `req`. */
export interface ArticleCommand {
  /** The request body, not yet validated. */
  body: unknown
  /** The article's id, from the route. */
  id: number | string
  options: SanitizedOptions
  req: PayloadRequest
}

/**
 * Moves an article through the workflow for the signed-in user: validates the request, asks
 * `decideTransition`, writes the change (published on approval and retirement, a draft of the
 * working copy otherwise) and appends the workflow event, all in one transaction.
 * @throws ValidationError (400), UnauthorizedError (401), APIError 403/409, NotFound (404)
 */
export const performTransition = async ({ body, id, options, req }: ArticleCommand): Promise<Article> => {
  const { articles: collection, workflowEvents } = slugs(options)
  const { user } = req
  if (!user) throw new UnauthorizedError(req.t)
  const { action, assignee, attestation, changeNote, comment } = parseOrBadRequest(workflowRequestSchema, body, {
    collection,
    fallbackPath: 'action',
    req,
  })
  if (!roleOf(user)) throw new Forbidden(req.t)
  // Inputs of one action only: sent with another they are a mistake worth saying.
  const misplaced = [
    ...(action !== 'submit' && assignee !== undefined && assignee !== null ? [{ message: 'assignee is given on submit only (or through the assignment endpoint).', path: 'assignee' }] : []),
    ...(action !== 'submit' && changeNote ? [{ message: 'changeNote is given on submit only.', path: 'changeNote' }] : []),
  ]
  if (misplaced.length > 0) throw new ValidationError({ collection, errors: misplaced, req })

  // Under the article's row lock: a concurrent transition or edit waits, then decides against
  // the state this one leaves (a loser gets 409 from the rules).
  return changeLockedArticle(req, collection, id, async (current) => {
    const from = asArticleStatus(current.status)
    const working = await readWorkingCopy(req, collection, id)
    const past = working ? await readArticlePast(req, { articles: collection, workflowEvents }, working) : { everLive: false }
    const today = todayUtc(options.now())
    const decision = decideTransition({
      action,
      actorId: user.id,
      attestation: attestation ?? false,
      changeNote,
      comment,
      everLive: past.everLive,
      from,
      fourEyes: options.fourEyes,
      lastEditedBy: idOf(current.lastEditedBy),
      lastReviewed: toCalendarDate(current.lastReviewed),
      // Reaffirming publishes the working copy: it must be the live version itself.
      pendingUpdate: working?._status !== 'published',
      role: roleOf(user),
      submittedBy: idOf(current.submittedBy),
      today,
    })
    if (!decision.ok) throw refusalError(decision.refusal, collection, req)
    if (action === 'submit' && assignee !== undefined && assignee !== null) {
      const named = await req.payload.findByID({
        collection: slugs(options).users,
        depth: 0,
        disableErrors: true,
        id: assignee,
        overrideAccess: true,
        req,
        select: { role: true },
      })
      const assignment = decideAssignment({
        actorId: user.id,
        actorRole: roleOf(user),
        assignee,
        assigneeRole: roleOf(named),
        current: null,
        fourEyes: options.fourEyes,
        from,
        lastEditedBy: idOf(current.lastEditedBy),
        submittedBy: user.id,
        via: 'submit',
      })
      if (!assignment.ok) throw refusalError(assignment.refusal, collection, req)
    }

    const publish = isPublishedStatus(decision.to)
    // An approval appends the submission's change note to the readers' changelog (src/trust).
    const change = action === 'approve' ? await changelogOnApproval({ current, options, req }) : null
    const updated = await req.payload.update({
      collection,
      context: governedWriteContext('workflow'),
      data: {
        ...transitionChanges(action, Number(user.id), today, assignee ?? null),
        ...change?.data,
        _status: publish ? 'published' : 'draft',
        status: decision.to,
      },
      depth: 0,
      draft: !publish,
      id,
      overrideAccess: true,
      req,
    })
    const { id: eventId, versionId } = await appendWorkflowEvent(req, { articles: collection, workflowEvents }, {
      action,
      ...actorOf(user),
      article: updated.id,
      articleTitle: updated.title,
      articleUrl: updated.url,
      comment: comment?.trim() || null,
      from,
      to: decision.to,
      ...(action === 'submit' ? { assignee: assignee ?? null, changeNote: changeNote?.trim() || null } : {}),
      ...(attestationRequired(action) ? { attestation: { statement: ATTESTATION.statement, version: ATTESTATION.version } } : {}),
    })
    // Linked versions (counterparts, translations) are queued or cleared in this transaction.
    await settleLinkedChanges({ action, article: updated, change, options, req, versionId })
    // Queued in this transaction: a rolled-back transition mails nobody. The author of a
    // decision is whoever submitted the version decided on.
    const notification = notificationEventOf(action)
    if (notification) {
      await queueNotification({ authorId: idOf(current.submittedBy), event: notification, eventId, options, req })
    }
    // In this transaction: a rolled-back transition queues no delivery.
    await queueWebhooksForTransition({ action, article: updated, collection, options, req })
    return updated
  })
}
