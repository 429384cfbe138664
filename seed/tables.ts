import { getTableColumns } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

/**
 * Writing rows through the database adapter's own generated drizzle tables, by database column
 * name: what the importer's bulk paths (seed/bulk.ts, seed/bulkGlossary.ts) share.
 */

/** A row's values by database column name. */
export type Row = Record<string, unknown>

/** A drizzle table of the adapter with its columns by database name. */
export interface NamedTable {
  keyOf: Map<string, string>
  name: string
  table: Payload['db']['tables'][string]
}

/** The adapter's table `name`, with its columns by database name. */
export const namedTable = (payload: Payload, name: string): NamedTable => {
  const table = payload.db.tables[name]
  if (!table) throw new Error(`The database adapter has no table "${name}"`)
  return { keyOf: new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [(column as { name: string }).name, key])), name, table }
}

/** A row keyed by the table's drizzle keys, from values by database column name. */
const keyed = (target: NamedTable, values: Row): Row => {
  const row: Row = {}
  for (const [name, value] of Object.entries(values)) {
    const key = target.keyOf.get(name)
    if (key === undefined) throw new Error(`The table "${target.name}" has no column "${name}"`)
    row[key] = value
  }
  return row
}

type Drizzle = Payload['db']['drizzle']
/** A transaction of the adapter's drizzle database. */
export type Transaction = Parameters<Parameters<Drizzle['transaction']>[0]>[0]

/** Inserts `rows` in one statement. */
export const insert = async (tx: Transaction, target: NamedTable, rows: Row[]): Promise<void> => {
  if (rows.length === 0) return
  await tx.insert(target.table).values(rows.map((row) => keyed(target, row)))
}

/** Inserts `rows` in one statement and returns their ids, in the order given. */
export const insertReturningIds = async (tx: Transaction, target: NamedTable, rows: Row[]): Promise<number[]> => {
  if (rows.length === 0) return []
  const idColumn = getTableColumns(target.table).id
  if (!idColumn) throw new Error(`The table "${target.name}" has no id column`)
  const returned = (await tx.insert(target.table).values(rows.map((row) => keyed(target, row))).returning({ id: idColumn })) as { id: number }[]
  return returned.map((row) => row.id)
}


/**
 * Inserts `rows` in one statement, skipping any that would break a unique index (a concurrent
 * writer's), and returns the id and the `returning` columns (by database name) of those inserted.
 */
export const insertSkippingConflicts = async (tx: Transaction, target: NamedTable, rows: Row[], returning: readonly string[]): Promise<Row[]> => {
  if (rows.length === 0) return []
  const columns = getTableColumns(target.table)
  const selection = Object.fromEntries(
    ['id', ...returning].map((name) => {
      const column = columns[target.keyOf.get(name) ?? '']
      if (!column) throw new Error(`The table "${target.name}" has no column "${name}"`)
      return [name, column]
    }),
  )
  return (await tx
    .insert(target.table)
    .values(rows.map((row) => keyed(target, row)))
    .onConflictDoNothing()
    .returning(selection)) as Row[]
}
