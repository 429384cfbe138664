import type { PayloadRequest, TaskConfig, Where } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { displayName } from '../../rules/displayName.js'
import { numericIdOf } from '../../rules/ids.js'
import { articleAdminLink, composeTransitionEmail, notificationMailKey, notificationRecipients, type Recipient } from '../../rules/notifications.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { runOncePerSlot } from '../jobs/oncePerSlot.js'
import { NOTIFY_TASK, type NotifyInput } from './queueNotification.js'

/** The notify task's input and output (how many emails it sent). */
export interface NotifyTaskIO {
  input: NotifyInput
  output: { sent: number }
}

/** Where links in mail point: the configured app URL, else the config's serverURL, else relative. */
export const linkBase = (options: SanitizedOptions, req: PayloadRequest): null | string =>
  options.notifications.appUrl ?? (req.payload.config.serverURL ? req.payload.config.serverURL.replace(/\/$/, '') : null)

/** The users a notification may go to, with what the recipient rule reads. */
export const loadRecipients = async (options: SanitizedOptions, req: PayloadRequest, where: Where): Promise<Recipient[]> => {
  const { docs } = await req.payload.find({
    collection: slugs(options).users,
    depth: 0,
    // Staff is small; the bound keeps a runaway query from mailing the world.
    limit: 500,
    overrideAccess: true,
    req,
    select: { email: true, name: true, notifications: true, role: true },
    where,
  })
  return docs.map((user) => ({ email: user.email, id: user.id, name: user.name, notifications: user.notifications, role: user.role }))
}

/** Sends the mail of one workflow event to the people it concerns; how many were mailed. */
const mailEvent = async (options: SanitizedOptions, input: NotifyInput, req: PayloadRequest): Promise<number> => {
  const { articles, users, workflowEvents } = slugs(options)
  const event = await req.payload.findByID({
    collection: workflowEvents,
    depth: 0,
    disableErrors: true,
    id: input.eventId,
    overrideAccess: true,
    req,
  })
  const articleId = numericIdOf(event?.article)
  if (!event || articleId === null) return 0
  const actorId = numericIdOf(event.actor)
  const assigneeId = numericIdOf(event.assignee)
  const named = [input.event === 'submitted' ? assigneeId : input.authorId].filter((id): id is number => id !== null)
  const where: Where =
    input.event === 'submitted' && assigneeId === null ? { role: { equals: 'reviewer' } } : { id: { in: named.length ? named : [0] } }
  const recipients = notificationRecipients({
    actorId,
    assigneeId,
    authorId: input.authorId,
    event: input.event,
    users: await loadRecipients(options, req, where),
  })
  if (recipients.length === 0) return 0
  const actor =
    actorId === null
      ? null
      : await req.payload.findByID({ collection: users, depth: 0, disableErrors: true, id: actorId, overrideAccess: true, req, select: { email: true, name: true } })
  const email = composeTransitionEmail({
    actorName: actor ? displayName(actor) : event.actorLabel,
    articleTitle: event.articleTitle?.trim() || `Untitled article #${articleId}`,
    event: input.event,
    link: articleAdminLink({ adminRoute: req.payload.config.routes.admin, appUrl: linkBase(options, req), collection: articles, id: articleId }),
  })
  for (const recipient of recipients) {
    await req.payload.sendEmail({ ...email, to: recipient.email ?? '' })
  }
  req.payload.logger.info(`[cancer-content] ${input.event} mail for article ${articleId} sent to ${recipients.length} user(s)`)
  return recipients.length
}

/**
 * Mails the people a workflow event concerns (rules/notifications.ts): who they are is decided
 * when the job runs, so a user who turned mail off in the meantime gets none. A send that fails
 * fails the job, which Payload retries.
 */
export const createNotifyTask = (options: SanitizedOptions): TaskConfig<NotifyTaskIO> => ({
  slug: NOTIFY_TASK,
  handler: async ({ input, job, req }) => {
    // Once per event, however many runners claimed the job: the ledger row and the sends share a
    // transaction, so a second runner waits, finds the key taken and sends nothing.
    const sent = await runOncePerSlot({
      job,
      key: notificationMailKey(input),
      label: 'notification mail',
      req,
      work: async () => {
        const count = await mailEvent(options, input, req)
        return { changed: count, result: count }
      },
    })
    return { output: { sent: sent ?? 0 } }
  },
  inputSchema: [
    { name: 'event', type: 'text', required: true },
    { name: 'eventId', type: 'number', required: true },
    { name: 'authorId', type: 'number' },
  ],
  label: 'Notification: mail a workflow event',
  outputSchema: [{ name: 'sent', type: 'number' }],
  retries: { attempts: 3, backoff: { delay: 60_000, type: 'exponential' } },
})
