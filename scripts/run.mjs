// The one launcher behind the npm scripts: dev, build, start and the payload CLI.
//
//   node scripts/run.mjs dev [next dev args…]       next dev
//   node scripts/run.mjs build [next build args…]   next build
//   node scripts/run.mjs start [next start args…]   payload migrate, then next start (PORT, default 3000)
//   node scripts/run.mjs payload <args…>            the payload CLI
//   node scripts/run.mjs seed [seed args…]           the seed importer (seed/cli.ts)
//
// Database: DATABASE_URL (from the environment or a .env file) is used as is. Without it, this
// process owns an embedded PostgreSQL (PGlite behind a loopback socket server) persisted in
// .data/pglite-dev (dev and `payload run`: schema push) or .data/pglite-prod (start and migrate*:
// migrations only), and hands its URL to the child. Only one launcher may open a data folder at a
// time. build, generate:* and migrate:create never connect and get a placeholder URL.
//
// Plain Node ESM on purpose: it must run before anything can compile TypeScript.

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const MIN_NODE_MAJOR = 22
const nodeMajor = Number(process.versions.node.split('.')[0])
if (nodeMajor < MIN_NODE_MAJOR) {
  console.error(
    `[run] Node ${MIN_NODE_MAJOR} or newer is required, this is Node ${process.versions.node}. ` +
      'Run through the npm scripts (npm run dev, npm run build, npm start, npm run payload -- …): ' +
      `they put node_modules/.bin, which holds Node ${MIN_NODE_MAJOR}, first on PATH.`,
  )
  process.exit(1)
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next')
const PAYLOAD_BIN = path.join(ROOT, 'node_modules', 'payload', 'bin.js')
const SEED_CLI = path.join(ROOT, 'seed', 'cli.ts')

/** A URL for commands that load the config but never connect: port 1 makes any attempt fail loudly. */
const PLACEHOLDER_DATABASE_URL = 'postgres://placeholder:placeholder@127.0.0.1:1/placeholder'
/** Only for `next build`, which evaluates the config with NODE_ENV=production; never used at runtime. */
const BUILD_PLACEHOLDER_SECRET = 'build-time-placeholder-secret-never-used-at-runtime'

// PGlite's socket server queues single protocol messages, so two connections that query at once
// can interleave an extended-protocol exchange (Parse/Bind/Execute) and break each other
// ("unnamed prepared statement does not exist"; seen under a first-boot import with requests).
// The Postgres adapter keeps one pool client checked out for good, so a pool of 2 leaves exactly
// one working connection: every query of the app goes through it, one after another.
const EMBEDDED_POOL_MAX = '2'
const EMBEDDED_MAX_CONNECTIONS = 20
const LOCK_FILE = 'launcher.lock'
const SECRET_FILE = 'payload-secret'
/**
 * Payload CLI commands that never connect (migrate:create diffs against the last migration's JSON
 * snapshot; the payload CLI inits it with disableDBConnect). '' is the CLI's own usage message.
 */
const NO_DB_PAYLOAD_COMMANDS = new Set(['', 'generate:db-schema', 'generate:importmap', 'generate:types', 'info', 'migrate:create'])

const log = (message) => console.log(`[run] ${message}`)
const fail = (message) => {
  console.error(`[run] ${message}`)
  process.exit(1)
}

// ---------------------------------------------------------------------------------------------
// Environment (.env files, loaded the way Next and the payload CLI load them, so a DATABASE_URL
// there is honoured instead of being shadowed by the embedded database)

function loadDotEnv(dev) {
  const requireFromNext = createRequire(path.join(ROOT, 'node_modules', 'next', 'package.json'))
  const { loadEnvConfig } = requireFromNext('@next/env')
  loadEnvConfig(ROOT, dev, { error: console.error, info: () => {} })
}

function maskUrl(url) {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '****'
    return parsed.toString()
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:****@')
  }
}

// ---------------------------------------------------------------------------------------------
// The data-folder lock: a pid file created atomically (link fails if it exists)

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

function readLock(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

function acquireLock(folder, command) {
  const lockPath = path.join(folder, LOCK_FILE)
  const relative = path.relative(ROOT, folder)
  const tmpPath = `${lockPath}.${process.pid}.tmp`
  fs.writeFileSync(tmpPath, JSON.stringify({ command, pid: process.pid, startedAt: new Date().toISOString() }))
  let refusal
  try {
    refusal = takeLock(lockPath, tmpPath)
  } finally {
    fs.rmSync(tmpPath, { force: true })
  }
  if (refusal) {
    fail(
      refusal.pid
        ? `${relative} is in use by another launcher (pid ${refusal.pid}, "${refusal.command}"): stop it first, or set DATABASE_URL to use another database.`
        : `could not lock ${relative}: remove ${path.join(relative, LOCK_FILE)} if no launcher is running.`,
    )
  }
  return {
    /** Adds facts to this launcher's lock, e.g. the URL other commands may connect to. */
    annotate(extra) {
      const held = readLock(lockPath)
      if (held?.pid === process.pid) fs.writeFileSync(lockPath, JSON.stringify({ ...held, ...extra }))
    },
    release() {
      if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true })
    },
  }
}

