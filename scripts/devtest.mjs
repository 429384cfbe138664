// The development-server check, in one command: `npm run test:dev` (bounded by `timeout` there).
//
//   node scripts/devtest.mjs [jest args…]
//
// What a newcomer does after `npm ci`: `npm run dev` on an empty database, whose first boot imports
// the bundled corpus. 1. creates a database of its own (on DATABASE_URL's server when it is set,
// else on an embedded PostgreSQL started for this run in a temporary folder), 2. compiles the
// API and the admin once, in a first `npm run dev` with the import off (next dev compiles a page on
// its first visit, up to minutes, and keeps the result in .next/dev), then stops it, 3. starts
// `npm run dev` again (schema push, the first-boot import on) on a free port and waits until the
// import runs, 4. runs tests/dev (jest.dev.config.mjs) against it: an editor saves in the admin
// while the import runs and readers read, 5. stops the server and removes the database (and the
// embedded server), also when a step fails or a signal arrives. Without step 2 the import could
// end before a cold admin has compiled, and the check would check nothing.
//
// Not part of `npm test`: `next dev` compiles each page on its first visit (a minute on a small
// machine), which the production-build tests of `npm run test:e2e` do not need. .ci/run runs both.

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { freePort, startTemporaryPostgres } from './embeddedPostgres.mjs'
import { cleanUpOnSignals, stopGroup, withServerClient } from './processGroups.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const READY_TIMEOUT_MS = 600_000
const STOP_TIMEOUT_MS = 20_000

const log = (message) => console.log(`[dev-test] ${message}`)
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

let serverUrl = process.env.DATABASE_URL
let embeddedServer = null
let databaseCreated = false
let devServer = null
let jest = null
let cleaning = null
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
  })())

cleanUpOnSignals(cleanup, log)

const spawnGroup = (command, args, env) => {
  const proc = spawn(command, args, { cwd: ROOT, detached: true, env, stdio: 'inherit' })
  const done = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))))
  return { done, proc }
}

/** Polls the first-boot status until the import runs (or already ran), the server exits, or time runs out. */
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
        if (status.state !== 'idle') return { ms: Date.now() - started, status }
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

async function main() {
  if (!serverUrl) {
    const started = Date.now()
    embeddedServer = await startTemporaryPostgres({ log, prefix: 'cancer-content-dev-pg-' })
    serverUrl = embeddedServer.url
    log(`embedded PostgreSQL on 127.0.0.1:${embeddedServer.port}, ready in ${seconds(Date.now() - started)}`)
  }
  await onServer(`CREATE DATABASE "${databaseName}"`)
  databaseCreated = true
  const databaseUrl = new URL(serverUrl)
  databaseUrl.pathname = `/${databaseName}`

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_TYPES_AUTOGENERATE: 'false',
  }
  delete env.SEED_ON_FIRST_BOOT
  delete env.PAYLOAD_DB_PUSH

  const warmPort = await freePort()
  const warmUrl = `http://127.0.0.1:${warmPort}`
  log(`compiling the API and the admin: npm run dev on ${warmUrl}, first-boot import off`)
  const warmStarted = Date.now()
  const warm = spawnGroup('npm', ['run', 'dev', '--', '--port', String(warmPort)], { ...env, SEED_ON_FIRST_BOOT: 'false' })
  devServer = warm.proc
  await waitForImport(warmUrl, warm.done)
  await waitForPage(`${warmUrl}/admin/login`, warm.done)
  log(`compiled in ${seconds(Date.now() - warmStarted)}; stopping that server`)
  await stopGroup(warm.proc, STOP_TIMEOUT_MS)

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  log(`starting npm run dev on ${baseUrl} (database ${databaseName}, empty: the first-boot import runs)`)
  const server = spawnGroup('npm', ['run', 'dev', '--', '--port', String(port)], env)
  devServer = server.proc
  const { ms, status } = await waitForImport(baseUrl, server.done)
  log(`the first-boot import is ${status.state} ${seconds(ms)} after the start`)

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
