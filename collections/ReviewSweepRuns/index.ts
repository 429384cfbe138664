import type { CollectionConfig } from 'payload'

import { systemRecordAccess } from '../access/index.js'

/** Slug of the ledger of review-sweep runs. */
export const REVIEW_SWEEP_RUNS_SLUG = 'review-sweep-runs'

/**
 * The `review-sweep-runs` collection: one row per run of the daily review sweep, written in the
 * sweep's own transaction. Its unique `key` (rules/sweepRun.ts) is what makes the sweep run once
 * per slot when several app instances or workers work the jobs queue: Payload's runner claims a
 * job with a read and a separate write, so two runners can both claim it, but only one of them
 * can insert the key. Staff may read it; only server code writes it.
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
      admin: { description: 'The slot the run belongs to (slot:<time>), or job:<id> for a run queued by hand.', readOnly: true },
      index: true,
      required: true,
      unique: true,
    },
    { name: 'job', type: 'text', admin: { description: 'The id of the job that ran it.', readOnly: true } },
    { name: 'changed', type: 'number', admin: { description: 'Articles whose review state changed.', readOnly: true } },
  ],
  timestamps: true,
})
