// The admin browser tests, in one command: `npm run test:e2e` (bounded by `timeout` there).
//
//   node scripts/e2e.mjs [--no-build] [jest args…]
//
// 1. creates a PostgreSQL database of its own (on DATABASE_URL's server when it is set, else on an
//    embedded PostgreSQL started for this run in a temporary folder), 2. builds the app (`npm run build`; skip with
//    --no-build or E2E_SKIP_BUILD=1 when .next is fresh), 3. starts it with `npm start` (migrations,
//    then next start) on a free port and waits until the admin answers, then a second instance
//    (`next start` on another port, same database: E2E_SECOND_BASE_URL), 4. runs the jest suites in
//    tests/e2e (jest.e2e.config.mjs) against it, driving Debian's Chromium with playwright-core,
//    5. stops the server and drops the database (and stops and removes the embedded PostgreSQL),
//    also when a step fails or a signal arrives.
//
// Screenshots go to tests/artifacts/e2e/ (git-ignored). Plain Node ESM, like scripts/run.mjs.

import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'


import { resolveChromium } from './chromium.mjs'
import { startTemporaryPostgres } from './embeddedPostgres.mjs'
import { cleanUpOnSignals, stopGroup, withServerClient } from './processGroups.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SERVER_READY_TIMEOUT_MS = 240_000
const SERVER_STOP_TIMEOUT_MS = 20_000

const log = (message) => console.log(`[e2e] ${message}`)

const args = process.argv.slice(2)
const skipBuild = args.includes('--no-build') || process.env.E2E_SKIP_BUILD === '1'
const jestArgs = args.filter((arg) => arg !== '--no-build')

// The database server: DATABASE_URL's, or an embedded one started in main() (embeddedServer).
let serverUrl = process.env.DATABASE_URL
let embeddedServer = null
const databaseName = `cancer_content_e2e_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
const serverLog = path.join(ROOT, 'tests/artifacts/e2e', `server-${process.pid}.log`)
const databaseUrlOn = (server) => {
  const url = new URL(server)
  url.pathname = `/${databaseName}`
  return url.toString()
}

// ---------------------------------------------------------------------------------------------
// Cleanup that runs once, whatever ends the run

let server = null
let secondServer = null
let databaseCreated = false
let child = null
let cleaning = null

const cleanup = () =>
  (cleaning ??= (async () => {
    await stopGroup(child, 5_000)
    if (secondServer) {
      log('stopping the second instance')
      await stopGroup(secondServer, SERVER_STOP_TIMEOUT_MS)
    }
    if (server) {
      log('stopping the server')
      await stopGroup(server, SERVER_STOP_TIMEOUT_MS)
    }
    if (databaseCreated) {
      try {
        await withServerClient(serverUrl, 'e2e', (client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`))
        log(`dropped database ${databaseName}`)
      } catch (error) {
        console.error(`[e2e] could not drop database ${databaseName}: ${error.message}`)
      }
    }
    if (embeddedServer) {
      try {
        await embeddedServer.stop()
        log('stopped the embedded PostgreSQL and removed its folder')
      } catch (error) {
        console.error(`[e2e] could not stop the embedded PostgreSQL: ${error.message}`)
      }
    }
  })())

cleanUpOnSignals(cleanup, log)

// ---------------------------------------------------------------------------------------------
// Steps

/**
 * Runs a command in its own process group with inherited output (or, with `logFile`, its output
 * both shown and written to that file); resolves with its exit code.
 */
const run = (command, commandArgs, env, { keep = false, logFile = null } = {}) => {
  const proc = spawn(command, commandArgs, { cwd: ROOT, detached: true, env, stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit' })
  if (logFile) {
    const file = fs.createWriteStream(logFile)
    proc.stdout.on('data', (chunk) => {
      process.stdout.write(chunk)
      file.write(chunk)
    })
    proc.stderr.on('data', (chunk) => {
      process.stderr.write(chunk)
      file.write(chunk)
    })
    proc.once('exit', () => file.end())
  }
  if (keep)
    return {
      done: new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))),
      proc,
    }
  child = proc
  return new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      child = null
      resolve(code ?? (signal ? 1 : 0))
    }),
  )
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })

