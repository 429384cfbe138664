/**
 * Import benchmark: docs/s of the seed importer on the bundled corpus and on generated
 * documents, against a baseline measured in the same run: plain Payload creates of the same
 * pre-converted documents (the same rows the importer stores) into a collection of the same
 * shape (the articles' fields without the plugin's hooks, validators or access; drafts and
 * versions on), with no parsing.
 *
 *   npm run bench:import -- [--docs 1000] [--concurrency 2] [--rounds 5] [--convert-only]
 *
 * It first times the Markdown conversion of each corpus document on its own (parse to mdast,
 * mdast to Lexical; wall and CPU time, median of rounds): `--convert-only` stops there and needs
 * no database. Last, the peak RSS of a seed command importing only the largest document.
 *
 * DATABASE_URL names a server where the benchmark creates its scratch databases (dropped at the
 * end); without it, a temporary embedded PostgreSQL (scripts/embeddedPostgres.mjs) is started
 * and removed. The figures go to stdout and, as JSON, to bench/results/import-<time>.json.
 * Not a test: it prints figures and exits 0.
 */
import { spawn } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { editorConfigFactory, lexicalEditor, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import pg from 'pg'
import { buildConfig, type Config, type Field, getPayload, type Payload, type RichTextField, type SanitizedConfig } from 'payload'

import { createArticlesCollection } from '../collections/Articles/index.js'
import { createBodyEditor } from '../collections/Articles/bodyEditor.js'
import { todayUtc } from '../rules/calendarDate.js'
import { mergeImportedChange } from '../rules/changelog.js'
import { DEFAULT_OPTIONS } from '../rules/options.js'
import { startTemporaryPostgres } from '../scripts/embeddedPostgres.mjs'
import { type ApprovedArticle, judgeNewArticle } from '../seed/bulk.js'
import { readArticleDocument } from '../seed/document.js'
import { listArticleFiles } from '../seed/files.js'
import { sourceFromFrontMatter } from '../seed/upsert.js'
import { bodyEditorConfig, type ImportProgress, prepareArticle, runImport } from '../seed/importer.js'
import { convertMarkdownBody, parseMarkdown } from '../seed/markdown.js'
import { mdastToLexical } from '../seed/mdastToLexical.js'
import { articleData, importSlugs, type PreparedArticle } from '../seed/upsert.js'
import { cancerContentPlugin } from '../src/index.js'
import { shutdownPayload } from '../tests/helpers/shutdown.js'
import { generateDocuments } from './generated.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const CORPUS = path.join(ROOT, 'seed', 'corpus')
const GLOSSARY = path.join(CORPUS, 'nci-glossary.jsonl')

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '2' },
    'convert-only': { type: 'boolean', default: false },
    docs: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
  },
})
const GENERATED = Number(values.docs)
const CONCURRENCY = Number(values.concurrency)

const ROUNDS = Math.max(1, Number(values.rounds))
const RESULTS = path.join(ROOT, 'bench', 'results')

// The server of the scratch databases: DATABASE_URL's, or a temporary embedded one.
let server = process.env.DATABASE_URL ?? 'postgres://unused@127.0.0.1:1/unused'
let embedded: { stop: () => Promise<void>; url: string } | undefined

