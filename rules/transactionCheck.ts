/**
 * Whether the database adapter's transactions are real, from what a transaction it began holds.
 *
 * drizzle-orm runs a transaction on one connection checked out of the pool only when it
 * recognises the adapter's pool as a pool (`instanceof` its own copy of `pg`'s Pool, or a class
 * name containing "Pool"). With two copies of `pg` installed (a host app's `pg` of another
 * version than the one `@payloadcms/db-postgres` pins) and a minified production build (the
 * class has no name there), it does not: every statement of a "transaction" then goes to any
 * connection of the pool, `begin` and `commit` included. Row locks, rollbacks and the parent and
 * children of one save then land on different connections: concurrent saves fail with foreign-key
 * errors and the four-eyes serialisation holds nothing. The plugin refuses to start that way.
 */
export type TransactionVerdict =
  | { ok: false; reason: string }
  | { ok: true }

/**
 * @param transactionClient what the begun transaction runs its statements on
 * @param pool the adapter's connection pool
 */
export const judgeTransactionClient = ({ pool, transactionClient }: { pool: unknown; transactionClient: unknown }): TransactionVerdict => {
  if (pool === undefined || pool === null) return { ok: true }
  if (transactionClient === undefined || transactionClient === null) {
    return { ok: false, reason: 'a transaction began without a database connection of its own' }
  }
  if (transactionClient === pool) {
    return {
      ok: false,
      reason:
        'a transaction runs its statements on the whole connection pool instead of one connection: drizzle-orm did not ' +
        'recognise the pool of @payloadcms/db-postgres. Two copies of the "pg" package are installed (see `npm ls pg`); ' +
        'install the version @payloadcms/db-postgres pins (for example `npm install pg@<that version>`, or an npm ' +
        '"overrides" entry) so that there is one',
    }
  }
  return { ok: true }
}
