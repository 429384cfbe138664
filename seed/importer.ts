import { readFile } from 'node:fs/promises'

import { editorConfigFactory, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import type { Payload, RichTextField } from 'payload'

import { type CalendarDate, todayUtc } from '../rules/calendarDate.js'
import { type CollectionSlugs, DEFAULT_OPTIONS, pluginOptionsOf } from '../rules/options.js'
import { type ArticleDocument, decodeText, readArticleDocument } from './document.js'
import { displayPath, type ListedFile, listArticleFiles, loadAheadInOrder, type Settled } from './files.js'
import {
  glossaryStub,
  type GlossaryTermData,
  glossaryTermsFromEntries,
  mergeGlossaryTerm,
  type NciGlossaryEntry,
  parseGlossaryLines,
  sameGlossaryTerm,
} from './glossary.js'
import { bulkTables, type BulkArticle, importSupportOf, insertNewArticles, judgeNewArticle, loadSourceSnapshots, plannerRowEstimate, refreshStatistics } from './bulk.js'
import { convertMarkdownBody, type GlossaryReference } from './markdown.js'
import { mergeImportedChange, parseChangesSection } from '../rules/changelog.js'
import { statisticsRefreshDue } from '../rules/tableStatistics.js'
import { FILE_FIELD, type FileFailure, type FileNote } from './problems.js'
import {
  articleData,
  ensureGlossaryTerms,
  ensureSource,
  type ImportCaches,
  importSlugs,
  loadArticleIndex,
  loadGlossaryIndex,
  loadSourceIndex,
  type Outcome,
  type PreparedArticle,
  type SharedDocuments,
  type SourceData,
  sourceFromFrontMatter,
  type StoredArticle,
  linkImportedArticles,
  upsertArticle,
  upsertGlossaryTerm,
  writeErrors,
} from './upsert.js'

/** Counts of one kind of document in an import, and every file that failed. */
export interface ImportCounts {
  created: number
  failed: FileFailure[]
  unchanged: number
  updated: number
}

/** The outcome of an import: articles, and glossary terms under `glossary` (the `--json` shape). */
export interface ImportSummary extends ImportCounts {
  glossary: ImportCounts
  /** Files (articles and glossary data) imported after normalising them: a byte-order mark, CRLF. */
  notes: FileNote[]
}

/** Where an import stands, for a progress display. */
export interface ImportProgress {
  done: number
  /** The file just finished, as reports show it. */
  file?: string
  /** `glossary`: glossary terms; `read`: validating and converting files; `write`: saving articles. */
  phase: 'glossary' | 'read' | 'write'
  total: number
}

/**
 * The slugs an import writes to: the ones given, else the ones the plugin stored on the
 * running config (so `npm run seed` in a host app with renamed collections writes to them).
 */
const collectionsOf = (options: ImportOptions): CollectionSlugs =>
  options.collections ?? pluginOptionsOf(options.payload.config)?.collections ?? DEFAULT_OPTIONS.collections

/** Options of `runImport`. */
export interface ImportOptions {
  /**
   * Article files or folders (recursively, `.md` and `.txt`).
   * @default []
   */
  articles?: readonly string[]
  /**
   * Write new articles in bulk (many per transaction, multi-row inserts through the database
   * adapter's tables, the same rules applied), when the plugin provides the bulk path. `false`
   * writes every article through Payload's `create`, one transaction each.
   * @default true
   */
  bulk?: boolean
  /**
   * New articles the bulk path writes per transaction.
   * @default DEFAULT_BULK_BATCH (50)
   */
  bulkBatch?: number
  /**
   * Slugs of the plugin's collections, when the host renamed them.
   * @default the slugs the plugin stored on the config (`config.custom`), else DEFAULT_OPTIONS.collections
   */
  collections?: CollectionSlugs
  /**
   * Articles saved at the same time (each in its own transaction and database connection).
   * @default 2
   */
  concurrency?: number
  /**
   * Base of the paths in reports.
   * @default process.cwd()
   */
  cwd?: string
  /**
   * Validate and count what would be created, updated or skipped, and write nothing.
   * @default false
   */
  dryRun?: boolean
  /**
   * NCI glossary JSON-lines files, imported before the articles.
   * @default []
   */
  glossary?: readonly string[]
  /** Called as the import advances. */
  onProgress?: (progress: ImportProgress) => void
  /** A booted Payload whose config includes the plugin. */
  payload: Payload
  /**
   * The day `lastReviewed` may not be after.
   * @default today (UTC)
   */
  today?: CalendarDate
}

const emptyCounts = (): ImportCounts => ({ created: 0, failed: [], unchanged: 0, updated: 0 })

const count = (counts: ImportCounts, outcome: Outcome): void => {
  counts[outcome] += 1
}

/**
 * The sanitized editor config of the articles' body field: the importer converts Markdown with
 * exactly the features the field saves.
 */
export const bodyEditorConfig = (payload: Payload, articlesSlug: string): SanitizedServerEditorConfig => {
  const collection = payload.collections[articlesSlug as 'articles']
  const field = collection?.config.flattenedFields.find((item) => item.name === 'body' && item.type === 'richText')
  if (!field) throw new Error(`The "${articlesSlug}" collection has no rich-text body field: is the plugin in the Payload config?`)
  return editorConfigFactory.fromField({ field: field as RichTextField })
}

/** Runs `work` over `items`, at most `limit` at a time, in order of the list. */
const eachLimited = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T
      next += 1
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}

