import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { numericIdOf } from '../../rules/ids.js'
import { type QueueEntry, queueEntry } from '../../rules/reviewQueue.js'

export type { QueueEntry, QueueReason } from '../../rules/reviewQueue.js'

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
  // Every query of the queue: the system's reads of article rows, in the request's transaction.
  const allArticles = { collection: articles, depth: 0, overrideAccess: true, pagination: false, req } as const

  const [inReview, scheduled, approved] = await Promise.all([
    req.payload.find({
      ...allArticles,
      draft: true,
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
      ...allArticles,
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
      ...allArticles,
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
  const sourceChanged = approved.docs.flatMap((doc) => {
    const snapshot = storedSnapshot(doc.citationSnapshot)
    const source = sourceById.get(numericIdOf(doc.source) ?? -1)
    if (listed.has(doc.id) || !snapshot || !source || changedSourceFacts(snapshot, toSourceSnapshot(source)).length === 0) return []
    listed.add(doc.id)
    return [queueEntry({ ...doc, submittedBy: numericIdOf(doc.submittedBy) }, 'source_changed', source.updatedAt, 'active')]
  })

  const entries: QueueEntry[] = [
    ...inReview.docs.map((doc) =>
      queueEntry({ ...doc, submittedBy: numericIdOf(doc.submittedBy) }, 'in_review', doc.updatedAt, 'in_review'),
    ),
    ...sourceChanged,
    ...scheduled.docs
      // An article already listed (its update in review, its source changed) is listed once.
      .filter((doc) => !listed.has(doc.id))
      .flatMap((doc) => {
        const due = toCalendarDate(doc.nextReviewDue)
        if (!due) return []
        const state = reviewState(due, today, options.dueSoonDays)
        if (state === 'current') return []
        return [queueEntry({ ...doc, submittedBy: numericIdOf(doc.submittedBy) }, state, toStoredDate(due), 'active')]
      }),
  ]
  return entries.sort((a, b) => a.since.localeCompare(b.since))
}
