import type { BadgeTone } from './Badge.js'
import type { QueueUser, QueueEntry as ServedQueueEntry } from '../../../rules/reviewQueue.js'
import { QUEUE_FILTER_LABELS, QUEUE_FILTERS } from '../../../rules/reviewQueueOrder.js'

/** A person as the queue names them (rules/reviewQueue.ts): the name may be missing for a user without one. */
export type QueuePerson = Pick<QueueUser, 'id'> & Partial<Pick<QueueUser, 'name'>> & { email?: null | string }

/**
 * One entry of `GET /api/<articles>/review-queue` (rules/reviewQueue.ts) as the widget reads it:
 * a reason the widget does not know yet shows as its own text.
 */
export type QueueEntry = Pick<ServedQueueEntry, 'id' | 'nextReviewDue' | 'since'> &
  Partial<Pick<ServedQueueEntry, 'status' | 'title'>> & {
    assignee?: null | QueuePerson
    reason: string
    submittedBy?: null | QueuePerson
  }

/** The reasons the queue gives, as people read them (`in_review` is the older name of `awaiting_decision`). */
const REASONS: Readonly<Record<string, { key: string; label: string; symbol: string; tone: BadgeTone }>> = {
  awaiting_decision: { key: 'awaiting_decision', label: 'Awaiting decision', symbol: '◐', tone: 'info' },
  due_soon: { key: 'due_soon', label: 'Due soon', symbol: '◷', tone: 'warning' },
  in_review: { key: 'awaiting_decision', label: 'Awaiting decision', symbol: '◐', tone: 'info' },
  overdue: { key: 'overdue', label: 'Overdue', symbol: '!', tone: 'danger' },
  source_changed: { key: 'source_changed', label: 'Source changed', symbol: '↻', tone: 'warning' },
}

/** How a queue reason looks; an unknown reason shows as its own text. */
export const queueReason = (reason: string): { key: string; label: string; symbol: string; tone: BadgeTone } =>
  REASONS[reason] ?? { key: reason, label: reason, symbol: '•', tone: 'neutral' }

/** The views of the queue widget: everything, or one of the queue endpoint's filters (`?filter=`). */
export const QUEUE_VIEWS = ['all', ...QUEUE_FILTERS] as const
/** A view of the queue widget. */
export type QueueView = (typeof QUEUE_VIEWS)[number]

/** The label of each view's button. */
export const QUEUE_VIEW_LABELS: Readonly<Record<QueueView, string>> = { all: 'All', ...QUEUE_FILTER_LABELS }

/** The query string of a view (`?filter=` of the queue endpoint; none for all). */
export const queueQuery = (view: QueueView, page = 1): string => {
  const params = [view === 'all' ? '' : `filter=${view}`, page > 1 ? `page=${page}` : ''].filter(Boolean)
  return params.length === 0 ? '' : `?${params.join('&')}`
}

/** One page of the queue endpoint: its entries, how many the whole queue has, and the next page (`null` on the last). */
export const readQueuePage = (body: unknown): { entries: QueueEntry[]; nextPage: null | number; total: number } => {
  const page = (body && typeof body === 'object' ? body : {}) as { docs?: unknown; hasNextPage?: unknown; page?: unknown; totalDocs?: unknown }
  const entries = readQueueEntries(page.docs)
  const current = typeof page.page === 'number' ? page.page : 1
  return {
    entries,
    nextPage: page.hasNextPage === true ? current + 1 : null,
    total: typeof page.totalDocs === 'number' ? page.totalDocs : entries.length,
  }
}

/** Reads the queue endpoint's `docs`, keeping only entries with an id and a reason. */
export const readQueueEntries = (docs: unknown): QueueEntry[] =>
  (Array.isArray(docs) ? docs : []).filter(
    (doc: unknown): doc is QueueEntry =>
      Boolean(doc) &&
      typeof doc === 'object' &&
      typeof (doc as QueueEntry).id === 'number' &&
      typeof (doc as QueueEntry).reason === 'string',
  )

const same = (a: unknown, b: unknown): boolean => a !== null && a !== undefined && String(a) === String(b)

/**
 * Whether a reviewer may take this entry for themself from the queue: a submission waiting for a
 * decision, unassigned, that they did not submit (the API judges the rest, four-eyes included).
 */
export const takeable = (entry: QueueEntry, userId: null | number | string): boolean =>
  userId !== null &&
  queueReason(entry.reason).key === 'awaiting_decision' &&
  !entry.assignee &&
  !same(entry.submittedBy?.id, userId)

/** An editor's own article on the dashboard. */
export interface WorkDoc {
  id: number | string
  status?: string
  title?: null | string
  updatedAt?: string
}

/** The last workflow event of an article, as far as the editor's dashboard reads it. */
export interface LastEvent {
  action?: string
  actor?: unknown
  actorLabel?: string
  article?: unknown
  comment?: null | string
  createdAt?: string
}

/**
 * How an editor's article reads on their dashboard: a draft whose last event is a request for
 * changes is "Changes requested" (with the comment), not just "Draft".
 */
export const workState = (
  doc: WorkDoc,
  last: LastEvent | undefined,
): { changesRequested: null | { comment: string; event: LastEvent }; status: string } => {
  const status = doc.status ?? 'draft'
  if (status === 'draft' && last?.action === 'request_changes') {
    return { changesRequested: { comment: last.comment ?? '', event: last }, status }
  }
  return { changesRequested: null, status }
}

/** The latest event of each article, from events sorted newest first. */
export const latestEventByArticle = (events: readonly LastEvent[]): Map<string, LastEvent> => {
  const latest = new Map<string, LastEvent>()
  for (const event of events) {
    const article = event.article
    const id =
      typeof article === 'number' || typeof article === 'string'
        ? String(article)
        : article && typeof article === 'object' && 'id' in article
          ? String((article as { id: unknown }).id)
          : null
    if (id !== null && !latest.has(id)) latest.set(id, event)
  }
  return latest
}