const readFailure = (file: string, error: unknown): FileFailure => ({
  errors: [{ field: FILE_FIELD, message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }],
  file,
})

interface GlossaryRun {
  counts: ImportCounts
  ids: Map<string, number>
  notes: FileNote[]
}

const importGlossary = async (options: ImportOptions, cwd: string): Promise<GlossaryRun> => {
  const { payload } = options
  const slugs = importSlugs(collectionsOf(options))
  const counts = emptyCounts()
  const entries: NciGlossaryEntry[] = []
  const notes: FileNote[] = []
  for (const file of options.glossary ?? []) {
    const shown = displayPath(file, cwd)
    let bytes: Uint8Array
    try {
      bytes = await readFile(file)
    } catch (error) {
      counts.failed.push(readFailure(shown, error))
      continue
    }
    const decoded = decodeText(bytes)
    if (decoded.text === null) {
      counts.failed.push({ errors: decoded.errors, file: shown })
      continue
    }
    if (decoded.notes.length > 0) notes.push({ file: shown, notes: decoded.notes })
    const content = parseGlossaryLines(decoded.text, shown)
    entries.push(...content.entries)
    counts.failed.push(...content.failures)
  }
  const index = await loadGlossaryIndex(payload, slugs)
  const ids = new Map([...index].map(([nciId, term]) => [nciId, term.id]))
  const terms = glossaryTermsFromEntries(entries)
  let done = 0
  await eachLimited(terms, options.concurrency ?? 2, async (term) => {
    const stored = index.get(term.nciId)
    if (stored && sameGlossaryTerm(stored, mergeGlossaryTerm(stored, term))) {
      count(counts, 'unchanged')
    } else if (options.dryRun) {
      count(counts, stored ? 'updated' : 'created')
    } else {
      try {
        const result = await upsertGlossaryTerm(payload, slugs, term)
        ids.set(term.nciId, result.id)
        count(counts, result.outcome)
      } catch (error) {
        counts.failed.push({ errors: writeErrors(error), file: `${(options.glossary ?? []).map((file) => displayPath(file, cwd)).join(', ')} (term ${term.nciId})` })
      }
    }
    done += 1
    options.onProgress?.({ done, file: term.term, phase: 'glossary', total: terms.length })
  })
  return { counts, ids, notes }
}

