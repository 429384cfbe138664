import type { TaskConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { WEBHOOK_DELIVERY_TASK } from '../../rules/webhooks.js'
import { deliverOnce, type DeliveryRunResult } from './deliverOnce.js'

/** The delivery task's input (which try of which delivery) and output (what the run did). */
export interface WebhookDeliveryTaskIO {
  input: { attempt: number; deliveryId: number }
  output: { result: DeliveryRunResult }
}

/**
 * One try of one webhook delivery as a Payload task. A failed try is not an error of the job:
 * the next try is a job of its own, queued with the backoff's `waitUntil` (see `deliverOnce`),
 * so that a job two runners picked up at once cannot lose or double a try. Payload's own
 * retries cover only a crash of the run itself, after the claim's lease has run out.
 */
export const createWebhookDeliveryTask = (options: SanitizedOptions): TaskConfig<WebhookDeliveryTaskIO> => ({
  slug: WEBHOOK_DELIVERY_TASK,
  handler: async ({ input, req }) => ({
    output: { result: await deliverOnce({ attempt: input.attempt, deliveryId: input.deliveryId, options, req }) },
  }),
  inputSchema: [
    { name: 'deliveryId', type: 'number', required: true },
    { name: 'attempt', type: 'number', required: true },
  ],
  label: 'Webhook delivery: one signed POST',
  outputSchema: [{ name: 'result', type: 'text', required: true }],
  retries: { attempts: 2, backoff: { delay: options.webhooks.timeoutMs + 60_000, type: 'exponential' } },
})
