import type { SchemaHook } from '../../collections/parts.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** What a schema hook is handed: the schema built so far and the adapter's `extendTable`. */
type SchemaHookArgs = Parameters<SchemaHook>[0]

/**
 * Adds indexes (a drizzle table's extra config, built from its columns as drizzle hands them to
 * it; see `column`) to the table `name` of the schema a schema hook is handed. A table that is
 * missing is a clear error at startup (`ifMissing: 'throw'`, for a table the hook's own
 * collection always has), or left alone (`'skip'`, for a table that exists only when the
 * collection has such fields, like `<table>_texts`).
 * @returns whether the table was there and extended
 */
export const extendTableNamed = (
  { extendTable, schema }: Pick<SchemaHookArgs, 'extendTable' | 'schema'>,
  name: string,
  extraConfig: (columns: Record<string, unknown>) => object,
  ifMissing: 'skip' | 'throw' = 'throw',
): boolean => {
  const table = schema.tables[name]
  if (!table) {
    if (ifMissing === 'throw') throw new Error(`[${PLUGIN_NAME}] no "${name}" table to index`)
    return false
  }
  extendTable({ extraConfig, table })
  return true
}
