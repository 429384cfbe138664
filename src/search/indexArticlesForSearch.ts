// The adapter's type augmentation gives `payload.db` its `drizzle` and `sessions`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import type { SqlRunner } from '../../seed/bulk.js'
import { refreshSearchVectorsSql } from './searchIndex.js'

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
 * database or a transaction of it): what the articles' afterChange hook (hooks/indexArticleForSearchAfterChange.ts) does for one saved article, for
 * the importer's bulk path.
 */
export const indexArticlesForSearch = async (db: SqlRunner, articlesTable: string, ids: readonly number[]): Promise<void> => {
  if (ids.length === 0) return
  await db.execute(refreshSearchVectorsSql(articlesTable, sql`a.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`))
}
