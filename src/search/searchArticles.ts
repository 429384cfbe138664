// The adapter's type augmentation gives `payload.db` its `drizzle`.
import type {} from '@payloadcms/db-postgres'
import { type SQL, sql } from '@payloadcms/db-postgres/drizzle'
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
  queryExcludes,
  SEARCH_CONFIGS,
  type SearchConfig,
  searchConfigFor,
  searchCandidateBound,
  SEARCH_MAX_CANDIDATES,
  searchTotals,
  snippetHtml,
} from '../../rules/search.js'
import { AUDIENCES } from '../../rules/vocabulary.js'
import { searchConfigSql, searchQueryOfRowSql, searchTableOf, tableNameOf as tableName } from './searchIndex.js'

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
  /** More articles match than the search ranks (rules/search.ts, `SEARCH_MAX_CANDIDATES`): narrow the query. */
  moreMatches: boolean
  page: number
  /** The hits one can page through: every match, or the ranked candidates when `moreMatches`. */
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
 * The search query as SQL, stemmed in each row's language (alias `a`): with a `language` asked,
 * one constant query in its configuration (every row searched has that language); else the
 * query in the row's configuration, chosen among constants (`searchQueryOfRowSql`).
 */
const rowQuery = (params: SearchParams): SQL =>
  params.language
    ? sql`websearch_to_tsquery(${sql.raw(`'${searchConfigFor(params.language)}'::regconfig`)}, ${params.q})`
    : searchQueryOfRowSql('a', (config) => sql`websearch_to_tsquery(${config}, ${params.q})`)

/**
 * The statement of a search's first step: the page of ranked ids, with the size of the ranked
 * candidate set (`total`) and whether it was bounded. Exported so that the read benchmark
 * (bench/reads.ts) plans exactly what the endpoint sends.
 */
export const rankedSearchSql = ({
  articlesTable,
  maxCandidates,
  params,
  sourcesTable,
}: {
  articlesTable: string
  maxCandidates: number
  params: SearchParams
  sourcesTable: string
}): SQL => {
  const table = articlesTable
  // The stored vectors: parsed once per save, never again per hit. The match reads the whole
  // document's vector through the GIN index; the rank reads the small ranking vector.
  const rankVector = sql.raw('"s"."rank_vector"')
  const query = rowQuery(params)
  // The match must compare with constant queries for the GIN index to serve it: one query in the
  // asked language, or one per configuration when no language is asked (a bitmap OR of index scans).
  const configs = params.language ? [searchConfigFor(params.language)] : [...new Set<SearchConfig>([...Object.values(SEARCH_CONFIGS), 'simple'])]
  // One query per configuration, ORed into one: a row matches when the query in any language
  // matches it, and each GIN index answers it in one scan. Most configurations stem a query alike,
  // so the distinct ones are ORed, once, before the scan (`'breast' & 'surgeri' | 'breast' &
  // 'surgery'`, not twelve branches): the index checks every candidate row against the whole
  // query, and twelve branches made that scan 15-20 times slower.
  const perConfig = configs.map((name) => sql`websearch_to_tsquery(${sql.raw(`'${name}'::regconfig`)}, ${params.q})`)
  // The match is a value computed once at run time (a subquery), never a constant the planner
  // could weigh: a common word matches most articles, and the planner would then read every row's
  // large vector in a sequential scan instead of the GIN index's bitmap (which it takes for a
  // query of unknown selectivity). So no statement needs sequential scans turned off.
  const anyConfig =
    perConfig.length === 1
      ? sql`(select ${perConfig[0]})`
      : sql`(select string_agg(distinct '(' || q::text || ')', ' | ')::tsquery from unnest(array[${sql.join(perConfig, sql`, `)}]) q where numnode(q) > 0)`
  const filters = [
    sql`a.status = 'active'`,
    sql`a._status = 'published'`,
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
      ? sql`exists (select 1 from ${sql.raw(`"${sourcesTable}"`)} s where s.id = a.source_id and s.tier_rank <= ${params.maxTier})`
      : undefined,
  ].filter((filter) => filter !== undefined)

  const offset = (params.page - 1) * params.limit
  const where = sql.join(filters, sql` and `)
  const articlesTableSql = sql.raw(`"${table}"`)
  const searchTable = sql.raw(`"${searchTableOf(table)}"`)
  const rank = sql`ts_rank_cd(${rankVector}, ${query})`
  // The ranking vector holding a query means the whole document does (it is the title and the
  // opening of it), unless the query excludes a word.
  const wholeToo = queryExcludes(params.q) ? sql` and s.vector @@ ${anyConfig}` : sql``
  // The candidates a search ranks, bounded (SEARCH_MAX_CANDIDATES, rules/search.ts), each set read
  // from a GIN index (the subquery of the search table alone is planned whole: the index's bitmap,
  // never a scan in id order testing every row's large vector):
  // - ranking: the matches whose ranking vector (title and opening) holds the query, the only
  //   ones whose rank is above 0, at most the bound, in index order;
  // - matching: only while the first set is not full, the matches in index order (those found
  //   deeper in the body), at most the bound. A query matching fewer articles is ranked whole.
  return sql`
      with ranking as materialized (
        select a.id, ${rank} as rank
        from (select s.id, s.rank_vector from ${searchTable} s where s.rank_vector @@ ${anyConfig}${wholeToo} offset 0) s
        join ${articlesTableSql} a on a.id = s.id
        where ${where} limit ${maxCandidates}
      ), matching as materialized (
        select a.id, ${rank} as rank
        from (select s.id, s.rank_vector from ${searchTable} s where s.vector @@ ${anyConfig} offset 0) s
        join ${articlesTableSql} a on a.id = s.id
        where (select count(*) from ranking) < ${maxCandidates} and ${where} limit ${maxCandidates + 1}
      ), candidates as (
        select id, rank from ranking union (select id, rank from matching limit ${maxCandidates})
      )
      select id, rank, count(*) over () as total,
        (select count(*) from ranking) >= ${maxCandidates} or (select count(*) from matching) > ${maxCandidates} as bounded
      from candidates
      order by rank desc, id
      limit ${params.limit} offset ${offset}`
}

