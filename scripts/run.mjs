// The one launcher behind the npm scripts: dev, build, start and the payload CLI.
//
//   node scripts/run.mjs dev [next dev args…]       next dev
//   node scripts/run.mjs build [next build args…]   next build
//   node scripts/run.mjs start [next start args…]   payload migrate, then next start (PORT, default 3000)
//   node scripts/run.mjs payload <args…>            the payload CLI
//   node scripts/run.mjs seed [seed args…]           the seed importer (seed/cli.ts)
//
// Database: DATABASE_URL (from the environment or a .env file) is used as is. Without it, this
// process owns an embedded PostgreSQL server (scripts/embeddedPostgres.mjs) persisted in
// .data/postgres-dev (dev, seed and other payload commands: schema push) or .data/postgres-prod
// (start and migrate*: migrations only), on a free loopback port recorded in the folder's lock.
// Only one launcher owns a data folder; `seed` attaches to the dev server when one is running.
// build, generate:* and migrate:create never connect and get a placeholder URL.
//
// Schema: push (development) and migrations never meet on one database, and nothing waits for a
// keyboard. The embedded dev database is pushed, the embedded prod one migrated. On DATABASE_URL
// the database's payload_migrations table decides (schemaState): a migrated database is migrated
// (`payload migrate` first, push off) by dev and seed too; an empty one is migrated by seed and
// start, pushed by dev; `start` and `migrate` refuse a pushed database with a message instead of
// Payload's interactive data-loss prompt. PAYLOAD_DB_PUSH=true|false set by hand wins.
//
// First boot: once the server answers, the launcher calls GET /api/first-boot-import, so that the
// config loads (and the demo's import of the bundled corpus starts) when the server starts, not at
// the first visitor's request.
//
// Plain Node ESM on purpose: it must run before anything can compile TypeScript.

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { schemaMode } from '../rules/schemaMode.mjs'
import { keptPassword, schemaState, startEmbeddedPostgres } from './embeddedPostgres.mjs'

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

const LOCK_FILE = 'launcher.lock'
const SECRET_FILE = 'payload-secret'
const PASSWORD_FILE = 'postgres-password'
/** How long the launcher waits for the server's first answer before giving up on the first-boot call. */
const FIRST_BOOT_CALL_TIMEOUT_MS = 10 * 60_000
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
  const holder = readLock(path.join(embeddedFolder(kind), LOCK_FILE))
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

/** The folder of an embedded cluster: .data/postgres-dev (schema push) or .data/postgres-prod (migrations). */
const embeddedFolder = (kind) => path.join(ROOT, '.data', `postgres-${kind}`)
/** The cluster's own data folder (postmaster.pid) inside it. */
const embeddedDataDir = (kind) => path.join(embeddedFolder(kind), 'pgdata')

/**
 * Starts the embedded PostgreSQL cluster in .data/postgres-<kind>/pgdata on a free loopback port
 * (never 5432), recording its URL in the folder's lock for other commands. Returns its
 * connection string and a close() that stops the server and drops the lock.
 */
