// The development-server check, in one command: `npm run test:dev` (bounded by `timeout` there).
//
//   node scripts/devtest.mjs [jest args…]
//
// What a newcomer does after `npm ci`: `npm run dev` on an empty database, whose first boot imports
// the demo content, and the admin opened right away. 1. creates a database of its own (on
// DATABASE_URL's server when it is set, else on an embedded PostgreSQL started for this run in a
// temporary folder), 2. writes generated article documents (bench/generated.ts, the import
// benchmark's generator; DEV_TEST_IMPORT_DOCS of them, default 20,000) and the bundled glossary
// into a temporary folder, for the first-boot import to read instead of the bundled corpus
// (FIRST_BOOT_CORPUS): the bundled corpus's import, now in a process of its own, ends in a minute,
// long before the editor is in the admin, and the check is of a save *while* an import runs,
// 3. starts `npm run dev` (schema push, the first-boot import on) on a free port and at once asks
// for the admin's login page, as a newcomer opening the admin would: next dev compiles it
// (minutes on a busy machine) while it compiles the API and the import starts, 4. once both
// answer, runs tests/dev (jest.dev.config.mjs) against it: an editor saves in the admin while the
// import runs and readers read, 5. stops the server and removes the database, the documents (and
// the embedded server), also when a step fails or a signal arrives.
//
// An earlier version compiled everything first in a separate `npm run dev` with the import off,
// counting on webpack's persistent cache to make the measured server's compile short: it did not
// (the admin compiled as long the second time, 142 s and 240 s, and the run grew by 2.5–8.5
// minutes), and the import, started while the API route compiled alone, ended before the admin.
//
// Not part of `npm test`: `next dev` compiles each page on its first visit (a minute on a small
// machine), which the production-build tests of `npm run test:e2e` do not need; .ci/run runs
// `npm test` only.

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { resolveChromium } from './chromium.mjs'
import { freePort, startTemporaryPostgres } from './embeddedPostgres.mjs'
import { cleanUpOnSignals, stopGroup, withServerClient } from './processGroups.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const READY_TIMEOUT_MS = 600_000
const STOP_TIMEOUT_MS = 20_000
/**
 * Documents of the first-boot import: enough that it outlasts the editor's way into the admin
 * (next dev compiling the admin and the edit view, minutes on a busy machine; the importer writes
 * some tens of generated documents a second). The test fails, saying so, when the import ended first.
 */
const IMPORT_DOCS = Number(process.env.DEV_TEST_IMPORT_DOCS || 20_000)

const log = (message) => console.log(`[dev-test] ${message}`)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

let serverUrl = process.env.DATABASE_URL
let embeddedServer = null
let databaseCreated = false
let devServer = null
let jest = null
let cleaning = null
let corpusFolder = null
const databaseName = `cancer_content_dev_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

const onServer = (sql) => withServerClient(serverUrl, 'dev-test', (client) => client.query(sql))

const cleanup = () =>
  (cleaning ??= (async () => {
    await stopGroup(jest, 5_000)
    if (devServer) {
      log('stopping the dev server')
      await stopGroup(devServer, STOP_TIMEOUT_MS)
    }
    if (databaseCreated) {
      await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch((error) =>
        console.error(`[dev-test] could not drop database ${databaseName}: ${error.message}`),
      )
    }
    if (embeddedServer) await embeddedServer.stop().catch((error) => console.error(`[dev-test] ${error.message}`))
    if (corpusFolder) await rm(corpusFolder, { force: true, recursive: true }).catch((error) => console.error(`[dev-test] ${error.message}`))
  })())

cleanUpOnSignals(cleanup, log)

const spawnGroup = (command, args, env) => {
  const proc = spawn(command, args, { cwd: ROOT, detached: true, env, stdio: 'inherit' })
  const done = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
  return { done, proc }
}

/** Polls the first-boot status until the import runs (or already ran: past `idle` and `starting`), the server exits, or time runs out. */
const waitForImport = async (baseUrl, exited) => {
  const started = Date.now()
  let stopped = false
  void exited.then(() => (stopped = true))
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (stopped) throw new Error('the dev server exited before it was ready')
    try {
      const response = await fetch(`${baseUrl}/api/first-boot-import`, { signal: AbortSignal.timeout(240_000) })
      if (response.ok) {
        const status = await response.json()
        if (status.state !== 'idle' && status.state !== 'starting') return { ms: Date.now() - started, status }
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  throw new Error(`the dev server did not answer within ${READY_TIMEOUT_MS / 1000} s`)
}

/** Requests a page until it answers (a compile may outlast fetch's 300 s header timeout). */
const waitForPage = async (url, exited) => {
  const started = Date.now()
  let stopped = false
  void exited.then(() => (stopped = true))
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (stopped) throw new Error('the dev server exited before it was ready')
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`)
}

