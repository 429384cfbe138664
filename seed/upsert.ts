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

import { governedWriteContext } from '../rules/governedWrite.js'
import { isPublishedStatus } from '../rules/workflow.js'
import { appendWorkflowEvent } from '../records/workflowEvents.js'
import { toStoredDate } from '../rules/calendarDate.js'
import { parseSourceType } from '../rules/formats.js'
import { typedCollectionSlugs } from '../rules/collectionSlugs.js'
import type { ArticleStatus } from '../rules/vocabulary.js'
import type { ArticleFrontMatter } from './frontMatter.js'
import { type GlossaryTermData, mergeGlossaryTerm, sameGlossaryTerm, type StoredGlossaryTerm } from './glossary.js'
import { bindGlossaryLinks, type EvidenceEntry, type LexicalBody } from './markdown.js'
import type { FieldError } from './problems.js'

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

/** Every article by url (its latest version, draft or published). */
export const loadArticleIndex = async (payload: Payload, slugs: ImportSlugs): Promise<Map<string, StoredArticle>> => {
  const { docs } = await payload.find({
    collection: slugs.articles,
    depth: 0,
    draft: true,
    overrideAccess: true,
    pagination: false,
    select: { importHash: true, status: true, url: true },
  })
  return new Map(docs.map((doc) => [doc.url, { id: doc.id, importHash: doc.importHash ?? null, status: doc.status ?? null }]))
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
 * their own, like sources. Ids neither stored nor stubbed are left out.
 */
export const ensureGlossaryTerms = async (
  payload: Payload,
  slugs: ImportSlugs,
  caches: ImportCaches,
  nciIds: readonly string[],
  stubs: GlossaryStubs,
): Promise<Map<string, DocumentId>> => {
  // Sorted, so that two imports creating the same terms take their locks in the same order.
  const missing = nciIds.filter((nciId) => !caches.glossaryIds.has(nciId) && stubs.has(nciId)).sort()
  if (missing.length > 0) {
    const created = await inTransaction(payload, async (req) => {
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
    const { docs } = await req.payload.find({
      collection: slugs.articles,
      depth: 0,
      draft: true,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      select: { importHash: true, status: true },
      where: { url: { equals: frontMatter.url } },
    })
    const stored = docs[0]
    if (stored && stored.importHash === article.hash) return { id: stored.id, outcome: 'unchanged' }

    const publish = isPublishedStatus(frontMatter.status)
    const data = {
      _status: publish ? ('published' as const) : ('draft' as const),
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
