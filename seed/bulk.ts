import { randomBytes } from 'node:crypto'

import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import { sql, type SQL } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import { type CalendarDate, toCalendarDate, toStoredDate } from '../rules/calendarDate.js'
import { type ChangeEntry, changeEntryProblems } from '../rules/changelog.js'
import type { FieldProblem } from '../rules/citation.js'
import { type SourceSnapshot, toSourceSnapshot } from '../rules/citationSnapshot.js'
import { completenessProblems } from '../rules/completeness.js'
import { BODY_NODE_TYPES, lexicalBodyProblems } from '../rules/lexicalBody.js'
import type { SanitizedOptions } from '../rules/options.js'
import { lastReviewedProblem, nextReviewDue, reviewState } from '../rules/reviewSchedule.js'
import { tableNameOf } from '../rules/tableNames.js'
import { ARTICLE_WRITE_RULES, checkWrite } from '../rules/writeRules.js'
import type { ReviewFrequency, ReviewState } from '../rules/vocabulary.js'
import { insert, insertReturningIds, namedTable, type NamedTable, type Row } from './tables.js'
import { type ArticleData, IMPORTER_ACTOR, type ImportSlugs, type PreparedArticle } from './upsert.js'

/**
 * The bulk path of the importer for new articles: the same governance rules as a Payload
 * create (the pure functions the hooks call), then multi-row inserts through the database
 * adapter's own generated drizzle tables, many articles per transaction. What it writes, row by
 * row, is what Payload's `create` writes for the same data (`tests/integration/seedBulk.test.ts`
 * compares every table): the article, its hasMany texts, relations, evidence and changelog rows,
 * its first version with the same child rows, its search vector and its `import` workflow event.
 *
 * It needs what the plugin stores on the articles collection (`custom[IMPORT_SUPPORT]`): the
 * sanitized options (review intervals, body limits, …) and how to store search vectors.
 * Changed articles and single edits keep going through Payload.
 */

/** The key under which the plugin stores `ImportSupport` on the articles collection's `custom`. */
export const IMPORT_SUPPORT = 'cancerContentImport'

/** Something that runs a SQL statement: the adapter's drizzle database or one of its transactions. */
export interface SqlRunner {
  execute: (query: SQL) => Promise<unknown>
}

/** What the plugin gives the importer's bulk path (stored on the articles collection's `custom`). */
export interface ImportSupport {
  /** Stores the search vectors of the given articles, as the articles' afterChange hook does. */
  indexForSearch: (db: SqlRunner, articleIds: readonly number[]) => Promise<void>
  options: SanitizedOptions
  /** The table `indexForSearch` writes (its planner statistics are refreshed with the others'). */
  searchTable: string
}

/** The plugin's import support from a booted Payload, or `null` when the config does not provide it. */
export const importSupportOf = (payload: Payload, slugs: ImportSlugs): ImportSupport | null => {
  const custom = payload.collections[slugs.articles]?.config.custom as Record<string, unknown> | undefined
  const support = custom?.[IMPORT_SUPPORT]
  return typeof support === 'object' && support !== null && 'options' in support && 'indexForSearch' in support && 'searchTable' in support
    ? (support as ImportSupport)
    : null
}

/** A new article ready for the bulk path: the data Payload's create would be given, and its file. */
export interface BulkArticle {
  /**
   * Its changelog: the entry read from its "Changes to This Summary" section, if any.
   * @default []
   */
  changes?: readonly ChangeEntry[]
  data: ArticleData
  file: string
}

/** The rows-to-be of one new article, every rule applied: exactly what a create's hooks would store. */
export interface ApprovedArticle {
  bodyText: null | string
  /** Changelog rows: the date as stored and the note. */
  changes: { date: string; note: string }[]
  citationSnapshot: null | SourceSnapshot
  data: Record<string, unknown> & ArticleData
  file: string
  nextReviewDue: null | string
  reviewState: null | ReviewState
}

/** The outcome of judging a new article for the bulk path. */
export type BulkDecision = { article: ApprovedArticle; ok: true } | { ok: false; problems: FieldProblem[] }

