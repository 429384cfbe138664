import type { CollectionBeforeOperationHook } from 'payload'

import { versionGate } from '../src/http/versionScope.js'

/**
 * Waits, before an operation reads anything, for the content version `withHttpCaching` is reading
 * for this request (`versionGate`), so the answer is read no earlier than the version its ETag
 * names, and marks the gate passed (an answer that passed none gets no tag from the version).
 * The first beforeOperation hook of every collection the plugin adds or governs.
 */
export const awaitContentVersionBeforeOperation: CollectionBeforeOperationHook = ({ req }) => {
  // Nothing to wait for (every operation but a reloaded list's or by-id read's): no promise made.
  // The arguments stay as they are (Payload keeps them when a hook answers undefined).
  const gate = versionGate.get(req)
  if (!gate) return undefined
  gate.passed = true
  return settled(gate.pending)
}

const settled = async (pending: Promise<unknown>): Promise<void> => {
  await pending
}