interface ReadContext {
  articleIndex: Map<string, StoredArticle>
  cwd: string
  editorConfig: SanitizedServerEditorConfig
  /** The `translationOf` of each valid file's article, by url (null: none), for the link pass. */
  links: Map<string, null | string>
  /** The file that declared each url so far: two files may not share one. */
  seenUrls: Map<string, string>
  today: CalendarDate
}

type ReadResult = (
  | { article: PreparedArticle; kind: 'changed'; references: GlossaryReference[] }
  | { failure: FileFailure; kind: 'failed' }
  | { kind: 'unchanged' }
) & { note?: FileNote }

/**
 * What the importer writes of one decoded document: its body converted to Lexical, the first
 * changelog entry (the "Changes to This Summary" section, which stays in the body too), its
 * evidence and the glossary terms it links to. The benchmark's baseline prepares its documents
 * through it too, so both write the same rows.
 */
export const prepareArticle = (
  file: string,
  document: Pick<ArticleDocument, 'body' | 'frontMatter' | 'hash'>,
  editorConfig: SanitizedServerEditorConfig,
): { article: PreparedArticle; references: GlossaryReference[] } => {
  const { body, frontMatter, hash } = document
  const conversion = convertMarkdownBody(body, { baseUrl: frontMatter.url, editorConfig })
  return {
    article: {
      body: conversion.body,
      change: parseChangesSection(body, frontMatter.url),
      evidence: conversion.evidence,
      file,
      frontMatter,
      glossaryIds: conversion.glossaryReferences.map((reference) => reference.nciId),
      hash,
    },
    references: conversion.glossaryReferences,
  }
}

/** Validates one article file from what reading it gave and, when its hash changed, converts it. */
const readArticleFile = (listed: ListedFile, read: Settled<Uint8Array>, context: ReadContext): ReadResult => {
  const file = displayPath(listed.path, context.cwd)
  if (listed.problem) return { failure: { errors: [{ field: FILE_FIELD, message: listed.problem }], file }, kind: 'failed' }
  if (!read.ok) return { failure: readFailure(file, read.error), kind: 'failed' }
  const document = readArticleDocument(read.value, context.today)
  if (!document.ok) return { failure: { errors: document.errors, file }, kind: 'failed' }
  const { frontMatter, hash } = document.value
  const note = document.value.notes.length > 0 ? { file, notes: document.value.notes } : undefined
  const other = context.seenUrls.get(frontMatter.url)
  if (other) {
    const message = `${frontMatter.url} is also the url of ${other}: an article comes from one file`
    return { failure: { errors: [{ field: 'url', message }], file }, kind: 'failed' }
  }
  context.seenUrls.set(frontMatter.url, file)
  context.links.set(frontMatter.url, frontMatter.translationOf ?? null)
  if (context.articleIndex.get(frontMatter.url)?.importHash === hash) return { kind: 'unchanged', note }
  try {
    const { article, references } = prepareArticle(file, document.value, context.editorConfig)
    return { article, kind: 'changed', note, references }
  } catch (error) {
    return { failure: { errors: [{ field: 'body', message: `cannot be converted: ${(error as Error).message}` }], file }, kind: 'failed' }
  }
}

/** Article files read ahead of the one being validated and converted (at most this many held at once). */
const READ_AHEAD = 8

/** New articles per bulk transaction: large enough to pay off, small enough to keep a batch's memory bounded. */
export const DEFAULT_BULK_BATCH = 50

interface BulkRun {
  batchSize: number
  caches: ImportCaches
  fresh: readonly PreparedArticle[]
  payload: Payload
  report: (file: string) => void
  shared: SharedDocuments
  slugs: ReturnType<typeof importSlugs>
  summary: ImportSummary
  support: NonNullable<ReturnType<typeof importSupportOf>>
}

/**
 * Writes new articles through the bulk path: their sources and glossary terms made sure of once
 * for all of them, the rules applied to each, then batches of multi-row inserts, one
 * transaction a batch. Returns the articles it did not write, for Payload's create: those a rule
 * refuses (Payload reports the problem as always) and those of a batch that failed (a url taken
 * meanwhile by a concurrent import: the create path retries as an update).
 */
