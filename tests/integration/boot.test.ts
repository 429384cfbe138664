import { execFile } from 'node:child_process'
import path from 'node:path'

import { sql } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import { requireRealTransactions } from '../../src/database/requireRealTransactions.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

afterAll(async () => {
  await shutdownPayload(payload)
})

describe('the demo app', () => {
  it('runs on Node 22 or later', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22)
  })

  it('boots on its own uniquely named database', async () => {
    const name = process.env.TEST_DATABASE_NAME
    expect(name).toMatch(/^cancer_content_test_/)
    const { rows } = await payload.db.pool.query<{ db: string }>('select current_database() as db')
    expect(rows[0]?.db).toBe(name)
  })

  it('runs each transaction on a connection of its own (the start-up check passes, and it holds)', async () => {
    await expect(requireRealTransactions(payload)).resolves.toBeUndefined()
    // What the check stands for: two statements of one transaction meet one backend and one
    // transaction id, whatever else the pool is doing.
    const id = await payload.db.beginTransaction()
    if (id === null) throw new Error('the Postgres adapter began no transaction')
    try {
      // Sessions are typed for every drizzle dialect; on this adapter they are Postgres transactions.
      const transaction = payload.db.sessions?.[String(id)]?.db as typeof payload.db.drizzle | undefined
      if (!transaction) throw new Error('no session for the transaction')
      const probe = () =>
        transaction.execute<{ pid: number; txid: string }>(sql`select pg_backend_pid() as pid, txid_current()::text as txid`)
      const [first] = (await probe()).rows
      await Promise.all(Array.from({ length: 6 }, () => payload.db.pool.query('select pg_sleep(0.05)')))
      const [second] = (await probe()).rows
      expect(second).toEqual(first)
    } finally {
      await payload.db.rollbackTransaction(id)
    }
  })

  it('has the plugin collections', () => {
    expect(Object.keys(payload.collections)).toEqual(
      expect.arrayContaining(['users', 'articles', 'sources', 'glossary-terms', 'workflow-events']),
    )
  })
})

describe('the demo config', () => {
  const loadConfig = (env: { DATABASE_URL: string; NODE_ENV: 'production'; PAYLOAD_SECRET?: string }) =>
    new Promise<{ code: null | number; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', "await import('./payload.config.ts')"],
        { cwd: path.resolve(import.meta.dirname, '../..'), env: { PATH: process.env.PATH, ...env } },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      )
    })

  it('refuses the development secret in production', async () => {
    const refused = await loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', NODE_ENV: 'production' })
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('PAYLOAD_SECRET must be set')
    const accepted = await loadConfig({
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
      NODE_ENV: 'production',
      PAYLOAD_SECRET: 'a-long-production-secret',
    })
    expect(accepted.code).toBe(0)
  }, 60_000)
})
