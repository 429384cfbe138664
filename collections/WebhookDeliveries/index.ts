import type { CollectionConfig } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { DELIVERY_STATUSES, toSelectOptions } from '../../rules/vocabulary.js'
import { admins, nobody } from '../access/index.js'

/**
 * The `webhook-deliveries` collection: one document per event and webhook, with every try
 * (when, how long, the answer's status code, the error). Admins read it; only the delivery
 * task writes it. One delivery per webhook and event id (a unique index).
 */
export const createWebhookDeliveriesCollection = (options: SanitizedOptions): CollectionConfig => ({
  slug: options.collections.webhookDeliveries,
  access: { create: nobody, delete: nobody, read: admins, update: nobody },
  admin: {
    defaultColumns: ['event', 'subject', 'webhook', 'status', 'attemptCount', 'lastStatusCode', 'createdAt'],
    group: 'Integrations',
    useAsTitle: 'event',
  },
  defaultSort: '-createdAt',
  fields: [
    { name: 'webhook', type: 'relationship', index: true, relationTo: options.collections.webhooks, required: true },
    { name: 'event', type: 'text', index: true, required: true },
    {
      name: 'eventId',
      type: 'text',
      admin: { description: 'Sent as X-Webhook-Id: the same on every try, for receivers to drop duplicates.' },
      index: true,
      required: true,
    },
    {
      name: 'subject',
      type: 'text',
      admin: { description: 'What changed (collection:id): deliveries of one subject go out in order.' },
      index: true,
      required: true,
    },
    { name: 'body', type: 'textarea', admin: { description: 'The signed JSON body.' }, required: true },
    { name: 'status', type: 'select', defaultValue: 'pending', index: true, options: toSelectOptions(DELIVERY_STATUSES) },
    { name: 'attemptCount', type: 'number', defaultValue: 0 },
    { name: 'maxAttempts', type: 'number' },
    { name: 'nextAttemptAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'leaseUntil', type: 'date', admin: { hidden: true } },
    { name: 'deliveredAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'lastStatusCode', type: 'number' },
    { name: 'lastError', type: 'text' },
    {
      name: 'attempts',
      type: 'array',
      fields: [
        { name: 'attempt', type: 'number', required: true },
        { name: 'startedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, required: true },
        { name: 'durationMs', type: 'number', required: true },
        { name: 'statusCode', type: 'number' },
        { name: 'outcome', type: 'text', required: true },
        { name: 'error', type: 'text' },
      ],
    },
  ],
  indexes: [{ fields: ['webhook', 'eventId'], unique: true }],
})
