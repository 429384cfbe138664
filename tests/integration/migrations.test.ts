import { execFile } from 'node:child_process'
import { cp, readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import pg from 'pg'

import { useScratch } from '../helpers/scratch.js'
import { databaseUrl, uniqueDatabaseName } from '../setup/testDatabase.js'

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const server = process.env.TEST_DATABASE_SERVER_URL as string
const scratch = path.join(root, 'tests/.tmp', `migrations-${process.pid}-${Date.now().toString(36)}`)
const database = uniqueDatabaseName('cancer_content_migrate')

/** The payload CLI through the project's launcher, as `npm run payload -- …` runs it. */
const payloadCli = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [path.join(root, 'scripts/run.mjs'), 'payload', ...args], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: 'development' },
    maxBuffer: 16 * 1024 * 1024,
  })

useScratch({ database, folder: scratch, server })

it('the committed migrations describe the current schema: a new migration would be empty', async () => {
  const copy = path.join(scratch, 'migrations')
  await cp(path.join(root, 'migrations'), copy, { recursive: true })
  const before = await readdir(copy)
  await payloadCli(['migrate:create', 'drift', '--skip-empty'], { PAYLOAD_MIGRATION_DIR: copy })
  expect(await readdir(copy)).toEqual(before)
}, 120_000)

it('payload migrate builds the whole schema on an empty database, without schema push', async () => {
  const url = databaseUrl(server, database)
  const { stdout } = await payloadCli(['migrate'], { DATABASE_URL: url, PAYLOAD_DB_PUSH: 'false' })
  expect(stdout).toContain('Done')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    )
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['articles', '_articles_v', 'sources', 'glossary_terms', 'workflow_events', 'users', 'payload_jobs']),
    )
    const migrations = await client.query<{ batch: number; name: string }>('select name, batch from payload_migrations')
    const files = (await readdir(path.join(root, 'migrations'))).filter((file) => /^\d.*\.ts$/.test(file))
    expect(migrations.rows.map((row) => `${row.name}.ts`).sort()).toEqual(files.sort())
    // No "dev" row (batch -1): the schema was never pushed.
    expect(migrations.rows.map((row) => Number(row.batch))).toEqual(files.map(() => 1))
  } finally {
    await client.end()
  }
}, 120_000)
