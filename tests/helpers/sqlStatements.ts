import type { Payload } from 'payload'

type QueryFunction = (...args: unknown[]) => unknown

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i

const textOf = (query: unknown): string =>
  typeof query === 'string' ? query : query && typeof query === 'object' && 'text' in query ? String(query.text) : ''

/**
 * The SQL statements `run` sends to the database (transaction control left out), counted at
 * every client of the adapter's pool: plain pool queries and those inside transactions alike.
 * Nothing else may use the database meanwhile.
 */
export const statementsOf = async <T>(payload: Payload, run: () => Promise<T>): Promise<{ result: T; statements: string[] }> => {
  // pg-pool keeps the client class it creates connections with (the adapter's own pg).
  const { prototype } = (payload.db.pool as unknown as { Client: { prototype: { query: QueryFunction } } }).Client
  const original = prototype.query
  const statements: string[] = []
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = textOf(args[0])
    if (!TRANSACTION_CONTROL.test(text)) statements.push(text)
    return original.apply(this, args)
  }
  try {
    return { result: await run(), statements }
  } finally {
    prototype.query = original
  }
}
