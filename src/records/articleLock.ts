// The adapter's type augmentation gives `payload.db` its `sessions` and `tableNameMap`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import {
  APIError,
  type CollectionSlug,
  commitTransaction,
  initTransaction,
  killTransaction,
  NotFound,
  type PayloadRequest,
  type TypedCollectionSelect,
  type Where,
} from 'payload'

import type { Article } from '../../payload-types.js'
import { tableNameOf } from '../../rules/tableNames.js'
import { asArticleStatus, type ArticleStatus } from '../../rules/vocabulary.js'

/**
 * One article at a time: every transition, edit, restore and delete of an article takes a row
 * lock on it (`SELECT … FOR UPDATE` on the article's row) inside its own transaction before it
 * reads the state it decides on, and keeps it until it commits. A second writer waits, then
 * decides against what the first one left. The lock lives in PostgreSQL, so it holds across
 * app processes on one database.
 */

// PostgreSQL's deadlock_detected, lock_not_available and serialization_failure: another writer
// holds the article; the caller may try again.
const CONTENTION_CODES = new Set(['40P01', '55P03', '40001'])

// Serial ids only: anything else is no article (and must not reach SQL as a cast error).
const SERIAL_ID = /^[1-9]\d{0,14}$/

/** The PostgreSQL error code of an error or of what it wraps (drizzle wraps the driver's error). */
const pgCodeOf = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    if ('code' in current && typeof current.code === 'string') return current.code
    current = 'cause' in current ? current.cause : undefined
  }
  return undefined
}

const LOCKED = 'cancerContent.lockedArticles'

/**
 * Set on a request whose transaction PostgreSQL aborted while it waited for an article lock (a
 * deadlock). The rest of such a transaction cannot commit, so nothing of the operation may be
 * reported as saved: `refuseContendedOperationAfterOperation` fails the whole operation.
 */
export const LOCK_CONTENDED = 'cancerContent.lockContended'

type Execute = PayloadRequest['payload']['db']['drizzle']['execute']

// A drizzle transaction of the Postgres adapter runs SQL as its database object does.
const runsSql = (db: unknown): db is { execute: Execute } =>
  typeof db === 'object' && db !== null && 'execute' in db && typeof db.execute === 'function'

/** The transaction of a request as the Postgres adapter holds it (its drizzle connection and id), or `null` outside one. */
export const transactionOf = async (req: PayloadRequest) => {
  if (req.transactionID === undefined || req.transactionID === null) return null
  const id = await req.transactionID
  const db: unknown = req.payload.db.sessions?.[String(id)]?.db
  return runsSql(db) ? { db, id: String(id) } : null
}

/**
 * What runs SQL for a request: its transaction when it has one (a statement then commits or
 * rolls back with the save), else the adapter's own connection pool.
 */
export const sqlRunnerOf = async (req: PayloadRequest): Promise<{ execute: Execute }> =>
  (await transactionOf(req))?.db ?? req.payload.db.drizzle

/**
 * Locks an article's row for the rest of the request's transaction. Answers whether the article
 * exists (`false` for an unknown or malformed id) or `null` when the request runs outside a
 * transaction (nothing to hold a lock in: the caller opted out with `disableTransaction`).
 * Taking the lock again in the same transaction is free.
 * @throws APIError 409 when PostgreSQL gives up waiting (a deadlock with another writer)
 */
export const lockArticle = async (req: PayloadRequest, slug: CollectionSlug, id: unknown): Promise<boolean | null> => {
  if ((typeof id !== 'number' && typeof id !== 'string') || !SERIAL_ID.test(String(id))) return false
  const transaction = await transactionOf(req)
  if (!transaction) return null
  const key = `${transaction.id}:${slug}:${id}`
  const locked = (req.context[LOCKED] ??= new Set<string>()) as Set<string>
  if (locked.has(key)) return true
  const table = req.payload.db.tableNameMap?.get(tableNameOf(slug)) ?? tableNameOf(slug)
  try {
    const { rows } = await transaction.db.execute<{ id: number }>(
      sql`select id from ${sql.identifier(table)} where id = ${Number(id)} for update`,
    )
    if (rows.length === 0) return false
    locked.add(key)
    return true
  } catch (error) {
    if (CONTENTION_CODES.has(pgCodeOf(error) ?? '')) {
      req.context[LOCK_CONTENDED] = true
      throw new APIError('Another change to this article was under way: nothing was saved. Reload it and try again.', 409, null, true)
    }
    throw error
  }
}

