import { APIError, type Endpoint, Forbidden, NotFound } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { hasRole } from '../../rules/roles.js'
import { WEBHOOK_TEST_EVENT } from '../../rules/vocabulary.js'
import { buildWebhookBody, subjectKey, WEBHOOK_DELIVERY_TASK, WEBHOOK_QUEUE } from '../../rules/webhooks.js'

/**
 * The REST endpoint the plugin adds to the webhooks collection:
 * `POST /:id/test` (admins): sends a `webhook.test` event to this webhook now, through the same
 * delivery task as real events (signed, recorded), once and without retries, also while the
 * webhook is paused; answers the delivery with its try.
 */
export const createWebhookEndpoints = (options: SanitizedOptions): Endpoint[] => [
  {
    handler: async (req) => {
      if (!hasRole(req.user, 'admin')) throw new Forbidden(req.t)
      const { webhookDeliveries, webhooks } = slugs(options)
      const id = Number(req.routeParams?.id)
      if (!Number.isInteger(id) || id <= 0) throw new APIError('Missing webhook id.', 400)
      const webhook = await req.payload.findByID({ collection: webhooks, depth: 0, disableErrors: true, id, overrideAccess: true })
      if (!webhook) throw new NotFound(req.t)
      const now = new Date()
      const delivery = await req.payload.create({
        collection: webhookDeliveries,
        data: {
          body: buildWebhookBody(WEBHOOK_TEST_EVENT, { id: webhook.id, title: 'Test event', url: webhook.url }, now),
          event: WEBHOOK_TEST_EVENT,
          eventId: crypto.randomUUID(),
          maxAttempts: 1,
          status: 'pending',
          subject: `${subjectKey(webhooks, webhook.id)}:test:${now.getTime()}`,
          webhook: webhook.id,
        },
        depth: 0,
        overrideAccess: true,
      })
      const job = await req.payload.jobs.queue({
        input: { attempt: 1, deliveryId: delivery.id },
        queue: WEBHOOK_QUEUE,
        task: WEBHOOK_DELIVERY_TASK,
      })
      await req.payload.jobs.runByID({ id: job.id, overrideAccess: true, silent: true })
      const sent = await req.payload.findByID({ collection: webhookDeliveries, depth: 0, id: delivery.id, overrideAccess: true })
      return Response.json({
        delivery: sent,
        message:
          sent.status === 'delivered'
            ? `Delivered: the receiver answered ${sent.lastStatusCode} in ${sent.attempts?.at(-1)?.durationMs ?? '?'} ms.`
            : `Not delivered: ${sent.lastError ?? sent.status}.`,
      })
    },
    method: 'post',
    path: '/:id/test',
  },
]
