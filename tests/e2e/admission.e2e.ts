import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

import { freePort } from '../../scripts/embeddedPostgres.mjs'
import { createUser, type TestUser } from './helpers/app.js'

/**
 * Admission control of anonymous requests (rules/admission.ts, src/http/withAdmission.ts), over
 * real HTTP: an instance of the build on the tests' database with small bounds (one anonymous
 * request built at a time, 16 waiting at most), and many requests sent at once.
 */

const ROOT = path.resolve(import.meta.dirname, '../..')
const CONCURRENCY = 1
const QUEUE = 16

let instance: ChildProcess | null = null
let baseUrl = ''
let editor: TestUser

interface Answer {
  /** When the answer (its whole body) was in, ms on performance.now(). */
  at: number
  body: string
  /** The wait for a turn the server reports, or null when the request took none. */
  queuedMs: null | number
  retryAfter: null | string
  status: number
}

const ask = async (route: string, init: RequestInit = {}): Promise<Answer> => {
  const response = await fetch(`${baseUrl}${route}`, { ...init, signal: AbortSignal.timeout(120_000) })
  const body = await response.text()
  const timing = /anon-queue;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')
  return { at: performance.now(), body, queuedMs: timing ? Number(timing[1]) : null, retryAfter: response.headers.get('retry-after'), status: response.status }
}

let variant = 0
/** An anonymous GraphQL read (never replayed from the answer store: each is built). */
const anonymousRead = (headers: Record<string, string> = {}) => {
  variant += 1
  return ask('/api/graphql', {
    body: JSON.stringify({ query: `{ Articles(limit: 20, page: ${1 + (variant % 3)}) { totalDocs docs { id title } } GlossaryTerms(limit: 20) { totalDocs docs { id term } } }` }),
    headers: { 'Content-Type': 'application/json', ...headers },
    method: 'POST',
  })
}
/** An anonymous REST read with a query string of its own (a miss of the answer store). */
const anonymousRestRead = () => {
  variant += 1
  return ask(`/api/articles?limit=10&depth=0&where[title][like]=nothing-${variant}`)
}

beforeAll(async () => {
  editor = await createUser('editor', 'admission-editor')
  const port = await freePort()
  baseUrl = `http://127.0.0.1:${port}`
  instance = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      API_ANONYMOUS_CONCURRENCY: String(CONCURRENCY),
      API_ANONYMOUS_QUEUE: String(QUEUE),
      API_ANONYMOUS_WAIT_MS: '60000',
      JOBS_AUTORUN: 'false',
      PAYLOAD_DB_PUSH: 'false',
      PORT: String(port),
      SEED_ON_FIRST_BOOT: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const started = Date.now()
  for (;;) {
    const ready = await fetch(`${baseUrl}/api/first-boot-import`).then((response) => response.ok, () => false)
    if (ready) break
    if (instance.exitCode !== null || Date.now() - started > 120_000) throw new Error('the instance with small admission bounds did not start')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
})

afterAll(() => {
  if (instance?.pid && instance.exitCode === null) process.kill(-instance.pid, 'SIGTERM')
})

describe(`anonymous requests take turns (${CONCURRENCY} at a time, ${QUEUE} waiting)`, () => {
  it('anonymous requests beyond the bound wait for their turn, and all are answered', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 9 }, () => anonymousRead()),
      ...Array.from({ length: 8 }, () => anonymousRestRead()),
    ])
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    // Each took a turn; with one at a time, some waited for theirs.
    expect(answers.every((answer) => answer.queuedMs !== null)).toBe(true)
    expect(answers.some((answer) => (answer.queuedMs ?? 0) > 0)).toBe(true)
  })

  it('more anonymous requests than may wait: the rest are answered 503 with Retry-After and a JSON error, never 500', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, () => anonymousRead()))
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([])
    // Those that got a place (one running, 16 waiting, more as places free up) are answered.
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(CONCURRENCY + QUEUE)
    const refused = answers.filter((answer) => answer.status === 503)
    expect(refused.length).toBeGreaterThan(0)
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(0)
      expect(JSON.parse(answer.body)).toEqual({ errors: [{ message: expect.stringMatching(/busy/), name: 'ServiceUnavailable' }] })
    }
  })

  it("a signed-in editor's request is answered while anonymous ones wait; a forged cookie waits like anonymous", async () => {
    // As many as may wait, the forged one aside (none refused): a line long enough that the
    // signed-in requests, which skip it, are answered before its end also on a busy machine (with
    // 9 in line, one run on a loaded machine answered one 0.8 ms after the last anonymous request).
    const anonymous = Array.from({ length: CONCURRENCY + QUEUE - 1 }, () => anonymousRead())
    // The anonymous requests are in line before the others arrive.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const forged = `${editor.token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`
    const [signedIn, signedInByCookie, forgedCookie] = await Promise.all([
      ask('/api/articles?limit=1&depth=0', { headers: { Authorization: `JWT ${editor.token}` } }),
      ask('/api/users/me', { headers: { Cookie: `payload-token=${editor.token}` } }),
      anonymousRead({ Cookie: `payload-token=${forged}` }),
    ])
    const answers = await Promise.all(anonymous)
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200))
    const lastAnonymous = Math.max(...answers.map((answer) => answer.at))
    for (const answer of [signedIn, signedInByCookie]) {
      expect(answer.status).toBe(200)
      expect(answer.queuedMs).toBeNull()
      expect(answer.at).toBeLessThan(lastAnonymous)
    }
    expect(JSON.parse(signedInByCookie.body)).toMatchObject({ user: { email: editor.email } })
    // The forged token is not a session: it took a turn behind the anonymous requests.
    expect(forgedCookie.status).toBe(200)
    expect(forgedCookie.queuedMs).not.toBeNull()
    expect(forgedCookie.queuedMs ?? 0).toBeGreaterThan(0)
  })
})
