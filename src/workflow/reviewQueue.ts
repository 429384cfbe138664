import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../hooks/slugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { numericIdOf } from '../../rules/ids.js'
import { type TrustQueueEntry, trustQueueEntries } from '../trust/trustQueue.js'

/**
 * Why an article is in the reviewers' queue: submitted for review, overdue or due soon, or its
 * source changed since its approval (its citation outputs still show the source as approved).
 */
export type QueueReason = 'due_soon' | 'in_review' | 'overdue' | 'source_changed' | TrustQueueEntry['reason']

/** One entry of the reviewers' queue. */
export interface QueueEntry extends Pick<TrustQueueEntry, 'changes' | 'evidence'> {
  id: number
  nextReviewDue: null | string
  reason: QueueReason
  /** Since when it has waited: submission time for a review, the due day for a re-review, the source's change. */
  since: string
  status: string
  submittedBy: null | number
  title: string
}

/**
 * The reviewers' queue: everything in review that the reader did not submit, every active
 * article whose source changed since its approval, and every active article that is overdue or
 * due within the window, oldest first, each article once. Reviewers and admins only.
 */
export const reviewQueue = async ({ options, req }: { options: SanitizedOptions; req: PayloadRequest }): Promise<QueueEntry[]> => {
  if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
  const { articles } = slugs(options)
  const me = req.user?.id
  const today = todayUtc(options.now())
  const select = { nextReviewDue: true, status: true, submittedBy: true, title: true, updatedAt: true } as const

  const [inReview, scheduled, approved] = await Promise.all([
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
    req.payload.find({
      collection: articles,
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      select: { ...select, citationSnapshot: true, source: true },
      where: { and: [{ status: { equals: 'active' } }, { 'citationSnapshot.label': { exists: true } }] },
    }),
  ])
  const sourceIds = [...new Set(approved.docs.map((doc) => numericIdOf(doc.source)).filter((id): id is number => id !== null))]
  const sources =
    sourceIds.length === 0
      ? []
      : (
          await req.payload.find({
            collection: slugs(options).sources,
            depth: 0,
            overrideAccess: true,
            pagination: false,
            req,
            where: { id: { in: sourceIds } },
          })
        ).docs
  const sourceById = new Map(sources.map((source) => [source.id, source]))
  const listed = new Set(inReview.docs.map((doc) => doc.id))
  // A linked version changed, or cited evidence is broken (src/trust): before the source and schedule reasons.
  const trusted = await trustQueueEntries(req, options, listed)
  for (const entry of trusted) listed.add(entry.id)
  const sourceChanged = approved.docs.flatMap((doc) => {
    const snapshot = storedSnapshot(doc.citationSnapshot)
    const source = sourceById.get(numericIdOf(doc.source) ?? -1)
    if (listed.has(doc.id) || !snapshot || !source || changedSourceFacts(snapshot, toSourceSnapshot(source)).length === 0) return []
    listed.add(doc.id)
    return [
      {
        id: doc.id,
        nextReviewDue: doc.nextReviewDue ?? null,
        reason: 'source_changed' as const,
        since: source.updatedAt,
        status: doc.status ?? 'active',
        submittedBy: numericIdOf(doc.submittedBy),
        title: doc.title,
      },
    ]
  })

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
    ...trusted,
    ...sourceChanged,
    ...scheduled.docs
      // An article already listed (its update in review, its source changed) is listed once.
      .filter((doc) => !listed.has(doc.id))
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