const stamp = `${process.pid}_${Date.now().toString(36)}`
const names = { baseline: `bench_baseline_${stamp}`, importer: `bench_import_${stamp}`, rss: `bench_rss_${stamp}` }
const urlOf = (name: string): string => {
  const url = new URL(server)
  url.pathname = `/${name}`
  return url.toString()
}
const admin = async (sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------
// Payload instances: the demo config with the plugin, and a plain baseline.

const bootImporter = async (): Promise<Payload> => {
  const previous = process.env.DATABASE_URL
  process.env.DATABASE_URL = urlOf(names.importer)
  try {
    const module = (await import('../payload.config.js')) as { default: Promise<SanitizedConfig> }
    const config = await module.default
    const logger: Config['logger'] = { destination: process.stderr, options: { level: 'fatal' } }
    return await getPayload({ config: { ...config, logger } as SanitizedConfig, key: 'importer' })
  } finally {
    process.env.DATABASE_URL = previous
  }
}

// Typed as a slug of the generated types: the baseline's own collection is not in them.
const PLAIN_ARTICLES = 'plain-articles' as 'articles'

/**
 * The articles' fields as plain Payload fields: the same names, types, tables and columns, and
 * none of the plugin's hooks, validators, access rules, join or virtual fields.
 */
const plainFields = (fields: readonly Field[]): Field[] =>
  fields.flatMap((field): Field[] => {
    if (field.type === 'join' || ('virtual' in field && field.virtual === true)) return []
    const { access: _access, hooks: _hooks, validate: _validate, ...plain } = field as Field & { access?: unknown; hooks?: unknown; validate?: unknown }
    if ('fields' in plain && Array.isArray(plain.fields)) {
      const nested = plainFields(plain.fields as Field[])
      return nested.length > 0 ? [{ ...plain, fields: nested } as Field] : []
    }
    // Links between articles (counterparts, translations) link plain articles.
    if (plain.type === 'relationship' && plain.relationTo === DEFAULT_OPTIONS.collections.articles) return [{ ...plain, relationTo: PLAIN_ARTICLES } as Field]
    return [plain as Field]
  })

/** Plain Payload: users, sources and glossary terms, and the articles' shape (drafts, versions). */
const bootBaseline = async (): Promise<Payload> =>
  getPayload({
    config: await buildConfig({
      collections: [
        { slug: 'users', auth: true, fields: [] },
        { slug: DEFAULT_OPTIONS.collections.sources, fields: [{ name: 'label', type: 'text' }] },
        // The body editor links to glossary terms.
        { slug: DEFAULT_OPTIONS.collections.glossaryTerms, fields: [{ name: 'term', type: 'text' }] },
        {
          slug: PLAIN_ARTICLES,
          fields: plainFields(createArticlesCollection(DEFAULT_OPTIONS).fields),
          versions: { drafts: true, maxPerDoc: 100 },
        },
      ],
      db: postgresAdapter({ pool: { connectionString: urlOf(names.baseline), max: 4 } }),
      logger: { destination: process.stderr, options: { level: 'fatal' } },
      secret: 'bench-only-secret',
      telemetry: false,
      typescript: { autoGenerate: false },
    }),
    key: 'baseline',
  })

/** Each document pre-converted, as the importer would prepare it (file, front matter, body, references). */
const prepareAll = async (paths: string[], editorConfig: SanitizedServerEditorConfig): Promise<PreparedArticle[]> => {
  const prepared: PreparedArticle[] = []
  for (const { path: file } of await listArticleFiles(paths)) {
    const document = readArticleDocument(await readFile(file))
    if (!document.ok) throw new Error(`${file}: ${JSON.stringify(document.errors)}`)
    prepared.push(prepareArticle(file, document.value, editorConfig).article)
  }
  return prepared
}

/**
 * Plain creates of what the importer stores for the same documents, one at a time: the glossary
 * terms and sources they refer to (as the importer must create them too), then the articles'
 * rows, glossary links bound to those terms: a published create for active and retired
 * articles, a draft create for the others. Timed from the first term to the last article.
 */
const baselineCreates = async (payload: Payload, docs: PreparedArticle[], prefix: string): Promise<number> => {
  const slugs = importSlugs(DEFAULT_OPTIONS.collections)
  const started = performance.now()
  const termIds = new Map<string, number>()
  for (const nciId of new Set(docs.flatMap((doc) => doc.glossaryIds))) {
    const term = await payload.create({ collection: slugs.glossaryTerms, data: { term: `${prefix} ${nciId}` } as never, depth: 0, overrideAccess: true })
    termIds.set(nciId, term.id)
  }
  const sourceIds = new Map<string, number>()
  for (const doc of docs) {
    const label = sourceFromFrontMatter(doc.frontMatter).label
    if (!sourceIds.has(label)) {
      const source = await payload.create({ collection: slugs.sources, data: { label: `${prefix} ${label}` } as never, depth: 0, overrideAccess: true })
      sourceIds.set(label, source.id)
    }
  }
  // Preparing the rows (binding links, the body's plain text) is not timed: the baseline starts from them.
  const referenced = (performance.now() - started) / 1000
  const today = todayUtc()
  const snapshots = new Map([...sourceIds].map(([label, id]) => [id, { homeUrl: null, label, name: label, tierKey: null, tierRank: null }]))
  const rows = docs.map((doc) => {
    const decision = judgeNewArticle(
      { changes: mergeImportedChange([], doc.change), data: articleData(doc, slugs, sourceIds.get(doc.frontMatter.source) as number, termIds), file: doc.file },
      DEFAULT_OPTIONS,
      snapshots,
      today,
    )
    if (!decision.ok) throw new Error(`${doc.file}: ${JSON.stringify(decision.problems)}`)
    return decision.article
  })
  const dataOf = (row: ApprovedArticle) => ({
    ...row.data,
    bodyText: row.bodyText,
    changes: row.changes,
    citationSnapshot: row.citationSnapshot ?? undefined,
    nextReviewDue: row.nextReviewDue,
    reviewState: row.reviewState,
    url: `${row.data.url}#${prefix}`,
  })
  const creating = performance.now()
  for (const row of rows) {
    await payload.create({
      collection: PLAIN_ARTICLES,
      data: dataOf(row) as never,
      depth: 0,
      draft: row.data._status === 'draft',
      overrideAccess: true,
    })
  }
  return referenced + (performance.now() - creating) / 1000
}

interface Timed {
  phases: Partial<Record<ImportProgress['phase'], number>>
  seconds: number
}

const timedImport = async (payload: Payload, articles: string[], glossary: string[]): Promise<Timed & { summary: Awaited<ReturnType<typeof runImport>> }> => {
  const phases: Timed['phases'] = {}
  const started = performance.now()
  const summary = await runImport({
    articles,
    concurrency: CONCURRENCY,
    glossary,
    onProgress: (progress) => {
      phases[progress.phase] = (performance.now() - started) / 1000
    },
    payload,
  })
  return { phases, seconds: (performance.now() - started) / 1000, summary }
}

// ---------------------------------------------------------------------------------------------
// Conversion alone: each corpus document, parse and mdast → Lexical timed apart.

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0

interface ConversionFigure {
  bytes: number
  file: string
  /** Median milliseconds: wall time of each step, and CPU time of the whole. */
  parse: number
  toLexical: number
  total: number
  totalCpu: number
}

const timeConversions = async (editorConfig: SanitizedServerEditorConfig): Promise<ConversionFigure[]> => {
  const figures: ConversionFigure[] = []
  for (const { path: file } of await listArticleFiles([CORPUS])) {
    const document = readArticleDocument(await readFile(file))
    if (!document.ok) throw new Error(`${file}: ${JSON.stringify(document.errors)}`)
    const { body, frontMatter } = document.value
    // One untimed run first: the first conversion in a process also compiles the code.
    convertMarkdownBody(body, { baseUrl: frontMatter.url, editorConfig })
    const parse: number[] = []
    const toLexical: number[] = []
    const total: number[] = []
    const totalCpu: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      let started = performance.now()
      const tree = parseMarkdown(body)
      parse.push(performance.now() - started)
      started = performance.now()
      mdastToLexical(tree, { baseUrl: frontMatter.url })
      toLexical.push(performance.now() - started)
      const cpu = process.cpuUsage()
      started = performance.now()
      convertMarkdownBody(body, { baseUrl: frontMatter.url, editorConfig })
      total.push(performance.now() - started)
      const used = process.cpuUsage(cpu)
      totalCpu.push((used.user + used.system) / 1000)
    }
    figures.push({ bytes: Buffer.byteLength(body), file: path.basename(file), parse: median(parse), toLexical: median(toLexical), total: median(total), totalCpu: median(totalCpu) })
  }
  return figures
}