async function openEmbeddedDatabase(kind, command) {
  const folder = embeddedFolder(kind)
  fs.mkdirSync(folder, { recursive: true })
  const lock = acquireLock(folder, command)

  let server
  try {
    server = await startEmbeddedPostgres({
      dataDir: embeddedDataDir(kind),
      log,
      password: keptPassword(path.join(folder, PASSWORD_FILE)),
    })
  } catch (error) {
    lock.release()
    throw error
  }
  lock.annotate({ port: server.port, url: server.url })

  let closing
  return {
    folder,
    port: server.port,
    url: server.url,
    close() {
      closing ??= server.stop().finally(() => lock.release())
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

/** The port next will listen on: -p/--port among its arguments, else PORT, else 3000. */
const nextPort = (args, env) => {
  const index = args.findIndex((arg) => arg === '-p' || arg === '--port')
  if (index >= 0 && args[index + 1]) return args[index + 1]
  const inline = args.find((arg) => arg.startsWith('--port='))
  return inline ? inline.slice('--port='.length) : env.PORT || '3000'
}

/**
 * Calls the server once it answers, so that Payload initialises (and the first-boot import
 * starts) at startup. Gives up quietly when the server exits first or never answers.
 */
async function callFirstBoot(port, exited) {
  let stopped = false
  void exited.then(() => (stopped = true))
  const started = Date.now()
  while (!stopped && !stopRequested && Date.now() - started < FIRST_BOOT_CALL_TIMEOUT_MS) {
    try {
      // The first call compiles the route in development: allow it minutes.
      const response = await fetch(`http://127.0.0.1:${port}/api/first-boot-import`, { signal: AbortSignal.timeout(240_000) })
      await response.body?.cancel()
      if (response.status < 500) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
}

/**
 * Runs next (dev or start) and makes the first-boot call once it answers. PORT is set to the
 * port next listens on: in development Payload follows the dev server's hot-reload socket at
 * ws://localhost:$PORT (3000 when unset) and reloads its config, dropping its database
 * connection for a moment, at each server-component change announced there. With
 * `npm run dev -- --port 4000` and no PORT, that was the socket of whatever else ran on port
 * 3000 (another project's dev server): its recompiles reloaded this app's Payload while requests
 * ran, and signed-in requests of that moment read as signed out (`/api/users/me` → user null).
 */
function runNext(command, args, env) {
  const port = nextPort(args, env)
  const exited = run(nextArgs(command, ...args), { ...env, PORT: port })
  if (env.SEED_ON_FIRST_BOOT !== 'false') void callFirstBoot(port, exited)
  return exited
}

/** Applies the migrations (never interactive: a pushed database was refused before). Returns the exit code. */
async function migrate(env) {
  log('Applying migrations (payload migrate)')
  const code = await run(payloadArgs('migrate'), { ...env, PAYLOAD_DB_PUSH: 'false' })
  if (code !== 0) console.error(`[run] payload migrate failed (exit ${code})`)
  return code
}

// ---------------------------------------------------------------------------------------------
// Commands

/**
 * Decides the database for a command: DATABASE_URL if set, else a placeholder (no connection),
 * else the running dev server's (attach), else the embedded folder. Prints one line saying which,
 * and returns the child env, a closer and whether the database is an embedded one.
 */
async function resolveDatabase({ attach = false, command, embedded, label, placeholder = false }) {
  const env = { ...process.env }
  const none = async () => {}
  if (env.DATABASE_URL) {
    log(`Database: ${maskUrl(env.DATABASE_URL)} (from DATABASE_URL)`)
    return { close: none, embedded: false, env }
  }
  if (placeholder) {
    env.DATABASE_URL = PLACEHOLDER_DATABASE_URL
    log(`Database: none needed for ${label} (placeholder DATABASE_URL, no connection is made)`)
    return { close: none, embedded: false, env }
  }
  const running = attach ? runningEmbeddedUrl(embedded) : null
  if (running) {
    env.DATABASE_URL = running.url
    // The cluster's folder: the first-boot import gives its server processes its own priority.
    env.EMBEDDED_POSTGRES_DATA = embeddedDataDir(embedded)
    log(`Database: the embedded PostgreSQL of the running "${running.command}" (pid ${running.pid}), 127.0.0.1:${running.port}`)
    return { close: none, embedded: true, env }
  }
  const started = Date.now()
  const database = await openEmbeddedDatabase(embedded, command)
  env.DATABASE_URL = database.url
  env.EMBEDDED_POSTGRES_DATA = embeddedDataDir(embedded)
  const mode = embedded === 'dev' ? 'schema push' : 'migrations only'
  log(
    `Database: embedded PostgreSQL in ${path.relative(ROOT, database.folder)} (${mode}), ` +
      `on 127.0.0.1:${database.port}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  )
  return { close: database.close, embedded: true, env, folder: database.folder }
}

/**
 * Decides push or migrations for `command` on the resolved database (rules/schemaMode.mjs) and
 * sets PAYLOAD_DB_PUSH for the children; migrations on a pushed database stop here with a message
 * instead of Payload's interactive prompt. Returns the mode.
 */
async function decideSchema(database, command) {
  const { env } = database
  const state = await schemaState(env.DATABASE_URL)
  const { mode, refusal } = schemaMode({ command, embedded: database.embedded, explicit: env.PAYLOAD_DB_PUSH, state })
  if (refusal) fail(`not going on: ${refusal}`)
  env.PAYLOAD_DB_PUSH = mode === 'push' ? 'true' : 'false'
  log(`Schema: ${mode === 'push' ? 'schema push (development)' : 'migrations, no push'}; the database is ${state}`)
  return mode
}

/** dev and seed: decide, and apply the migrations first in migrations mode. Returns an exit code. */
async function prepareSchema(database, command) {
  return (await decideSchema(database, command)) === 'push' ? 0 : migrate(database.env)
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  const usage = 'usage: node scripts/run.mjs <dev|build|start|payload|seed> [args…]'

  switch (command) {
    case 'dev': {
      loadDotEnv(true)
      const database = await resolveDatabase({ command: 'dev', embedded: 'dev' })
      const prepared = await prepareSchema(database, 'dev')
      if (prepared !== 0 || stopRequested) return finish(database, prepared || 130)
      return finish(database, await runNext('dev', rest, database.env))
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
      if (!env.PAYLOAD_SECRET && database.folder) env.PAYLOAD_SECRET = embeddedProductionSecret(database.folder)
      env.PORT ||= '3000'
      await decideSchema(database, 'start')
      const migrated = await migrate(env)
      if (migrated !== 0 || stopRequested) return finish(database, migrated || 130)
      log(`Starting next on port ${env.PORT}`)
      return finish(database, await runNext('start', ['--port', env.PORT, ...rest], env))
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
      if (database.env.DATABASE_URL !== PLACEHOLDER_DATABASE_URL) {
        // Migrations and schema push never mix on one database.
        if (isMigration) database.env.PAYLOAD_DB_PUSH = 'false'
        if (!isMigration || /^migrate(:fresh|:refresh|:reset|:down)?$/.test(script)) await decideSchema(database, 'payload')
      } else if (isMigration) {
        database.env.PAYLOAD_DB_PUSH = 'false'
      }
      return finish(database, await run(payloadArgs(...rest), database.env))
    }

    case 'seed': {
      loadDotEnv(true)
      // A real server takes many clients: with `npm run dev` running, the seed joins its database.
      const database = await resolveDatabase({ attach: true, command: 'seed', embedded: 'dev' })
      const prepared = await prepareSchema(database, 'seed')
      if (prepared !== 0 || stopRequested) return finish(database, prepared || 130)
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
