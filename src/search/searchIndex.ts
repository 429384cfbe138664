import { getTableColumns, type SQL, sql } from '@payloadcms/db-postgres/drizzle'
import { customType, index, integer, PgTable, pgTable } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { SchemaHook } from '../../collections/parts.js'

import { SEARCH_CONFIGS } from '../../rules/search.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

export { tableNameOf } from '../../rules/tableNames.js'

/** Name of the GIN index (on the stored vectors) that serves full-text search over articles. */
export const ARTICLE_SEARCH_INDEX = 'articles_search_idx'

/**
 * Name of the GIN index on the ranking vectors: it finds the matches that rank above 0 (the
 * query in the title or the opening) without reading the others, the first of a search's
 * bounded candidate sets (src/search/searchArticles.ts).
 */
export const ARTICLE_RANK_INDEX = 'articles_search_rank_idx'

/**
 * The text-search configuration of a row, from its `language` column, as SQL: one expression,
 * used by the index and by every search query, so that the planner always uses the index.
 */
const configOf = (language: string): string =>
  `(CASE split_part(lower(${language}), '-', 1) ${Object.entries(SEARCH_CONFIGS)
    .map(([primary, config]) => `WHEN '${primary}' THEN '${config}'::regconfig`)
    .join(' ')} ELSE 'simple'::regconfig END)`

/**
 * How much of the body the ranking vector reads: its opening (a PDQ summary's or an article's
 * first paragraph or two, about 150 words), so that the vector stays small enough (about 1 KB) to
 * live uncompressed in its row: ranking thousands of matches then reads no compressed or
 * out-of-line value. At 2,000 characters the vector passed PostgreSQL's 2 KB compression
 * threshold and ranking 9,000 matches took 170 ms instead of 20 ms (measured on a local server).
 */
export const RANK_BODY_CHARS = 1000

const weighted = (alias: string | undefined, body: (column: string) => string): string => {
  const column = (name: string) => (alias ? `"${alias}"."${name}"` : `"${name}"`)
  const config = configOf(column('language'))
  return `(setweight(to_tsvector(${config}, coalesce(${column('title')}, '')), 'A') || setweight(to_tsvector(${config}, ${body(column('body_text'))}), 'B'))`
}

/** The weighted search document of an article row, which the match reads: the title (weight A) and the whole body text (B). */
export const searchVectorSql = (alias?: string): string => weighted(alias, (body) => `coalesce(${body}, '')`)

/**
 * The ranking vector of an article row: the title (weight A) and the opening of the body
 * (`RANK_BODY_CHARS`, weight B). A hit ranks by where it matters to a reader: in the title
 * first, then in the opening; a word found only further down still matches, with rank 0.
 */
export const rankVectorSql = (alias?: string): string => weighted(alias, (body) => `left(coalesce(${body}, ''), ${RANK_BODY_CHARS})`)

/** The query's configuration for a row, as SQL (see `configOf`). */
export const searchConfigSql = (alias: string): string => configOf(`"${alias}"."language"`)

/**
 * The search query for a row, stemmed in the row's configuration (`configOf`), as SQL: one
 * `websearch_to_tsquery` per configuration, each of constants, chosen by the row's language. The
 * planner computes each query once; `websearch_to_tsquery(configOf(row), q)` would parse and stem
 * the query again for every row it ranks.
 */
export const searchQueryOfRowSql = (alias: string, query: (config: SQL) => SQL): SQL =>
  sql`(CASE split_part(lower(${sql.raw(`"${alias}"."language"`)}), '-', 1) ${sql.join(
    Object.entries(SEARCH_CONFIGS).map(([primary, config]) => sql`WHEN ${sql.raw(`'${primary}'`)} THEN ${query(sql.raw(`'${config}'::regconfig`))}`),
    sql` `,
  )} ELSE ${query(sql.raw(`'simple'::regconfig`))} END)`


/** The table that stores each article's weighted search vector, beside the articles table. */
export const searchTableOf = (articlesTable: string): string => `${articlesTable}_search`

// PostgreSQL's own type for a parsed, weighted document.
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The schema hook that adds the search table of the articles to the Postgres adapter's schema
 * (declared by the articles collection, run by the adapter's `afterSchemaInit`), so that schema
 * push and `migrate:create` both know it: one row per article, `id` (the article's, deleted
 * with it), `vector`, the weighted search document (title A, body text B) parsed once per save,
 * with the GIN index that serves the match, and `rank_vector` (title A, the body's opening B),
 * small enough to stay inline, which ranking reads: no body is parsed, and no large vector read,
 * at query time.
 */
export const articleSearchTable =
  (articlesTable: string): SchemaHook =>
  ({ schema }) => {
    const articles = schema.tables[articlesTable]
    if (!(articles instanceof PgTable)) throw new Error(`[${PLUGIN_NAME}] no "${articlesTable}" table to index for search`)
    const articleId = getTableColumns(articles).id
    if (!articleId) throw new Error(`[${PLUGIN_NAME}] the "${articlesTable}" table has no id column`)
    const table = searchTableOf(articlesTable)
    schema.tables[table] = pgTable(
      table,
      {
        id: integer('id')
          .primaryKey()
          .references(() => articleId, { onDelete: 'cascade' }),
        rankVector: tsvector('rank_vector').notNull(),
        vector: tsvector('vector').notNull(),
      },
      (columns) => [index(ARTICLE_SEARCH_INDEX).using('gin', columns.vector), index(ARTICLE_RANK_INDEX).using('gin', columns.rankVector)],
    )
    return schema
  }

/**
 * The statement that (re)computes the stored search vectors of the articles matching `where`
 * (SQL over the articles table, aliased `a`): an upsert from the row as stored.
 */
export const refreshSearchVectorsSql = (articlesTable: string, where: SQL): SQL => sql`
  insert into ${sql.raw(`"${searchTableOf(articlesTable)}"`)} (id, vector, rank_vector)
  select a.id, ${sql.raw(searchVectorSql('a'))}, ${sql.raw(rankVectorSql('a'))} from ${sql.raw(`"${articlesTable}"`)} a where ${where}
  on conflict (id) do update set vector = excluded.vector, rank_vector = excluded.rank_vector`