/**
 * Full-text search over the title and body of approved, published articles, stemmed in each
 * article's language (PostgreSQL text search over the stored vectors of searchIndex.ts, served
 * by their GIN index; the rank and snippet use each article's own language),
 * ranked, filtered, paginated, with a highlighted snippet per hit. Three statements: the
 * ranked ids, the snippets of that page, and the page's articles. The ranking is bounded: a
 * query matching more than the bound (`searchCandidateBound`: 200 for the first pages, growing in
 * blocks with the page asked, at most `maxCandidates`) ranks the matches whose title or opening
 * holds it (at most the bound, in index order) and the first matches in index order up to the
 * bound, and says `moreMatches`; a query matching fewer is ranked whole.
 */
export const searchArticles = async ({
  maxCandidates: max = SEARCH_MAX_CANDIDATES,
  options,
  params,
  req,
}: {
  /** The largest bound of each candidate set (`SEARCH_MAX_CANDIDATES`; tests make it small). */
  maxCandidates?: number
  options: SanitizedOptions
  params: SearchParams
  req: PayloadRequest
}): Promise<SearchResult> => {
  // Ranked for the page asked: the first pages rank a smaller set (rules/search.ts).
  const maxCandidates = searchCandidateBound({ limit: params.limit, max, page: params.page })
  const { articles } = slugs(options)
  const table = tableName(articles)
  const query = rowQuery(params)
  // One statement, no transaction: the match's query is a run-time value (`rankedSearchSql`), so
  // the plan reads the GIN indexes without sequential scans being turned off.
  const ranked = await req.payload.db.drizzle.execute<{ bounded: boolean; id: number; rank: number; total: string }>(
    rankedSearchSql({ articlesTable: table, maxCandidates, params, sourcesTable: tableName(options.collections.sources) }),
  )
  const rows = ranked.rows
  const empty = {
    docs: [],
    limit: params.limit,
    page: params.page,
    ...searchTotals({ bounded: rows[0]?.bounded === true, candidates: Number(rows[0]?.total ?? 0), limit: params.limit }),
  }
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
      select a.id, ts_headline(${sql.raw(searchConfigSql('a'))}, coalesce(substr(a.body_text, greatest(1, coalesce(${firstWordAt}, 1) - ${HEADLINE_LEAD_CHARS}), ${HEADLINE_WINDOW_CHARS}), a.title), ${query}, ${headlineOptions}) as headline
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
