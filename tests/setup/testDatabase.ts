import pg from 'pg'

/** A database name no other run uses: the process id, the time and a random suffix. */
export const uniqueDatabaseName = (prefix = 'cancer_content_test'): string =>
  `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`

/** The URL of database `name` on the server of `serverUrl`. */
export const databaseUrl = (serverUrl: string, name: string): string => {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

const withServer = async <T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl })
  // A connection ended by the server (a shutdown) is reported here rather than crashing the run.
  client.on('error', (error) => console.error(`[tests] database connection error: ${error.message}`))
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Creates an empty database on the server. */
export const createDatabase = (serverUrl: string, name: string): Promise<void> =>
  withServer(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`)
  })

/** Drops a database, ending any connection still open to it. */
export const dropDatabase = (serverUrl: string, name: string): Promise<void> =>
  withServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
