import { dropDatabase } from './testDatabase'

/** Drops this run's database, whatever the tests left in it. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.TEST_DATABASE_SERVER_URL
  const name = process.env.TEST_DATABASE_NAME
  if (server && name) await dropDatabase(server, name)
}
