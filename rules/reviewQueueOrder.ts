/**
 * Why an article is in the reviewers' queue: a submission awaits a decision, a linked version
 * (counterpart, translation) was approved with a change, its source changed since its approval,
 * evidence it cites is broken, or it is overdue or due soon for its periodic review.
 */
export const QUEUE_REASONS = [
  'awaiting_decision',
  'counterpart_changed',
  'translation_outdated',
  'source_changed',
  'evidence_broken',
  'overdue',
  'due_soon',
] as const
/** A reason of a queue entry. */
export type QueueReason = (typeof QUEUE_REASONS)[number]

/** The filters of the queue (`?filter=`): all in review, in review and assigned to me, overdue, due soon. */
export const QUEUE_FILTERS = ['in_review', 'mine', 'overdue', 'due_soon'] as const
/** A filter of the queue. */
export type QueueFilter = (typeof QUEUE_FILTERS)[number]

/** What ordering and filtering read of an entry. */
export interface OrderableEntry {
  assigneeId: null | number
  reason: QueueReason
  /** Since when it has waited (ISO time or day): the oldest comes first within a group. */
  since: string
}

/**
 * The group of an entry, lowest first: submissions assigned to me, unassigned submissions,
 * submissions assigned to others, then articles whose source changed, overdue, due soon.
 */
export const queueGroup = (entry: OrderableEntry, me: number): number => {
  if (entry.reason === 'awaiting_decision') {
    if (entry.assigneeId === me) return 0
    return entry.assigneeId === null ? 1 : 2
  }
  return 2 + QUEUE_REASONS.indexOf(entry.reason)
}

/**
 * The reviewers' queue order: submissions waiting for a decision first (assigned to me, then
 * unassigned, then assigned to others), then source changes, overdue and due-soon articles;
 * oldest first within each group. Returns a new array.
 */
export const orderQueue = <T extends OrderableEntry>(entries: readonly T[], me: number): T[] =>
  [...entries].sort((a, b) => queueGroup(a, me) - queueGroup(b, me) || a.since.localeCompare(b.since))

/** Whether an entry passes a queue filter (no filter: every entry). */
export const matchesQueueFilter = (entry: OrderableEntry, filter: null | QueueFilter, me: number): boolean => {
  if (filter === null) return true
  if (filter === 'in_review') return entry.reason === 'awaiting_decision'
  if (filter === 'mine') return entry.reason === 'awaiting_decision' && entry.assigneeId === me
  return entry.reason === filter
}

/** Reads `?filter=`: `null` when absent, the filter, or an error message naming the allowed values. */
export const parseQueueFilter = (value: null | string): { error: string } | { filter: null | QueueFilter } => {
  if (value === null || value === '') return { filter: null }
  return (QUEUE_FILTERS as readonly string[]).includes(value)
    ? { filter: value as QueueFilter }
    : { error: `filter must be one of: ${QUEUE_FILTERS.join(', ')}` }
}
