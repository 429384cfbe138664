// The adapter's type augmentation gives `payload.db` its `drizzle` and `sessions`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import { Forbidden, type PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { addDays, todayUtc, toCalendarDate, toStoredDate } from '../../rules/calendarDate.js'
import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { hasRole } from '../../rules/roles.js'
import { displayName } from '../../rules/displayName.js'
import { numericIdOf } from '../../rules/ids.js'
import { matchesQueueFilter, orderQueue, QUEUE_PAGE_SIZE, type QueueFilter, queueWindow } from '../../rules/reviewQueueOrder.js'
import { tableNameOf } from '../../rules/tableNames.js'
import { type QueueEntry as BaseQueueEntry, type QueuedEntry, queueEntry, type QueueUser } from '../../rules/reviewQueue.js'
import { sqlRunnerOf } from '../records/articleLock.js'
import { articleSnapshotKeySql, snapshotHoldersSql, sourceFactsKeySql } from '../database/sourceSnapshotIndex.js'
import { type TrustQueueEntry, trustQueueEntries } from '../trust/trustQueue.js'

export type { QueueFilter } from '../../rules/reviewQueueOrder.js'
export type { QueueReason, QueueUser } from '../../rules/reviewQueue.js'

/** One entry of the reviewers' queue, with what the trust rules add (the linked changes, the broken evidence). */
export type QueueEntry = BaseQueueEntry & Pick<TrustQueueEntry, 'changes' | 'evidence'>
// An entry before its people are named.
type Entry = QueuedEntry & Pick<TrustQueueEntry, 'changes' | 'evidence'>

