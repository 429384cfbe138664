import { sql } from '@payloadcms/db-postgres/drizzle'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

import { SEARCH_CONFIGS } from '../../rules/search.js'

export { tableNameOf } from '../../rules/tableNames.js'

/** Name of the GIN index that serves full-text search over articles. */
export const ARTICLE_SEARCH_INDEX = 'articles_search_idx'

/**
 * The text-search configuration of a row, from its `language` column, as SQL: one expression,
 * used by the index and by every search query, so that the planner always uses the index.
 */
const configOf = (language: string): string =>
  `(CASE split_part(lower(${language}), '-', 1) ${Object.entries(SEARCH_CONFIGS)
    .map(([primary, config]) => `WHEN '${primary}' THEN '${config}'::regconfig`)
    .join(' ')} ELSE 'simple'::regconfig END)`

/** The weighted search document of an article row: the title (weight A) and the body text (B). */
export const searchVectorSql = (alias?: string): string => {
  const column = (name: string) => (alias ? `"${alias}"."${name}"` : `"${name}"`)
  const config = configOf(column('language'))
  return `(setweight(to_tsvector(${config}, coalesce(${column('title')}, '')), 'A') || setweight(to_tsvector(${config}, coalesce(${column('body_text')}, '')), 'B'))`
}

/** The query's configuration for a row, as SQL (see `configOf`). */
export const searchConfigSql = (alias: string): string => configOf(`"${alias}"."language"`)

type DatabaseAdapterResult = Config['db']
type SchemaHook = (args: {
  extendTable: (args: { extraConfig?: (table: Record<string, unknown>) => Record<string, unknown>; table: unknown }) => void
  schema: { tables: Record<string, unknown> }
}) => unknown

/**
 * Adds the full-text search index of the articles table to a Postgres adapter's schema (through
 * its `afterSchemaInit` hooks), so that schema push and `migrate:create` both know it.
 * @throws when the adapter is not @payloadcms/db-postgres
 */
export const withArticleSearchIndex = (db: DatabaseAdapterResult, articlesTable: string): DatabaseAdapterResult => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args)
    if (adapter.name !== 'postgres' || !('afterSchemaInit' in adapter) || !Array.isArray(adapter.afterSchemaInit)) {
      throw new Error(`[cancer-content] needs the PostgreSQL adapter (@payloadcms/db-postgres), not "${adapter.name}"`)
    }
    const addIndex: SchemaHook = ({ extendTable, schema }) => {
      const table = schema.tables[articlesTable]
      if (!table) throw new Error(`[cancer-content] no "${articlesTable}" table to index for search`)
      extendTable({
        extraConfig: () => ({ [ARTICLE_SEARCH_INDEX]: index(ARTICLE_SEARCH_INDEX).using('gin', sql.raw(searchVectorSql())) }),
        table,
      })
      return schema
    }
    ;(adapter.afterSchemaInit as SchemaHook[]).push(addIndex)
    return adapter
  },
})