/** Polls the admin's login page until it answers 200, the server exits, or time runs out. */
const waitUntilReady = async (baseUrl, exited) => {
  const started = Date.now()
  let stopped = false
  exited.then(() => (stopped = true))
  while (Date.now() - started < SERVER_READY_TIMEOUT_MS) {
    if (stopped) throw new Error('the server exited before it was ready')
    try {
      const response = await fetch(`${baseUrl}/admin/login`, { signal: AbortSignal.timeout(10_000) })
      if (response.ok) return Date.now() - started
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`the server did not answer within ${SERVER_READY_TIMEOUT_MS / 1000} s`)
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

async function main() {
  // Unpacked here once (1-4 s the first time), so the first test does not pay for it.
  const chromium = await resolveChromium()
  log(
    `browser: ${chromium.executablePath} (${chromium.source}${chromium.unpackMs ? `, unpacked in ${seconds(chromium.unpackMs)}` : ''})`,
  )
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }

  if (skipBuild) {
    if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID')))
      throw new Error('--no-build given but .next holds no build')
    log('using the existing build in .next')
  } else {
    const started = Date.now()
    log('building the app (npm run build)')
    const code = await run('npm', ['run', 'build'], env)
    if (code !== 0) throw new Error(`npm run build failed (exit ${code})`)
    log(`built in ${seconds(Date.now() - started)}`)
  }

  if (!serverUrl) {
    const started = Date.now()
    embeddedServer = await startTemporaryPostgres({ log, prefix: 'cancer-content-e2e-pg-' })
    serverUrl = embeddedServer.url
    log(`embedded PostgreSQL on 127.0.0.1:${embeddedServer.port}, ready in ${seconds(Date.now() - started)}`)
  }
  const databaseUrl = databaseUrlOn(serverUrl)
  await withServerClient(serverUrl, 'e2e', (client) => client.query(`CREATE DATABASE "${databaseName}"`))
  databaseCreated = true
  log(`database ${databaseName}`)

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const serverEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_TYPES_AUTOGENERATE: 'false',
    PORT: String(port),
    // The tests make the data they look at; the demo's first-boot import of the corpus stays off.
    SEED_ON_FIRST_BOOT: 'false',
    // The jobs queue is left to the worker processes tests/e2e/instances.e2e.ts starts.
    JOBS_AUTORUN: 'false',
    // The webhook tests' receivers listen on 127.0.0.1 over plain http, as development receivers.
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    // The evidence checker reaches only the 127.0.0.1 servers the tests start, never another host.
    EVIDENCE_CHECK_ALLOWED_HOSTS: '127.0.0.1',
    EVIDENCE_CHECK_TIMEOUT_MS: '1000',
  }
  log(`starting the app on ${baseUrl} (npm start: migrations, then next start)`)
  // The server's log is also kept in a file, so tests can check how much one request writes.
  fs.mkdirSync(path.dirname(serverLog), { recursive: true })
  const { done, proc } = run('npm', ['start'], serverEnv, { keep: true, logFile: serverLog })
  server = proc
  log(`ready in ${seconds(await waitUntilReady(baseUrl, done))}`)

  // A second instance of the same build on the same database, as a scaled deployment runs them:
  // plain `next start`, since the first instance applied the migrations already.
  const secondPort = await freePort()
  const secondBaseUrl = `http://127.0.0.1:${secondPort}`
  log(`starting a second instance on ${secondBaseUrl} (next start, same database)`)
  const second = run(
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '--port', String(secondPort)],
    { ...serverEnv, PAYLOAD_DB_PUSH: 'false', PORT: String(secondPort) },
    { keep: true },
  )
  secondServer = second.proc
  log(`second instance ready in ${seconds(await waitUntilReady(secondBaseUrl, second.done))}`)

  const jestStarted = Date.now()
  const code = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      path.join(ROOT, 'node_modules/jest/bin/jest.js'),
      '--config',
      'jest.e2e.config.mjs',
      '--runInBand',
      ...jestArgs,
    ],
    {
      ...env,
      DATABASE_URL: databaseUrl,
      E2E_BASE_URL: baseUrl,
      E2E_SECOND_BASE_URL: secondBaseUrl,
      E2E_SERVER_LOG: serverLog,
      PAYLOAD_DB_PUSH: 'false',
      PAYLOAD_SECRET: serverEnv.PAYLOAD_SECRET,
      PAYLOAD_TYPES_AUTOGENERATE: 'false',
      DATABASE_POOL_MAX: '4',
      SEED_ON_FIRST_BOOT: 'false',
    },
  )
  log(`browser tests ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${seconds(Date.now() - jestStarted)}`)
  return code
}

let exitCode = 1
try {
  exitCode = await main()
} catch (error) {
  console.error(`[e2e] ${error.message}`)
  exitCode = 1
} finally {
  await cleanup()
}
process.exit(exitCode)
