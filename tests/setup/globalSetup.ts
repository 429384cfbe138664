import { createDatabase, databaseUrl, SERVER_URL, uniqueDatabaseName } from './testDatabase'

/**
 * Creates this run's own database and points every test at it. Each test file pushes the
 * schema (idempotent, and files run in band) and works on data of its own.
 */
export default async function globalSetup(): Promise<void> {
  const name = uniqueDatabaseName()
  await createDatabase(SERVER_URL, name)
  process.env.TEST_DATABASE_SERVER_URL = SERVER_URL
  process.env.TEST_DATABASE_NAME = name
  process.env.DATABASE_URL = databaseUrl(SERVER_URL, name)
  process.env.PAYLOAD_TYPES_AUTOGENERATE = 'false'
  // Each test creates the data it needs; the demo's first-boot import of the corpus stays off.
  process.env.SEED_ON_FIRST_BOOT = 'false'
  process.env.PAYLOAD_SECRET = 'test-secret'
  process.env.DATABASE_POOL_MAX = '4'
  console.log(`\n[tests] database ${name}`)
}
