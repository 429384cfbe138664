import config from '@payload-config'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import type { Role } from '../../rules/vocabulary.js'
import type { User } from '../../payload-types.js'

/** Boots Payload on this run's database (see tests/setup/globalSetup.ts). */
export const bootPayload = (): Promise<Payload> => getPayload({ config })

/**
 * Boots Payload on another database of the run's server, for a test file that needs a database
 * of its own (the config reads DATABASE_URL when it is loaded, so a fresh copy is loaded).
 */
export const bootPayloadOn = async (url: string, key: string): Promise<Payload> => {
  const runUrl = process.env.DATABASE_URL
  process.env.DATABASE_URL = url
  try {
    const { default: own } = (await import('../../payload.config.js')) as { default: Promise<SanitizedConfig> }
    return await getPayload({ config: await own, key })
  } finally {
    process.env.DATABASE_URL = runUrl
  }
}

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

let counter = 0

/** Creates a user with a role, as the system would, and returns it. */
export const createUser = async (payload: Payload, role: Role): Promise<User> => {
  counter += 1
  return payload.create({
    collection: 'users',
    data: {
      email: `${role}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      password: 'correct horse battery staple',
      role,
    },
  })
}

/** The JWT of a user, for REST and GraphQL calls. */
export const tokenOf = async (payload: Payload, user: User): Promise<string> => {
  const { token } = await payload.login({
    collection: 'users',
    data: { email: user.email, password: 'correct horse battery staple' },
  })
  if (!token) throw new Error(`no token for ${user.email}`)
  return token
}
