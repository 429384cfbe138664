import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { REVIEW_SWEEP_RUNS_SLUG } from '../../collections/ReviewSweepRuns/index.js'
import { REVIEW_SWEEP_QUEUE, REVIEW_SWEEP_TASK } from '../../src/jobs/reviewSweepTask.js'
import { createActiveArticle } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'

// Two Payload instances on one database, each with its own pool, as two app processes have:
// what the one schedules or claims, the other sees only through the database.
let first: Payload
let second: Payload
const sweepLines: string[] = []

const SWEPT = /^\[cancer-content\] review sweep \d{4}-\d{2}-\d{2}:/

/** Records every sweep an instance does (its log line), whichever instance does it. */
const recordSweeps = (payload: Payload): void => {
  const info = payload.logger.info.bind(payload.logger)
  payload.logger.info = ((...args: Parameters<typeof info>) => {
    if (typeof args[0] === 'string' && SWEPT.test(args[0])) sweepLines.push(args[0])
    return info(...args)
  }) as typeof payload.logger.info
}

/** The most recent 05:00 UTC (the default daily slot) at or before now. */
const latestSlot = (): Date => {
  const slot = new Date()
  slot.setUTCHours(5, 0, 0, 0)
  if (slot.getTime() > Date.now()) slot.setUTCDate(slot.getUTCDate() - 1)
  return slot
}

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

const runsOf = async (key: string) =>
  (await first.find({ collection: REVIEW_SWEEP_RUNS_SLUG, where: { key: { equals: key } } })).docs

/** Sets when the sweep was last scheduled, as Payload keeps it in its jobs-stats global. */
const setLastScheduledRun = async (lastScheduledRun: Date): Promise<void> => {
  const data = {
    stats: {
      scheduledRuns: { queues: { [REVIEW_SWEEP_QUEUE]: { tasks: { [REVIEW_SWEEP_TASK]: { lastScheduledRun: lastScheduledRun.toISOString() } } } } },
    },
  }
  const existing = await first.db.findGlobal({ slug: 'payload-jobs-stats', req: {} })
  if (existing) await first.db.updateGlobal({ slug: 'payload-jobs-stats', data, req: {}, returning: false })
  else await first.db.createGlobal({ slug: 'payload-jobs-stats', data, req: {}, returning: false })
}

beforeAll(async () => {
  first = await bootPayload()
  second = await getPayload({ config, key: 'second-instance' })
  recordSweeps(first)
  recordSweeps(second)
})

afterAll(async () => {
  await shutdownPayload(second)
  await shutdownPayload(first)
})

beforeEach(async () => {
  sweepLines.length = 0
  // Other files of the run share the database: no sweep job of theirs may be left waiting.
  await first.db.deleteMany({ collection: 'payload-jobs', req: {}, where: { taskSlug: { equals: REVIEW_SWEEP_TASK } } })
  await first.db.deleteMany({ collection: REVIEW_SWEEP_RUNS_SLUG, req: {}, where: { key: { like: 'slot:' } } })
})

describe('the daily review sweep on two instances', () => {
  it('two instances handling the schedule and working the queue at once sweep a due slot once', async () => {
    const article = await createActiveArticle(first, { lastReviewed: '2024-01-10' })
    await first.db.updateOne({ collection: 'articles', data: { reviewState: 'current' }, id: article.id, req: {} })
    expect(await storedReviewState(first, article.id)).toBe('current')
    const slot = latestSlot()
    // Last scheduled an hour before the slot: the slot is due now for both instances.
    await setLastScheduledRun(new Date(slot.getTime() - 3_600_000))

    await Promise.all([first, second].map((payload) => payload.jobs.handleSchedules({ queue: REVIEW_SWEEP_QUEUE })))
    const runs = await Promise.all([first, second].map((payload) => payload.jobs.run({ queue: REVIEW_SWEEP_QUEUE })))

    expect(runs.flatMap((run) => Object.values(run.jobStatus ?? {}))).toContainEqual({ status: 'success' })
    expect(sweepLines).toHaveLength(1)
    const ledger = await runsOf(`slot:${slot.toISOString()}`)
    expect(ledger).toHaveLength(1)
    expect(ledger[0]?.changed).toBeGreaterThanOrEqual(1)
    expect(await storedReviewState(first, article.id)).toBe('overdue')
  })

  it('two jobs for one slot, claimed by two runners at once, make one sweep; both jobs succeed', async () => {
    const slot = new Date(latestSlot().getTime() - 86_400_000)
    const jobs = await Promise.all(
      [first, second].map((payload) =>
        payload.jobs.queue({ input: {}, meta: { scheduled: true }, queue: REVIEW_SWEEP_QUEUE, task: REVIEW_SWEEP_TASK, waitUntil: slot }),
      ),
    )
    const runs = await Promise.all([first, second].map((payload) => payload.jobs.run({ queue: REVIEW_SWEEP_QUEUE })))

    const statuses = Object.assign({}, ...runs.map((run) => run.jobStatus ?? {})) as Record<string, unknown>
    for (const job of jobs) expect(statuses[String(job.id)]).toEqual({ status: 'success' })
    expect(sweepLines).toHaveLength(1)
    expect(await runsOf(`slot:${slot.toISOString()}`)).toHaveLength(1)
  })

  it('the next slot is swept again, and a job queued by hand is a run of its own', async () => {
    const day = latestSlot()
    const dayBefore = new Date(day.getTime() - 86_400_000)
    for (const waitUntil of [dayBefore, day, undefined]) {
      await second.jobs.queue({ input: {}, queue: REVIEW_SWEEP_QUEUE, task: REVIEW_SWEEP_TASK, waitUntil })
      await first.jobs.run({ queue: REVIEW_SWEEP_QUEUE })
    }
    expect(sweepLines).toHaveLength(3)
    expect(await runsOf(`slot:${dayBefore.toISOString()}`)).toHaveLength(1)
    expect(await runsOf(`slot:${day.toISOString()}`)).toHaveLength(1)
  })
})
