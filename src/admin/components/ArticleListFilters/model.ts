import type { Where } from 'payload'

import { addDays, type CalendarDate, toStoredDate } from '../../../../rules/calendarDate.js'
import { QUEUE_FILTER_LABELS, QUEUE_FILTERS, type QueueFilter } from '../../../../rules/reviewQueueOrder.js'

/** The reviewer's filters of the articles list, in the order the list shows them: the queue's own filters, with their labels. */
export const ARTICLE_LIST_FILTERS = QUEUE_FILTERS
/** One filter of the articles list. */
export type ArticleListFilter = QueueFilter

/** The label of each filter. */
export const ARTICLE_LIST_FILTER_LABELS = QUEUE_FILTER_LABELS

/** What the filters are computed from: today (UTC calendar day), the due-soon window, who asks. */
export interface FilterContext {
  dueSoonDays: number
  today: CalendarDate
  userId: null | number | string
}

// Review days are stored at noon UTC (toStoredDate): a day D is before today when D noon is
// before today's midnight, and within the window up to and including its last day's noon.
const startOf = (day: CalendarDate): string => `${day}T00:00:00.000Z`

const notRetired: Where = { status: { not_equals: 'retired' } }

/**
 * The `where` of one filter of the articles list, as the list view's query (and the REST API)
 * reads it: in review; in review and assigned to me; overdue (next review day passed); due soon
 * (from today up to `dueSoonDays` ahead, the window the review sweep and the queue use). Retired
 * articles are never due. Without a user, "assigned to me" matches nothing.
 */
export const articleListWhere = (filter: ArticleListFilter, { dueSoonDays, today, userId }: FilterContext): Where => {
  switch (filter) {
    case 'in_review':
      return { status: { equals: 'in_review' } }
    case 'mine':
      return {
        and: [{ status: { equals: 'in_review' } }, userId === null ? { id: { exists: false } } : { assignee: { equals: userId } }],
      }
    case 'overdue':
      return { and: [notRetired, { nextReviewDue: { less_than: startOf(today) } }] }
    case 'due_soon':
      return {
        and: [
          notRetired,
          { nextReviewDue: { greater_than_equal: startOf(today) } },
          { nextReviewDue: { less_than_equal: toStoredDate(addDays(today, dueSoonDays)) } },
        ],
      }
  }
}

/** Which filter a list query's `where` is, if it is exactly one of them (so the button shows as on). */
export const activeFilter = (where: unknown, context: FilterContext): ArticleListFilter | null =>
  ARTICLE_LIST_FILTERS.find((filter) => sameWhere(where, articleListWhere(filter, context))) ?? null

// The list view reads `where` back from the URL, where every value is a string.
const normalise = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normalise)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, normalise(inner)]),
    )
  }
  return value === undefined || value === null ? value : String(value as string)
}

// A list of conditions in the URL comes back as an object keyed "0", "1", …
const asList = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).every((key) => /^\d+$/.test(key))
    ? Object.values(value as Record<string, unknown>)
    : value

const deepList = (value: unknown): unknown => {
  const listed = asList(value)
  if (Array.isArray(listed)) return listed.map(deepList)
  if (listed && typeof listed === 'object') {
    return Object.fromEntries(Object.entries(listed as Record<string, unknown>).map(([key, inner]) => [key, deepList(inner)]))
  }
  return listed
}

const sameWhere = (a: unknown, b: unknown): boolean =>
  JSON.stringify(normalise(deepList(a))) === JSON.stringify(normalise(deepList(b)))