const conversionTable = (figures: ConversionFigure[]): string => {
  const largest = figures.reduce((a, b) => (b.bytes > a.bytes ? b : a))
  const sum = (key: 'bytes' | 'parse' | 'toLexical' | 'total' | 'totalCpu'): number => figures.reduce((total, figure) => total + figure[key], 0)
  const line = (what: string, bytes: number, parse: number, toLexical: number, total: number, cpu: number): string =>
    `${what.padEnd(52)} ${(bytes / 1024).toFixed(0).padStart(7)} ${parse.toFixed(0).padStart(9)} ${toLexical.toFixed(0).padStart(9)} ${total.toFixed(0).padStart(9)} ${cpu.toFixed(0).padStart(9)}`
  return [
    `${'conversion (median of ' + String(ROUNDS) + ' rounds, ms)'.padEnd(52)} ${'KB'.padStart(7)} ${'parse'.padStart(9)} ${'to Lexical'.padStart(9)} ${'total'.padStart(9)} ${'total CPU'.padStart(9)}`,
    line(`largest: ${largest.file}`, largest.bytes, largest.parse, largest.toLexical, largest.total, largest.totalCpu),
    line(`whole corpus (${figures.length} documents)`, sum('bytes'), sum('parse'), sum('toLexical'), sum('total'), sum('totalCpu')),
    `target: the largest document converted in under 300 ms (${largest.total < 300 ? 'met' : 'missed'}: ${largest.total.toFixed(0)} ms)`,
  ].join('\n')
}

