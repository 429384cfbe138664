import { setTimeout as delay } from 'node:timers/promises'

import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
  type RequestContext,
  ValidationError,
} from 'payload'

import { sql } from '@payloadcms/db-postgres/drizzle'

import { governedWriteContext } from '../rules/governedWrite.js'
import { isPublishedStatus } from '../rules/workflow.js'
import { appendWorkflowEvent } from '../src/records/workflowEvents.js'
import { findWorkingCopy } from '../src/records/articleLock.js'
import { toStoredDate } from '../rules/calendarDate.js'
import { parseSourceType } from '../rules/formats.js'
import { typedCollectionSlugs } from '../rules/collectionSlugs.js'
import { tableNameOf } from '../rules/tableNames.js'
import type { ArticleStatus } from '../rules/vocabulary.js'
import type { ArticleFrontMatter } from './frontMatter.js'
import type { SanitizedOptions } from '../rules/options.js'
import { createGlossaryTermsInBulk } from './bulkGlossary.js'
import { type GlossaryTermData, mergeGlossaryTerm, sameGlossaryTerm, type StoredGlossaryTerm } from './glossary.js'
import { bindGlossaryLinks, type EvidenceEntry, type LexicalBody } from './markdown.js'
import type { FieldError } from './problems.js'
import { type ChangeEntry, mergeImportedChange, readChanges } from '../rules/changelog.js'
import { numericIdOf } from '../rules/ids.js'
import { counterpartUrl } from '../rules/linkedVersions.js'

/**
 * The importer's only contact with the database: Payload's Local API as the system
 * (`overrideAccess`), one transaction per document, retried when a concurrent import wins a
 * unique key (url, label, nciId) first. Caches are filled only after a commit.
 */

/** The collection slugs, typed as the collections they name in the generated types. */
export const importSlugs = typedCollectionSlugs

/** The typed slugs the upsert functions write to. */
export type ImportSlugs = ReturnType<typeof importSlugs>

/** Who the importer is in the workflow record. */
export const IMPORTER_ACTOR = 'system:importer'

/** What an import did (or, in a dry run, would do) with one document. */
export type Outcome = 'created' | 'unchanged' | 'updated'

type DocumentId = number

/** The request context of the importer's writes: a governed write by the importer. */
export const IMPORT_CONTEXT: RequestContext = governedWriteContext('import')

const MAX_ATTEMPTS = 5
const RETRYABLE_CODES = new Set(['23505', '40001', '40P01'])

const codeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined

/**
 * True for an error a retry can resolve: a unique key taken by a concurrent import (Postgres
 * 23505, surfaced by Payload as "Value must be unique", and the write rules' check of working
 * copies, which answers the same way), a serialization failure or a deadlock.
 */
export const isConflict = (error: unknown): boolean => {
  for (let cause = error, depth = 0; cause && depth < 5; depth += 1) {
    if (RETRYABLE_CODES.has(String(codeOf(cause)))) return true
    if (cause instanceof ValidationError && cause.data.errors.some((item) => /unique/i.test(item.message))) return true
    cause = typeof cause === 'object' && 'cause' in cause ? cause.cause : undefined
  }
  return false
}

/**
 * Runs `work` in a transaction of its own and commits it; rolls back on any error. A conflict
 * with a concurrent writer is retried with a fresh transaction (which sees the winner's row).
 */
export const inTransaction = async <T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    const req = await createLocalReq({ context: { ...IMPORT_CONTEXT } }, payload)
    await initTransaction(req)
    try {
      const result = await work(req)
      await commitTransaction(req)
      return result
    } catch (error) {
      await killTransaction(req)
      if (attempt >= MAX_ATTEMPTS || !isConflict(error)) throw error
      await delay(10 * attempt + Math.floor(Math.random() * 20))
    }
  }
}

/** Field errors of a failed write: Payload's field paths, or the error's message. */
export const writeErrors = (error: unknown): FieldError[] => {
  if (error instanceof ValidationError) {
    return error.data.errors.map((item) => ({ field: item.path || 'document', message: item.message }))
  }
  const message = error instanceof Error ? error.message : String(error)
  return [{ field: 'document', message: `could not be saved: ${message}` }]
}

// ---------------------------------------------------------------------------------------------
// Indexes: one query each, read before an import

