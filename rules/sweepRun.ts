/**
 * The key under which one run of the review sweep is recorded, unique in the sweep-runs ledger.
 * A scheduled job is keyed by its slot (the time the schedule queued it for), so every job for
 * one slot (two app instances scheduling the same day, two runners claiming the same job) shares
 * one key and only the first run does the work. A job queued by hand has no slot: its id keys it.
 *
 * @param job the job's id and its `waitUntil` (ISO string, Date or empty)
 * @returns `slot:<ISO time>` or `job:<id>`
 */
export const sweepRunKey = ({
  id,
  waitUntil,
}: {
  id: number | string
  waitUntil?: Date | null | string
}): string => {
  if (waitUntil) {
    const slot = new Date(waitUntil)
    if (!Number.isNaN(slot.getTime())) return `slot:${slot.toISOString()}`
  }
  return `job:${id}`
}
