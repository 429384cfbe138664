import { startTemporaryPostgres, stopOnSignals } from '../../scripts/embeddedPostgres.mjs'
import { createDatabase, databaseUrl, uniqueDatabaseName } from './testDatabase'

/** What the setup leaves for the teardown (both run in jest's main process). */
export interface TestServerHandle {
  release: () => void
  stop: () => Promise<void>
}

declare global {
  var cancerContentTestServer: TestServerHandle | undefined
}

/**
 * Creates this run's own database and points every test at it: on DATABASE_URL's server when it
 * is set, else on an embedded PostgreSQL started for this run in a temporary folder (stopped and
 * removed by the teardown, or on a signal). Each test file pushes the schema (idempotent, and
 * files run in band) and works on data of its own.
 */
export default async function globalSetup(): Promise<void> {
  let server = process.env.DATABASE_URL
  if (!server) {
    const started = Date.now()
    const embedded = await startTemporaryPostgres({ log: (message) => console.log(`[tests] ${message}`) })
    globalThis.cancerContentTestServer = { release: stopOnSignals(embedded), stop: embedded.stop }
    server = embedded.url
    console.log(`\n[tests] embedded PostgreSQL on 127.0.0.1:${embedded.port} in ${embedded.folder}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  const name = uniqueDatabaseName()
  await createDatabase(server, name)
  process.env.TEST_DATABASE_SERVER_URL = server
  process.env.TEST_DATABASE_NAME = name
  process.env.DATABASE_URL = databaseUrl(server, name)
  process.env.PAYLOAD_TYPES_AUTOGENERATE = 'false'
  // Each test creates the data it needs; the demo's first-boot import of the corpus stays off.
  process.env.SEED_ON_FIRST_BOOT = 'false'
  process.env.PAYLOAD_SECRET = 'test-secret'
  process.env.DATABASE_POOL_MAX = '4'
  // The evidence checker reaches only the 127.0.0.1 servers the tests start, never another host.
  process.env.EVIDENCE_CHECK_ALLOWED_HOSTS = '127.0.0.1'
  process.env.EVIDENCE_CHECK_TIMEOUT_MS = '1000'
  // Tests run the jobs queue themselves (payload.jobs.run). Their instances start no queue
  // timers anyway (getPayload without `cron: true`), so this only says so, as the e2e servers do.
  process.env.JOBS_AUTORUN = 'false'
  console.log(`[tests] database ${name}`)
}
