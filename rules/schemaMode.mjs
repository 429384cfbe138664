// Plain ESM with JSDoc types (no TypeScript): scripts/run.mjs decides with it before anything can
// compile TypeScript, and the unit tests import it like any rule.

/**
 * @typedef {'dev' | 'payload' | 'seed' | 'start'} SchemaCommand the launcher's commands that connect
 * @typedef {'empty' | 'migrated' | 'pushed'} SchemaState a database's payload_migrations table: none, migrations only, a dev push recorded (batch -1)
 * @typedef {{ mode: 'migrations' | 'push', refusal?: string }} SchemaDecision
 */

/**
 * Push or migrations for one launcher command on one database, so that the two never meet on a
 * database (a migration on a pushed database stops at Payload's interactive data-loss prompt, and
 * a push on a migrated one makes the next `npm start` stop there):
 * - PAYLOAD_DB_PUSH set by hand (`explicit`) wins; `start` (and `payload migrate`) always migrate;
 * - the embedded development database is pushed;
 * - otherwise the database decides: a migrated one stays migrated, a pushed one stays pushed, and
 *   an empty one is migrated by `seed` (the app's `npm start` will migrate it next) and pushed by
 *   `dev` and other payload commands.
 * Migrations on a pushed database are refused with a message (`refusal`), never prompted for.
 *
 * @param {{ command: SchemaCommand, embedded: boolean, explicit?: string, state: SchemaState }} input
 * @returns {SchemaDecision}
 */
export function schemaMode({ command, embedded, explicit, state }) {
  /** @type {'migrations' | 'push'} */
  let mode
  if (command === 'start') mode = 'migrations'
  else if (explicit === 'true' || explicit === 'false') mode = explicit === 'true' ? 'push' : 'migrations'
  else if (embedded) mode = 'push'
  else if (state === 'migrated') mode = 'migrations'
  else if (state === 'pushed') mode = 'push'
  else mode = command === 'seed' ? 'migrations' : 'push'

  if (mode === 'migrations' && state === 'pushed') {
    return {
      mode,
      refusal:
        "this database's schema was pushed by a development run (payload_migrations holds batch -1), and migrations on it " +
        'could lose data. Use a fresh database for migrations (or keep using `npm run dev` on this one).',
    }
  }
  return { mode }
}
