import { AsyncLocalStorage } from 'node:async_hooks'

import type { Payload } from 'payload'

type QueryFunction = (...args: unknown[]) => unknown

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i

const textOf = (query: unknown): string =>
  typeof query === 'string' ? query : query && typeof query === 'object' && 'text' in query ? String(query.text) : ''

// The statements of one measured operation: only queries sent from `run`'s own asynchronous
// context count, so the jobs queue's timers (Payload's autoRun polls payload_jobs on a cron)
// or anything else the process does meanwhile cannot slip into a budget.
const measuring = new AsyncLocalStorage<string[]>()

/**
 * The SQL statements `run` sends to the database (transaction control left out), counted at
 * every client of the adapter's pool: plain pool queries and those inside transactions alike,
 * as long as they are sent from `run` (or what it awaits or starts). `statements` may be given
 * to watch them while `run` runs.
 */
export const statementsOf = async <T>(payload: Payload, run: () => Promise<T>, statements: string[] = []): Promise<{ result: T; statements: string[] }> => {
  // pg-pool keeps the client class it creates connections with (the adapter's own pg).
  const { prototype } = (payload.db.pool as unknown as { Client: { prototype: { query: QueryFunction } } }).Client
  const original = prototype.query
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = textOf(args[0])
    if (!TRANSACTION_CONTROL.test(text)) measuring.getStore()?.push(text)
    return original.apply(this, args)
  }
  try {
    return { result: await measuring.run(statements, run), statements }
  } finally {
    prototype.query = original
  }
}