/** What the importer needs to know of a stored article. */
export interface StoredArticle {
  id: DocumentId
  importHash: null | string
  status: ArticleStatus | null
}

/**
 * Every article by url (its latest version, draft or published): one query straight from the
 * adapter's tables (the latest version row, or the article row when it has none), without
 * Payload's read hooks, which would format a citation for each of thousands of articles.
 */
export const loadArticleIndex = async (payload: Payload, slugs: ImportSlugs): Promise<Map<string, StoredArticle>> => {
  const articles = tableNameOf(slugs.articles)
  const result = await payload.db.drizzle.execute(sql`
    select a.id,
           case when v.id is null then a.url else v.version_url end as url,
           case when v.id is null then a.import_hash else v.version_import_hash end as import_hash,
           case when v.id is null then a.status::text else v.version_status::text end as status
      from ${sql.identifier(articles)} a
      left join ${sql.identifier(`_${articles}_v`)} v on v.parent_id = a.id and v.latest`)
  const rows = (result as unknown as { rows: { id: number; import_hash: null | string; status: ArticleStatus | null; url: null | string }[] }).rows
  return new Map(rows.flatMap((row) => (row.url === null ? [] : [[row.url, { id: row.id, importHash: row.import_hash, status: row.status }] as const])))
}

/** Every source id by label. */
export const loadSourceIndex = async (payload: Payload, slugs: ImportSlugs): Promise<Map<string, DocumentId>> => {
  const { docs } = await payload.find({
    collection: slugs.sources,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { label: true },
  })
  return new Map(docs.map((doc) => [doc.label, doc.id]))
}

/** Every glossary term by NCI id, with what a merge compares. */
export const loadGlossaryIndex = async (
  payload: Payload,
  slugs: ImportSlugs,
): Promise<Map<string, StoredGlossaryTerm & { id: DocumentId }>> => {
  const { docs } = await payload.find({
    collection: slugs.glossaryTerms,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: {
      definitions: true,
      language: true,
      media: true,
      nciId: true,
      needsDefinition: true,
      otherLanguages: true,
      relatedResources: true,
      term: true,
    },
  })
  return new Map(docs.map((doc) => [doc.nciId, doc]))
}

// ---------------------------------------------------------------------------------------------
// Glossary terms

const findTerm = async (req: PayloadRequest, slugs: ImportSlugs, nciId: string) => {
  const { docs } = await req.payload.find({
    collection: slugs.glossaryTerms,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    where: { nciId: { equals: nciId } },
  })
  return docs[0] ?? null
}

const termData = (term: GlossaryTermData) => ({
  definitions: term.definitions,
  language: term.language,
  media: term.media,
  nciId: term.nciId,
  needsDefinition: term.needsDefinition,
  otherLanguages: term.otherLanguages,
  relatedResources: term.relatedResources,
  term: term.term,
})

/**
 * Creates or updates one glossary term by NCI id in its own transaction; an unchanged term is
 * left alone. Returns what happened and the term's id.
 */
export const upsertGlossaryTerm = (
  payload: Payload,
  slugs: ImportSlugs,
  incoming: GlossaryTermData,
): Promise<{ id: DocumentId; outcome: Outcome }> =>
  inTransaction(payload, async (req) => {
    const stored = await findTerm(req, slugs, incoming.nciId)
    if (!stored) {
      const created = await req.payload.create({ collection: slugs.glossaryTerms, data: termData(incoming), depth: 0, overrideAccess: true, req })
      return { id: created.id, outcome: 'created' }
    }
    const merged = mergeGlossaryTerm(stored, incoming)
    if (sameGlossaryTerm(stored, merged)) return { id: stored.id, outcome: 'unchanged' }
    await req.payload.update({ collection: slugs.glossaryTerms, data: termData(merged), depth: 0, id: stored.id, overrideAccess: true, req })
    return { id: stored.id, outcome: 'updated' }
  })

// ---------------------------------------------------------------------------------------------
// Articles

/** An article ready to be written: validated front matter, converted body, found references. */
export interface PreparedArticle {
  body: LexicalBody
  /** The changelog entry read from the document's "Changes to This Summary" section, if any. */
  change: ChangeEntry | null
  evidence: EvidenceEntry[]
  file: string
  frontMatter: ArticleFrontMatter
  /** Dictionary ids the body links to, in order of first appearance. */
  glossaryIds: string[]
  hash: string
}

