import type { CollectionConfig } from 'payload'

import { EVIDENCE_STATUSES, toSelectOptions } from '../../rules/vocabulary.js'
import { systemRecordAccess } from '../access/index.js'

/** Slug of the evidence checker's record of each link. */
export const EVIDENCE_CHECKS_SLUG = 'evidence-checks'

/**
 * The `evidence-checks` collection: the last check of each evidence URL (one row per URL, shared
 * by every article that cites it), written only by the evidence checker. The article page joins
 * it to each evidence entry as `status` and `checkedAt`; an article citing a `broken` URL is in
 * the reviewers' queue. Staff read it; nobody writes it through the API.
 */
export const createEvidenceChecksCollection = (): CollectionConfig => ({
  slug: EVIDENCE_CHECKS_SLUG,
  access: systemRecordAccess,
  admin: {
    defaultColumns: ['url', 'status', 'statusCode', 'checkedAt'],
    description: 'The last check of each evidence link (written by the daily evidence checker).',
    group: 'Governance',
    useAsTitle: 'url',
  },
  defaultSort: '-checkedAt',
  fields: [
    { name: 'url', type: 'text', admin: { readOnly: true }, index: true, required: true, unique: true },
    { name: 'status', type: 'select', admin: { readOnly: true }, index: true, options: toSelectOptions(EVIDENCE_STATUSES), required: true },
    { name: 'checkedAt', type: 'date', admin: { readOnly: true }, index: true, required: true },
    { name: 'statusCode', type: 'number', admin: { description: 'The final answer\'s HTTP status.', readOnly: true } },
    { name: 'redirects', type: 'number', admin: { readOnly: true } },
    { name: 'finalUrl', type: 'text', admin: { description: 'Where the redirects ended.', readOnly: true } },
    { name: 'error', type: 'text', admin: { description: 'Why there was no usable answer.', readOnly: true } },
  ],
  timestamps: true,
})
