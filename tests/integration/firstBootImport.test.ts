import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { generateDocuments } from '../../bench/generated.js'
import { FIRST_BOOT_LOCK_KEY } from '../../seed/firstBoot.js'
import type { FirstBootImportMessage } from '../../src/app/_firstBoot/status.js'
import { bootPayloadOn } from '../helpers/ownDatabase.js'
import { shutdownPayload } from '../helpers/shutdown.js'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// The first-boot import process (seed/firstBoot.ts) as the server starts it: a child with an IPC
// channel, on a database of its own whose schema is in place. Two of them at once (two app
// instances booting on one empty database) import once: the second waits for the first's lock,
// then finds its articles.

const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const NAME = `${process.env.TEST_DATABASE_NAME}_first_boot`
const DOCUMENTS = 6

interface ImportRun {
  child: ChildProcess
  ended: Promise<{ code: null | number; messages: FirstBootImportMessage[] }>
  messages: FirstBootImportMessage[]
}

const startImport = (url: string, corpus: string): ImportRun => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'seed/firstBoot.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: url, FIRST_BOOT_CORPUS: corpus, JOBS_AUTORUN: 'false', PAYLOAD_DB_PUSH: 'false', PAYLOAD_TYPES_AUTOGENERATE: 'false' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  const messages: FirstBootImportMessage[] = []
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.on('message', (message) => messages.push(message as FirstBootImportMessage))
  const ended = new Promise<{ code: null | number; messages: FirstBootImportMessage[] }>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(stderr)
      resolve({ code, messages })
    })
  })
  return { child, ended, messages }
}

const until = async (condition: () => boolean, what: string): Promise<void> => {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > 180_000) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const kinds = (messages: readonly FirstBootImportMessage[]): string[] => messages.map((message) => message.kind).filter((kind) => kind !== 'progress')

let url: string
let corpus: string
const runs: ImportRun[] = []

beforeAll(async () => {
  await createDatabase(SERVER, NAME)
  url = databaseUrl(SERVER, NAME)
  // The schema, as the server pushes it before it starts the import process.
  await shutdownPayload(await bootPayloadOn(url, NAME))
  corpus = await mkdtemp(path.join(tmpdir(), 'first-boot-corpus-'))
  await generateDocuments(corpus, DOCUMENTS)
})

afterAll(async () => {
  for (const run of runs) run.child.kill('SIGKILL')
  await rm(corpus, { force: true, recursive: true })
  await dropDatabase(SERVER, NAME)
})

it('two import processes on one empty database import once: the second waits for the first, then finds its articles', async () => {
  // The test holds the lock first, so that both processes meet it taken.
  const holder = new pg.Client({ connectionString: url })
  await holder.connect()
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [FIRST_BOOT_LOCK_KEY.toString()])
    runs.push(startImport(url, corpus), startImport(url, corpus))
    await until(() => runs.every((run) => run.messages.some((message) => message.kind === 'waiting')), 'both processes to say waiting')
    await holder.query('SELECT pg_advisory_unlock($1)', [FIRST_BOOT_LOCK_KEY.toString()])
  } finally {
    await holder.end()
  }
  const [first, second] = await Promise.all(runs.map((run) => run.ended))
  expect([first?.code, second?.code]).toEqual([0, 0])
  const sequences = [kinds(first?.messages ?? []), kinds(second?.messages ?? [])].sort()
  expect(sequences).toEqual([
    ['waiting', 'skipped'],
    ['waiting', 'started', 'done'],
  ])
  const importer = [first, second].find((run) => run?.messages.some((message) => message.kind === 'started'))
  expect(importer?.messages.find((message) => message.kind === 'done')).toMatchObject({ created: DOCUMENTS, failed: 0 })
  // Progress went through every phase, ending with all articles saved.
  const last = importer?.messages.filter((message) => message.kind === 'progress').at(-1)
  expect(last).toEqual({ kind: 'progress', progress: { done: DOCUMENTS, phase: 'write', total: DOCUMENTS } })

  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM articles')
    expect(Number(rows[0]?.count)).toBe(DOCUMENTS)
  } finally {
    await client.end()
  }

  // A later boot finds the articles there and imports nothing.
  const again = startImport(url, corpus)
  runs.push(again)
  const { code, messages } = await again.ended
  expect(code).toBe(0)
  expect(kinds(messages)).toEqual(['skipped'])
})

it('a folder that is not there fails the import with a message saying so', async () => {
  const run = startImport(url, path.join(corpus, 'missing'))
  runs.push(run)
  const { code, messages } = await run.ended
  expect(code).toBe(1)
  expect(messages).toEqual([{ error: `FIRST_BOOT_CORPUS=${path.join(corpus, 'missing')} is not a folder`, kind: 'failed' }])
})