/** A source to create when its label is new. */
export interface SourceData {
  defaultLicense: null | string
  homeUrl: null | string
  label: string
  name: string
  tierKey: null | string
  tierRank: null | number
}

/** The caches an article upsert reads and fills: ids by source label and by NCI id. */
export interface ImportCaches {
  glossaryIds: Map<string, DocumentId>
  sourceIds: Map<string, DocumentId>
}

/** Well-known source labels and their full names. */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  NCI: 'National Cancer Institute',
}

/** The source an article's front matter names, as it is created when new. */
export const sourceFromFrontMatter = (frontMatter: ArticleFrontMatter): SourceData => {
  const tier = parseSourceType(frontMatter.sourceType)
  return {
    defaultLicense: frontMatter.license ?? null,
    homeUrl: new URL(frontMatter.url).origin,
    label: frontMatter.source,
    name: SOURCE_NAMES[frontMatter.source] ?? frontMatter.source,
    tierKey: tier?.key ?? null,
    tierRank: tier?.rank ?? null,
  }
}

/**
 * The id of the source labelled as the article's, created (in a transaction of its own) when
 * new. Sources are shared reference data: they are committed apart from any one article, so
 * that concurrent article transactions never wait on each other for them.
 */
export const ensureSource = async (payload: Payload, slugs: ImportSlugs, caches: ImportCaches, source: SourceData): Promise<DocumentId> => {
  const cached = caches.sourceIds.get(source.label)
  if (cached !== undefined) return cached
  const id = await inTransaction(payload, async (req) => {
    const { docs } = await req.payload.find({
      collection: slugs.sources,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      where: { label: { equals: source.label } },
    })
    return docs[0]?.id ?? (await req.payload.create({ collection: slugs.sources, data: source, depth: 0, overrideAccess: true, req })).id
  })
  caches.sourceIds.set(source.label, id)
  return id
}

/** Glossary terms to create for links whose term the glossary does not have, by NCI id. */
export type GlossaryStubs = ReadonlyMap<string, GlossaryTermData>

/**
 * The shared documents an import creates when missing, decided before any write from the
 * files in path order, so that whichever article is saved first creates the same document:
 * sources by label (from the first file naming it) and glossary stubs by NCI id.
 */
export interface SharedDocuments {
  sources: ReadonlyMap<string, SourceData>
  stubs: GlossaryStubs
}

/**
 * The glossary-term ids of the given NCI ids; terms the glossary lacks are created from
 * `stubs` (named by their link text, marked as needing a definition) in one transaction of
 * their own, like sources. Ids neither stored nor stubbed are left out. With `bulk` (the
 * plugin's options), they are created by the bulk path (seed/bulkGlossary.ts: two multi-row
 * inserts) where it can write what Payload's create would, else one create each.
 */
export const ensureGlossaryTerms = async (
  payload: Payload,
  slugs: ImportSlugs,
  caches: ImportCaches,
  nciIds: readonly string[],
  stubs: GlossaryStubs,
  bulk: null | SanitizedOptions = null,
): Promise<Map<string, DocumentId>> => {
  // Sorted, so that two imports creating the same terms take their locks in the same order.
  const missing = [...new Set(nciIds.filter((nciId) => !caches.glossaryIds.has(nciId) && stubs.has(nciId)))].sort()
  if (missing.length > 0) {
    const inBulk = bulk ? await createGlossaryTermsInBulk(payload, bulk, missing.map((nciId) => termData(stubs.get(nciId) as GlossaryTermData))) : null
    const created = inBulk ?? await inTransaction(payload, async (req) => {
      // One query for the terms a concurrent import may have created since the cache was read.
      const { docs } = await req.payload.find({
        collection: slugs.glossaryTerms,
        depth: 0,
        overrideAccess: true,
        pagination: false,
        req,
        select: { nciId: true },
        where: { nciId: { in: missing } },
      })
      const ids = new Map<string, DocumentId>(docs.map((doc) => [doc.nciId, doc.id]))
      for (const nciId of missing) {
        if (ids.has(nciId)) continue
        const stub = stubs.get(nciId) as GlossaryTermData
        const term = await req.payload.create({
          collection: slugs.glossaryTerms,
          data: termData(stub),
          depth: 0,
          overrideAccess: true,
          req,
          select: { nciId: true },
        })
        ids.set(nciId, term.id)
      }
      return ids
    })
    for (const [nciId, id] of created) caches.glossaryIds.set(nciId, id)
  }
  return new Map(nciIds.flatMap((nciId) => {
    const id = caches.glossaryIds.get(nciId)
    return id === undefined ? [] : [[nciId, id] as const]
  }))
}

