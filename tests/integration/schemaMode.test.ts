import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

import pg from 'pg'

import { useScratch } from '../helpers/scratch.js'
import { databaseUrl, uniqueDatabaseName } from '../setup/testDatabase.js'

// The launcher's schema modes on real databases, as a newcomer meets them: `npm run seed` on a
// fresh DATABASE_URL, then `npm start`'s migrations, with no keyboard (stdin closed).

const root = path.resolve(import.meta.dirname, '../..')
const server = process.env.TEST_DATABASE_SERVER_URL as string
const scratch = path.join(root, 'tests/.tmp', `schema-mode-${process.pid}-${Date.now().toString(36)}`)
const migratedDb = uniqueDatabaseName('cancer_content_seed_migrated')
const pushedDb = uniqueDatabaseName('cancer_content_seed_pushed')
const LAUNCH_TIMEOUT_MS = 240_000

useScratch({ database: migratedDb, folder: scratch, server })
useScratch({ database: pushedDb, folder: path.join(scratch, 'pushed'), server })

interface Launch {
  code: null | number
  output: string
}

/** `node scripts/run.mjs <args>` as the npm scripts run it, without a terminal; killed if it hangs. */
const launch = (args: string[], env: Record<string, string>): Promise<Launch> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/run.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', PAYLOAD_TYPES_AUTOGENERATE: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), LAUNCH_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })

const migrationRows = async (url: string): Promise<number[]> => {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    const { rows } = await client.query<{ batch: number }>('select batch from payload_migrations order by batch')
    return rows.map((row) => Number(row.batch))
  } finally {
    await client.end()
  }
}

let glossaryFile: string
beforeAll(async () => {
  // One real NCI glossary entry: a small import that still writes through Payload.
  const [firstLine] = (await readFile(path.join(root, 'seed/corpus/nci-glossary.jsonl'), 'utf8')).split('\n')
  glossaryFile = path.join(scratch, 'one-term.jsonl')
  await writeFile(glossaryFile, `${firstLine}\n`)
})

it('npm run seed on a fresh DATABASE_URL applies the migrations instead of pushing; npm start then migrates without a prompt', async () => {
  const url = databaseUrl(server, migratedDb)
  const seeded = await launch(['seed', '--glossary', glossaryFile], { DATABASE_URL: url })
  expect(seeded.output).toContain('Schema: migrations, no push; the database is empty')
  expect(seeded.code).toBe(0)
  const afterSeed = await migrationRows(url)
  expect(afterSeed.length).toBeGreaterThan(0)
  expect(afterSeed).not.toContain(-1)

  // What `npm start` runs before next start; the same decision (start always migrates).
  const migrated = await launch(['payload', 'migrate'], { DATABASE_URL: url })
  expect(migrated.output).toContain('the database is migrated')
  expect(migrated.output).not.toMatch(/data loss/i)
  expect(migrated.code).toBe(0)
  expect(await migrationRows(url)).toEqual(afterSeed)

  // A second seed stays on migrations too.
  const again = await launch(['seed', '--glossary', glossaryFile], { DATABASE_URL: url })
  expect(again.output).toContain('Schema: migrations, no push; the database is migrated')
  expect(again.code).toBe(0)
}, 900_000)

it('a database pushed by a development run is refused by npm start and payload migrate with a message, not a prompt', async () => {
  const url = databaseUrl(server, pushedDb)
  const pushed = await launch(['seed', '--glossary', glossaryFile], { DATABASE_URL: url, PAYLOAD_DB_PUSH: 'true' })
  expect(pushed.code).toBe(0)
  expect(await migrationRows(url)).toContain(-1)

  // Refused before next starts, so no build is needed here.
  for (const args of [['start'], ['payload', 'migrate']]) {
    const refused = await launch(args, { DATABASE_URL: url, PAYLOAD_SECRET: 'schema-mode-test-secret' })
    expect(refused.output).toContain('pushed by a development run')
    expect(refused.code).toBe(1)
  }
}, 900_000)
