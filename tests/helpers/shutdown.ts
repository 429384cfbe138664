import type { Payload } from 'payload'

interface PooledClient {
  /** pg's client internals: the statement it runs, and those waiting behind it. */
  _activeQuery?: unknown
  _queryQueue?: unknown[]
  release?: (destroy?: boolean) => void
}

interface PoolInternals {
  _clients?: PooledClient[]
  _idle?: { client: PooledClient }[]
  end: () => Promise<void>
  on: (event: 'error', listener: () => void) => void
}

/** How long statements still running on the pool may take before it is ended anyway. */
const RUNNING_STATEMENTS_GRACE_MS = 10_000

const runsStatement = (client: PooledClient): boolean => Boolean(client._activeQuery) || (client._queryQueue?.length ?? 0) > 0

/**
 * Waits for the statements still running on the pool's checked-out clients: work a test left
 * going. Destroying such a client cuts its statement, and pg's `pool.query` then releases the
 * client a second time and throws where no test can catch it (CI's jest crashed so once).
 */
const statementsFinished = async (checkedOut: () => PooledClient[]): Promise<void> => {
  const deadline = Date.now() + RUNNING_STATEMENTS_GRACE_MS
  while (checkedOut().some(runsStatement)) {
    if (Date.now() > deadline) throw new Error(`statements still running on the pool ${RUNNING_STATEMENTS_GRACE_MS} ms after the tests ended`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Shuts Payload down and ends its connection pool. db-postgres keeps one client checked out
 * from connect on, which `pool.end()` would wait for forever: release it first.
 */
export const shutdownPayload = async (payload: Payload | undefined): Promise<void> => {
  if (!payload) return
  const pool = (payload.db as unknown as { pool?: PoolInternals }).pool
  await payload.destroy()
  if (!pool) return
  // The run's database is dropped with FORCE at the end: its idle connections may be ended
  // before the pool notices, which is not an error of the tests.
  pool.on('error', () => undefined)
  const checkedOut = () => {
    const idle = new Set((pool._idle ?? []).map((item) => item.client))
    return (pool._clients ?? []).filter((client) => !idle.has(client))
  }
  await statementsFinished(checkedOut)
  // What is still checked out now runs nothing: db-postgres's own client, or a transaction left open.
  for (const client of checkedOut()) client.release?.(true)
  await pool.end()
}
