import type { CollectionBeforeOperationHook } from 'payload'

import { versionGate } from '../src/http/versionScope.js'

/**
 * Waits, before an operation reads anything, for the content version `withHttpCaching` is reading
 * for this request (`versionGate`), so the answer is read no earlier than the version its ETag
 * names. The first beforeOperation hook of every collection the plugin adds or governs.
 */
export const awaitContentVersionBeforeOperation: CollectionBeforeOperationHook = async ({ args }) => {
  const pending = versionGate.getStore()
  if (pending) await pending
  return args
}