const writeNewInBulk = async (run: BulkRun): Promise<PreparedArticle[]> => {
  const { caches, fresh, payload, slugs, support } = run
  if (fresh.length === 0) return []
  const left: PreparedArticle[] = []
  const candidates: { article: PreparedArticle; data: BulkArticle }[] = []
  const nciIds = [...new Set(fresh.flatMap((article) => article.glossaryIds))]
  let termIds: Map<string, number>
  try {
    termIds = await ensureGlossaryTerms(payload, slugs, caches, nciIds, run.shared.stubs, support.options)
  } catch {
    return [...fresh]
  }
  for (const article of fresh) {
    try {
      const sourceId = await ensureSource(payload, slugs, caches, run.shared.sources.get(article.frontMatter.source) ?? sourceFromFrontMatter(article.frontMatter))
      // A new article's changelog: the entry its file's section gives, as the create path merges it.
      const changes = mergeImportedChange([], article.change)
      candidates.push({ article, data: { changes, data: articleData(article, slugs, sourceId, termIds), file: article.file } })
    } catch {
      left.push(article)
    }
  }
  // The day the articles' hooks judge review dates by.
  const today = todayUtc(support.options.now())
  const snapshots = await loadSourceSnapshots(payload, slugs, candidates.map((candidate) => candidate.data.data.source))
  const approved: { article: PreparedArticle; row: Parameters<typeof insertNewArticles>[3][number] }[] = []
  for (const candidate of candidates) {
    const decision = judgeNewArticle(candidate.data, support.options, snapshots, today)
    if (decision.ok) approved.push({ article: candidate.article, row: decision.article })
    else left.push(candidate.article)
  }
  const tables = bulkTables(payload, slugs)
  // The planner's statistics kept in step with the tables as they grow (rules/tableStatistics.ts).
  const statistics = { finished: false, rowsAtLastRefresh: approved.length > 0 ? await plannerRowEstimate(payload, tables.articles.name).catch(() => 0) : 0, writtenSince: 0 }
  const refreshWhenDue = async () => {
    if (!statisticsRefreshDue(statistics)) return
    await refreshStatistics(payload, tables, support, (error) => payload.logger.warn(`import: could not refresh the planner's statistics: ${error.message}`))
    statistics.rowsAtLastRefresh += statistics.writtenSince
    statistics.writtenSince = 0
  }
  for (let start = 0; start < approved.length; start += run.batchSize) {
    const batch = approved.slice(start, start + run.batchSize)
    try {
      await insertNewArticles(payload, tables, support, batch.map((item) => item.row))
      for (const item of batch) {
        count(run.summary, 'created')
        run.report(item.article.file)
      }
      statistics.writtenSince += batch.length
      await refreshWhenDue()
    } catch {
      left.push(...batch.map((item) => item.article))
    }
  }
  statistics.finished = true
  await refreshWhenDue()
  return left
}

/**
 * Imports NCI glossary data, then article documents: validates every file (all problems of a
 * file together), converts changed ones, creates or reuses sources and glossary terms, and
 * upserts articles by url, one transaction each. Unchanged files (same content hash) are
 * skipped without conversion; a failing file is reported and never stops the others. With
 * `dryRun`, nothing is written and the counts say what would happen.
 */
