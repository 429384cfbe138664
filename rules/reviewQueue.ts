import { displayTitle } from './displayName.js'
import type { QueueReason } from './reviewQueueOrder.js'

export type { QueueReason } from './reviewQueueOrder.js'

/** A user as the queue shows them: id and display name (rules/displayName.ts). */
export interface QueueUser {
  id: number
  name: string
}

/** One entry of the reviewers' queue (`GET /api/<articles>/review-queue`). */
export interface QueueEntry {
  /** The reviewer a submission is assigned to (submissions only). */
  assignee: null | QueueUser
  id: number
  nextReviewDue: null | string
  reason: QueueReason
  /** Since when it has waited: submission time for a review, the due day for a re-review, the source's change. */
  since: string
  status: string
  submittedBy: null | QueueUser
  /** The title, or "Untitled article #id": every row is readable. */
  title: string
}

/** An entry before its people are named: their ids. */
export type QueuedEntry = Omit<QueueEntry, 'assignee' | 'submittedBy'> & { assigneeId: null | number; submittedById: null | number }

/** What a queue entry reads from an article. */
export interface QueuedArticle {
  assignee?: null | number
  id: number
  nextReviewDue?: null | string
  status?: null | string
  submittedBy: null | number
  title?: null | string
}

/**
 * The queue entry of an article waiting for `reason` since `since`; an article without a status
 * is listed with `fallbackStatus` (what the query it came from asked for), one without a title
 * as "Untitled article #id". Only a submission awaiting a decision carries its assignee.
 */
export const queueEntry = (article: QueuedArticle, reason: QueueReason, since: string, fallbackStatus: string): QueuedEntry => ({
  assigneeId: reason === 'awaiting_decision' ? (article.assignee ?? null) : null,
  id: article.id,
  nextReviewDue: article.nextReviewDue ?? null,
  reason,
  since,
  status: article.status ?? fallbackStatus,
  submittedById: article.submittedBy,
  title: displayTitle(article),
})
