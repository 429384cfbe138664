/**
 * The seed command: `node --import tsx seed/cli.ts [PATH ...] [--dry-run] [--json] [--glossary FILE.jsonl]`
 * (Node 22, DATABASE_URL set). Without PATH and --glossary it imports the bundled corpus and
 * glossary. Exit codes: 0 everything imported, 1 some file failed (the others are imported),
 * 2 usage, configuration or connection error.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

import cliProgress from 'cli-progress'
import { type Config, getPayload, type Payload, type SanitizedConfig } from 'payload'
import { findConfig } from 'payload/node'

import { bundledCorpus } from './bundled.js'
import { DEFAULT_BULK_BATCH, type ImportProgress, runImport } from './importer.js'
import { exitCodeOf, formatSummary, jsonSummary } from './summary.js'

const USAGE = `Usage: seed [PATH ...] [--dry-run] [--json] [--glossary FILE.jsonl] [--concurrency N] [--batch N]

Imports article documents (Markdown with YAML front matter; .md and .txt files, folders
recursively) and NCI glossary data (JSON lines) into the cancer-content collections.
Without PATH and --glossary: the bundled corpus and its glossary.

  --dry-run        validate and report what would be created, updated or skipped; write nothing
  --json           print one JSON summary on stdout (no progress bar)
  --glossary FILE  NCI Dictionary of Cancer Terms entries, one JSON object a line (repeatable)
  --concurrency N  articles saved at the same time (default 2)
  --batch N        new articles written per transaction by the bulk path (default 50)
  --help           show this text

Exit codes: 0 all imported, 1 some files failed (the others were imported), 2 usage or connection error.`


class UsageError extends Error {}

/** The command line, parsed. */
export interface SeedArguments {
  articles: string[]
  batch: number
  concurrency: number
  dryRun: boolean
  glossary: string[]
  help: boolean
  json: boolean
}

/**
 * Parses the command line. Without paths and `--glossary`, the bundled corpus and glossary.
 * @throws UsageError on unknown options, a bad `--concurrency` or `--batch`, or a path that does not exist.
 */
export const parseSeedArguments = (argv: string[]): SeedArguments => {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      args: argv,
      options: {
        batch: { type: 'string' },
        concurrency: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        glossary: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { positionals, values } = parsed
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 16, not "${values.concurrency}"`)
  }
  const batch = values.batch === undefined ? DEFAULT_BULK_BATCH : Number(values.batch)
  if (!Number.isInteger(batch) || batch < 1 || batch > 1000) {
    throw new UsageError(`--batch must be a whole number from 1 to 1000, not "${values.batch}"`)
  }
  const bundled = positionals.length === 0 && !values.glossary ? bundledCorpus() : null
  const articles = bundled ? [bundled.articles] : positionals
  const glossary = bundled ? [bundled.glossary] : (values.glossary ?? [])
  for (const given of [...articles, ...glossary]) {
    if (!existsSync(given)) throw new UsageError(`no such file or folder: ${given}`)
  }
  return { articles, batch, concurrency, dryRun: values['dry-run'], glossary, help: values.help, json: values.json }
}

// Payload logs to stdout; the report owns stdout, so Payload's log goes to stderr, and only
// fatal entries by default: every problem the import meets is in its report, without stack
// traces. SEED_LOG_LEVEL (e.g. info) shows more.
export const loadConfig = async (): Promise<SanitizedConfig> => {
  const module = (await import(pathToFileURL(findConfig()).href)) as { default: Promise<SanitizedConfig> | SanitizedConfig }
  const config = await module.default
  const logger: Config['logger'] = { destination: process.stderr, options: { level: process.env.SEED_LOG_LEVEL || 'fatal' } }
  // SanitizedConfig types `logger` as fully resolved options; Payload reads the Config form at init.
  return { ...config, logger } as SanitizedConfig
}

const progressReporter = (json: boolean): { done: () => void; report: (progress: ImportProgress) => void } => {
  if (json) return { done: () => undefined, report: () => undefined }
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {value}/{total} {file}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    )
    let phase: ImportProgress['phase'] | null = null
    return {
      done: () => bar.stop(),
      report: (progress) => {
        const file = (progress.file ?? '').slice(-50)
        if (progress.phase !== phase) {
          if (phase) bar.stop()
          phase = progress.phase
          bar.start(progress.total, progress.done, { file, phase: phase.padEnd(8) })
        } else bar.update(progress.done, { file })
      },
    }
  }
  // Plain lines (CI logs): about every tenth of each phase, and its end.
  return {
    done: () => undefined,
    report: (progress) => {
      const step = Math.max(1, Math.ceil(progress.total / 10))
      if (progress.done % step === 0 || progress.done === progress.total) {
        process.stderr.write(`[seed] ${progress.phase} ${progress.done}/${progress.total}${progress.file ? ` ${progress.file}` : ''}\n`)
      }
    },
  }
}

/** Runs the command; resolves to the exit code. */
export const main = async (argv: string[]): Promise<number> => {
  let args: SeedArguments
  try {
    args = parseSeedArguments(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`seed: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  // Only the report goes to stdout: anything else printed while booting and importing (the
  // schema push's spinner, stray logs) is sent to stderr.
  const writeReport = process.stdout.write.bind(process.stdout)
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
  try {
    return await seed(args, (text) => writeReport(text))
  } finally {
    process.stdout.write = writeReport
  }
}

const seed = async (args: SeedArguments, writeReport: (text: string) => void): Promise<number> => {
  let payload: Payload
  try {
    payload = await getPayload({ config: await loadConfig(), disableOnInit: true })
  } catch (error) {
    process.stderr.write(`seed: cannot start Payload or reach the database: ${(error as Error).message}\n`)
    return 2
  }
  const progress = progressReporter(args.json)
  try {
    const summary = await runImport({
      articles: args.articles,
      bulkBatch: args.batch,
      concurrency: args.concurrency,
      dryRun: args.dryRun,
      glossary: args.glossary,
      onProgress: progress.report,
      payload,
    })
    progress.done()
    writeReport(`${args.json ? jsonSummary(summary) : formatSummary(summary, args.dryRun)}\n`)
    return exitCodeOf(summary)
  } catch (error) {
    progress.done()
    process.stderr.write(`seed: the import stopped: ${(error as Error).message}\n`)
    return 2
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // An error nobody awaited (Payload starts some checks in the background) ends the command
  // with a clear line and exit code 2, not a crash that looks like failed files (exit 1).
  const crash = (error: unknown): void => {
    process.stderr.write(`seed: stopped by an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  process.on('uncaughtException', crash)
  process.on('unhandledRejection', crash)
  const code = await main(process.argv.slice(2))
  // db-postgres keeps a pooled client checked out: exit instead of waiting for the pool.
  process.stdout.write('', () => process.exit(code))
}
