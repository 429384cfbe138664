import { mkdir, rm } from 'node:fs/promises'

import { createDatabase, dropDatabase } from '../setup/testDatabase.js'

/**
 * Gives a test file a scratch folder and a database of its own on the run's server: both are
 * created before its tests and removed after them, whatever the tests left there.
 */
export const useScratch = ({ database, folder, server }: { database: string; folder: string; server: string }): void => {
  beforeAll(async () => {
    await mkdir(folder, { recursive: true })
    await createDatabase(server, database)
  })

  afterAll(async () => {
    await rm(folder, { force: true, recursive: true })
    await dropDatabase(server, database)
  })
}
