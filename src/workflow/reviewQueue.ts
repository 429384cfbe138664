import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { displayName, displayTitle } from '../../rules/displayName.js'
import { numericIdOf } from '../../rules/ids.js'
import { matchesQueueFilter, orderQueue, type QueueFilter } from '../../rules/reviewQueueOrder.js'
import { type QueueEntry as BaseQueueEntry, type QueuedEntry, queueEntry, type QueueUser } from '../../rules/reviewQueue.js'
import { type TrustQueueEntry, trustQueueEntries } from '../trust/trustQueue.js'

export type { QueueFilter } from '../../rules/reviewQueueOrder.js'
export type { QueueReason, QueueUser } from '../../rules/reviewQueue.js'

/** One entry of the reviewers' queue, with what the trust rules add (the linked changes, the broken evidence). */
export type QueueEntry = BaseQueueEntry & Pick<TrustQueueEntry, 'changes' | 'evidence'>
// An entry before its people are named.
type Entry = QueuedEntry & Pick<TrustQueueEntry, 'changes' | 'evidence'>

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
    return [queueEntry({ ...doc, assignee: null, submittedBy: numericIdOf(doc.submittedBy) }, 'source_changed', source.updatedAt, 'active')]
  })

  const entries: Entry[] = [
    ...inReview.docs.map((doc) =>
      queueEntry(
        { ...doc, assignee: numericIdOf(doc.assignee), submittedBy: numericIdOf(doc.submittedBy) },
        'awaiting_decision',
        doc.updatedAt,
        'in_review',
      ),
    ),
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
        return [queueEntry({ ...doc, assignee: null, submittedBy: numericIdOf(doc.submittedBy) }, state, toStoredDate(due), 'active')]
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
