import type { PayloadRequest, TaskConfig } from 'payload'

import { runOncePerSlot } from '../jobs/oncePerSlot.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { displayTitle } from '../../rules/displayName.js'
import { articleAdminLink, composeDigestEmail, type DigestItem, notificationRecipients } from '../../rules/notifications.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { sweepRunKey } from '../../rules/sweepRun.js'
import { linkBase, loadRecipients } from './notifyTask.js'
import { NOTIFY_QUEUE, REVIEW_DIGEST_TASK } from './queueNotification.js'
import { taskOutputSchema } from '../jobs/taskOutputSchema.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** The digest task's input (none) and output. */
export interface ReviewDigestTaskIO {
  input: Record<string, never>
  output: { duplicate: boolean; items: number; sent: number }
}

/** Articles one digest lists at most (the oldest due first); the subject still counts them all. */
export const DIGEST_MAX_ITEMS = 200

/**
 * Sends the weekly digest once per slot: its ledger row (in the review-sweep ledger, keyed
 * `digest:<slot>`) and the sending share one transaction, so a second runner of the same slot
 * waits at the unique key until the first commits and then does nothing; if the first failed
 * and rolled back, the second sends it.
 */
export const sendDigestOncePerSlot = async (
  options: SanitizedOptions,
  job: { id: number | string; waitUntil?: null | string },
  req: PayloadRequest,
): Promise<ReviewDigestTaskIO['output']> => {
  const key = `digest:${sweepRunKey(job)}`
  const done = await runOncePerSlot({
    job,
    key,
    label: 'review digest',
    req,
    work: async () => {
      const { articles } = slugs(options)
      const today = todayUtc(options.now())
      const { docs } = await req.payload.find({
        collection: articles,
        depth: 0,
        limit: DIGEST_MAX_ITEMS,
        overrideAccess: true,
        req,
        select: { nextReviewDue: true, title: true },
        sort: 'nextReviewDue',
        where: {
          and: [{ status: { equals: 'active' } }, { nextReviewDue: { less_than_equal: toStoredDate(addDays(today, options.dueSoonDays)) } }],
        },
      })
      const base = linkBase(options, req)
      const items: DigestItem[] = docs.flatMap((doc) => {
        const due = toCalendarDate(doc.nextReviewDue)
        if (!due) return []
        const state = reviewState(due, today, options.dueSoonDays)
        if (state === 'current') return []
        return [
          {
            link: articleAdminLink({ adminRoute: req.payload.config.routes.admin, appUrl: base, collection: articles, id: doc.id }),
            nextReviewDue: due,
            reason: state,
            title: displayTitle(doc),
          },
        ]
      })
      let sent = 0
      if (items.length > 0) {
        const recipients = notificationRecipients({
          actorId: null,
          assigneeId: null,
          authorId: null,
          event: 'digest',
          users: await loadRecipients(options, req, { role: { equals: 'reviewer' } }),
        })
        const email = composeDigestEmail({ items, today })
        for (const recipient of recipients) {
          await req.payload.sendEmail({ ...email, to: recipient.email ?? '' })
          sent += 1
        }
      }
      return { changed: sent, result: { items: items.length, sent } }
    },
  })
  if (!done) return { duplicate: true, items: 0, sent: 0 }
  req.payload.logger.info(`[${PLUGIN_NAME}] review digest ${key}: ${done.items} article(s), sent to ${done.sent} reviewer(s)`)
  return { duplicate: false, ...done }
}

/**
 * The weekly digest of overdue and due-soon articles to reviewers, as a scheduled Payload task
 * (`options.notifications.digestCron`). Several instances may schedule and run it: it is sent
 * once per slot (see sendDigestOncePerSlot).
 */
export const createReviewDigestTask = (options: SanitizedOptions): TaskConfig<ReviewDigestTaskIO> => ({
  slug: REVIEW_DIGEST_TASK,
  handler: async ({ job, req }) => ({ output: await sendDigestOncePerSlot(options, job, req) }),
  label: 'Review digest: weekly email of overdue and due-soon articles',
  outputSchema: taskOutputSchema({ items: 'number', sent: 'number', duplicate: 'checkbox' }),
  retries: 2,
  ...(options.notifications.enabled ? { schedule: [{ cron: options.notifications.digestCron, queue: NOTIFY_QUEUE }] } : {}),
})