/** The result of an article upsert. */
export interface ArticleResult {
  id: DocumentId
  outcome: Outcome
}

/**
 * The data an import writes for an article: its front matter, its body with glossary links
 * bound to the terms' documents, its evidence and relations. Both write paths (Payload's
 * create/update and the bulk path) start from exactly this.
 */
export const articleData = (
  article: PreparedArticle,
  slugs: ImportSlugs,
  sourceId: DocumentId,
  termIds: ReadonlyMap<string, DocumentId>,
) => {
  const { frontMatter } = article
  return {
    _status: isPublishedStatus(frontMatter.status) ? ('published' as const) : ('draft' as const),
    audienceLevel: frontMatter.audienceLevel,
    body: bindGlossaryLinks(article.body, slugs.glossaryTerms, (nciId) => termIds.get(nciId)),
    cancerTypes: frontMatter.cancerTypes ?? [],
    citation: frontMatter.citation ?? null,
    evidence: article.evidence,
    glossaryTerms: article.glossaryIds.flatMap((nciId) => {
      const id = termIds.get(nciId)
      return id === undefined ? [] : [id]
    }),
    importHash: article.hash,
    language: frontMatter.language,
    lastReviewed: frontMatter.lastReviewed ? toStoredDate(frontMatter.lastReviewed) : null,
    license: frontMatter.license ?? null,
    reviewFrequency: frontMatter.reviewFrequency,
    source: sourceId,
    sourceType: frontMatter.sourceType,
    status: frontMatter.status,
    tags: frontMatter.tags ?? [],
    title: frontMatter.title,
    url: frontMatter.url,
    version: frontMatter.version ?? null,
  }
}

/** The data of an imported article (see `articleData`). */
export type ArticleData = ReturnType<typeof articleData>

/**
 * Creates or updates one article by url and appends an `import` workflow event, in one
 * transaction (after making sure its source and glossary terms exist). An article whose stored
 * `importHash` equals the file's is left alone.
 */
export const upsertArticle = async (
  payload: Payload,
  slugs: ImportSlugs,
  caches: ImportCaches,
  article: PreparedArticle,
  shared: SharedDocuments,
): Promise<ArticleResult> => {
  const { frontMatter } = article
  const source = shared.sources.get(frontMatter.source) ?? sourceFromFrontMatter(frontMatter)
  const sourceId = await ensureSource(payload, slugs, caches, source)
  const termIds = await ensureGlossaryTerms(payload, slugs, caches, article.glossaryIds, shared.stubs)
  return inTransaction(payload, async (req): Promise<ArticleResult> => {
    const stored = await findWorkingCopy(req, {
      collection: slugs.articles,
      select: { changes: true, counterparts: true, importHash: true, status: true, translationOf: true },
      where: { url: { equals: frontMatter.url } },
    })
    if (stored && stored.importHash === article.hash) return { id: stored.id, outcome: 'unchanged' }
    const links = await linksOnImport(req, slugs, frontMatter, stored ?? null)

    const publish = isPublishedStatus(frontMatter.status)
    const data = {
      ...articleData(article, slugs, sourceId, termIds),
      // Stored entries are never edited; the file's section adds its entry once.
      changes: mergeImportedChange(readChanges(stored?.changes), article.change).map((entry) => ({ date: toStoredDate(entry.date), note: entry.note })),
      ...links,
    }
    // Only the id and a small field come back: reading a large body back through the field
    // hooks costs time.
    const select = { importHash: true } as const
    const written = stored
      ? await req.payload.update({ collection: slugs.articles, data, depth: 0, draft: !publish, id: stored.id, overrideAccess: true, req, select })
      : publish
        ? await req.payload.create({ collection: slugs.articles, data, depth: 0, overrideAccess: true, req, select })
        : await req.payload.create({ collection: slugs.articles, data, depth: 0, draft: true, overrideAccess: true, req, select })
    await appendWorkflowEvent(req, slugs, {
      action: 'import',
      actorLabel: IMPORTER_ACTOR,
      article: written.id,
      articleTitle: frontMatter.title,
      articleUrl: frontMatter.url,
      ...(stored?.status ? { from: stored.status } : {}),
      to: frontMatter.status,
    })
    return { id: written.id, outcome: stored ? 'updated' : 'created' }
  })
}

