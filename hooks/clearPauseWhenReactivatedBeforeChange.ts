import type { CollectionBeforeChangeHook } from 'payload'

/** An admin who ticks Active on a paused webhook resumes it: the pause reason goes. */
export const clearPauseWhenReactivatedBeforeChange: CollectionBeforeChangeHook = ({ data, operation, originalDoc }) => {
  if (operation === 'update' && data.active === true && originalDoc?.active === false) {
    return { ...data, pausedAt: null, pausedReason: null }
  }
  return data
}
