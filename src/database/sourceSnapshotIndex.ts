import { sql } from '@payloadcms/db-postgres/drizzle'
import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SchemaHook } from '../../collections/parts.js'
import { snapshotKeySql } from '../../rules/citationSnapshot.js'
import { extendTableNamed } from './extendTableNamed.js'

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
 * The schema hook (declared by the articles collection, run by the Postgres adapter's
 * `afterSchemaInit`, so that schema push and `migrate:create` know it) that adds to the articles
 * table a partial index on each approved article's source and the key of the source facts it was
 * approved with (rules/citationSnapshot.ts): the reviewers' queue finds the articles whose source
 * changed since their approval as the keys before and after each source's current key, reading
 * no article whose source did not change.
 */
export const sourceSnapshotIndex =
  (articlesTable: string): SchemaHook =>
  (args) => {
    extendTableNamed(args, articlesTable, () => ({
      sourceSnapshot: index(sourceSnapshotIndexOf(articlesTable))
        .on(sql.raw('"source_id"'), sql.raw(`(${articleSnapshotKeySql()})`))
        .where(sql.raw(snapshotHoldersSql())),
    }))
    return args.schema
  }
