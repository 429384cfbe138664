import type { Payload } from 'payload'

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

  it('has the plugin collections', () => {
    expect(Object.keys(payload.collections)).toEqual(
      expect.arrayContaining(['users', 'articles', 'sources', 'glossary-terms', 'workflow-events']),
    )
  })
})
