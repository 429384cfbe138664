// The adapter's type augmentation gives `payload.db` its `drizzle`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import type { WebhookDelivery } from '../../payload-types.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { WEBHOOK_TEST_EVENT } from '../../rules/vocabulary.js'
import {
  nextStep,
  type NextStep,
  outcomeOfStatus,
  signWebhook,
  WEBHOOK_DELIVERY_TASK,
  WEBHOOK_HEADERS,
  WEBHOOK_QUEUE,
} from '../../rules/webhooks.js'
import { tableNameOf } from '../search/searchIndex.js'
import { sendSigned } from './sendSigned.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** What one run of the delivery task did. */
export type DeliveryRunResult =
  | 'delivered'
  | 'failed'
  | 'retry'
  | 'skipped'
  /** Another run has made (or is making) this try: nothing was sent. */
  | 'taken'
  /** An earlier delivery of the same subject to the same webhook is unfinished: queued again behind it. */
  | 'waiting'

// How long past the timeout a claimed try stays claimed before another run may take it over
// (the process that claimed it died).
const LEASE_MARGIN_MS = 30_000

/**
 * Claims try number `attempt` of a delivery in one conditional UPDATE: only one runner gets the
 * row (the jobs runner's own claim of a job is a read then a write, so two app instances can run
 * the same job), only when no earlier delivery of the same subject to the same webhook is
 * unfinished (order within an article), and never twice for one try.
 */
const claimTry = async (req: PayloadRequest, table: string, id: number, attempt: number, leaseMs: number) => {
  const { rows } = await req.payload.db.drizzle.execute<{ id: number }>(sql`
    UPDATE ${sql.identifier(table)} AS d
       SET status = 'sending', lease_until = now() + make_interval(secs => ${leaseMs / 1000}), updated_at = now()
     WHERE d.id = ${id}
       AND d.attempt_count = ${attempt - 1}
       AND (d.status IN ('pending', 'retrying') OR (d.status = 'sending' AND d.lease_until < now()))
       AND NOT EXISTS (
         SELECT 1 FROM ${sql.identifier(table)} AS e
          WHERE e.webhook_id = d.webhook_id AND e.subject = d.subject AND e.id < d.id
            AND e.status IN ('pending', 'sending', 'retrying'))
    RETURNING d.id`)
  return rows.length === 1
}

/** The earliest unfinished delivery ahead of this one in its subject's order, if any. */
const blockerOf = async (req: PayloadRequest, table: string, id: number) => {
  const { rows } = await req.payload.db.drizzle.execute<{ next_attempt_at: Date | null | string }>(sql`
    SELECT e.next_attempt_at FROM ${sql.identifier(table)} AS d
      JOIN ${sql.identifier(table)} AS e
        ON e.webhook_id = d.webhook_id AND e.subject = d.subject AND e.id < d.id
       AND e.status IN ('pending', 'sending', 'retrying')
     WHERE d.id = ${id}
     ORDER BY e.id LIMIT 1`)
  return rows[0]
}

const queueTry = (req: PayloadRequest, deliveryId: number, attempt: number, waitUntil?: Date) =>
  req.payload.jobs.queue({
    input: { attempt, deliveryId },
    queue: WEBHOOK_QUEUE,
    req,
    task: WEBHOOK_DELIVERY_TASK,
    waitUntil,
  })

const idOf = (value: unknown): null | number =>
  typeof value === 'number' ? value : typeof value === 'object' && value && 'id' in value ? Number(value.id) : null

/**
 * Makes try number `attempt` of a delivery: claims it, signs and POSTs the body, records the
 * try on the delivery, and queues the next try after the backoff, or pauses the webhook when it
 * keeps failing (or its receiver answers 410 Gone).
 */