/** One page of the reviewers' queue, with the totals of the whole queue. */
export interface QueuePage {
  docs: QueueEntry[]
  hasNextPage: boolean
  hasPrevPage: boolean
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

const idList = (ids: Iterable<number>) => {
  const list = [...ids]
  return list.length === 0 ? sql`` : sql` and a.id not in (${sql.join(list.map((id) => sql`${id}`), sql`, `)})`
}

/**
 * The reviewers' queue, one page at a time: everything in review that the reader did not submit,
 * every active article a linked version or broken evidence puts back (src/trust), every active
 * article whose source changed since its approval, and every active article that is overdue or
 * due within the window, each article once, in the queue order of rules/reviewQueueOrder.ts
 * (submissions assigned to me, unassigned, assigned to others, then linked changes, source
 * changes, broken evidence, overdue, due soon; oldest first in each), narrowed by `filter`.
 * The head of the queue (all but the scheduled re-reviews) is read whole and ordered in memory;
 * the scheduled re-reviews, which grow with the collection, are counted and read a page at a
 * time from the `next_review_due` index (`queueWindow`). Reviewers and admins only.
 */
export const reviewQueue = async ({
  filter = null,
  limit = QUEUE_PAGE_SIZE.default,
  options,
  page = 1,
  req,
}: {
  filter?: null | QueueFilter
  limit?: number
  options: SanitizedOptions
  page?: number
  req: PayloadRequest
}): Promise<QueuePage> => {
  if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
  const { articles, sources: sourcesSlug } = slugs(options)
  const table = sql.raw(`"${tableNameOf(articles)}"`)
  const sourcesTable = sql.raw(`"${tableNameOf(sourcesSlug)}"`)
  // In the request's transaction when it runs in one: the queue reads what the request wrote.
  const db = await sqlRunnerOf(req)
  const me = req.user?.id
  const myId = Number(me)
  const today = todayUtc(options.now())
  const select = { assignee: true, nextReviewDue: true, status: true, submittedBy: true, title: true, updatedAt: true } as const
  // Every query of the queue: the system's reads of article rows, in the request's transaction.
  const allArticles = { collection: articles, depth: 0, overrideAccess: true, pagination: false, req } as const

  // Approved articles whose source's facts differ from the snapshot taken at approval: found by
  // the database, then checked by the rule. For each source, the partial index on (source, key of
  // the approved snapshot) (src/database/sourceSnapshotIndex.ts) is read below and above the source's current
  // key: only articles whose snapshot differs are read, never every approved article.
  const articleKey = sql.raw(articleSnapshotKeySql('a'))
  const holders = sql.raw(snapshotHoldersSql('a'))
  const sourceChangedIds = async (): Promise<number[]> =>
    (
      await db.execute<{ id: number }>(sql`
        select c.id from ${sourcesTable} s cross join lateral (
          select a.id from ${table} a where a.source_id = s.id and ${holders} and ${articleKey} < ${sql.raw(sourceFactsKeySql('s'))}
          union all
          select a.id from ${table} a where a.source_id = s.id and ${holders} and ${articleKey} > ${sql.raw(sourceFactsKeySql('s'))}
        ) c`)
    ).rows.map((row) => Number(row.id))

  const [inReview, changedIds] = await Promise.all([
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
    sourceChangedIds(),
  ])
  const approved =
    changedIds.length === 0
      ? { docs: [] }
      : await req.payload.find({
          ...allArticles,
          select: { ...select, citationSnapshot: true, source: true },
          where: { id: { in: changedIds } },
        })
  const sourceIds = [...new Set(approved.docs.map((doc) => numericIdOf(doc.source)).filter((id): id is number => id !== null))]
  const sources =
    sourceIds.length === 0
      ? []
      : (
          await req.payload.find({
            collection: sourcesSlug,
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
  const head: Entry[] = orderQueue(
    [
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
    ].filter((entry) => matchesQueueFilter(entry, filter, myId)),
    myId,
  )

  // The scheduled re-reviews: active articles due before the end of the window (by calendar day,
  // UTC), not listed above, oldest due day first; overdue ones come first because they are older.
  const scheduledRange =
    filter === 'overdue'
      ? sql`a.next_review_due < ${toStoredDate(today)}`
      : filter === 'due_soon'
        ? sql`a.next_review_due >= ${toStoredDate(today)} and a.next_review_due < ${toStoredDate(addDays(today, options.dueSoonDays + 1))}`
        : sql`a.next_review_due < ${toStoredDate(addDays(today, options.dueSoonDays + 1))}`
  const scheduledWhere = sql`a.status = 'active' and ${scheduledRange}${idList(listed)}`
  const scheduledWanted = filter === null || filter === 'overdue' || filter === 'due_soon'
  const window = queueWindow({ headCount: head.length, limit, page })
  const [scheduledCount, scheduledRows] = scheduledWanted
    ? await Promise.all([
        db.execute<{ count: string }>(sql`select count(*) as count from ${table} a where ${scheduledWhere}`),
        window.scheduled.limit === 0
          ? { rows: [] }
          : db.execute<{ id: number }>(sql`
              select a.id from ${table} a where ${scheduledWhere}
              order by a.next_review_due, a.id limit ${window.scheduled.limit} offset ${window.scheduled.offset}`),
      ])
    : [{ rows: [{ count: '0' }] }, { rows: [] }]
  const scheduledIds = scheduledRows.rows.map((row) => Number(row.id))
  const scheduledDocs =
    scheduledIds.length === 0 ? [] : (await req.payload.find({ ...allArticles, select, where: { id: { in: scheduledIds } } })).docs
  const scheduledById = new Map(scheduledDocs.map((doc) => [doc.id, doc]))
  const scheduled = scheduledIds.flatMap((id) => {
    const doc = scheduledById.get(id)
    const due = toCalendarDate(doc?.nextReviewDue)
    if (!doc || !due) return []
    const state = reviewState(due, today, options.dueSoonDays)
    if (state === 'current') return []
    return [queueEntry({ ...doc, assignee: null, submittedBy: numericIdOf(doc.submittedBy) }, state, toStoredDate(due), 'active')]
  })
  const shown: Entry[] = [...head.slice(window.head.start, window.head.end), ...scheduled]
  const totalDocs = head.length + Number(scheduledCount.rows[0]?.count ?? 0)

  // The people of the page named in one read: name, else email (never more of the account).
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
  const totalPages = Math.ceil(totalDocs / limit)
  return {
    docs: shown.map(({ assigneeId, submittedById, ...entry }) => ({ ...entry, assignee: person(assigneeId), submittedBy: person(submittedById) })),
    hasNextPage: page < totalPages,
    hasPrevPage: page > 1,
    limit,
    page,
    totalDocs,
    totalPages,
  }
}