const rows: string[][] = []
/** The figures of the run, as written to bench/results/. */
const results: { conversion?: ConversionFigure[]; peakRss?: { bytes: number; file: string }; rows: { baseline: null | number; docs: number; ratio: null | number; seconds: number; what: string }[] } = { rows: [] }
const row = (what: string, docs: number, seconds: number, baseline?: number): void => {
  const rate = docs / seconds
  rows.push([what, String(docs), seconds.toFixed(2), rate.toFixed(1), baseline ? `${(rate / baseline).toFixed(2)}×` : ''])
  results.rows.push({ baseline: baseline ?? null, docs, ratio: baseline ? rate / baseline : null, seconds, what })
}

/**
 * Peak RSS of a seed command (a process of its own: boot, schema, import) importing only the
 * largest corpus document into an empty database: Node's own maxRSS, printed at its exit.
 */
const peakRssOfLargest = async (): Promise<{ bytes: number; file: string }> => {
  const files = await listArticleFiles([CORPUS])
  let largest = files[0]?.path as string
  let size = 0
  for (const { path: file } of files) {
    const bytes = (await readFile(file)).byteLength
    if (bytes > size) [largest, size] = [file, bytes]
  }
  const folder = await mkdtemp(path.join(tmpdir(), 'bench-rss-'))
  await copyFile(largest, path.join(folder, path.basename(largest)))
  await admin(`create database "${names.rss}"`)
  try {
    const report = "process.on('exit',()=>process.stderr.write('bench-max-rss '+process.resourceUsage().maxRSS+'\\n'))"
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, '--import', 'tsx', 'seed/cli.ts', '--json', folder], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: urlOf(names.rss), PAYLOAD_TYPES_AUTOGENERATE: 'false', SEED_ON_FIRST_BOOT: 'false' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let text = ''
      child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString()
      })
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`seed exited ${code}: ${text.slice(-2000)}`))))
    })
    const kilobytes = Number(/bench-max-rss (\d+)/.exec(stderr)?.[1] ?? Number.NaN)
    return { bytes: kilobytes * 1024, file: path.basename(largest) }
  } finally {
    await rm(folder, { force: true, recursive: true })
    await admin(`drop database if exists "${names.rss}" with (force)`)
  }
}

// The schema push prints a spinner on stdout: only the figures go there.
const writeFigures = process.stdout.write.bind(process.stdout)
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write

/** The conversion alone, from the plugin's config built but never connected: no database needed. */
const convertOnly = async (): Promise<void> => {
  const config = await buildConfig({
    collections: [{ slug: 'users', auth: true, fields: [] }],
    db: postgresAdapter({ pool: { connectionString: 'postgres://unused@127.0.0.1:1/unused' } }),
    editor: lexicalEditor(),
    logger: { destination: process.stderr, options: { level: 'fatal' } },
    plugins: [cancerContentPlugin()],
    secret: 'bench-only-secret',
    telemetry: false,
    typescript: { autoGenerate: false },
  })
  const articles = config.collections.find((collection) => collection.slug === DEFAULT_OPTIONS.collections.articles)
  const field = articles?.flattenedFields.find((item): item is RichTextField => item.name === 'body' && item.type === 'richText')
  if (!field) throw new Error('the articles collection has no rich-text body')
  writeFigures(`\n${conversionTable(await timeConversions(editorConfigFactory.fromField({ field })))}\n`)
}

