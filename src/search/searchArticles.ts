// The adapter's type augmentation gives `payload.db` its `drizzle`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { parseOrBadRequest } from '../../rules/badRequest.js'
import { slugs } from '../../rules/collectionSlugs.js'
import type { Article } from '../../payload-types.js'
import { MAX_QUERY_TEXT_LENGTH } from '../../rules/limits.js'
import type { SanitizedOptions } from '../../rules/options.js'
import {
  HEADLINE_LEAD_CHARS,
  HEADLINE_MARKERS,
  HEADLINE_WINDOW_CHARS,
  headlineWords,
  SEARCH_CONFIGS,
  type SearchConfig,
  searchConfigFor,
  snippetHtml,
} from '../../rules/search.js'
import { AUDIENCES } from '../../rules/vocabulary.js'
import { searchConfigSql, searchTableOf, tableNameOf as tableName } from './searchIndex.js'

/** The parameters of an article search (REST query string and GraphQL arguments alike). */
export const searchParamsSchema = z.strictObject({
  audience: z.enum(AUDIENCES).optional(),
  cancerType: z.string().trim().min(1).max(100).optional(),
  language: z.string().trim().min(2).max(35).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  maxTier: z.coerce.number().int().min(0).max(99).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  q: z.string().trim().min(1, 'q: say what to search for').max(MAX_QUERY_TEXT_LENGTH),
  source: z.coerce.number().int().positive().optional(),
  tag: z.string().trim().min(1).max(100).optional(),
})

/** Parsed search parameters. */
export type SearchParams = z.infer<typeof searchParamsSchema>

/** One search hit: the article as a list shows it, its rank and a highlighted snippet. */
export interface SearchHit {
  article: Article
  rank: number
  /** A short passage of the body with the matches in `<mark>`, safe to insert as HTML. */
  snippet: string
}

/** A page of search hits, best first. */
export interface SearchResult {
  docs: SearchHit[]
  limit: number
  page: number
  totalDocs: number
  totalPages: number
}

/** Fields a search hit carries: what a result list shows, never the body. */
export const LIST_SELECT = {
  audienceLevel: true,
  cancerTypes: true,
  citationText: true,
  language: true,
  lastReviewed: true,
  nextReviewDue: true,
  reviewState: true,
  source: true,
  tags: true,
  title: true,
  url: true,
} as const

/** Parses raw search parameters, answering a field error for each bad one. */
export const parseSearchParams = (raw: Record<string, unknown>, collection: string, req: PayloadRequest): SearchParams =>
  parseOrBadRequest(searchParamsSchema, raw, { collection, fallbackPath: 'q', req })

/**
 * Full-text search over the title and body of approved, published articles, stemmed in each
 * article's language (PostgreSQL text search over the stored vectors of searchIndex.ts, served
 * by their GIN index; the rank and snippet use each article's own language),
 * ranked, filtered, paginated, with a highlighted snippet per hit. Three statements: the
 * ranked ids, the snippets of that page, and the page's articles.
 */
