import type { Payload } from 'payload'

import { bootPayload, shutdownPayload } from '../helpers/payload.js'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

afterAll(async () => {
  await shutdownPayload(payload)
})

/** The columns of `table` that lead an index. */
const indexedColumns = async (table: string): Promise<string[]> => {
  const { rows } = await payload.db.pool.query<{ column: string }>(
    `select a.attname as column
       from pg_index i
       join pg_class t on t.oid = i.indrelid
       join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
      where t.relname = $1`,
    [table],
  )
  return rows.map((row) => row.column)
}

describe('schema push', () => {
  // Indexes declared as SQL text instead of columns looked different from the database's to
  // drizzle on PostgreSQL 18: every start dropped and created them again, and two processes
  // starting at once failed on it (seedCli's concurrent imports).
  // What is left are integer defaults drizzle sets again on PostgreSQL 18 (Payload's own
  // users.login_attempts and payload_jobs.total_tried among them): the same value, nothing
  // dropped or created, harmless twice at once.
  it('has nothing to do on a second push but set integer defaults again: every table, column and index declared matches the database', async () => {
    const { pushSchema } = payload.db.requireDrizzleKit()
    const result: object = await pushSchema(payload.db.schema, payload.db.drizzle, payload.db.schemaName ? [payload.db.schemaName] : undefined, payload.db.tablesFilter)
    const statements: unknown = 'statementsToExecute' in result ? result.statementsToExecute : null
    expect(Array.isArray(statements)).toBe(true)
    const sameDefault = /^ALTER TABLE "[^"]+" ALTER COLUMN "[^"]+" SET DEFAULT 0;$/
    expect((statements as unknown[]).filter((statement) => typeof statement !== 'string' || !sameDefault.test(statement))).toEqual([])
  })
})

describe('database indexes on what web apps and reviewers filter by', () => {
  it('articles: status, nextReviewDue, reviewState, audience, language, source, url', async () => {
    expect(await indexedColumns('articles')).toEqual(
      expect.arrayContaining(['status', 'next_review_due', 'review_state', 'audience_level', 'language', 'source_id', 'url']),
    )
  })

  it('articles: cancer types', async () => {
    expect(await indexedColumns('articles_texts')).toEqual(expect.arrayContaining(['text']))
  })

  // Payload indexes the values of hasMany text fields only by (order, parent): without an index
  // led by the parent, reading one listed article's cancer types scanned the whole table. (Which
  // index the planner picks for these few rows is its choice; the plans at 10,000 and 100,000
  // articles are in the README's Performance section.)
  it.each(['articles_texts', '_articles_v_texts', 'glossary_terms_texts'])('%s: an index led by its parent, for reading a document\'s values', async (table) => {
    const { rows } = await payload.db.pool.query<{ indexdef: string }>('select indexdef from pg_indexes where tablename = $1 and indexname = $2', [
      table,
      `${table}_parent_path_idx`,
    ])
    expect(rows[0]?.indexdef).toMatch(/USING btree \(parent_id, path\)$/)
  })

  // The indexes the filtered lists, their counts and the reviewers' queue answer from at any size
  // (src/database/articleListIndexes.ts; plans at 100,000 articles: bench:reads and README).
  it.each([
    ['articles', 'articles_list_order_idx', /USING btree \(next_review_due, created_at DESC, id, status, _status\)$/],
    ['articles', 'articles_review_state_count_idx', /USING btree \(review_state, status, _status\)$/],
    ['articles', 'articles_published_ids_idx', /USING btree \(status, _status, id\)$/],
    ['articles', 'articles_queue_due_idx', /USING btree \(status, next_review_due, id\)$/],
    ['articles_texts', 'articles_texts_value_parent_idx', /USING btree \(text, parent_id, path\)$/],
  ])('%s: %s', async (table, name, definition) => {
    const { rows } = await payload.db.pool.query<{ indexdef: string }>('select indexdef from pg_indexes where tablename = $1 and indexname = $2', [table, name])
    expect(rows[0]?.indexdef).toMatch(definition)
  })

  it('a unique url, a unique glossary id, a unique source label', async () => {
    const { rows } = await payload.db.pool.query<{ name: string }>(
      `select t.relname || '.' || a.attname as name
         from pg_index i
         join pg_class t on t.oid = i.indrelid
         join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]
        where i.indisunique and t.relname in ('articles', 'glossary_terms', 'sources')`,
    )
    expect(rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['articles.url', 'glossary_terms.nci_id', 'sources.label']),
    )
  })

  it('workflow events by article', async () => {
    expect(await indexedColumns('workflow_events')).toEqual(expect.arrayContaining(['article_id']))
  })
})