const main = async (): Promise<void> => {
  if (!process.env.DATABASE_URL) {
    process.stderr.write('bench: no DATABASE_URL: starting a temporary embedded PostgreSQL\n')
    embedded = await startTemporaryPostgres({ log: (message: string) => process.stderr.write(`bench: ${message}\n`), prefix: 'bench-import-pg-' })
    server = embedded.url
  }
  await admin(`create database "${names.importer}"`)
  await admin(`create database "${names.baseline}"`)
  const folder = await mkdtemp(path.join(tmpdir(), 'bench-import-'))
  let importer: Payload | undefined
  let baseline: Payload | undefined
  try {
    importer = await bootImporter()
    baseline = await bootBaseline()
    const editorConfig = bodyEditorConfig(importer, DEFAULT_OPTIONS.collections.articles)
    process.stderr.write('bench: timing the conversion of each corpus document\n')
    results.conversion = await timeConversions(editorConfig)
    const conversions = conversionTable(results.conversion)
    process.stderr.write(`bench: generating ${GENERATED} documents\n`)
    await generateDocuments(folder, GENERATED)

    // Bundled corpus (its glossary first, as a real import does)
    const corpus = await timedImport(importer, [CORPUS], [GLOSSARY])
    if (corpus.summary.failed.length > 0) process.stderr.write(`bench: corpus failures: ${JSON.stringify(corpus.summary.failed).slice(0, 2000)}\n`)
    const corpusDocs = await prepareAll([CORPUS], editorConfig)
    const corpusBaseline = corpusDocs.length / (await baselineCreates(baseline, corpusDocs, 'corpus'))
    row('corpus: import, empty database (glossary, parse, write)', corpusDocs.length, corpus.seconds, corpusBaseline)
    row('corpus: the same import, write phase only', corpusDocs.length, corpus.seconds - (corpus.phases.read ?? 0), corpusBaseline)
    const corpusAgain = await timedImport(importer, [CORPUS], [GLOSSARY])
    row('corpus: import again (unchanged)', corpusDocs.length, corpusAgain.seconds, corpusBaseline)
    row('corpus: baseline (plain creates of the same rows)', corpusDocs.length, corpusDocs.length / corpusBaseline)

    // Generated documents
    process.stderr.write(`bench: importing ${GENERATED} generated documents\n`)
    const generated = await timedImport(importer, [folder], [])
    if (generated.summary.failed.length > 0) process.stderr.write(`bench: generated failures: ${JSON.stringify(generated.summary.failed).slice(0, 2000)}\n`)
    const generatedDocs = await prepareAll([folder], editorConfig)
    const generatedBaseline = generatedDocs.length / (await baselineCreates(baseline, generatedDocs, 'generated'))
    row(`generated: import, ${GENERATED} new documents (parse, write)`, GENERATED, generated.seconds, generatedBaseline)
    row('generated: the same import, write phase only', GENERATED, generated.seconds - (generated.phases.read ?? 0), generatedBaseline)
    const generatedAgain = await timedImport(importer, [folder], [])
    row('generated: import again (unchanged)', GENERATED, generatedAgain.seconds, generatedBaseline)
    row('generated: baseline (plain creates of the same rows)', GENERATED, GENERATED / generatedBaseline)

    await shutdownPayload(importer)
    importer = undefined
    process.stderr.write('bench: peak RSS of an import of the largest document\n')
    results.peakRss = await peakRssOfLargest()

    const widths = [56, 6, 9, 8, 12]
    const line = (cells: string[]): string => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0))).join(' ')
    writeFigures(`\n${conversions}\n`)
    writeFigures(`\n${line(['', 'docs', 'seconds', 'docs/s', 'vs baseline'])}\n${rows.map(line).join('\n')}\n`)
    const phase = (timed: Timed): string =>
      `glossary ${(timed.phases.glossary ?? 0).toFixed(1)} s, read+convert until ${(timed.phases.read ?? 0).toFixed(1)} s, write until ${(timed.phases.write ?? timed.seconds).toFixed(1)} s`
    writeFigures(`\nphases (cumulative): corpus ${phase(corpus)}; generated ${phase(generated)}\n`)
    writeFigures(
      `unchanged re-import vs first import: corpus ${(corpus.seconds / corpusAgain.seconds).toFixed(1)}×, generated ${(generated.seconds / generatedAgain.seconds).toFixed(1)}× (target ≥ 10×)\n`,
    )
    writeFigures(`peak RSS of a seed command importing only ${results.peakRss.file}: ${(results.peakRss.bytes / 1024 / 1024).toFixed(0)} MB\n`)
    writeFigures(
      `importer: bulk path, concurrency ${CONCURRENCY}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; baseline: sequential Local API creates with versions and drafts of the same rows into the articles' shape, no plugin hooks, no parsing\n`,
    )
    await mkdir(RESULTS, { recursive: true })
    const file = path.join(RESULTS, `import-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    const machine = { cpus: os.cpus().length, load: os.loadavg(), memory: os.totalmem(), node: process.version }
    await writeFile(file, `${JSON.stringify({ ...results, machine, unchanged: { corpus: corpus.seconds / corpusAgain.seconds, generated: generated.seconds / generatedAgain.seconds } }, null, 2)}\n`)
    writeFigures(`results: ${path.relative(ROOT, file)}\n`)
  } finally {
    await shutdownPayload(importer)
    await shutdownPayload(baseline)
    await rm(folder, { force: true, recursive: true })
    await admin(`drop database if exists "${names.importer}" with (force)`)
    await admin(`drop database if exists "${names.baseline}" with (force)`)
    await embedded?.stop()
  }
}

try {
  await (values['convert-only'] ? convertOnly() : main())
  process.exit(0)
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
}
