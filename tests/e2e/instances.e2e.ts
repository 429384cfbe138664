import { spawn } from 'node:child_process'
import path from 'node:path'

import type { Payload } from 'payload'

import { REVIEW_SWEEP_RUNS_SLUG } from '../../collections/ReviewSweepRuns/index.js'
import type { Article, WorkflowEvent } from '../../payload-types.js'
import { REVIEW_SWEEP_QUEUE, REVIEW_SWEEP_TASK } from '../../src/jobs/reviewSweepTask.js'
import { articleFields, createActiveArticle, unique } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'
import { api, BASE_URL, createTeam } from './helpers/app.js'

// scripts/e2e.mjs runs two instances of the build on one database; this file talks to both.
const SECOND_BASE_URL = process.env.E2E_SECOND_BASE_URL ?? ''
if (!SECOND_BASE_URL) throw new Error('E2E_SECOND_BASE_URL is not set: run the e2e tests with `npm run test:e2e`')

const ROOT = path.resolve(import.meta.dirname, '../..')

/** Raced transitions: half submit (editor), half request changes (reviewer), alternating. */
const ROUNDS = 24

/** POSTs a workflow action to one instance; resolves with the HTTP status. */
const transition = async (baseUrl: string, id: number, token: string, body: Record<string, string>): Promise<number> => {
  const response = await fetch(`${baseUrl}/api/articles/${id}/workflow`, {
    body: JSON.stringify(body),
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    method: 'POST',
    signal: AbortSignal.timeout(60_000),
  })
  await response.text()
  return response.status
}

describe('two app instances on one database', () => {
  it(`serialise one article's transitions sent to both at once: one wins, the other gets 409 (${ROUNDS} rounds)`, async () => {
    const team = await createTeam()
    // Citable, as submit requires: a source, a licence and a citation of it.
    const label = `TWO${unique()}`.slice(0, 20)
    const { doc: source } = await api<{ doc: { id: number } }>('POST', '/sources', {
      body: { label, name: 'Two instances source' },
      expect: 201,
      token: team.editor.token,
    })
    const { doc } = await api<{ doc: Article }>('POST', '/articles', {
      body: articleFields({
        citation: `${label}, ${new Date().getUTCFullYear()}`,
        license: 'public_domain',
        source: source.id,
        title: `Two instances ${unique()}`,
        url: `https://www.cancer.gov/e2e/${unique()}`,
      }),
      expect: 201,
      token: team.editor.token,
    })

    for (let round = 0; round < ROUNDS; round += 1) {
      const submit = round % 2 === 0
      const token = submit ? team.editor.token : team.reviewer.token
      const body: Record<string, string> = submit ? { action: 'submit', changeNote: 'Test update.' } : { action: 'request_changes', comment: `Round ${round}: cite the trial.` }
      // Alternate which instance is asked first, so neither is always the winner by a head start.
      const bases = round % 4 < 2 ? [BASE_URL, SECOND_BASE_URL] : [SECOND_BASE_URL, BASE_URL]
      const statuses = await Promise.all(bases.map((base) => transition(base, doc.id, token, body)))
      expect({ round, statuses: [...statuses].sort() }).toEqual({ round, statuses: [200, 409] })
    }

    const { docs: events, totalDocs } = await api<{ docs: WorkflowEvent[]; totalDocs: number }>(
      'GET',
      `/workflow-events?where[article][equals]=${doc.id}&sort=createdAt&limit=200&depth=0`,
      { token: team.admin.token },
    )
    // One event per state change, and they chain: each leaves the state the one before reached.
    expect(totalDocs).toBe(ROUNDS)
    expect(events.map((event) => `${event.from}>${event.to}`)).toEqual(
      Array.from({ length: ROUNDS }, (_, round) => (round % 2 === 0 ? 'draft>in_review' : 'in_review>draft')),
    )
    const working = await api<Article>('GET', `/articles/${doc.id}?draft=true&depth=0`, { token: team.admin.token })
    expect(working.status).toBe('draft')
  })
})

/** The review state as stored (the sweep's work), not as the read hook recomputes it for readers. */
const storedReviewState = async (payload: Payload, id: number): Promise<unknown> => {
  const { docs } = await payload.db.find<{ reviewState: unknown }>({
    collection: 'articles',
    limit: 1,
    pagination: false,
    req: {},
    where: { id: { equals: id } },
  })
  return docs[0]?.reviewState
}

/** Runs one jobs worker as an operator would; resolves with its exit code and output. */
const runWorker = (): Promise<{ code: null | number; output: string }> =>
  new Promise((resolve, reject) => {
    const worker = spawn(
      'npm',
      ['run', '--silent', 'payload', '--', 'jobs:run', '--queue', REVIEW_SWEEP_QUEUE, '--handle-schedules'],
      { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    worker.once('error', reject)
    worker.once('exit', (code) => resolve({ code, output }))
  })

describe('the jobs worker (autoRun off on the app instances)', () => {
  let payload: Payload

  beforeAll(async () => {
    payload = await bootPayload()
  })

  afterAll(async () => {
    await shutdownPayload(payload)
  })

  it('two workers handling the schedule of the same due slot at once sweep it once', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2024-01-10', title: `Worker sweep ${unique()}` })
    await payload.db.updateOne({ collection: 'articles', data: { reviewState: 'current' }, id: article.id, req: {} })
    await payload.db.deleteMany({ collection: 'payload-jobs', req: {}, where: { taskSlug: { equals: REVIEW_SWEEP_TASK } } })
    // The latest 05:00 UTC slot, last scheduled an hour before it: due now.
    const slot = new Date()
    slot.setUTCHours(5, 0, 0, 0)
    if (slot.getTime() > Date.now()) slot.setUTCDate(slot.getUTCDate() - 1)
    const data = {
      stats: {
        scheduledRuns: {
          queues: {
            [REVIEW_SWEEP_QUEUE]: {
              tasks: { [REVIEW_SWEEP_TASK]: { lastScheduledRun: new Date(slot.getTime() - 3_600_000).toISOString() } },
            },
          },
        },
      },
    }
    if (await payload.db.findGlobal({ slug: 'payload-jobs-stats', req: {} })) {
      await payload.db.updateGlobal({ slug: 'payload-jobs-stats', data, req: {}, returning: false })
    } else {
      await payload.db.createGlobal({ slug: 'payload-jobs-stats', data, req: {}, returning: false })
    }
    // With autoRun off, the app instances left the due slot alone.
    expect(await storedReviewState(payload, article.id)).toBe('current')

    const workers = await Promise.all([runWorker(), runWorker()])

    for (const worker of workers) expect({ code: worker.code, tail: worker.output.slice(-800) }).toMatchObject({ code: 0 })
    const sweeps = workers.flatMap((worker) => worker.output.match(/review sweep \d{4}-\d{2}-\d{2}: .*changed/g) ?? [])
    expect(sweeps).toHaveLength(1)
    const { docs: ledger } = await payload.find({
      collection: REVIEW_SWEEP_RUNS_SLUG,
      where: { key: { equals: `slot:${slot.toISOString()}` } },
    })
    expect(ledger).toHaveLength(1)
    expect(await storedReviewState(payload, article.id)).toBe('overdue')
  })
})
