import { dropDatabase } from './testDatabase'

/** Drops this run's database, whatever the tests left in it, and stops the run's embedded server. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.TEST_DATABASE_SERVER_URL
  const name = process.env.TEST_DATABASE_NAME
  const embedded = globalThis.cancerContentTestServer
  try {
    if (server && name) await dropDatabase(server, name)
  } finally {
    if (embedded) {
      embedded.release()
      await embedded.stop()
      globalThis.cancerContentTestServer = undefined
    }
  }
}
