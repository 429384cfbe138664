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

/** The label of each filter, as the queue widget and the articles list name it. */
export const QUEUE_FILTER_LABELS: Readonly<Record<QueueFilter, string>> = {
  due_soon: 'Due soon',
  in_review: 'In review',
  mine: 'Assigned to me',
  overdue: 'Overdue',
}

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

/** Entries of the reviewers' queue per page (`?limit=`): the default and the most one page may ask for. */
export const QUEUE_PAGE_SIZE = { default: 50, max: 200 } as const
/** The last page one may ask for (`?page=`): with the largest pages, 200,000 entries. */
export const QUEUE_MAX_PAGE = 1000

/** Reads `?limit=` and `?page=` of the queue: each a whole number in range, else an error naming it. */
export const parseQueuePage = (
  limit: null | string,
  page: null | string,
): { errors: { message: string; path: 'limit' | 'page' }[] } | { limit: number; page: number } => {
  const read = (value: null | string, fallback: number, max: number, path: 'limit' | 'page') => {
    if (value === null || value === '') return { value: fallback }
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
      return { error: { message: `${path} must be a whole number from 1 to ${max}`, path } }
    }
    return { value: Number(value) }
  }
  const parsedLimit = read(limit, QUEUE_PAGE_SIZE.default, QUEUE_PAGE_SIZE.max, 'limit')
  const parsedPage = read(page, 1, QUEUE_MAX_PAGE, 'page')
  const errors = [parsedLimit.error, parsedPage.error].filter((error) => error !== undefined)
  if (errors.length > 0) return { errors }
  return { limit: parsedLimit.value as number, page: parsedPage.value as number }
}

/**
 * Where one page of the queue falls. The queue is a head (the entries gathered whole and ordered
 * in memory: submissions, linked changes, source changes, broken evidence: a reviewer's working
 * set) followed by the scheduled re-reviews (overdue, then due soon: oldest due day first), which
 * may be many and are read from the database one page at a time. Answers the slice of the head
 * (`start` ≤ `end`) and the offset and count of scheduled rows the page shows.
 */
export const queueWindow = ({ headCount, limit, page }: { headCount: number; limit: number; page: number }) => {
  const start = (page - 1) * limit
  const end = start + limit
  const head = { end: Math.min(end, headCount), start: Math.min(start, headCount) }
  const shownOfHead = head.end - head.start
  return { head, scheduled: { limit: limit - shownOfHead, offset: Math.max(0, start - headCount) } }
}