/** The URL of the embedded database a live launcher serves from `kind`'s folder, if one does. */
function runningEmbeddedUrl(kind) {
  const holder = readLock(path.join(ROOT, '.data', `pglite-${kind}`, LOCK_FILE))
  return holder && holder.pid !== process.pid && isAlive(holder.pid) && typeof holder.url === 'string' ? holder : null
}

/** Links tmpPath to lockPath, taking over a lock left by a dead pid. Returns the live holder, if any. */
function takeLock(lockPath, tmpPath) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.linkSync(tmpPath, lockPath)
      return null
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    const holder = readLock(lockPath)
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) return holder
    if (!holder) {
      // Unreadable: possibly being replaced right now. Give the other side a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200)
      if (!readLock(lockPath)) fs.rmSync(lockPath, { force: true })
      continue
    }
    // A stale lock from a dead launcher: move it aside, and check that it is the one we judged.
    const asidePath = `${lockPath}.stale-${process.pid}`
    try {
      fs.renameSync(lockPath, asidePath)
    } catch (error) {
      if (error.code === 'ENOENT') continue
      throw error
    }
    const moved = readLock(asidePath)
    if (moved && moved.pid !== holder.pid && isAlive(moved.pid)) {
      // Another launcher took the stale lock over in between: give its lock back and refuse.
      try {
        fs.linkSync(asidePath, lockPath)
      } catch {}
      fs.rmSync(asidePath, { force: true })
      return moved
    }
    fs.rmSync(asidePath, { force: true })
    log(`took over a stale lock in ${path.relative(ROOT, path.dirname(lockPath))} (pid ${holder.pid} is gone)`)
  }
  return { pid: 0 }
}

// ---------------------------------------------------------------------------------------------
// The embedded database

/**
 * Opens the PGlite database in .data/pglite-<kind>/pgdata behind a socket server on a free
 * loopback port. Returns its connection string and a close() that stops both and drops the lock.
 */
