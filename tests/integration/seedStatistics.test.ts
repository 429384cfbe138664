import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import type { Payload } from 'payload'

import { generateDocuments } from '../../bench/generated.js'
import { runImport } from '../../seed/importer.js'
import { STATISTICS_MIN_ROWS } from '../../rules/tableStatistics.js'
import { bootPayloadOn } from '../helpers/ownDatabase.js'
import { shutdownPayload } from '../helpers/shutdown.js'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// The bulk import keeps the planner's statistics in step with the tables it fills
// (rules/tableStatistics.ts): a manual ANALYZE, which PostgreSQL records apart from autovacuum's,
// of the articles' tables once they doubled, and none when an import writes nothing.

const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const NAME = `${process.env.TEST_DATABASE_NAME}_statistics`
const DOCUMENTS = STATISTICS_MIN_ROWS + 20
const WRITTEN = ['articles', 'articles_rels', 'articles_texts', 'articles_evidence', '_articles_v', '_articles_v_rels', 'articles_search', 'workflow_events']

interface TableStatistics {
  analyzed: number
  estimate: number
  name: string
}

let url: string
let corpus: string
let payload: Payload

const statistics = async (): Promise<TableStatistics[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // The statistics collector's counters reach pg_stat_user_tables with a delay: read them fresh.
    await client.query('select pg_stat_clear_snapshot()')
    const { rows } = await client.query<TableStatistics>(
      `select s.relname as name, s.analyze_count::int as analyzed, c.reltuples::float8 as estimate
         from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.relname = any($1) order by 1`,
      [WRITTEN],
    )
    return rows
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  await createDatabase(SERVER, NAME)
  url = databaseUrl(SERVER, NAME)
  payload = await bootPayloadOn(url, NAME)
  corpus = await mkdtemp(path.join(tmpdir(), 'seed-statistics-'))
  await generateDocuments(corpus, DOCUMENTS)
}, 300_000)

afterAll(async () => {
  await shutdownPayload(payload)
  await rm(corpus, { force: true, recursive: true })
  await dropDatabase(SERVER, NAME)
}, 60_000)

it('refreshes the planner statistics of the tables a bulk import filled, and not again when an import writes nothing', async () => {
  const before = await statistics()
  expect(before.map((table) => table.name).sort()).toEqual([...WRITTEN].sort())
  expect(before.every((table) => table.analyzed === 0)).toBe(true)

  const summary = await runImport({ articles: [corpus], concurrency: 2, payload })
  expect(summary).toMatchObject({ created: DOCUMENTS, failed: [] })

  const after = await statistics()
  for (const table of after) expect({ name: table.name, refreshed: table.analyzed > 0 }).toEqual({ name: table.name, refreshed: true })
  // The planner now knows the articles are there: at least those written when the refresh came
  // due (an exact count: the table is small enough to be read whole; the last 20 are too few for
  // another refresh).
  const estimate = after.find((table) => table.name === 'articles')?.estimate ?? -1
  expect(estimate).toBeGreaterThanOrEqual(STATISTICS_MIN_ROWS)
  expect(estimate).toBeLessThanOrEqual(DOCUMENTS)

  const again = await runImport({ articles: [corpus], concurrency: 2, payload })
  expect(again).toMatchObject({ created: 0, unchanged: DOCUMENTS })
  // No manual ANALYZE more (autovacuum's own, counted apart, may come at any time and move the estimate).
  const manualRefreshes = (tables: TableStatistics[]) => tables.map((table) => ({ analyzed: table.analyzed, name: table.name }))
  expect(manualRefreshes(await statistics())).toEqual(manualRefreshes(after))
}, 600_000)