/**
 * Runs one governed change of an article in a transaction of its own (or the caller's): takes
 * the article's row lock, held until commit, so a concurrent transition, assignment or edit waits
 * here and then decides against the state this one leaves; reads the article as it is now (its
 * working copy, drafts included) and hands it to `change`. Commits what `change` wrote, or rolls
 * all of it back when `change` throws.
 * @throws NotFound (404) for an unknown article, and whatever `change` throws
 */
export const changeLockedArticle = async <Result>(
  req: PayloadRequest,
  collection: 'articles',
  id: number | string,
  change: (current: Article) => Promise<Result>,
): Promise<Result> => {
  const shouldCommit = await initTransaction(req)
  try {
    if (!(await lockArticle(req, collection, id))) throw new NotFound(req.t)
    const current = await req.payload.findByID({ collection, depth: 0, draft: true, id, overrideAccess: true, req })
    const result = await change(current)
    if (shouldCommit) await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

/** What the write rules read of an article's working copy (its latest version, drafts included). */
export type WorkingCopy = Pick<
  Article,
  'assignee' | 'id' | 'importHash' | 'lastEditedBy' | 'lastReviewed' | 'reviewedBy' | 'submittedBy' | 'updatedAt'
> & {
  /** Payload's draft state of the working copy: `published` when it is the live version itself. */
  _status?: Article['_status']
  status: ArticleStatus
}

/**
 * The working copy of an article as it is now in the request's transaction (read at the adapter,
 * without hooks or access: the write rules decide on it), or `null` when there is none.
 */
export const readWorkingCopy = async (req: PayloadRequest, slug: CollectionSlug, id: number | string): Promise<null | WorkingCopy> => {
  if (!SERIAL_ID.test(String(id))) return null
  const { docs } = await req.payload.db.findVersions<Article>({
    collection: slug,
    limit: 1,
    pagination: false,
    req,
    sort: '-updatedAt',
    where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
  })
  const version = docs[0]?.version
  if (version) return { ...version, id: Number(id), status: asArticleStatus(version.status) }
  const row = await req.payload.db.findOne<Article>({ collection: slug, req, where: { id: { equals: id } } })
  return row ? { ...row, status: asArticleStatus(row.status) } : null
}

/**
 * The first document whose working copy (its latest version, drafts included) matches `where`,
 * read without access control or hooks beyond Payload's own, in `req`'s transaction; `undefined`
 * when none does. For the write rules and the importer, which decide on working copies.
 */
export const findWorkingCopy = async <Slug extends CollectionSlug, Select extends TypedCollectionSelect[Slug]>(
  req: PayloadRequest,
  { collection, select, where }: { collection: Slug; select: Select; where: Where },
) => {
  const { docs } = await req.payload.find({ collection, depth: 0, draft: true, limit: 1, overrideAccess: true, pagination: false, req, select, where })
  return docs[0]
}

/** What a delete is judged on besides the working copy: whether the article was ever live or submitted. */
export const readArticlePast = async (
  req: PayloadRequest,
  slugs: { articles: CollectionSlug; workflowEvents: CollectionSlug },
  working: WorkingCopy,
): Promise<{ everLive: boolean; everSubmitted: boolean }> => {
  // Ordinary writes only ever add drafts, so the main row is published once anything was.
  const published = await req.payload.db.findOne<Article>({
    collection: slugs.articles,
    req,
    where: { and: [{ id: { equals: working.id } }, { _status: { equals: 'published' } }] },
  })
  const { totalDocs: submits } = await req.payload.db.count({
    collection: slugs.workflowEvents,
    req,
    where: { and: [{ article: { equals: working.id } }, { action: { equals: 'submit' } }] },
  })
  return { everLive: published !== null, everSubmitted: submits > 0 || (working.submittedBy ?? null) !== null }
}
