import { sql } from '@payloadcms/db-postgres/drizzle'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import type { Config } from 'payload'

import { snapshotKeySql } from '../../rules/citationSnapshot.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

type PostgresSchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

/** Which approved articles the source-change lookup reads, as SQL: active ones with a snapshot (the index's condition). */
export const snapshotHoldersSql = (alias?: string): string => {
  const column = (name: string) => `${alias ? `"${alias}".` : ''}"${name}"`
  return `${column('status')} = 'active' and ${column('citation_snapshot_label')} <> ''`
}

/** The key of an article's snapshot (`alias` the articles table's, or none in the index). */
export const articleSnapshotKeySql = (alias?: string): string => snapshotKeySql((name) => `${alias ? `"${alias}".` : ''}"citation_snapshot_${name}"`)

/** The key of a source's current facts, in the form of `articleSnapshotKeySql`. */
export const sourceFactsKeySql = (alias: string): string => snapshotKeySql((name) => `"${alias}"."${name}"`)

/** The name of the index on approved articles' (source, snapshot key). */
export const sourceSnapshotIndexOf = (articlesTable: string): string => `${articlesTable}_source_snapshot_idx`

/**
 * Adds to the articles table (through the Postgres adapter's `afterSchemaInit` hooks, so that
 * schema push and `migrate:create` know it) a partial index on each approved article's source
 * and the key of the source facts it was approved with (rules/citationSnapshot.ts): the
 * reviewers' queue finds the articles whose source changed since their approval as the keys
 * before and after each source's current key, reading no article whose source did not change.
 * @throws when the adapter is not @payloadcms/db-postgres
 */
export const withSourceSnapshotIndex = (db: Config['db'], articlesTable: string): Config['db'] => ({
  ...db,
  init: (args) => {
    const adapter = db.init(args)
    if (adapter.name !== 'postgres' || !('afterSchemaInit' in adapter) || !Array.isArray(adapter.afterSchemaInit)) {
      throw new Error(`[${PLUGIN_NAME}] needs the PostgreSQL adapter (@payloadcms/db-postgres), not "${adapter.name}"`)
    }
    const addIndex: PostgresSchemaHook = ({ extendTable, schema }) => {
      const table = schema.tables[articlesTable]
      if (!table) throw new Error(`[${PLUGIN_NAME}] no "${articlesTable}" table to index`)
      extendTable({
        extraConfig: () => ({
          sourceSnapshot: index(sourceSnapshotIndexOf(articlesTable))
            .on(sql.raw('"source_id"'), sql.raw(`(${articleSnapshotKeySql()})`))
            .where(sql.raw(snapshotHoldersSql())),
        }),
        table,
      })
      return schema
    }
    ;(adapter.afterSchemaInit as PostgresSchemaHook[]).push(addIndex)
    return adapter
  },
})