const isFrequency = (value: unknown, intervals: Readonly<Record<ReviewFrequency, number>>): value is ReviewFrequency =>
  typeof value === 'string' && Object.hasOwn(intervals, value)

/**
 * Applies to a new article the rules a Payload create of it by the importer applies, as the
 * pure functions they are: the write rules of every field (normalising values as they do), a
 * well-formed body within budget, a `lastReviewed` not after `today` with `nextReviewDue` and
 * `reviewState` derived, completeness and the citation snapshot when it becomes active, and the
 * body's plain text. Any problem means: not for the bulk path (Payload's create reports it).
 */
export const judgeNewArticle = (
  article: BulkArticle,
  options: SanitizedOptions,
  sources: ReadonlyMap<number, SourceSnapshot>,
  today: CalendarDate,
): BulkDecision => {
  const checked = checkWrite(ARTICLE_WRITE_RULES, article.data, 'create')
  if (!checked.ok) return { ok: false, problems: checked.problems }
  const data = checked.data as Record<string, unknown> & ArticleData
  const bodyProblems = lexicalBodyProblems(data.body, BODY_NODE_TYPES, options.bodyLimits)
  if (bodyProblems.length > 0) return { ok: false, problems: bodyProblems }
  const changes = article.changes ?? []
  const changeProblems = changeEntryProblems(changes)
  if (changeProblems.length > 0) return { ok: false, problems: changeProblems }

  const lastReviewed = toCalendarDate(data.lastReviewed)
  if (data.lastReviewed && !lastReviewed) return { ok: false, problems: [{ message: 'is not a date', path: 'lastReviewed' }] }
  const late = lastReviewed ? lastReviewedProblem(lastReviewed, today) : null
  if (late) return { ok: false, problems: [{ message: late, path: 'lastReviewed' }] }
  const due = lastReviewed && isFrequency(data.reviewFrequency, options.reviewIntervals) ? nextReviewDue(lastReviewed, data.reviewFrequency, options.reviewIntervals) : null

  let citationSnapshot: null | SourceSnapshot = null
  if (data.status === 'active' && data._status === 'published') {
    const source = sources.get(data.source) ?? null
    const problems = completenessProblems(
      {
        audienceLevel: data.audienceLevel,
        body: data.body,
        cancerTypes: data.cancerTypes,
        citation: data.citation,
        language: data.language,
        lastReviewed,
        license: data.license,
        reviewFrequency: data.reviewFrequency,
        title: data.title,
        url: data.url,
      },
      source,
    )
    if (problems.length > 0) return { ok: false, problems }
    citationSnapshot = source
  }
  return {
    article: {
      bodyText: convertLexicalToPlaintext({ data: data.body as Parameters<typeof convertLexicalToPlaintext>[0]['data'] }).trim(),
      changes: changes.map((entry) => ({ date: toStoredDate(entry.date), note: entry.note })),
      citationSnapshot,
      data: { ...data, lastReviewed: due && lastReviewed ? toStoredDate(lastReviewed) : null },
      file: article.file,
      nextReviewDue: due ? toStoredDate(due) : null,
      reviewState: due ? reviewState(due, today, options.dueSoonDays) : null,
    },
    ok: true,
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

/** An id like the ones Payload gives array rows (24 hex digits, time first). */
const arrayRowId = (): string => `${Math.floor(Date.now() / 1000).toString(16).padStart(8, '0')}${randomBytes(8).toString('hex')}`

/** The columns of the article row (and, prefixed `version_`, of its version row), by database name. */
const articleColumns = (article: ApprovedArticle, now: string): Row => {
  const { data } = article
  const snapshot = article.citationSnapshot
  return {
    _status: data._status,
    audience_level: data.audienceLevel,
    body: data.body,
    body_text: article.bodyText,
    citation: data.citation,
    citation_snapshot_home_url: snapshot?.homeUrl ?? null,
    citation_snapshot_label: snapshot?.label ?? null,
    citation_snapshot_name: snapshot?.name ?? null,
    citation_snapshot_tier_key: snapshot?.tierKey ?? null,
    citation_snapshot_tier_rank: snapshot?.tierRank === null || snapshot?.tierRank === undefined ? null : String(snapshot.tierRank),
    created_at: now,
    import_hash: data.importHash,
    language: data.language,
    last_edited_by_id: null,
    last_reviewed: data.lastReviewed,
    license: data.license,
    next_review_due: article.nextReviewDue,
    review_frequency: data.reviewFrequency,
    review_state: article.reviewState,
    reviewed_by_id: null,
    source_id: data.source,
    source_type: data.sourceType,
    status: data.status,
    submitted_by_id: null,
    title: data.title,
    updated_at: now,
    url: data.url,
    version: data.version,
  }
}

/** The tables the bulk path writes, from the adapter's generated schema. */
export interface BulkTables {
  articles: NamedTable
  changes: NamedTable
  evidence: NamedTable
  events: NamedTable
  rels: NamedTable
  texts: NamedTable
  versionChanges: NamedTable
  versionEvidence: NamedTable
  versionRels: NamedTable
  versions: NamedTable
  versionTexts: NamedTable
}

/** The adapter's tables of the articles, their versions and the workflow events. */
export const bulkTables = (payload: Payload, slugs: ImportSlugs): BulkTables => {
  const articles = tableNameOf(slugs.articles)
  const versions = `_${articles}_v`
  return {
    articles: namedTable(payload, articles),
    changes: namedTable(payload, `${articles}_changes`),
    events: namedTable(payload, tableNameOf(slugs.workflowEvents)),
    evidence: namedTable(payload, `${articles}_evidence`),
    rels: namedTable(payload, `${articles}_rels`),
    texts: namedTable(payload, `${articles}_texts`),
    versionChanges: namedTable(payload, `${versions}_version_changes`),
    versionEvidence: namedTable(payload, `${versions}_version_evidence`),
    versionRels: namedTable(payload, `${versions}_rels`),
    versions: namedTable(payload, versions),
    versionTexts: namedTable(payload, `${versions}_texts`),
  }
}

/** Ids of an article's array rows, shared by the article and its first version (`_uuid`). */
interface ArrayRowIds {
  changes: string[]
  evidence: string[]
}

/** The hasMany texts, relations, evidence and changelog rows of an article (or of its version, with `version` set). */
const childRows = (article: ApprovedArticle, parentId: number, rowIds: ArrayRowIds, version: boolean) => {
  const { data } = article
  // A version's rows name their field under `version.`.
  const path = (field: string): string => (version ? `version.${field}` : field)
  const texts = [
    ...data.cancerTypes.map((text, index) => ({ order: index + 1, parent_id: parentId, path: path('cancerTypes'), text })),
    ...data.tags.map((text, index) => ({ order: index + 1, parent_id: parentId, path: path('tags'), text })),
  ]
  const rels = data.glossaryTerms.map((termId, index) => ({ glossary_terms_id: termId, order: index + 1, parent_id: parentId, path: path('glossaryTerms') }))
  // An array row: its place, its parent, and its id (a version's rows keep it as `_uuid`).
  const arrayRow = (index: number, ids: string[]): Row => ({
    _order: index + 1,
    _parent_id: parentId,
    ...(version ? { _uuid: ids[index] } : { id: ids[index] }),
  })
  const evidence = data.evidence.map((entry, index) => ({
    ...arrayRow(index, rowIds.evidence),
    identifier: entry.identifier,
    kind: entry.kind,
    label: entry.label,
    url: entry.url,
  }))
  const changes = article.changes.map((entry, index) => ({ ...arrayRow(index, rowIds.changes), date: entry.date, note: entry.note }))
  return { changes, evidence, rels, texts }
}

/**
 * Writes new articles in one transaction with multi-row inserts: the articles, their texts,
 * relations, evidence and changelog rows, their first versions (latest) with the same child rows, their search
 * vectors and their `import` workflow events. All or nothing. Returns the new articles' ids in
 * the order given.
 */
export const insertNewArticles = async (
  payload: Payload,
  tables: BulkTables,
  support: ImportSupport,
  articles: readonly ApprovedArticle[],
): Promise<number[]> => {
  if (articles.length === 0) return []
  const now = new Date().toISOString()
  return payload.db.drizzle.transaction(async (tx) => {
    const ids = await insertReturningIds(tx, tables.articles, articles.map((article) => articleColumns(article, now)))
    const rowIds = articles.map((article): ArrayRowIds => ({ changes: article.changes.map(arrayRowId), evidence: article.data.evidence.map(arrayRowId) }))
    const children = articles.map((article, index) => childRows(article, ids[index] as number, rowIds[index] as ArrayRowIds, false))
    await insert(tx, tables.texts, children.flatMap((child) => child.texts))
    await insert(tx, tables.rels, children.flatMap((child) => child.rels))
    await insert(tx, tables.evidence, children.flatMap((child) => child.evidence))
    await insert(tx, tables.changes, children.flatMap((child) => child.changes))

    const versionIds = await insertReturningIds(
      tx,
      tables.versions,
      articles.map((article, index) => {
        const columns = articleColumns(article, now)
        const version: Row = { created_at: now, latest: true, parent_id: ids[index], updated_at: now }
        for (const [name, value] of Object.entries(columns)) version[`version_${name}`] = value
        return version
      }),
    )
    const versionChildren = articles.map((article, index) => childRows(article, versionIds[index] as number, rowIds[index] as ArrayRowIds, true))
    await insert(tx, tables.versionTexts, versionChildren.flatMap((child) => child.texts))
    await insert(tx, tables.versionRels, versionChildren.flatMap((child) => child.rels))
    await insert(tx, tables.versionEvidence, versionChildren.flatMap((child) => child.evidence))
    await insert(tx, tables.versionChanges, versionChildren.flatMap((child) => child.changes))

    await support.indexForSearch(tx, ids)
    await insert(
      tx,
      tables.events,
      articles.map((article, index) => ({
        action: 'import',
        actor_id: null,
        actor_label: IMPORTER_ACTOR,
        article_id: ids[index],
        article_title: article.data.title,
        article_url: article.data.url,
        comment: null,
        created_at: now,
        from: null,
        to: article.data.status,
        updated_at: now,
        version_id: String(versionIds[index]),
      })),
    )
    return ids
  })
}

/** Stored sources' facts by id, for the citation snapshot of articles that become active: one query. */
export const loadSourceSnapshots = async (payload: Payload, slugs: ImportSlugs, ids: readonly number[]): Promise<Map<number, SourceSnapshot>> => {
  if (ids.length === 0) return new Map()
  const { docs } = await payload.find({
    collection: slugs.sources,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { homeUrl: true, label: true, name: true, tierKey: true, tierRank: true },
    where: { id: { in: [...new Set(ids)] } },
  })
  return new Map(docs.map((doc) => [doc.id, toSourceSnapshot(doc)]))
}

/** The planner's estimate of the rows of `table` (0 when it was never analysed): one catalogue read. */
export const plannerRowEstimate = async (payload: Payload, table: string): Promise<number> => {
  const result = (await payload.db.drizzle.execute(
    sql`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = to_regclass(${`"${table}"`})`,
  )) as { rows: { rows: number }[] }
  return Number(result.rows[0]?.rows ?? 0)
}

/**
 * Refreshes the planner's statistics of the tables the bulk path writes (one sampled ANALYZE of
 * them all, outside the batches' transactions). Statistics are an optimisation: a database user
 * that may not analyse (PostgreSQL skips those tables with a warning) or a failure is reported to
 * `onError` and never fails the import.
 */
export const refreshStatistics = async (payload: Payload, tables: BulkTables, support: ImportSupport, onError: (error: Error) => void): Promise<void> => {
  const names = [...Object.values(tables).map((table) => table.name), support.searchTable]
  try {
    await payload.db.drizzle.execute(sql`analyze ${sql.join(names.map((name) => sql.identifier(name)), sql`, `)}`)
  } catch (error) {
    onError(error as Error)
  }
}
