import type { PayloadRequest, TaskConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { sweepRunKey } from '../../rules/sweepRun.js'
import { runOncePerSlot } from './oncePerSlot.js'
import { sweepReviewStates } from './sweepReviewStates.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'
import { taskOutputSchema } from './taskOutputSchema.js'

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

/** Runs the sweep once for a job's slot (see runOncePerSlot). */
const sweepOncePerSlot = async (
  options: SanitizedOptions,
  job: { id: number | string; waitUntil?: null | string },
  req: PayloadRequest,
): Promise<ReviewSweepTaskIO['output']> => {
  const done = await runOncePerSlot({
    job,
    key: sweepRunKey(job),
    label: 'review sweep',
    req,
    work: async () => {
      const result = await sweepReviewStates({ options, req })
      return { changed: result.changed, result }
    },
  })
  if (!done) return { changed: 0, checked: 0, dueSoon: 0, duplicate: true, overdue: 0, today: '' }
  return {
    changed: done.changed,
    checked: done.checked,
    dueSoon: done.dueSoon.length,
    duplicate: false,
    overdue: done.overdue.length,
    today: done.today,
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
  outputSchema: taskOutputSchema({ checked: 'number', changed: 'number', overdue: 'number', dueSoon: 'number', today: 'text', duplicate: 'checkbox' }),
  retries: 2,
  schedule: [{ cron: options.reviewSweep.cron, queue: REVIEW_SWEEP_QUEUE }],
})
