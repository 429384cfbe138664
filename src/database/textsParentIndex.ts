import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SchemaHook } from '../../collections/parts.js'
import { extendTableNamed } from './extendTableNamed.js'
import { column } from './tableColumns.js'

/** The name of the index on a `<table>_texts` table's parent and path. */
export const textsParentIndexOf = (table: string): string => `${table}_texts_parent_path_idx`

/**
 * The schema hook that indexes the parent of each given table's `<table>_texts` rows (the values
 * of its `hasMany` text fields, such as an article's cancer types and tags): Payload indexes
 * them only by (`order`, `parent_id`), so reading the values of 20 listed articles scanned every
 * row of the table once per article (about 600 ms for a list of 20 at 10,000 articles, against
 * well under a millisecond by this index). Tables without such a table are left alone.
 */
export const textsParentIndex =
  (tables: string[]): SchemaHook =>
  (args) => {
    for (const name of tables) {
      // Columns, not SQL text: schema push compares them with the database's index by column,
      // and would drop and create an index of SQL expressions again on every push.
      extendTableNamed(args, `${name}_texts`, (columns) => ({ parentPath: index(textsParentIndexOf(name)).on(column(columns, 'parent'), column(columns, 'path')) }), 'skip')
    }
    return args.schema
  }
