/**
 * Why an article is in the reviewers' queue: submitted for review, overdue or due soon, or its
 * source changed since its approval (its citation outputs still show the source as approved).
 */
export type QueueReason = 'due_soon' | 'in_review' | 'overdue' | 'source_changed'

/** One entry of the reviewers' queue (`GET /api/<articles>/review-queue`). */
export interface QueueEntry {
  id: number
  nextReviewDue: null | string
  reason: QueueReason
  /** Since when it has waited: submission time for a review, the due day for a re-review, the source's change. */
  since: string
  status: string
  submittedBy: null | number
  title: string
}

/** What a queue entry reads from an article. */
export interface QueuedArticle {
  id: number
  nextReviewDue?: null | string
  status?: null | string
  submittedBy: null | number
  title: string
}

/**
 * The queue entry of an article waiting for `reason` since `since`; an article without a status
 * is listed with `fallbackStatus` (what the query it came from asked for).
 */
export const queueEntry = (
  article: QueuedArticle,
  reason: QueueReason,
  since: string,
  fallbackStatus: string,
): QueueEntry => ({
  id: article.id,
  nextReviewDue: article.nextReviewDue ?? null,
  reason,
  since,
  status: article.status ?? fallbackStatus,
  submittedBy: article.submittedBy,
  title: article.title,
})
