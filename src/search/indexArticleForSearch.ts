// The adapter's type augmentation gives `payload.db` its `drizzle` and `sessions`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, Payload, RequestContext } from 'payload'

import { savesOnlyAVersion } from '../../rules/search.js'
import type { SqlRunner } from '../../seed/bulk.js'
import { sqlRunnerOf } from '../records/articleLock.js'
import { refreshSearchVectorsSql } from './searchIndex.js'

/** Where a request notes the articles whose current save writes only a version: id → true. */
const VERSION_ONLY_SAVES = 'cancerContentVersionOnlySaves'

const versionOnlySaves = (context: RequestContext): Record<string, true> => {
  const noted = context[VERSION_ONLY_SAVES]
  if (typeof noted === 'object' && noted !== null) return noted as Record<string, true>
  const fresh: Record<string, true> = {}
  context[VERSION_ONLY_SAVES] = fresh
  return fresh
}

/**
 * Notes, for `indexArticleForSearchAfterChange`, whether an update by id writes only a version
 * (rules/search.ts, `savesOnlyAVersion`): Payload's afterChange hooks are not told whether the
 * save was a draft. Each update of the article decides anew.
 */
export const noteVersionOnlySavesBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'update' || !('id' in args) || (typeof args.id !== 'number' && typeof args.id !== 'string')) return args
  const data: unknown = 'data' in args ? args.data : undefined
  const status = typeof data === 'object' && data !== null && '_status' in data ? data._status : undefined
  const draft = 'draft' in args && typeof args.draft === 'boolean' ? args.draft : null
  const noted = versionOnlySaves(req.context)
  if (savesOnlyAVersion({ draft, operation, status })) noted[String(args.id)] = true
  else delete noted[String(args.id)]
  return args
}

/**
 * Stores the article's weighted search vector after every save that changes its row (create,
 * update, publish, transition), parsed once from the row as stored, in the save's transaction.
 * A draft saved over an existing article leaves the row, hence its vector, as it was: skipped.
 */
export const indexArticleForSearchAfterChange =
  (articlesTable: string): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    const noted = versionOnlySaves(req.context)
    const key = String(doc.id)
    if (operation === 'update' && noted[key]) {
      delete noted[key]
      return doc
    }
    // In the save's transaction: the vector commits (or rolls back) with the save.
    const db = await sqlRunnerOf(req)
    await db.execute(refreshSearchVectorsSql(articlesTable, sql`a.id = ${doc.id}`))
    return doc
  }

/**
 * Stores the search vectors of articles that have none (a database made before the search table,
 * or schema push in development): one statement, a no-op once every article has its vector.
 */
export const indexUnindexedArticles = async (payload: Payload, articlesTable: string): Promise<void> => {
  await payload.db.drizzle.execute(
    refreshSearchVectorsSql(
      articlesTable,
      sql`not exists (select 1 from ${sql.raw(`"${articlesTable}_search"`)} s where s.id = a.id)`,
    ),
  )
}

/**
 * Stores the search vectors of the given articles in one statement, on `db` (the adapter's
 * database or a transaction of it): what the afterChange hook does for one saved article, for
 * the importer's bulk path.
 */
export const indexArticlesForSearch = async (db: SqlRunner, articlesTable: string, ids: readonly number[]): Promise<void> => {
  if (ids.length === 0) return
  await db.execute(refreshSearchVectorsSql(articlesTable, sql`a.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
}