export const searchArticles = async ({
  options,
  params,
  req,
}: {
  options: SanitizedOptions
  params: SearchParams
  req: PayloadRequest
}): Promise<SearchResult> => {
  const { articles } = slugs(options)
  const table = tableName(articles)
  // The stored vectors: parsed once per save, never again per hit. The match reads the whole
  // document's vector through the GIN index; the rank reads the small ranking vector.
  const vector = sql.raw('"s"."vector"')
  const rankVector = sql.raw('"s"."rank_vector"')
  const config = sql.raw(searchConfigSql('a'))
  const query = sql`websearch_to_tsquery(${config}, ${params.q})`
  // The match must compare with constant queries for the GIN index to serve it: one query in the
  // asked language, or one per configuration when no language is asked (a bitmap OR of index scans).
  const configs = params.language ? [searchConfigFor(params.language)] : [...new Set<SearchConfig>([...Object.values(SEARCH_CONFIGS), 'simple'])]
  const matches = sql.join(
    configs.map((name) => sql`${vector} @@ websearch_to_tsquery(${sql.raw(`'${name}'::regconfig`)}, ${params.q})`),
    sql` or `,
  )
  const filters = [
    sql`a.status = 'active'`,
    sql`a._status = 'published'`,
    sql`(${matches})`,
    params.language ? sql`lower(a.language) = lower(${params.language})` : undefined,
    params.audience ? sql`a.audience_level = ${params.audience}` : undefined,
    params.source ? sql`a.source_id = ${params.source}` : undefined,
    params.cancerType
      ? sql`exists (select 1 from ${sql.raw(`"${table}_texts"`)} t where t.parent_id = a.id and t.path = 'cancerTypes' and lower(t.text) = lower(${params.cancerType}))`
      : undefined,
    params.tag
      ? sql`exists (select 1 from ${sql.raw(`"${table}_texts"`)} t where t.parent_id = a.id and t.path = 'tags' and lower(t.text) = lower(${params.tag}))`
      : undefined,
    params.maxTier !== undefined
      ? sql`exists (select 1 from ${sql.raw(`"${tableName(options.collections.sources)}"`)} s where s.id = a.source_id and s.tier_rank <= ${params.maxTier})`
      : undefined,
  ].filter((filter) => filter !== undefined)

  const offset = (params.page - 1) * params.limit
  // A common word matches most articles, and the planner then prefers reading every row's vector
  // (large values, decompressed one by one) to the GIN index, which answers without reading them:
  // in its own transaction, this statement is planned without sequential scans.
  const ranked = await req.payload.db.drizzle.transaction(async (transaction) => {
    await transaction.execute(sql`set local enable_seqscan = off`)
    return transaction.execute<{ id: number; rank: number; total: string }>(sql`
      select a.id, ts_rank_cd(${rankVector}, ${query}) as rank, count(*) over () as total
      from ${sql.raw(`"${table}"`)} a join ${sql.raw(`"${searchTableOf(table)}"`)} s on s.id = a.id
      where ${sql.join(filters, sql` and `)}
      order by rank desc, a.id
      limit ${params.limit} offset ${offset}`)
  })
  const rows = ranked.rows
  const totalDocs = Number(rows[0]?.total ?? 0)
  const empty = { docs: [], limit: params.limit, page: params.page, totalDocs, totalPages: Math.ceil(totalDocs / params.limit) }
  if (rows.length === 0) return empty

  const ids = rows.map((row) => Number(row.id))
  const words = headlineWords(params.q)
  // Where the first of the query's words stands in the body (null: none of them, literally).
  const firstWordAt =
    words.length === 0 ? sql`null::int` : sql`least(${sql.join(words.map((word) => sql`nullif(strpos(lower(a.body_text), ${word}), 0)`), sql`, `)})`
  const headlineOptions = `MaxFragments=1, MaxWords=30, MinWords=12, StartSel=${HEADLINE_MARKERS.start}, StopSel=${HEADLINE_MARKERS.end}`
  const [headlines, found] = await Promise.all([
    // The snippet is cut from a window of the body around the first query word found in it
    // (rules/search.ts, headlineWords): a highlight reads all the text it is given.
    req.payload.db.drizzle.execute<{ headline: null | string; id: number }>(sql`
      select a.id, ts_headline(${config}, coalesce(substr(a.body_text, greatest(1, coalesce(${firstWordAt}, 1) - ${HEADLINE_LEAD_CHARS}), ${HEADLINE_WINDOW_CHARS}), a.title), ${query}, ${headlineOptions}) as headline
      from ${sql.raw(`"${table}"`)} a
      where a.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`),
    req.payload.find({
      collection: articles,
      depth: 1,
      limit: ids.length,
      overrideAccess: false,
      pagination: false,
      populate: { [options.collections.sources]: { homeUrl: true, label: true, name: true, tierRank: true } },
      req,
      select: LIST_SELECT,
      where: { id: { in: ids } },
    }),
  ])
  const snippets = new Map(headlines.rows.map((row) => [Number(row.id), snippetHtml(row.headline ?? '')]))
  const byId = new Map(found.docs.map((doc) => [doc.id, doc as Article]))
  return {
    ...empty,
    docs: rows.flatMap((row) => {
      const article = byId.get(Number(row.id))
      return article ? [{ article, rank: Number(row.rank), snippet: snippets.get(Number(row.id)) ?? '' }] : []
    }),
  }
}
