/**
 * Import benchmark: docs/s of the seed importer on the bundled corpus and on generated
 * documents, against a baseline measured in the same run: plain Payload creates of the same
 * Lexical JSON into a collection without the plugin's hooks (and without parsing).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/import.ts [--docs 1000] [--concurrency 2] [--convert-only]
 *
 * It first times the Markdown conversion of each corpus document on its own (parse to mdast,
 * mdast to Lexical; wall and CPU time, median of rounds): `--convert-only` stops there and needs
 * no database.
 *
 * DATABASE_URL names the server: the benchmark creates two scratch databases there and drops
 * them at the end. Not a test: it prints figures and exits 0.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { editorConfigFactory, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import pg from 'pg'
import { buildConfig, type Config, getPayload, type Payload, type RichTextField, type SanitizedConfig } from 'payload'

import { createBodyEditor } from '../collections/Articles/bodyEditor.js'
import { DEFAULT_OPTIONS } from '../rules/options.js'
import { readArticleDocument } from '../seed/document.js'
import { listArticleFiles } from '../seed/files.js'
import { bodyEditorConfig, type ImportProgress, runImport } from '../seed/importer.js'
import { bindGlossaryLinks, type BodyConversion, convertMarkdownBody, parseMarkdown } from '../seed/markdown.js'
import { mdastToLexical } from '../seed/mdastToLexical.js'
import { shutdownPayload } from '../tests/helpers/shutdown.js'

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
const server = process.env.DATABASE_URL ?? (values['convert-only'] ? 'postgres://unused@127.0.0.1:1/unused' : undefined)
if (!server) {
  process.stderr.write('bench: set DATABASE_URL to a PostgreSQL server (its scratch databases are created and dropped)\n')
  process.exit(2)
}

const stamp = `${process.pid}_${Date.now().toString(36)}`
const names = { baseline: `bench_baseline_${stamp}`, importer: `bench_import_${stamp}` }
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
// Generated documents: the reference article, varied, with a table of uneven rows, glossary
// links (known and unknown terms) and evidence links.

const generate = async (folder: string, count: number): Promise<void> => {
  const reference = await readFile(path.join(CORPUS, '000_5863a9b69b1446f4.txt'), 'utf8')
  const end = reference.indexOf('\n---', 3) + 4
  const frontMatter = reference.slice(0, end)
  const paragraphs = reference.slice(end).split('\n\n')
  const glossaryIds = (await readFile(GLOSSARY, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { termId: number }).termId)
  for (let index = 0; index < count; index += 1) {
    const rotated = [...paragraphs.slice(index % paragraphs.length), ...paragraphs.slice(0, index % paragraphs.length)]
    const known = glossaryIds[index % glossaryIds.length]
    const extra = [
      `The [known term](/publications/dictionaries/cancer-terms/def/${known}) and a [new term ${index % 50}](/publications/dictionaries/cancer-terms/def/${900000 + (index % 50)}).`,
      `| Trial | Arm | Result |\n|---|---|---|\n| [NCT${String(10000000 + index).padStart(8, '0')}](https://clinicaltrials.gov/study/NCT${String(10000000 + index).padStart(8, '0')}) | A |\n| **Footnote** |\n| B | drug | [PMID ${20000000 + index}](https://pubmed.ncbi.nlm.nih.gov/${20000000 + index}/) |`,
    ]
    const text = frontMatter
      .replace(/^url: .*$/m, `url: https://www.cancer.gov/bench/generated-${index}`)
      .replace(/^title: .*$/m, `title: Generated article ${index}`)
    await writeFile(path.join(folder, `generated-${String(index).padStart(5, '0')}.md`), `${text}\n${[...rotated, ...extra].join('\n\n')}\n`)
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

/** The same storage work (a rich-text body with the same editor, evidence rows, versions and drafts), no plugin hooks. */
const bootBaseline = async (): Promise<Payload> =>
  getPayload({
    config: await buildConfig({
      collections: [
        { slug: 'users', auth: true, fields: [] },
        // The body editor links to glossary terms.
        { slug: DEFAULT_OPTIONS.collections.glossaryTerms, fields: [{ name: 'term', type: 'text' }] },
        {
          slug: 'plain-articles',
          fields: [
            { name: 'title', type: 'text', required: true },
            { name: 'url', type: 'text', index: true, required: true, unique: true },
            { name: 'body', type: 'richText', editor: createBodyEditor(DEFAULT_OPTIONS) },
            { name: 'glossaryTerms', type: 'relationship', hasMany: true, relationTo: DEFAULT_OPTIONS.collections.glossaryTerms },
            {
              name: 'evidence',
              type: 'array',
              fields: [
                { name: 'kind', type: 'text' },
                { name: 'identifier', type: 'text' },
                { name: 'url', type: 'text' },
                { name: 'label', type: 'text' },
              ],
            },
          ],
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

interface Converted {
  conversion: BodyConversion
  title: string
  url: string
}

const convertAll = async (paths: string[], editorConfig: SanitizedServerEditorConfig): Promise<Converted[]> => {
  const converted: Converted[] = []
  for (const { path: file } of await listArticleFiles(paths)) {
    const document = readArticleDocument(await readFile(file))
    if (!document.ok) throw new Error(`${file}: ${JSON.stringify(document.errors)}`)
    const { frontMatter } = document.value
    converted.push({
      conversion: convertMarkdownBody(document.value.body, { baseUrl: frontMatter.url, editorConfig }),
      title: frontMatter.title,
      url: frontMatter.url,
    })
  }
  return converted
}

/**
 * Plain creates of the importer's JSON, glossary links bound to terms of the baseline database
 * (created beforehand, untimed), so that the same internal links are validated.
 */
const baselineCreates = async (payload: Payload, docs: Converted[], prefix: string): Promise<number> => {
  const slug = DEFAULT_OPTIONS.collections.glossaryTerms as 'glossary-terms'
  const termIds = new Map<string, number>()
  for (const nciId of new Set(docs.flatMap((doc) => doc.conversion.glossaryReferences.map((reference) => reference.nciId)))) {
    const term = await payload.create({ collection: slug, data: { term: `${prefix} ${nciId}` } as never, depth: 0, overrideAccess: true })
    termIds.set(nciId, term.id)
  }
  const data = docs.map((doc) => ({
    body: bindGlossaryLinks(doc.conversion.body, slug, (nciId) => termIds.get(nciId)),
    evidence: doc.conversion.evidence,
    glossaryTerms: doc.conversion.glossaryReferences.map((reference) => termIds.get(reference.nciId)),
    title: doc.title,
    url: `${doc.url}#${prefix}`,
  }))
  const started = performance.now()
  for (const item of data) {
    await payload.create({ collection: 'plain-articles' as 'articles', data: item as never, depth: 0, overrideAccess: true })
  }
  return (performance.now() - started) / 1000
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
const row = (what: string, docs: number, seconds: number, baseline?: number): void => {
  const rate = docs / seconds
  rows.push([what, String(docs), seconds.toFixed(2), rate.toFixed(1), baseline ? `${(rate / baseline).toFixed(2)}×` : ''])
}

// The schema push prints a spinner on stdout: only the figures go there.
const writeFigures = process.stdout.write.bind(process.stdout)
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write

const convertOnly = async (): Promise<void> => {
  const module = (await import('../payload.config.js')) as { default: Promise<SanitizedConfig> }
  const config = await module.default
  const articles = config.collections.find((collection) => collection.slug === DEFAULT_OPTIONS.collections.articles)
  const field = articles?.flattenedFields.find((item): item is RichTextField => item.name === 'body' && item.type === 'richText')
  if (!field) throw new Error('the articles collection has no rich-text body')
  writeFigures(`\n${conversionTable(await timeConversions(editorConfigFactory.fromField({ field })))}\n`)
}

const main = async (): Promise<void> => {
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
    const conversions = conversionTable(await timeConversions(editorConfig))
    process.stderr.write(`bench: generating ${GENERATED} documents\n`)
    await generate(folder, GENERATED)

    // Bundled corpus
    const corpus = await timedImport(importer, [CORPUS], [GLOSSARY])
    if (corpus.summary.failed.length > 0) process.stderr.write(`bench: corpus failures: ${JSON.stringify(corpus.summary.failed).slice(0, 2000)}\n`)
    const corpusDocs = await convertAll([CORPUS], editorConfig)
    const corpusBaseline = corpusDocs.length / (await baselineCreates(baseline, corpusDocs, 'corpus'))
    row('corpus: import, empty database', corpusDocs.length, corpus.seconds, corpusBaseline)
    const corpusAgain = await timedImport(importer, [CORPUS], [GLOSSARY])
    row('corpus: import again (unchanged)', corpusDocs.length, corpusAgain.seconds, corpusBaseline)
    row('corpus: baseline (plain creates of the same JSON)', corpusDocs.length, corpusDocs.length / corpusBaseline)

    // Generated documents
    process.stderr.write(`bench: importing ${GENERATED} generated documents\n`)
    const generated = await timedImport(importer, [folder], [])
    if (generated.summary.failed.length > 0) process.stderr.write(`bench: generated failures: ${JSON.stringify(generated.summary.failed).slice(0, 2000)}\n`)
    const generatedDocs = await convertAll([folder], editorConfig)
    const generatedBaseline = generatedDocs.length / (await baselineCreates(baseline, generatedDocs, 'generated'))
    row(`generated: import, ${GENERATED} new documents`, GENERATED, generated.seconds, generatedBaseline)
    const generatedAgain = await timedImport(importer, [folder], [])
    row('generated: import again (unchanged)', GENERATED, generatedAgain.seconds, generatedBaseline)
    row('generated: baseline (plain creates of the same JSON)', GENERATED, GENERATED / generatedBaseline)

    const widths = [52, 6, 9, 8, 12]
    const line = (cells: string[]): string => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0))).join(' ')
    writeFigures(`\n${conversions}\n`)
    writeFigures(`\n${line(['', 'docs', 'seconds', 'docs/s', 'vs baseline'])}\n${rows.map(line).join('\n')}\n`)
    const phase = (timed: Timed): string =>
      `glossary ${(timed.phases.glossary ?? 0).toFixed(1)} s, read+convert until ${(timed.phases.read ?? 0).toFixed(1)} s, write until ${(timed.phases.write ?? timed.seconds).toFixed(1)} s`
    writeFigures(`\nphases (cumulative): corpus ${phase(corpus)}; generated ${phase(generated)}\n`)
    writeFigures(
      `importer: concurrency ${CONCURRENCY}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}; baseline: sequential Local API creates with versions and drafts, same bound Lexical JSON, no plugin hooks, no parsing\n`,
    )
  } finally {
    await shutdownPayload(importer)
    await shutdownPayload(baseline)
    await rm(folder, { force: true, recursive: true })
    await admin(`drop database if exists "${names.importer}" with (force)`)
    await admin(`drop database if exists "${names.baseline}" with (force)`)
  }
}

try {
  await (values['convert-only'] ? convertOnly() : main())
  process.exit(0)
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
}
