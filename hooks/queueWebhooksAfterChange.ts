import type { CollectionAfterChangeHook } from 'payload'

import { queueWebhookEvent } from '../records/webhookEvents.js'
import type { SanitizedOptions } from '../rules/options.js'
import type { WebhookEvent } from '../rules/vocabulary.js'
import type { EventSubject } from '../rules/webhooks.js'

/**
 * An afterChange hook that announces every saved change of a collection's documents as `event`
 * (glossary terms, sources: they have no drafts, so every save is what readers get).
 */
export const queueWebhooksAfterChange =
  (
    event: WebhookEvent,
    options: SanitizedOptions,
    subjectOf: (doc: Record<string, unknown>) => EventSubject,
  ): CollectionAfterChangeHook =>
  async ({ collection, doc, req }) => {
    await queueWebhookEvent({ collection: collection.slug, event, options, req, subject: subjectOf(doc) })
    return doc
  }
