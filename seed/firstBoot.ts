/**
 * The demo's first-boot import, as a process of its own: the app server starts it
 * (src/app/_firstBoot/firstBootImport.ts) with an IPC channel and shows what it reports, so the
 * import's parsing and writing never run on the server's event loop.
 *
 *   node --import tsx seed/firstBoot.ts   (Node 22, DATABASE_URL set; started by the server)
 *
 * One import at a time per database, also with several app instances: it first takes a
 * PostgreSQL advisory lock (held by its own connection until it exits). An instance that finds the
 * lock taken says `waiting`, waits for it, and then finds the other's articles (`skipped`), or,
 * when the other failed before writing any, imports itself. Under the lock it imports only into a
 * database without articles. It reads the bundled corpus, or the folder named by FIRST_BOOT_CORPUS.
 * It never pushes the schema (the server did before it started this) and never runs jobs. On the
 * project's embedded database (EMBEDDED_POSTGRES_DATA) the server processes of its connections
 * run at its own priority (seed/backendPriority.ts).
 * When the server goes away (its IPC channel closes) it stops.
 */
import { getPriority } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import pg from 'pg'
import { getPayload, type Payload } from 'payload'

import type { FirstBootImportMessage, FirstBootPhase } from '../src/app/_firstBoot/status.js'
import { lowerBackendPriority } from './backendPriority.js'
import { firstBootCorpus } from './bundled.js'
import { loadConfig } from './cli.js'
import { runImport } from './importer.js'

/** The advisory lock of the first-boot import: one key for every instance on a database. */
export const FIRST_BOOT_LOCK_KEY = 7_214_650_318_001n

/** At most one progress report in this long, besides each phase's first and last. */
const PROGRESS_EVERY_MS = 250

const send = (message: FirstBootImportMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve()
    process.send(message, undefined, {}, () => resolve())
  })

/** Progress reports, fewer than the importer makes: each phase's first and last, and one per interval. */
const progressSender = () => {
  let phase: FirstBootPhase | null = null
  let last = 0
  return (progress: { done: number; phase: FirstBootPhase; total: number }): void => {
    const now = Date.now()
    if (progress.phase === phase && progress.done < progress.total && now - last < PROGRESS_EVERY_MS) return
    phase = progress.phase
    last = now
    void send({ kind: 'progress', progress: { done: progress.done, phase: progress.phase, total: progress.total } })
  }
}

const log = (message: string): void => {
  process.stderr.write(`[seed] ${message}\n`)
}

/** Runs the import under the lock; resolves to the process's exit code. */
export const main = async (): Promise<number> => {
  const databaseUrl = process.env.DATABASE_URL
  if (!databaseUrl) {
    await send({ error: 'DATABASE_URL is not set', kind: 'failed' })
    return 2
  }
  const corpus = firstBootCorpus()
  const lock = new pg.Client({ application_name: 'first-boot-import lock', connectionString: databaseUrl })
  lock.on('error', () => undefined)
  await lock.connect()
  const taken = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [FIRST_BOOT_LOCK_KEY.toString()])
  if (!taken.rows[0]?.locked) {
    log('another app instance is importing the demo content: waiting for it')
    await send({ kind: 'waiting' })
    await lock.query('SELECT pg_advisory_lock($1)', [FIRST_BOOT_LOCK_KEY.toString()])
  }
  const payload: Payload = await getPayload({ config: await loadConfig(), disableOnInit: true })
  // Its work inside the embedded database at the priority the server gave this process.
  const dataDir = process.env.EMBEDDED_POSTGRES_DATA?.trim()
  if (dataDir) lowerBackendPriority(payload.db.pool, { dataDir, onError: log, priority: getPriority() })
  const { totalDocs } = await payload.count({ collection: 'articles', overrideAccess: true })
  if (totalDocs > 0) {
    await send({ kind: 'skipped' })
    return 0
  }
  log(`empty database: importing ${process.env.FIRST_BOOT_CORPUS?.trim() ? corpus.articles : 'the bundled corpus'} in a process of its own (SEED_ON_FIRST_BOOT=false turns this off)`)
  await send({ kind: 'started' })
  const started = Date.now()
  const summary = await runImport({ articles: [corpus.articles], glossary: corpus.glossary, onProgress: progressSender(), payload })
  const seconds = (Date.now() - started) / 1000
  log(
    `corpus imported in ${seconds.toFixed(1)} s: ${summary.created} articles created, ${summary.failed.length} failed; ${summary.glossary.created} glossary terms`,
  )
  await send({ created: summary.created, failed: summary.failed.length, glossaryCreated: summary.glossary.created, kind: 'done', seconds })
  return 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // The server went away (stopped, crashed): nobody shows this import any more, and the next
  // boot finds the database as this one leaves it.
  process.on('disconnect', () => process.exit(0))
  const fail = async (error: unknown): Promise<never> => {
    const message = error instanceof Error ? error.message : String(error)
    log(`importing the demo content failed: ${message}`)
    await send({ error: message, kind: 'failed' })
    process.exit(1)
  }
  process.on('uncaughtException', (error) => void fail(error))
  process.on('unhandledRejection', (error) => void fail(error))
  const code = await main().catch(fail)
  // db-postgres keeps a pooled client checked out: exit instead of waiting for the pool.
  process.exit(code)
}
