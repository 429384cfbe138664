import { ExtraConfigColumn } from '@payloadcms/db-postgres/drizzle/pg-core'

import { PLUGIN_NAME } from '../../rules/pluginName.js'

/**
 * A column of a table, as drizzle hands the columns to a table's extra config (what an index is
 * built on), by its name in Payload's schema (`parent` for `parent_id`, `nextReviewDue` for
 * `next_review_due`). A missing one is a clear error at startup, not an index on nothing.
 */
export const column = (columns: Record<string, unknown>, name: string): ExtraConfigColumn => {
  const found = columns[name]
  if (!(found instanceof ExtraConfigColumn)) throw new Error(`[${PLUGIN_NAME}] no column "${name}" to index (columns: ${Object.keys(columns).join(', ')})`)
  return found
}
