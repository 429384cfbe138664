import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../hooks/slugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { displayName, displayTitle } from '../../rules/displayName.js'
import { numericIdOf } from '../../rules/ids.js'
import { matchesQueueFilter, orderQueue, type QueueFilter, type QueueReason } from '../../rules/reviewQueueOrder.js'
import { type TrustQueueEntry, trustQueueEntries } from '../trust/trustQueue.js'

export type { QueueFilter, QueueReason } from '../../rules/reviewQueueOrder.js'

/** A user as the queue shows them: id and display name (rules/displayName.ts). */
export interface QueueUser {
  id: number
  name: string
}

/** One entry of the reviewers' queue. */
export interface QueueEntry extends Pick<TrustQueueEntry, 'changes' | 'evidence'> {
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

// An entry before its people are named.
type RawEntry = Omit<QueueEntry, 'assignee' | 'submittedBy'> & { assigneeId: null | number; submittedById: null | number }

/**
 * The reviewers' queue: everything in review that the reader did not submit, every active
 * article whose source changed since its approval, and every active article that is overdue or
 * due within the window, each article once, in the queue order of rules/reviewQueueOrder.ts
 * (submissions assigned to me, unassigned, assigned to others, then source changes, overdue,
 * due soon; oldest first in each), narrowed by `filter`. Reviewers and admins only.
 */
export const reviewQueue = async ({
  filter = null,
  options,
  req,
}: {
  filter?: null | QueueFilter
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<QueueEntry[]> => {
  if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
  const { articles } = slugs(options)
  const me = req.user?.id
  const today = todayUtc(options.now())
  const select = { assignee: true, nextReviewDue: true, status: true, submittedBy: true, title: true, updatedAt: true } as const

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
  // A linked version changed, or cited evidence is broken (src/trust): listed before the source and schedule reasons.
  const trusted = (await trustQueueEntries(req, options, listed)).map(({ submittedBy, ...entry }) => ({
    ...entry,
    assigneeId: null,
    submittedById: submittedBy,
  }))
  for (const entry of trusted) listed.add(entry.id)
  const sourceChanged = approved.docs.flatMap((doc) => {
    const snapshot = storedSnapshot(doc.citationSnapshot)
    const source = sourceById.get(numericIdOf(doc.source) ?? -1)
    if (listed.has(doc.id) || !snapshot || !source || changedSourceFacts(snapshot, toSourceSnapshot(source)).length === 0) return []
    listed.add(doc.id)
    return [
      {
        assigneeId: null,
        id: doc.id,
        nextReviewDue: doc.nextReviewDue ?? null,
        reason: 'source_changed' as const,
        since: source.updatedAt,
        status: doc.status ?? 'active',
        submittedById: numericIdOf(doc.submittedBy),
        title: displayTitle(doc),
      },
    ]
  })

  const entries: RawEntry[] = [
    ...inReview.docs.map((doc) => ({
      assigneeId: numericIdOf(doc.assignee),
      id: doc.id,
      nextReviewDue: doc.nextReviewDue ?? null,
      reason: 'awaiting_decision' as const,
      since: doc.updatedAt,
      status: doc.status ?? 'in_review',
      submittedById: numericIdOf(doc.submittedBy),
      title: displayTitle(doc),
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
            assigneeId: null,
            id: doc.id,
            nextReviewDue: doc.nextReviewDue ?? null,
            reason: state,
            since: toStoredDate(due),
            status: doc.status ?? 'active',
            submittedById: numericIdOf(doc.submittedBy),
            title: displayTitle(doc),
          },
        ]
      }),
  ]
  const myId = Number(me)
  const shown = orderQueue(
    entries.filter((entry) => matchesQueueFilter(entry, filter, myId)),
    myId,
  )
  // The people of the queue named in one read: name, else email (never more of the account).
  const userIds = [...new Set(shown.flatMap((entry) => [entry.assigneeId, entry.submittedById]).filter((id): id is number => id !== null))]
  const people =
    userIds.length === 0
      ? []
      : (
          await req.payload.find({
            collection: slugs(options).users,
            depth: 0,
            overrideAccess: true,
            pagination: false,
            req,
            select: { email: true, name: true },
            where: { id: { in: userIds } },
          })
        ).docs
  const nameOf = new Map(people.map((person) => [person.id, displayName(person)]))
  const person = (id: null | number): null | QueueUser => (id === null ? null : { id, name: nameOf.get(id) ?? displayName(id) })
  return shown.map(({ assigneeId, submittedById, ...entry }) => ({ ...entry, assignee: person(assigneeId), submittedBy: person(submittedById) }))
}