/** Writes `count` generated documents and the bundled glossary into a new temporary folder. */
const writeCorpus = async (count) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'cancer-content-dev-corpus-'))
  corpusFolder = folder
  const started = Date.now()
  const generator = spawnGroup(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'generated.ts'), folder, String(count), '--with-glossary'], process.env)
  const code = await generator.done
  if (code !== 0) throw new Error(`generating ${count} documents failed (exit ${code})`)
  log(`${count} generated documents and the bundled glossary in ${folder} (${seconds(Date.now() - started)})`)
  return folder
}

async function main() {
  if (!Number.isInteger(IMPORT_DOCS) || IMPORT_DOCS < 1) throw new Error(`DEV_TEST_IMPORT_DOCS must be a whole number above 0, not "${process.env.DEV_TEST_IMPORT_DOCS}"`)
  // Unpacked here, outside jest: inside its sandbox the package cannot be told where to unpack.
  const chromium = await resolveChromium()
  log(`browser: ${chromium.executablePath} (${chromium.source}${chromium.unpackMs ? `, unpacked in ${seconds(chromium.unpackMs)}` : ''})`)
  if (!serverUrl) {
    const started = Date.now()
    embeddedServer = await startTemporaryPostgres({ log, prefix: 'cancer-content-dev-pg-' })
    serverUrl = embeddedServer.url
    log(`embedded PostgreSQL on 127.0.0.1:${embeddedServer.port}, ready in ${seconds(Date.now() - started)}`)
  }
  const corpus = await writeCorpus(IMPORT_DOCS)
  await onServer(`CREATE DATABASE "${databaseName}"`)
  databaseCreated = true
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${databaseName}`

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    // Its own embedded server, as the launcher's: the import's server processes at its priority.
    ...(embeddedServer ? { EMBEDDED_POSTGRES_DATA: path.join(embeddedServer.folder, 'data') } : {}),
    FIRST_BOOT_CORPUS: corpus,
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_TYPES_AUTOGENERATE: 'false',
  }
  delete env.SEED_ON_FIRST_BOOT
  delete env.PAYLOAD_DB_PUSH

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  log(`starting npm run dev on ${baseUrl} (database ${databaseName}, empty: the first-boot import of ${corpus} runs) and opening the admin`)
  const started = Date.now()
  const server = spawnGroup('npm', ['run', 'dev', '--', '--port', String(port)], env)
  devServer = server.proc
  const adminReady = waitForPage(`${baseUrl}/admin/login`, server.done).then(() => Date.now() - started)
  adminReady.catch(() => {}) // awaited below; a failure of the import's wait must not leave it unhandled
  const { ms, status } = await waitForImport(baseUrl, server.done)
  log(`the first-boot import is ${status.state} ${seconds(ms)} after the start`)
  const adminMs = await adminReady
  const atAdmin = await fetch(`${baseUrl}/api/first-boot-import`).then((response) => response.json())
  log(`the admin answers ${seconds(adminMs)} after the start; the import is then ${atAdmin.state} (${atAdmin.phase ?? '-'} ${atAdmin.done}/${atAdmin.total})`)

  const jestStarted = Date.now()
  const run = spawnGroup(
    process.execPath,
    ['--experimental-vm-modules', path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', 'jest.dev.config.mjs', '--runInBand', ...process.argv.slice(2)],
    { ...env, E2E_BASE_URL: baseUrl },
  )
  jest = run.proc
  const code = await run.done
  jest = null
  log(`dev-server tests ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds(Date.now() - jestStarted)}`)
  return code
}

let exitCode = 1
try {
  exitCode = await main()
} catch (error) {
  console.error(`[dev-test] ${error.message}`)
} finally {
  await cleanup()
}
process.exit(exitCode)
