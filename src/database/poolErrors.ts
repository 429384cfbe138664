import type { Payload } from 'payload'

import { boundErrorForLog } from '../../rules/logBounds.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

interface ErrorEmitter {
  listenerCount: (event: 'error') => number
  on: (event: 'error', listener: (error: unknown) => void) => unknown
}

const isErrorEmitter = (value: unknown): value is ErrorEmitter =>
  typeof value === 'object' &&
  value !== null &&
  'on' in value &&
  typeof value.on === 'function' &&
  'listenerCount' in value &&
  typeof value.listenerCount === 'function'

/**
 * Listens to the database pool's `error` event. pg's pool re-emits the error of a connection that
 * dies while idle in it (the database restarts, an administrator terminates the backend: 57P01);
 * an EventEmitter's `error` with no listener is thrown, and the Postgres adapter attaches none, so
 * a database outage was an uncaught exception in the server (`next start` then stopped answering,
 * ECONNREFUSED, in the outage test). The pool has already dropped that connection and makes a new
 * one at the next query: logging it is all there is to do. Idempotent (a development reload keeps
 * the pool).
 */
export const listenToPoolErrors = (payload: Payload): void => {
  const pool: unknown = 'pool' in payload.db ? payload.db.pool : undefined
  if (!isErrorEmitter(pool) || pool.listenerCount('error') > 0) return
  pool.on('error', (error) => {
    payload.logger.warn({ err: boundErrorForLog(error), msg: `[${PLUGIN_NAME}] a pooled database connection was lost; the pool replaces it` })
  })
}
