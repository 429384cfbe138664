import { randomBytes } from 'node:crypto'

import type { CollectionConfig, FieldAccess } from 'payload'

import { clearPauseWhenReactivatedBeforeChange } from '../../hooks/clearPauseWhenReactivatedBeforeChange.js'
import {
  rememberSecretBeforeChange,
  revealSecretOnCreateAfterChange,
} from '../../hooks/revealSecretOnCreateAfterChange.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { clientComponent, SEND_TEST_EVENT_FIELD } from '../adminComponents.js'
import { toSelectOptions, WEBHOOK_EVENTS } from '../../rules/vocabulary.js'
import { checkWebhookUrl } from '../../rules/webhooks.js'
import { admins, adminsField, serverOnlyField } from '../access/index.js'
import { createWebhookEndpoints } from '../../src/webhooks/webhookEndpoints.js'

/** A new webhook secret: 32 random bytes, hex, with a prefix that says what it is. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('hex')}`

// Nobody reads a secret back through the API: it is shown once, in the create form and answer.
const noOne: FieldAccess = () => false

/**
 * The `webhooks` collection (admins only): where to POST which events, signed with a secret of
 * the webhook's own. A webhook that keeps failing (or whose receiver answers 410) is paused with
 * a reason; ticking `active` again resumes it.
 */
export const createWebhooksCollection = (options: SanitizedOptions): CollectionConfig => ({
  slug: options.collections.webhooks,
  access: { create: admins, delete: admins, read: admins, update: admins },
  admin: {
    defaultColumns: ['url', 'events', 'active', 'pausedReason'],
    description: 'Signed POSTs to your web apps when approved content changes.',
    group: 'Integrations',
    useAsTitle: 'url',
  },
  fields: [
    {
      name: 'url',
      type: 'text',
      admin: { description: 'Target URL: https (http only to the allowed development hosts).' },
      required: true,
      validate: (value: unknown) => {
        const verdict = checkWebhookUrl(value, options.webhooks.allowedHosts)
        return verdict.ok ? true : verdict.reason
      },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      options: toSelectOptions(WEBHOOK_EVENTS),
      required: true,
    },
    { name: 'active', type: 'checkbox', defaultValue: true, index: true },
    { name: 'description', type: 'text' },
    {
      name: 'secret',
      type: 'text',
      access: { create: adminsField, read: noOne, update: serverOnlyField },
      admin: {
        description:
          'Signs every delivery (HMAC-SHA256). Copy it now: it is shown only here, at creation, and in the answer to the create request.',
      },
      // Not `required`: the default fills it, and API clients need not send one.
      defaultValue: newWebhookSecret,
      minLength: 24,
    },
    {
      name: 'pausedReason',
      type: 'text',
      admin: { description: 'Why deliveries stopped. Tick Active again to resume.', readOnly: true },
    },
    {
      name: 'pausedAt',
      type: 'date',
      admin: { readOnly: true },
    },
    {
      name: SEND_TEST_EVENT_FIELD,
      type: 'ui',
      admin: {
        components: { Field: clientComponent('SendTestEventButton', { webhooksSlug: options.collections.webhooks }) },
        disableListColumn: true,
        position: 'sidebar',
      },
    },
  ],
  endpoints: createWebhookEndpoints(options),
  hooks: {
    afterChange: [revealSecretOnCreateAfterChange],
    beforeChange: [rememberSecretBeforeChange, clearPauseWhenReactivatedBeforeChange],
  },
})
