import type { Pool } from 'pg'

import { bootPayload, shutdownPayload } from '../helpers/payload.js'

/**
 * The helper that ends each file's Payload instance: a statement still running on the pool
 * (work a test left going) is waited for, not cut. Cutting it made pg release its client a
 * second time and throw outside any test: CI's jest crashed so once, after readGuard.test.
 */
it('shutdownPayload lets a statement already running on the pool finish before ending it', async () => {
  const payload = await bootPayload()
  const pool = (payload.db as unknown as { pool: Pool }).pool
  const running = pool.query<{ done: string }>(`SELECT 'finished' AS done FROM pg_sleep(0.5)`)
  await new Promise((resolve) => setTimeout(resolve, 50))
  await shutdownPayload(payload)
  await expect(running.then((result) => result.rows)).resolves.toEqual([{ done: 'finished' }])
  expect(pool.ended).toBe(true)
}, 30_000)
