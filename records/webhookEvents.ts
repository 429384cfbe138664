import { randomUUID } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import type { SanitizedOptions } from '../rules/options.js'
import type { WebhookEvent } from '../rules/vocabulary.js'
import {
  buildWebhookBody,
  type EventSubject,
  subjectKey,
  WEBHOOK_DELIVERY_TASK,
  WEBHOOK_QUEUE,
  webhooksFor,
} from '../rules/webhooks.js'
import { slugs } from '../rules/collectionSlugs.js'

/** What a queued event leads to: one delivery per matching webhook, and its first job. */
export interface QueuedEvent {
  deliveries: number[]
  eventId: string
}

/**
 * Queues one delivery of an event to every active webhook subscribed to it, with its first
 * job on the jobs queue. Everything is written through `req`, so it commits with the change
 * that caused it, and a rolled-back change queues nothing.
 */
export const queueWebhookEvent = async ({
  collection,
  event,
  options,
  req,
  subject,
}: {
  collection: string
  event: WebhookEvent
  options: SanitizedOptions
  req: PayloadRequest
  subject: EventSubject
}): Promise<QueuedEvent> => {
  const { webhookDeliveries, webhooks: webhooksSlug } = slugs(options)
  const eventId = randomUUID()
  const { docs } = await req.payload.find({
    collection: webhooksSlug,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { active: true, events: true },
    where: { active: { equals: true } },
  })
  const webhooks = webhooksFor(docs, event)
  if (!webhooks.length) return { deliveries: [], eventId }
  const body = buildWebhookBody(event, subject, options.now())
  const deliveries: number[] = []
  for (const webhook of webhooks) {
    const delivery = await req.payload.create({
      collection: webhookDeliveries,
      data: {
        body,
        event,
        eventId,
        maxAttempts: options.webhooks.attempts,
        status: 'pending',
        subject: subjectKey(collection, subject.id),
        webhook: webhook.id,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    await req.payload.jobs.queue({
      input: { attempt: 1, deliveryId: delivery.id },
      queue: WEBHOOK_QUEUE,
      req,
      task: WEBHOOK_DELIVERY_TASK,
    })
    deliveries.push(delivery.id)
  }
  return { deliveries, eventId }
}
