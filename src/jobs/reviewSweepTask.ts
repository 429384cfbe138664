import type { TaskConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { sweepReviewStates } from './sweepReviewStates.js'

/** Slug of the review-sweep task on Payload's jobs queue. */
export const REVIEW_SWEEP_TASK = 'cancerContentReviewSweep'

/** Queue the sweep is scheduled on. */
export const REVIEW_SWEEP_QUEUE = 'cancer-content'

/** The sweep task's input (none) and output (counts). */
export interface ReviewSweepTaskIO {
  input: Record<string, never>
  output: { changed: number; checked: number; dueSoon: number; overdue: number; today: string }
}

/**
 * The daily review sweep as a Payload task: scheduled by `options.reviewSweep.cron` and run by
 * the jobs runner (auto-run in the app process by default, or a separate `payload jobs:run`).
 */
export const createReviewSweepTask = (options: SanitizedOptions): TaskConfig<ReviewSweepTaskIO> => ({
  slug: REVIEW_SWEEP_TASK,
  handler: async ({ req }) => {
    const result = await sweepReviewStates({ options, req })
    return {
      output: {
        changed: result.changed,
        checked: result.checked,
        dueSoon: result.dueSoon.length,
        overdue: result.overdue.length,
        today: result.today,
      },
    }
  },
  label: 'Review sweep: mark overdue and due-soon articles',
  outputSchema: [
    { name: 'checked', type: 'number' },
    { name: 'changed', type: 'number' },
    { name: 'overdue', type: 'number' },
    { name: 'dueSoon', type: 'number' },
    { name: 'today', type: 'text' },
  ],
  retries: 2,
  schedule: [{ cron: options.reviewSweep.cron, queue: REVIEW_SWEEP_QUEUE }],
})
