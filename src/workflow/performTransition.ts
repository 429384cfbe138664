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

import { lockArticle, readArticlePast, readWorkingCopy } from '../../hooks/articleLock.js'
import { GOVERNED_WRITE } from '../../hooks/context.js'
import { queueNotification } from '../notifications/queueNotification.js'
import { queueWebhooksForTransition } from '../webhooks/queueForTransition.js'
import { changelogOnApproval, settleLinkedChanges } from '../trust/linkedChanges.js'
import { slugs } from '../../hooks/slugs.js'
import type { Article } from '../../payload-types.js'
import { decideAssignment } from '../../rules/assignment.js'
import { ATTESTATION, attestationRequired } from '../../rules/attestation.js'
import { todayUtc, toCalendarDate } from '../../rules/calendarDate.js'
import { notificationEventOf } from '../../rules/notifications.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { roleOf } from '../../rules/roles.js'
import { ARTICLE_STATUSES, type ArticleStatus } from '../../rules/vocabulary.js'
import {
  decideTransition,
  type TransitionRefusal,
  transitionChanges,
  workflowRequestSchema,
} from '../../rules/workflow.js'
import { idOf } from '../../rules/ids.js'

const asStatus = (value: unknown): ArticleStatus =>
  (ARTICLE_STATUSES as readonly unknown[]).includes(value) ? (value as ArticleStatus) : 'draft'

/** Turns a refusal of the workflow rules into the Payload error with the right HTTP status. */
export const refusalError = (refusal: TransitionRefusal, collection: string, req: PayloadRequest): Error => {
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
  const parsed = workflowRequestSchema.safeParse(body)
  if (!parsed.success) {
    throw new ValidationError({
      collection,
      errors: parsed.error.issues.map((issue) => ({ message: issue.message, path: issue.path.join('.') || 'action' })),
      req,
    })
  }
  const { action, assignee, attestation, changeNote, comment } = parsed.data
  if (!roleOf(req.user)) throw new Forbidden(req.t)
  // Inputs of one action only: sent with another they are a mistake worth saying.
  const misplaced = [
    ...(action !== 'submit' && assignee !== undefined && assignee !== null ? [{ message: 'assignee is given on submit only (or through the assignment endpoint).', path: 'assignee' }] : []),
    ...(action !== 'submit' && changeNote ? [{ message: 'changeNote is given on submit only.', path: 'changeNote' }] : []),
  ]
  if (misplaced.length > 0) throw new ValidationError({ collection, errors: misplaced, req })

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
    const from = asStatus(current.status)
    const working = await readWorkingCopy(req, collection, id)
    const past = working ? await readArticlePast(req, { articles: collection, workflowEvents }, working) : { everLive: false }
    const today = todayUtc(options.now())
    const decision = decideTransition({
      action,
      actorId: req.user.id,
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
      role: roleOf(req.user),
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
        actorId: req.user.id,
        actorRole: roleOf(req.user),
        assignee,
        assigneeRole: roleOf(named),
        current: null,
        fourEyes: options.fourEyes,
        from,
        lastEditedBy: idOf(current.lastEditedBy),
        submittedBy: req.user.id,
        via: 'submit',
      })
      if (!assignment.ok) throw refusalError(assignment.refusal, collection, req)
    }

    const publish = decision.to === 'active' || decision.to === 'retired'
    // An approval appends the submission's change note to the readers' changelog (src/trust).
    const change = action === 'approve' ? await changelogOnApproval({ current, options, req }) : null
    const updated = await req.payload.update({
      collection,
      context: { [GOVERNED_WRITE]: 'workflow' },
      data: {
        ...transitionChanges(action, Number(req.user.id), today, assignee ?? null),
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
    const { docs: versions } = await req.payload.findVersions({
      collection,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      sort: '-updatedAt',
      where: { parent: { equals: id } },
    })
    const event = await req.payload.create({
      collection: workflowEvents,
      data: {
        action,
        actor: req.user.id,
        actorLabel: typeof req.user.email === 'string' ? req.user.email : `user ${req.user.id}`,
        article: updated.id,
        articleTitle: updated.title,
        articleUrl: updated.url,
        comment: comment?.trim() || null,
        from,
        to: decision.to,
        versionId: versions[0] ? String(versions[0].id) : null,
        ...(action === 'submit' ? { assignee: assignee ?? null, changeNote: changeNote?.trim() || null } : {}),
        ...(attestationRequired(action) ? { attestation: { statement: ATTESTATION.statement, version: ATTESTATION.version } } : {}),
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    // Linked versions (counterparts, translations) are queued or cleared in this transaction.
    await settleLinkedChanges({ action, article: updated, change, options, req, versionId: versions[0] ? String(versions[0].id) : null })
    // Queued in this transaction: a rolled-back transition mails nobody. The author of a
    // decision is whoever submitted the version decided on.
    const notification = notificationEventOf(action)
    if (notification) {
      await queueNotification({ authorId: idOf(current.submittedBy), event: notification, eventId: event.id, options, req })
    }
    // In this transaction: a rolled-back transition queues no delivery.
    await queueWebhooksForTransition({ action, article: updated, collection, options, req })
    if (shouldCommit) await commitTransaction(req)
    return updated
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
