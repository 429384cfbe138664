import type { Config } from 'payload'

import type { SchemaHook } from '../../collections/parts.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

type DatabaseAdapterResult = Config['db']

/**
 * The host's database adapter with the collections' own tables added to its schema (through the
 * Postgres adapter's `afterSchemaInit` hooks), so that schema push and `migrate:create` both know
 * them. Returns the adapter unchanged when no collection declared a table.
 * @throws when a table is declared and the adapter is not @payloadcms/db-postgres
 */
export const withSchemaHooks = (db: DatabaseAdapterResult, hooks: SchemaHook[]): DatabaseAdapterResult =>
  hooks.length === 0
    ? db
    : {
        ...db,
        init: (args) => {
          const adapter = db.init(args)
          if (adapter.name !== 'postgres' || !('afterSchemaInit' in adapter) || !Array.isArray(adapter.afterSchemaInit)) {
            throw new Error(`[${PLUGIN_NAME}] needs the PostgreSQL adapter (@payloadcms/db-postgres), not "${adapter.name}"`)
          }
          ;(adapter.afterSchemaInit as SchemaHook[]).push(...hooks)
          return adapter
        },
      }