async function openEmbeddedDatabase(kind, command) {
  const folder = path.join(ROOT, '.data', `pglite-${kind}`)
  fs.mkdirSync(folder, { recursive: true })
  const lock = acquireLock(folder, command)

  let db
  let server
  try {
    const { PGlite } = await import('@electric-sql/pglite')
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket')
    db = await PGlite.create(path.join(folder, 'pgdata'))
    server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      maxConnections: EMBEDDED_MAX_CONNECTIONS,
      port: 0,
    })
    await server.start()
  } catch (error) {
    await db?.close().catch(() => {})
    lock.release()
    throw error
  }
  const port = Number(server.getServerConn().split(':').pop())
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`
  lock.annotate({ url })

  let closing
  return {
    folder,
    port,
    url,
    close() {
      closing ??= (async () => {
        try {
          await server.stop()
          await db.close()
        } finally {
          lock.release()
        }
      })()
      return closing
    },
  }
}

/** A secret for the embedded production database, created once and kept next to it (git-ignored). */
function embeddedProductionSecret(folder) {
  const file = path.join(folder, SECRET_FILE)
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (existing) return existing
  } catch {}
  const secret = randomBytes(32).toString('hex')
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  log(`PAYLOAD_SECRET is not set: generated one for the embedded database in ${path.relative(ROOT, file)}`)
  return secret
}

// ---------------------------------------------------------------------------------------------
// Children and signals

let currentChild = null
let stopRequested = false
let signalsReceived = 0

function onSignal(signal) {
  stopRequested = true
  signalsReceived += 1
  if (!currentChild) return
  // The first signals are forwarded (the child shuts down cleanly); a third one forces it.
  currentChild.kill(signalsReceived >= 3 ? 'SIGKILL' : signal)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal)

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }

/** Runs one child with inherited stdio; resolves with an exit code (128 + n when killed by signal n). */
function run(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' })
    currentChild = child
    child.on('error', (error) => {
      console.error(`[run] could not start ${args.join(' ')}: ${error.message}`)
      currentChild = null
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      currentChild = null
      resolve(code ?? 128 + (SIGNAL_NUMBERS[signal] ?? 1))
    })
  })
}

/**
 * next with webpack unless asked otherwise: the sources import TypeScript files with `.js`
 * specifiers, which webpack maps back (next.config.mjs) and Turbopack cannot yet.
 */
const nextArgs = (command, ...args) => {
  const bundler = command === 'start' || args.some((arg) => /^--(turbo|turbopack|webpack)$/.test(arg)) ? [] : ['--webpack']
  return [NEXT_BIN, command, ...bundler, ...args]
}
const payloadArgs = (...args) => ['--import', 'tsx', PAYLOAD_BIN, '--disable-transpile', ...args]

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * Decides the database for a command: DATABASE_URL if set, else a placeholder (no connection),
 * else the embedded folder. Prints one line saying which, and returns the child env and a closer.
 */
async function resolveDatabase({ command, embedded, label, placeholder = false }) {
  const env = { ...process.env }
  if (env.DATABASE_URL) {
    log(`Database: ${maskUrl(env.DATABASE_URL)} (from DATABASE_URL)`)
    return { close: async () => {}, env }
  }
  if (placeholder) {
    env.DATABASE_URL = PLACEHOLDER_DATABASE_URL
    log(`Database: none needed for ${label} (placeholder DATABASE_URL, no connection is made)`)
    return { close: async () => {}, env }
  }
  const started = Date.now()
  const database = await openEmbeddedDatabase(embedded, command)
  env.DATABASE_URL = database.url
  env.DATABASE_POOL_MAX ??= EMBEDDED_POOL_MAX
  const mode = embedded === 'dev' ? 'schema push' : 'migrations only'
  log(
    `Database: embedded PGlite in ${path.relative(ROOT, database.folder)} (${mode}), ` +
      `on 127.0.0.1:${database.port}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return { close: database.close, env, folder: database.folder }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  const usage = 'usage: node scripts/run.mjs <dev|build|start|payload|seed> [args…]'

  switch (command) {
    case 'dev': {
      loadDotEnv(true)
      const database = await resolveDatabase({ command: 'dev', embedded: 'dev' })
      return finish(database, await run(nextArgs('dev', ...rest), database.env))
    }

    case 'build': {
      loadDotEnv(false)
      const database = await resolveDatabase({ command: 'build', label: 'next build', placeholder: true })
      database.env.PAYLOAD_SECRET ||= BUILD_PLACEHOLDER_SECRET
      return finish(database, await run(nextArgs('build', ...rest), database.env))
    }

    case 'start': {
      loadDotEnv(false)
      const database = await resolveDatabase({ command: 'start', embedded: 'prod' })
      const env = database.env
      env.PAYLOAD_DB_PUSH = 'false'
      if (!env.PAYLOAD_SECRET && database.folder) env.PAYLOAD_SECRET = embeddedProductionSecret(database.folder)
      env.PORT ||= '3000'
      log('Applying migrations (payload migrate)')
      const migrated = await run(payloadArgs('migrate'), env)
      if (migrated !== 0 || stopRequested) {
        if (migrated !== 0) console.error(`[run] payload migrate failed (exit ${migrated}): not starting the server`)
        return finish(database, migrated || 130)
      }
      log(`Starting next on port ${env.PORT}`)
      return finish(database, await run(nextArgs('start', '--port', env.PORT, ...rest), env))
    }

    case 'payload': {
      const [script = ''] = rest
      loadDotEnv(process.env.NODE_ENV !== 'production')
      const isMigration = script.startsWith('migrate')
      const database = await resolveDatabase({
        command: `payload ${rest.join(' ')}`.trim(),
        embedded: isMigration ? 'prod' : 'dev',
        label: `payload ${script}`.trim(),
        placeholder: NO_DB_PAYLOAD_COMMANDS.has(script),
      })
      // Migrations and schema push never mix on one database.
      if (isMigration) database.env.PAYLOAD_DB_PUSH = 'false'
      return finish(database, await run(payloadArgs(...rest), database.env))
    }

    case 'seed': {
      loadDotEnv(true)
      // A second process on the embedded database would interleave its queries with the app's
      // (see EMBEDDED_POOL_MAX): while `npm run dev` owns it, say so instead of importing.
      const running = process.env.DATABASE_URL ? null : runningEmbeddedUrl('dev')
      if (running) {
        fail(
          `the embedded database is in use by the running "${running.command}" (pid ${running.pid}): stop it and run the seed again ` +
            '(the app imports the bundled corpus on its own first boot), or set DATABASE_URL to a PostgreSQL server.',
        )
      }
      const database = await resolveDatabase({ command: 'seed', embedded: 'dev' })
      return finish(database, await run(['--import', 'tsx', SEED_CLI, ...rest], database.env))
    }

    default:
      fail(command ? `unknown command "${command}". ${usage}` : usage)
  }
}

async function finish(database, code) {
  try {
    await database.close()
  } catch (error) {
    console.error(`[run] closing the embedded database failed: ${error.message}`)
    code ||= 1
  }
  process.exit(code)
}

main().catch((error) => {
  console.error('[run]', error)
  process.exit(1)
})
