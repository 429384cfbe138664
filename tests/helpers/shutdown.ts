import type { Payload } from 'payload'

interface PooledClient {
  release?: (destroy?: boolean) => void
}

interface PoolInternals {
  _clients?: PooledClient[]
  _idle?: { client: PooledClient }[]
  end: () => Promise<void>
  on: (event: 'error', listener: () => void) => void
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
  const idle = new Set((pool._idle ?? []).map((item) => item.client))
  for (const client of pool._clients ?? []) if (!idle.has(client)) client.release?.(true)
  await pool.end()
}
