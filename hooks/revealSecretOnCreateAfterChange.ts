import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

/** Request-context key under which a new webhook's secret waits to be answered once. */
export const NEW_WEBHOOK_SECRET = 'cancerContent.newWebhookSecret'

/** Remembers the secret of a webhook being created (typed or generated), for the create answer. */
export const rememberSecretBeforeChange: CollectionBeforeChangeHook = ({ context, data, operation }) => {
  if (operation === 'create' && typeof data.secret === 'string') context[NEW_WEBHOOK_SECRET] = data.secret
  return data
}

/**
 * Puts the secret into the answer of the create request, the only read that ever shows it (its
 * field is unreadable): the admin copies it from there into the receiver's configuration.
 */
export const revealSecretOnCreateAfterChange: CollectionAfterChangeHook = ({ context, doc, operation }) => {
  const secret = context[NEW_WEBHOOK_SECRET]
  if (operation !== 'create' || typeof secret !== 'string') return doc
  delete context[NEW_WEBHOOK_SECRET]
  return { ...doc, secret }
}
