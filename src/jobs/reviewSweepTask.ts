import {
  commitTransaction,
  initTransaction,
  killTransaction,
  type PayloadRequest,
  type TaskConfig,
  ValidationError,
} from 'payload'

import { REVIEW_SWEEP_RUNS_SLUG } from '../../collections/ReviewSweepRuns/index.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { sweepRunKey } from '../../rules/sweepRun.js'
import { sweepReviewStates } from './sweepReviewStates.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** Slug of the review-sweep task on Payload's jobs queue. */
export const REVIEW_SWEEP_TASK = 'cancerContentReviewSweep'

/** Queue the sweep is scheduled on. */
export const REVIEW_SWEEP_QUEUE = PLUGIN_NAME

/** The sweep task's input (none) and output (counts). */
export interface ReviewSweepTaskIO {
  input: Record<string, never>
  output: {
    changed: number
    checked: number
    dueSoon: number
    /** True when another runner had already swept this slot, so this run did nothing. */
    duplicate: boolean
    overdue: number
    today: string
  }
}

/** Whether an error is the ledger refusing a second row with the same key. */
const isTakenKey = (error: unknown): boolean =>
  error instanceof ValidationError && error.data.errors.some((entry) => entry.path === 'key')

/**
 * Runs the sweep once for a job's slot: the ledger row and the sweep's changes share one
 * transaction, so a second runner of the same slot waits at the unique key until the first
 * commits, then finds it taken and does nothing (or takes over if the first rolled back).
 */
const sweepOncePerSlot = async (
  options: SanitizedOptions,
  job: { id: number | string; waitUntil?: null | string },
  req: PayloadRequest,
): Promise<ReviewSweepTaskIO['output']> => {
  const key = sweepRunKey(job)
  const shouldCommit = await initTransaction(req)
  try {
    try {
      await req.payload.db.create({ collection: REVIEW_SWEEP_RUNS_SLUG, data: { job: String(job.id), key }, req })
    } catch (error) {
      if (!isTakenKey(error)) throw error
      // The failed insert aborted the transaction; nothing of ours is in it yet.
      await killTransaction(req)
      req.payload.logger.info(`[${PLUGIN_NAME}] review sweep ${key}: already run by another runner, skipped`)
      return { changed: 0, checked: 0, dueSoon: 0, duplicate: true, overdue: 0, today: '' }
    }
    const result = await sweepReviewStates({ options, req })
    await req.payload.db.updateMany({
      collection: REVIEW_SWEEP_RUNS_SLUG,
      data: { changed: result.changed },
      req,
      returning: false,
      where: { key: { equals: key } },
    })
    if (shouldCommit) await commitTransaction(req)
    return {
      changed: result.changed,
      checked: result.checked,
      dueSoon: result.dueSoon.length,
      duplicate: false,
      overdue: result.overdue.length,
      today: result.today,
    }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/**
 * The daily review sweep as a Payload task: scheduled by `options.reviewSweep.cron` and run by
 * the jobs runner (auto-run in the app process by default, or a separate `payload jobs:run`).
 * Several instances may schedule and run it: it sweeps once per slot (see sweepOncePerSlot).
 */
export const createReviewSweepTask = (options: SanitizedOptions): TaskConfig<ReviewSweepTaskIO> => ({
  slug: REVIEW_SWEEP_TASK,
  handler: async ({ job, req }) => ({ output: await sweepOncePerSlot(options, job, req) }),
  label: 'Review sweep: mark overdue and due-soon articles',
  outputSchema: [
    { name: 'checked', type: 'number' },
    { name: 'changed', type: 'number' },
    { name: 'overdue', type: 'number' },
    { name: 'dueSoon', type: 'number' },
    { name: 'today', type: 'text' },
    { name: 'duplicate', type: 'checkbox' },
  ],
  retries: 2,
  schedule: [{ cron: options.reviewSweep.cron, queue: REVIEW_SWEEP_QUEUE }],
})
