import type { PayloadRequest } from 'payload'

import type { NotificationEvent } from '../../rules/notifications.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** Slug of the task that mails one workflow event's notifications. */
export const NOTIFY_TASK = 'cancerContentNotify'

/** Slug of the task that mails the weekly review digest. */
export const REVIEW_DIGEST_TASK = 'cancerContentReviewDigest'

/** Queue the notification and digest jobs run on. */
export const NOTIFY_QUEUE = `${PLUGIN_NAME}-mail`

/** What a notification job needs: the workflow event, and for a decision the submission's author. */
export interface NotifyInput {
  authorId: null | number
  event: Exclude<NotificationEvent, 'digest'>
  eventId: number
}

/**
 * Queues the email of a workflow event as a job, through `req`: it commits with the transition
 * and a rolled-back transition mails nobody. Nothing is queued when notifications are off.
 */
export const queueNotification = async ({
  authorId,
  event,
  eventId,
  options,
  req,
}: {
  authorId: null | number | string
  event: NotificationEvent
  eventId: number
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<void> => {
  if (!options.notifications.enabled || event === 'digest') return
  const input: NotifyInput = { authorId: authorId === null ? null : Number(authorId), event, eventId }
  await req.payload.jobs.queue({ input, queue: NOTIFY_QUEUE, req, task: NOTIFY_TASK })
}
