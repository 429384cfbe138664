import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../hooks/slugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { numericIdOf } from '../../rules/ids.js'

/** Why an article is in the reviewers' queue. */
export type QueueReason = 'due_soon' | 'in_review' | 'overdue'

/** One entry of the reviewers' queue. */
export interface QueueEntry {
  id: number
  nextReviewDue: null | string
  reason: QueueReason
  /** Since when it has waited: submission time for a review, the due day for a re-review. */
  since: string
  status: string
  submittedBy: null | number
  title: string
}

/**
 * The reviewers' queue: everything in review that the reader did not submit, then every active
 * article that is overdue or due within the window, oldest first. Reviewers and admins only.
 */
export const reviewQueue = async ({ options, req }: { options: SanitizedOptions; req: PayloadRequest }): Promise<QueueEntry[]> => {
  if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
  const { articles } = slugs(options)
  const me = req.user?.id
  const today = todayUtc(options.now())
  const select = { nextReviewDue: true, status: true, submittedBy: true, title: true, updatedAt: true } as const

  const [inReview, scheduled] = await Promise.all([
    req.payload.find({
      collection: articles,
      depth: 0,
      draft: true,
      overrideAccess: true,
      pagination: false,
      req,
      select,
      sort: 'updatedAt',
      where: {
        and: [
          { status: { equals: 'in_review' } },
          { or: [{ submittedBy: { not_equals: me } }, { submittedBy: { exists: false } }] },
        ],
      },
    }),
    req.payload.find({
      collection: articles,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select,
      sort: 'nextReviewDue',
      where: {
        and: [
          { status: { equals: 'active' } },
          { nextReviewDue: { less_than_equal: toStoredDate(addDays(today, options.dueSoonDays)) } },
        ],
      },
    }),
  ])

  const entries: QueueEntry[] = [
    ...inReview.docs.map((doc) => ({
      id: doc.id,
      nextReviewDue: doc.nextReviewDue ?? null,
      reason: 'in_review' as const,
      since: doc.updatedAt,
      status: doc.status ?? 'in_review',
      submittedBy: numericIdOf(doc.submittedBy),
      title: doc.title,
    })),
    ...scheduled.docs
      // An active article whose update is already in review is listed once, as in review.
      .filter((doc) => !inReview.docs.some((pending) => pending.id === doc.id))
      .flatMap((doc) => {
        const due = toCalendarDate(doc.nextReviewDue)
        if (!due) return []
        const state = reviewState(due, today, options.dueSoonDays)
        if (state === 'current') return []
        return [
          {
            id: doc.id,
            nextReviewDue: doc.nextReviewDue ?? null,
            reason: state,
            since: toStoredDate(due),
            status: doc.status ?? 'active',
            submittedBy: numericIdOf(doc.submittedBy),
            title: doc.title,
          },
        ]
      }),
  ]
  return entries.sort((a, b) => a.since.localeCompare(b.since))
}
