import type { PayloadRequest } from 'payload'

import { queueWebhookEvent } from '../../records/webhookEvents.js'
import type { Article } from '../../payload-types.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { articleSubject, eventOfAction } from '../../rules/webhooks.js'

/**
 * Queues the webhook deliveries of a workflow transition (approve, retire, reaffirm) in its
 * transaction; transitions that readers do not see (submit, request changes) send nothing.
 */
export const queueWebhooksForTransition = async ({
  action,
  article,
  collection,
  options,
  req,
}: {
  action: string
  article: Article
  collection: string
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<void> => {
  const event = eventOfAction(action)
  if (!event) return
  await queueWebhookEvent({ collection, event, options, req, subject: articleSubject({ ...article }) })
}
