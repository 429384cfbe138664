import type { CollectionConfig } from 'payload'

import { systemRecordAccess } from '../access/index.js'

/** Slug of the ledger of review-sweep runs. */
export const REVIEW_SWEEP_RUNS_SLUG = 'review-sweep-runs'

/**
 * The `review-sweep-runs` collection: one row per run of work that must happen once, written in
 * the work's own transaction: the daily review sweep and the weekly digest (once per slot,
 * rules/sweepRun.ts) and the mail of each workflow event (rules/notifications.ts). Its unique
 * `key` is what makes the work run once when several app instances or workers work the jobs
 * queue: Payload's runner claims a job with a read and a separate write, so two runners can both
 * claim it, but only one of them can insert the key. Staff may read it; only server code writes it.
 */
export const createReviewSweepRunsCollection = (): CollectionConfig => ({
  slug: REVIEW_SWEEP_RUNS_SLUG,
  access: systemRecordAccess,
  admin: {
    defaultColumns: ['key', 'job', 'changed', 'createdAt'],
    group: 'Governance',
    hidden: true,
    useAsTitle: 'key',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'key',
      type: 'text',
      admin: { description: 'What ran: a sweep\'s slot (slot:<time>, or job:<id> when queued by hand), a digest\'s (digest:…), or an event\'s mail (mail:<event>:<id>).', readOnly: true },
      index: true,
      required: true,
      unique: true,
    },
    { name: 'job', type: 'text', admin: { description: 'The id of the job that ran it.', readOnly: true } },
    { name: 'changed', type: 'number', admin: { description: 'What the run changed: articles whose review state changed, or emails sent.', readOnly: true } },
  ],
  timestamps: true,
})