export const runImport = async (options: ImportOptions): Promise<ImportSummary> => {
  const { payload } = options
  const cwd = options.cwd ?? process.cwd()
  const today = options.today ?? todayUtc()
  const slugs = importSlugs(collectionsOf(options))
  const glossary = await importGlossary(options, cwd)
  const summary: ImportSummary = { ...emptyCounts(), glossary: glossary.counts, notes: glossary.notes }
  if (!options.articles || options.articles.length === 0) return summary

  const editorConfig = bodyEditorConfig(payload, slugs.articles)
  const files: ListedFile[] = await listArticleFiles(options.articles)
  const articleIndex = await loadArticleIndex(payload, slugs)
  const prepared: PreparedArticle[] = []

  // Read: validate every file, convert the changed ones.
  const references: (GlossaryReference & { language: string })[] = []
  const reading: ReadContext = { articleIndex, cwd, editorConfig, links: new Map(), seenUrls: new Map(), today }
  let done = 0
  // Files are read a few ahead of the one validated and converted (`loadAheadInOrder`), and
  // handled in their order: which file's source or url comes first stays decided by file order.
  const loads = loadAheadInOrder(files, READ_AHEAD, (listed) => (listed.problem ? Promise.resolve(new Uint8Array()) : readFile(listed.path)))
  for await (const { item: listed, settled } of loads) {
    const read = readArticleFile(listed, settled, reading)
    if (read.kind === 'failed') summary.failed.push(read.failure)
    if (read.kind === 'unchanged') count(summary, 'unchanged')
    if (read.note) summary.notes.push(read.note)
    if (read.kind === 'changed') {
      prepared.push(read.article)
      for (const reference of read.references) {
        if (!glossary.ids.has(reference.nciId)) references.push({ ...reference, language: read.article.frontMatter.language })
      }
    }
    done += 1
    options.onProgress?.({ done, file: displayPath(listed.path, cwd), phase: 'read', total: files.length })
  }

  // Shared documents, decided in file order: a source from the first file naming its label, a
  // glossary term for a link without glossary data named by the first link text.
  const sources = new Map<string, SourceData>()
  for (const article of prepared) {
    if (!sources.has(article.frontMatter.source)) sources.set(article.frontMatter.source, sourceFromFrontMatter(article.frontMatter))
  }
  const stubs = new Map<string, GlossaryTermData>()
  for (const reference of references) {
    if (!stubs.has(reference.nciId)) stubs.set(reference.nciId, glossaryStub(reference.nciId, reference.text, reference.language))
  }

  // Write: new articles in bulk when the plugin provides it; the others (and any a batch could
  // not take) one transaction each through Payload.
  const caches: ImportCaches = { glossaryIds: glossary.ids, sourceIds: await loadSourceIndex(payload, slugs) }
  done = 0
  const report = (file: string): void => {
    done += 1
    options.onProgress?.({ done, file, phase: 'write', total: prepared.length })
  }
  const support = options.dryRun || options.bulk === false ? null : importSupportOf(payload, slugs)
  let oneByOne = prepared
  if (support) {
    // The glossary terms every article to write links to and no document has yet: made at once,
    // in bulk, rather than with each article (the changed ones and those with a changelog too).
    try {
      await ensureGlossaryTerms(payload, slugs, caches, prepared.flatMap((article) => article.glossaryIds), stubs, support.options)
    } catch {
      // Each article's own write makes its terms again, and reports what fails.
    }
    const fresh = prepared.filter((article) => !articleIndex.has(article.frontMatter.url))
    oneByOne = prepared.filter((article) => !fresh.includes(article))
    const left = await writeNewInBulk({ batchSize: Math.max(1, options.bulkBatch ?? DEFAULT_BULK_BATCH), caches, fresh, payload, shared: { sources, stubs }, slugs, support, summary, report })
    oneByOne = [...oneByOne, ...left].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  }
  await eachLimited(oneByOne, options.dryRun ? 1 : (options.concurrency ?? 2), async (article) => {
    if (options.dryRun) {
      count(summary, articleIndex.has(article.frontMatter.url) ? 'updated' : 'created')
    } else {
      try {
        const result = await upsertArticle(payload, slugs, caches, article, { sources, stubs })
        count(summary, result.outcome)
      } catch (error) {
        summary.failed.push({ errors: writeErrors(error), file: article.file })
      }
    }
    report(article.file)
  })
  // Counterparts and translations whose other side was written concurrently are linked now.
  if (!options.dryRun) {
    try {
      await linkImportedArticles(payload, slugs, reading.links)
    } catch (error) {
      summary.failed.push({ errors: writeErrors(error), file: '(links between articles)' })
    }
  }
  summary.failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  return summary
}
