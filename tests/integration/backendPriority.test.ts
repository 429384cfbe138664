import { readFileSync } from 'node:fs'
import path from 'node:path'

import pg from 'pg'

import { startTemporaryPostgres } from '../../scripts/embeddedPostgres.mjs'
import { lowerBackendPriority } from '../../seed/backendPriority.js'

// The first-boot import's connections to the project's embedded server: their server processes
// get the import's priority; a pool whose server is not that cluster is left alone.

type Server = Awaited<ReturnType<typeof startTemporaryPostgres>>

/** The `nice` value of a process (field 19 of /proc/<pid>/stat). */
const niceOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
}

const backendPids = async (pool: pg.Pool, count: number): Promise<number[]> => {
  // `count` connections at once, each asked for its server process.
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()))
  try {
    return await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid as number))
  } finally {
    for (const client of clients) client.release()
  }
}

let server: Server
let other: Server
const pools: pg.Pool[] = []

const poolOf = (url: string): pg.Pool => {
  const pool = new pg.Pool({ connectionString: url, max: 3 })
  pool.on('error', () => undefined)
  pools.push(pool)
  return pool
}

beforeAll(async () => {
  ;[server, other] = await Promise.all([startTemporaryPostgres({ prefix: 'backend-priority-' }), startTemporaryPostgres({ prefix: 'backend-priority-other-' })])
}, 120_000)

afterAll(async () => {
  for (const pool of pools) await pool.end().catch(() => undefined)
  await Promise.all([server?.stop(), other?.stop()])
}, 60_000)

it("gives the server processes of the pool's connections, new and reused, the import's priority", async () => {
  const pool = poolOf(server.url)
  const messages: string[] = []
  const changed = lowerBackendPriority(pool, { dataDir: path.join(server.folder, 'data'), onError: (message) => messages.push(message), priority: 19 })
  const pids = await backendPids(pool, 3)
  // Reused connections (acquired again) are not changed twice.
  const again = await backendPids(pool, 3)
  expect(new Set(again)).toEqual(new Set(pids))
  expect(pids.map(niceOf)).toEqual([19, 19, 19])
  expect(changed()).toBe(3)
  expect(messages).toEqual([])
}, 60_000)

it("leaves the server processes of another cluster as they are, and says so once", async () => {
  const pool = poolOf(other.url)
  const messages: string[] = []
  const changed = lowerBackendPriority(pool, { dataDir: path.join(server.folder, 'data'), onError: (message) => messages.push(message), priority: 19 })
  const pids = await backendPids(pool, 3)
  expect(pids.map(niceOf)).toEqual([0, 0, 0])
  expect(changed()).toBe(0)
  expect(messages).toEqual([expect.stringMatching(/is not one of .*: left as it is/)])
}, 60_000)

it('changes nothing without a running cluster in the data folder, and says so', () => {
  const messages: string[] = []
  const changed = lowerBackendPriority(poolOf(server.url), { dataDir: path.join(server.folder, 'no-such-data'), onError: (message) => messages.push(message), priority: 19 })
  expect(changed()).toBe(0)
  expect(messages).toEqual([expect.stringMatching(/no running PostgreSQL of .*no-such-data/)])
})