// ---------------------------------------------------------------------------------------------
// Links between articles: counterparts (patient ↔ health professional) and translations

const idsOf = (value: unknown): number[] =>
  (Array.isArray(value) ? value : []).map(numericIdOf).filter((id): id is number => id !== null)

/**
 * The link fields an imported article is written with: its counterpart by URL
 * (rules/linkedVersions.ts, `counterpartUrl`) when that article is stored and not already linked
 * to it, added to the counterparts an editor set; and the article its front matter's
 * `translationOf` names, when stored. Read in the upsert's transaction.
 */
const linksOnImport = async (
  req: PayloadRequest,
  slugs: ImportSlugs,
  frontMatter: ArticleFrontMatter,
  stored: { counterparts?: unknown; id: number; translationOf?: unknown } | null,
): Promise<{ counterparts?: number[]; translationOf?: number }> => {
  const pair = counterpartUrl(frontMatter.url)
  const wanted = [pair, frontMatter.translationOf].filter((url): url is string => Boolean(url))
  if (wanted.length === 0) return {}
  const { docs } = await req.payload.find({
    collection: slugs.articles,
    depth: 0,
    draft: true,
    limit: wanted.length,
    overrideAccess: true,
    pagination: false,
    req,
    select: { counterparts: true, url: true },
    where: { url: { in: wanted } },
  })
  const links: { counterparts?: number[]; translationOf?: number } = {}
  const other = docs.find((doc) => doc.url === pair)
  const mine = idsOf(stored?.counterparts)
  if (other && !mine.includes(other.id) && !(stored && idsOf(other.counterparts).includes(stored.id))) links.counterparts = [...mine, other.id]
  const original = docs.find((doc) => doc.url === frontMatter.translationOf)
  if (original && numericIdOf(stored?.translationOf) !== original.id) links.translationOf = original.id
  return links
}

/**
 * After an import's writes: links the articles of this run whose counterpart or original was
 * written at the same moment by another transaction (so neither saw the other), one small
 * update each. Already-linked pairs (either side naming the other) are left alone, so a second
 * import writes nothing. Articles in review are left alone (their working copy is the reviewer's).
 */
export const linkImportedArticles = async (payload: Payload, slugs: ImportSlugs, translationOf: ReadonlyMap<string, null | string>): Promise<number> => {
  const { docs } = await payload.find({
    collection: slugs.articles,
    depth: 0,
    draft: true,
    overrideAccess: true,
    pagination: false,
    select: { counterparts: true, status: true, translationOf: true, url: true },
  })
  const byUrl = new Map(docs.map((doc) => [doc.url, doc]))
  const counterparts = new Map(docs.map((doc) => [doc.id, idsOf(doc.counterparts)]))
  let written = 0
  for (const [url, original] of translationOf) {
    const article = byUrl.get(url)
    if (!article || article.status === 'in_review') continue
    const data: { counterparts?: number[]; translationOf?: number } = {}
    const other = byUrl.get(counterpartUrl(url) ?? '')
    const mine = counterparts.get(article.id) ?? []
    if (other && !mine.includes(other.id) && !(counterparts.get(other.id) ?? []).includes(article.id)) {
      data.counterparts = [...mine, other.id]
      counterparts.set(article.id, data.counterparts)
    }
    const target = original ? byUrl.get(original) : undefined
    if (target && numericIdOf(article.translationOf) !== target.id) data.translationOf = target.id
    if (Object.keys(data).length === 0) continue
    const publish = article.status === 'active' || article.status === 'retired'
    await inTransaction(payload, (req) =>
      req.payload.update({ collection: slugs.articles, data, depth: 0, draft: !publish, id: article.id, overrideAccess: true, req, select: { url: true } }),
    )
    written += 1
  }
  return written
}