export const deliverOnce = async ({
  attempt,
  deliveryId,
  options,
  req,
}: {
  attempt: number
  deliveryId: number
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<DeliveryRunResult> => {
  const { webhookDeliveries, webhooks } = slugs(options)
  const table = tableNameOf(webhookDeliveries)
  const { timeoutMs } = options.webhooks

  if (!(await claimTry(req, table, deliveryId, attempt, timeoutMs + LEASE_MARGIN_MS))) {
    const delivery = await req.payload.findByID({
      collection: webhookDeliveries,
      depth: 0,
      disableErrors: true,
      id: deliveryId,
      overrideAccess: true,
    })
    const waiting = delivery && (delivery.status === 'pending' || delivery.status === 'retrying') && (delivery.attemptCount ?? 0) === attempt - 1
    if (!waiting) return 'taken'
    const blocker = await blockerOf(req, table, deliveryId)
    if (!blocker) return 'taken'
    const at = blocker.next_attempt_at ? new Date(blocker.next_attempt_at) : new Date()
    await queueTry(req, deliveryId, attempt, at)
    return 'waiting'
  }

  const delivery = await req.payload.findByID({ collection: webhookDeliveries, depth: 0, id: deliveryId, overrideAccess: true })
  const isTest = delivery.event === WEBHOOK_TEST_EVENT
  const webhookId = idOf(delivery.webhook)
  const webhook = webhookId
    ? await req.payload.findByID({ collection: webhooks, depth: 0, disableErrors: true, id: webhookId, overrideAccess: true })
    : null

  if (!webhook || (!webhook.active && !isTest) || !webhook.secret) {
    const why = !webhook ? 'The webhook was deleted.' : !webhook.secret ? 'The webhook has no secret.' : 'The webhook is paused.'
    await req.payload.update({
      collection: webhookDeliveries,
      data: { lastError: why, leaseUntil: null, status: 'skipped' },
      depth: 0,
      id: deliveryId,
      overrideAccess: true,
    })
    return 'skipped'
  }

  const timestamp = Math.floor(Date.now() / 1000)
  const startedAt = new Date()
  const result = await sendSigned({
    allowedHosts: options.webhooks.allowedHosts,
    body: delivery.body,
    headers: {
      [WEBHOOK_HEADERS.event]: delivery.event,
      [WEBHOOK_HEADERS.id]: delivery.eventId,
      [WEBHOOK_HEADERS.signature]: signWebhook({ body: delivery.body, secret: webhook.secret, timestamp }),
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      'User-Agent': `${PLUGIN_NAME}-webhooks/1`,
    },
    timeoutMs,
    url: webhook.url,
  })
  const outcome = result.error && result.statusCode === null ? 'failed' : outcomeOfStatus(result.statusCode)
  const error = result.error ?? (outcome === 'delivered' ? null : `HTTP ${result.statusCode}`)
  const step: NextStep = nextStep({
    attempt,
    error: error ?? '',
    outcome,
    policy: { attempts: isTest ? 1 : (delivery.maxAttempts ?? options.webhooks.attempts), firstRetryDelayMs: options.webhooks.firstRetryDelayMs },
  })
  const nextAt = step.kind === 'retry' ? new Date(Date.now() + step.delayMs) : null

  // The try's record, the next try and the pause commit together.
  const shouldCommit = await initTransaction(req)
  try {
    await req.payload.update({
      collection: webhookDeliveries,
      data: {
        attemptCount: attempt,
        attempts: [
          ...(delivery.attempts ?? []).map(({ id: _id, ...rest }: NonNullable<WebhookDelivery['attempts']>[number]) => rest),
          { attempt, durationMs: result.durationMs, error, outcome, startedAt: startedAt.toISOString(), statusCode: result.statusCode },
        ],
        deliveredAt: step.kind === 'delivered' ? new Date().toISOString() : null,
        lastError: error,
        lastStatusCode: result.statusCode,
        leaseUntil: null,
        nextAttemptAt: nextAt?.toISOString() ?? null,
        status: step.kind === 'delivered' ? 'delivered' : step.kind === 'retry' ? 'retrying' : 'failed',
      },
      depth: 0,
      id: deliveryId,
      overrideAccess: true,
      req,
    })
    if (step.kind === 'retry' && nextAt) await queueTry(req, deliveryId, attempt + 1, nextAt)
    if (step.kind === 'give-up' && !isTest) {
      await req.payload.update({
        collection: webhooks,
        data: { active: false, pausedAt: new Date().toISOString(), pausedReason: step.pauseReason },
        depth: 0,
        id: webhook.id,
        overrideAccess: true,
        req,
      })
    }
    if (shouldCommit) await commitTransaction(req)
  } catch (caught) {
    await killTransaction(req)
    throw caught
  }
  return step.kind === 'delivered' ? 'delivered' : step.kind === 'retry' ? 'retry' : 'failed'
}
