import { index } from '@payloadcms/db-postgres/drizzle/pg-core'

import type { SchemaHook } from '../../collections/parts.js'
import { extendTableNamed } from './extendTableNamed.js'
import { column } from './tableColumns.js'

/**
 * The indexes that let the article lists and the reviewers' queue answer from an index at any
 * size, each for a statement Payload (or the queue) sends, by name (`<table>_<name>`) and columns:
 *
 * - `list_order_idx` (next review due, created at descending, id, status, status of the row):
 *   Payload's default order of the articles (`defaultSort: 'nextReviewDue'`, ties newest first):
 *   a page of a filtered list (overdue, due soon, a cancer type) walks it and stops after the
 *   page; the due-soon count is a range of it, read from the index alone.
 * - `review_state_count_idx` (review state, status, status of the row): the count Payload adds
 *   to a list filtered by review state (68,000 overdue of 100,000: a parallel scan of the table
 *   took about 230 ms, this index alone about 10 ms).
 * - `published_ids_idx` (status, status of the row, id): the published articles' ids in order,
 *   read from the index alone, which a count of a filter on a `hasMany` value (cancer types)
 *   merges with the values' own index (`<table>_texts_value_parent_idx`).
 * - `queue_due_idx` (status, next review due, id): the queue's scheduled re-reviews, counted and
 *   paged in the queue's order (due day, then id) from the index alone.
 *
 * Counting stays proportional to what matches, but reads only index entries (visible ones,
 * once the table is vacuumed, as autovacuum does).
 */
export const articleListIndexOf = (table: string, name: 'list_order_idx' | 'published_ids_idx' | 'queue_due_idx' | 'review_state_count_idx'): string => `${table}_${name}`

/** The name of the index of a `<table>_texts` table by value, then parent (see `articleListIndexes`). */
export const textsValueIndexOf = (table: string): string => `${table}_texts_value_parent_idx`

/**
 * The schema hook (declared by the articles collection, run by the Postgres adapter's
 * `afterSchemaInit`, so that schema push and `migrate:create` know it) that adds the list and
 * queue indexes to the articles table, and to its `<table>_texts` table an index by value, then
 * parent, then path: a filter on a cancer type reads the matching articles' ids in order from
 * it (Payload's own index is by value alone; the path, compared with LIKE, cannot order them).
 */
export const articleListIndexes =
  (articlesTable: string): SchemaHook =>
  (args) => {
    // Columns, not SQL text: schema push compares them with the database's index by column,
    // and would drop and create an index of SQL expressions again on every push.
    extendTableNamed(args, articlesTable, (columns) => {
      const nextReviewDue = column(columns, 'nextReviewDue')
      const id = column(columns, 'id')
      const status = column(columns, 'status')
      const rowStatus = column(columns, '_status')
      return {
        listOrder: index(articleListIndexOf(articlesTable, 'list_order_idx')).on(nextReviewDue, column(columns, 'createdAt').desc().nullsFirst(), id, status, rowStatus),
        publishedIds: index(articleListIndexOf(articlesTable, 'published_ids_idx')).on(status, rowStatus, id),
        queueDue: index(articleListIndexOf(articlesTable, 'queue_due_idx')).on(status, nextReviewDue, id),
        reviewStateCount: index(articleListIndexOf(articlesTable, 'review_state_count_idx')).on(column(columns, 'reviewState'), status, rowStatus),
      }
    })
    extendTableNamed(
      args,
      `${articlesTable}_texts`,
      (columns) => ({ valueParent: index(textsValueIndexOf(articlesTable)).on(column(columns, 'text'), column(columns, 'parent'), column(columns, 'path')) }),
      'skip',
    )
    return args.schema
  }
