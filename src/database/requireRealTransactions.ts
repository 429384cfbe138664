// The adapter's type augmentation gives `payload.db` its `pool` and `sessions`.
import type {} from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { PLUGIN_NAME } from '../../rules/options.js'
import { judgeTransactionClient } from '../../rules/transactionCheck.js'

const fieldOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined

/**
 * Begins a transaction and rolls it back, to see what it runs on (rules/transactionCheck.ts):
 * the plugin's guarantees (one transaction per save, row locks per article) need each
 * transaction on a connection of its own.
 * @throws Error naming the cause and the fix when transactions are not real
 */
export const requireRealTransactions = async (payload: Payload): Promise<void> => {
  const { db } = payload
  if (typeof db.beginTransaction !== 'function') return
  const id = await db.beginTransaction()
  if (id === null || id === undefined) return
  try {
    // drizzle's transaction object holds the session it runs on, and that session its client.
    const transaction: unknown = db.sessions?.[String(id)]?.db
    const verdict = judgeTransactionClient({
      pool: fieldOf(db, 'pool'),
      transactionClient: fieldOf(fieldOf(transaction, 'session'), 'client'),
    })
    if (!verdict.ok) throw new Error(`[${PLUGIN_NAME}] database transactions are not safe: ${verdict.reason}.`)
  } finally {
    await db.rollbackTransaction(id)
  }
}
