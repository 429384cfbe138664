import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, initTransaction, killTransaction, type Payload, ValidationError, type Where } from 'payload'

import type { Article, User, Webhook, WebhookDelivery } from '../../payload-types.js'
import { todayUtc } from '../../rules/calendarDate.js'
import { sanitizeOptions } from '../../rules/options.js'
import type { WebhookEvent, WorkflowAction } from '../../rules/vocabulary.js'
import { verifyWebhook, WEBHOOK_DELIVERY_TASK, WEBHOOK_QUEUE } from '../../rules/webhooks.js'

// The demo config reads these when it is first imported: development receivers on 127.0.0.1,
// and a short timeout so that the hanging receiver costs a second, not ten.
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'
process.env.WEBHOOK_TIMEOUT_MS = '1000'

const { bootPayload, createUser, shutdownPayload } = await import('../helpers/payload.js')
const { createDraftArticle, createSource, nciIdForTest } = await import('../helpers/fixtures.js')
const { performTransition } = await import('../../src/workflow/performTransition.js')
const { deliverOnce } = await import('../../src/webhooks/deliverOnce.js')
const { guardedLookup, sendSigned } = await import('../../src/webhooks/sendSigned.js')

const options = sanitizeOptions()

let payload: Payload
let admin: User
let editor: User
let reviewer: User

// ---------------------------------------------------------------------------------------------
// Receivers on 127.0.0.1

interface Received {
  body: string
  headers: http.IncomingHttpHeaders
}

/** What a receiver does with its n-th request (0-based): answer a status after a delay, or never. */
type Behaviour = (n: number) => 'hang' | { delayMs?: number; status: number }

interface Receiver {
  close: () => Promise<void>
  received: Received[]
  url: string
}

const startReceiver = async (behaviour: Behaviour): Promise<Receiver> => {
  const received: Received[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const n = received.length
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers })
      const answer = behaviour(n)
      if (answer === 'hang') return
      setTimeout(() => response.writeHead(answer.status).end('ok'), answer.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
    received,
    url: `http://127.0.0.1:${port}/hook`,
  }
}

const always = (status: number): Behaviour => () => ({ status })

// ---------------------------------------------------------------------------------------------
// Helpers

const receivers: Receiver[] = []
const webhookIds: number[] = []

/** A receiver and an active webhook to it; the secret is the one the create answer showed. */
const subscribe = async (events: WebhookEvent[], behaviour: Behaviour) => {
  const receiver = await startReceiver(behaviour)
  receivers.push(receiver)
  const webhook = (await payload.create({
    collection: 'webhooks',
    data: { events, url: receiver.url },
    overrideAccess: false,
    user: admin,
  })) as Webhook
  webhookIds.push(webhook.id)
  if (!webhook.secret) throw new Error('the create answer did not show the secret')
  return { receiver, secret: webhook.secret, webhook }
}

/** Pauses every webhook of the test, so that later tests' events do not reach them. */
const pauseAll = async () => {
  for (const id of webhookIds.splice(0)) {
    await payload.update({ collection: 'webhooks', data: { active: false }, id, overrideAccess: true })
  }
}

/** Works the delivery queue until no job is due (each run takes what is due at its start). */
const drain = async () => {
  for (let round = 0; round < 20; round += 1) {
    const result = await payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true })
    if ('noJobsRemaining' in result && result.noJobsRemaining) return
  }
  throw new Error('the delivery queue did not drain in 20 runs')
}

const transition = async (id: number, user: User, action: WorkflowAction, comment?: string) => {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } }, payload)
  // What each action needs besides a comment: an attestation to approve, a change note to submit.
  const needs = action === 'approve' || action === 'reaffirm' ? { attestation: true } : action === 'submit' ? { changeNote: 'Test update.' } : {}
  return performTransition({ body: { action, comment, ...needs }, id, options, req })
}

/** A cited draft, submitted by the editor: ready for the reviewer to approve. */
const articleInReview = async (): Promise<Article> => {
  const source = await createSource(payload)
  const draft = await createDraftArticle(payload, {
    citation: `${source.label}, ${todayUtc().slice(0, 4)}`,
    license: 'public_domain',
    source: source.id,
  })
  await transition(draft.id, editor, 'submit')
  return draft
}

const deliveriesOf = async (where: Where): Promise<WebhookDelivery[]> =>
  (
    await payload.find({
      collection: 'webhook-deliveries',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      sort: 'id',
      where,
    })
  ).docs

const jobsOf = async (deliveryId: number) =>
  (
    await payload.find({
      collection: 'payload-jobs',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      sort: 'id',
      where: { taskSlug: { equals: WEBHOOK_DELIVERY_TASK } },
    })
  ).docs.filter((job) => (job.input as { deliveryId?: number } | null)?.deliveryId === deliveryId)

const expectSigned = (received: Received, secret: string) => {
  const problem = verifyWebhook({
    body: received.body,
    secret,
    signature: String(received.headers['x-webhook-signature']),
    timestamp: String(received.headers['x-webhook-timestamp']),
  })
  expect(problem).toBeNull()
}

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  reviewer = await createUser(payload, 'reviewer')
})

afterEach(pauseAll)

afterAll(async () => {
  for (const receiver of receivers) await receiver.close()
  await shutdownPayload(payload)
})

// ---------------------------------------------------------------------------------------------

describe('the webhooks collection', () => {
  it('shows the secret once, in the create answer, and never on a read', async () => {
    const { secret, webhook } = await subscribe(['article.approved'], always(200))
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    const read = await payload.findByID({ collection: 'webhooks', id: webhook.id, overrideAccess: false, user: admin })
    expect(read).not.toHaveProperty('secret')
    const { docs } = await payload.find({ collection: 'webhooks', overrideAccess: false, user: admin, where: { id: { equals: webhook.id } } })
    expect(docs[0]).not.toHaveProperty('secret')
    // The server still has it to sign with.
    const stored = await payload.findByID({ collection: 'webhooks', id: webhook.id, overrideAccess: true })
    expect(stored.secret).toBe(secret)
  })

  it('is for admins only, and so are the deliveries', async () => {
    for (const user of [editor, reviewer]) {
      await expect(
        payload.create({ collection: 'webhooks', data: { events: ['article.approved'], url: 'https://example.org/h' }, overrideAccess: false, user }),
      ).rejects.toThrow(/not allowed/i)
      await expect(payload.find({ collection: 'webhooks', overrideAccess: false, user })).rejects.toThrow(/not allowed/i)
    }
    await expect(payload.find({ collection: 'webhook-deliveries', overrideAccess: false, user: editor })).rejects.toThrow(/not allowed/i)
    const seen = await payload.find({ collection: 'webhook-deliveries', overrideAccess: false, user: admin })
    expect(seen.docs).toBeInstanceOf(Array)
  })

  it.each([
    ['http://example.org/hook', /http is allowed only/],
    ['https://169.254.169.254/latest/meta-data', /linkLocal/],
    ['https://10.0.0.8/hook', /private/],
    ['ftp://example.org/hook', /https/],
  ])('refuses %s with a field error', async (url, reason) => {
    const attempt = payload.create({ collection: 'webhooks', data: { events: ['article.approved'], url }, overrideAccess: false, user: admin })
    await expect(attempt).rejects.toBeInstanceOf(ValidationError)
    await expect(attempt).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ message: expect.stringMatching(reason), path: 'url' })] } })
  })
})

describe('deliveries', () => {
  it('sends one signed POST with the approved fields when an article is approved', async () => {
    const { receiver, secret, webhook } = await subscribe(['article.approved'], always(204))
    const article = await articleInReview()
    expect(await deliveriesOf({ subject: { equals: `articles:${article.id}` } })).toEqual([])

    const approved = await transition(article.id, reviewer, 'approve')
    await drain()

    expect(receiver.received).toHaveLength(1)
    const [post] = receiver.received
    if (!post) throw new Error('no post')
    expectSigned(post, secret)
    expect(post.headers['x-webhook-event']).toBe('article.approved')
    expect(post.headers['content-type']).toBe('application/json')
    expect(JSON.parse(post.body)).toEqual({
      audienceLevel: 'patient',
      event: 'article.approved',
      id: article.id,
      language: 'en',
      lastReviewed: todayUtc(),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      title: approved.title,
      url: approved.url,
    })
    const [delivery] = await deliveriesOf({ webhook: { equals: webhook.id } })
    expect(delivery).toMatchObject({
      attemptCount: 1,
      eventId: post.headers['x-webhook-id'],
      lastStatusCode: 204,
      status: 'delivered',
    })
    expect(delivery?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, durationMs: expect.any(Number), error: null, outcome: 'delivered', statusCode: 204 }),
    ])
  })

  it('sends nothing for submit or request changes, and nothing for a rolled-back approval', async () => {
    const { receiver } = await subscribe(['article.approved', 'article.retired'], always(200))
    const article = await articleInReview()
    await transition(article.id, reviewer, 'request_changes', 'Cite the trial.')

    const again = await articleInReview()
    const req = await createLocalReq({ user: { ...reviewer, collection: 'users' } }, payload)
    await initTransaction(req)
    await performTransition({ body: { action: 'approve', attestation: true }, id: again.id, options, req })
    await killTransaction(req)

    const live = await payload.findByID({ collection: 'articles', draft: true, id: again.id, overrideAccess: true })
    expect(live.status).toBe('in_review')
    expect(await deliveriesOf({ subject: { in: [`articles:${article.id}`, `articles:${again.id}`] } })).toEqual([])
    await drain()
    expect(receiver.received).toEqual([])
  })

  it('retries after a 500 with the same event id, after the backoff, and succeeds', async () => {
    const { receiver, secret, webhook } = await subscribe(['article.approved'], (n) => ({ status: n === 0 ? 500 : 200 }))
    const article = await articleInReview()
    await transition(article.id, reviewer, 'approve')
    const before = Date.now()
    await drain()

    expect(receiver.received).toHaveLength(1)
    const [delivery] = await deliveriesOf({ webhook: { equals: webhook.id } })
    if (!delivery) throw new Error('no delivery')
    expect(delivery).toMatchObject({ attemptCount: 1, lastError: 'HTTP 500', lastStatusCode: 500, status: 'retrying' })
    // The second try waits the first backoff step (4 minutes): not due yet, so a run leaves it.
    const waiting = (await jobsOf(delivery.id)).filter((job) => !job.completedAt)
    expect(waiting).toHaveLength(1)
    const due = new Date(String(waiting[0]?.waitUntil)).getTime()
    expect(due - before).toBeGreaterThanOrEqual(options.webhooks.firstRetryDelayMs - 1000)
    expect(due - before).toBeLessThan(options.webhooks.firstRetryDelayMs + 60_000)
    expect(new Date(String(delivery.nextAttemptAt)).getTime()).toBe(due)
    await drain()
    expect(receiver.received).toHaveLength(1)

    // Its time come (run by id: the test does not wait four minutes), the retry delivers.
    await payload.jobs.runByID({ id: waiting[0]!.id, silent: true })
    expect(receiver.received).toHaveLength(2)
    const [first, second] = receiver.received
    expect(second?.headers['x-webhook-id']).toBe(first?.headers['x-webhook-id'])
    expect(second?.body).toBe(first?.body)
    for (const post of receiver.received) expectSigned(post, secret)
    const done = await payload.findByID({ collection: 'webhook-deliveries', id: delivery.id, overrideAccess: true })
    expect(done).toMatchObject({ attemptCount: 2, lastStatusCode: 200, nextAttemptAt: null, status: 'delivered' })
    expect(done.attempts?.map((attempt) => [attempt.attempt, attempt.statusCode, attempt.outcome])).toEqual([
      [1, 500, 'failed'],
      [2, 200, 'delivered'],
    ])
  })

  it('gives up on a receiver that does not answer within the timeout, and records why', async () => {
    const { receiver, webhook } = await subscribe(['article.approved'], () => 'hang')
    const article = await articleInReview()
    await transition(article.id, reviewer, 'approve')
    const started = Date.now()
    await drain()
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(receiver.received).toHaveLength(1)
    const [delivery] = await deliveriesOf({ webhook: { equals: webhook.id } })
    expect(delivery).toMatchObject({ attemptCount: 1, lastError: 'No answer within 1000 ms', lastStatusCode: null, status: 'retrying' })
    expect(delivery?.attempts?.[0]?.durationMs).toBeGreaterThanOrEqual(900)
  })

  it('pauses a webhook whose receiver answers 410 Gone, with the reason, and sends it nothing more', async () => {
    const { receiver, webhook } = await subscribe(['article.approved', 'article.retired'], always(410))
    const article = await articleInReview()
    await transition(article.id, reviewer, 'approve')
    await drain()
    const paused = await payload.findByID({ collection: 'webhooks', id: webhook.id, overrideAccess: true })
    expect(paused).toMatchObject({ active: false, pausedReason: expect.stringMatching(/410 Gone/) })
    const [delivery] = await deliveriesOf({ webhook: { equals: webhook.id } })
    expect(delivery).toMatchObject({ attemptCount: 1, lastStatusCode: 410, status: 'failed' })

    await transition(article.id, reviewer, 'retire')
    await drain()
    expect(receiver.received).toHaveLength(1)
    expect(await deliveriesOf({ webhook: { equals: webhook.id } })).toHaveLength(1)

    // Ticking Active again resumes it and clears the reason.
    const resumed = await payload.update({ collection: 'webhooks', data: { active: true }, id: webhook.id, overrideAccess: false, user: admin })
    expect(resumed).toMatchObject({ active: true, pausedReason: null })
  })

  it('pauses a webhook after the last of its tries fails', async () => {
    const { webhook } = await subscribe(['article.approved'], always(503))
    const article = await articleInReview()
    await transition(article.id, reviewer, 'approve')
    await drain()
    const [delivery] = await deliveriesOf({ webhook: { equals: webhook.id } })
    if (!delivery) throw new Error('no delivery')
    for (let attempt = 2; attempt <= options.webhooks.attempts; attempt += 1) {
      const next = (await jobsOf(delivery.id)).find((job) => !job.completedAt)
      if (!next) throw new Error(`no job for try ${attempt}`)
      await payload.jobs.runByID({ id: next.id, silent: true })
    }
    const failed = await payload.findByID({ collection: 'webhook-deliveries', id: delivery.id, overrideAccess: true })
    expect(failed).toMatchObject({ attemptCount: 5, status: 'failed' })
    expect(failed.attempts).toHaveLength(5)
    expect((await jobsOf(delivery.id)).filter((job) => !job.completedAt)).toEqual([])
    const paused = await payload.findByID({ collection: 'webhooks', id: webhook.id, overrideAccess: true })
    expect(paused).toMatchObject({ active: false, pausedReason: '5 tries failed; the last: HTTP 503' })
  })

  it('keeps the order of one article’s events, even when the first is slow', async () => {
    const { receiver } = await subscribe(['article.approved', 'article.retired'], (n) => ({ delayMs: n === 0 ? 400 : 0, status: 200 }))
    const article = await articleInReview()
    await transition(article.id, reviewer, 'approve')
    await transition(article.id, reviewer, 'retire')

    // One run takes both jobs at once: the retirement finds the approval on its way and waits.
    await payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true })
    const [approval, retirement] = await deliveriesOf({ subject: { equals: `articles:${article.id}` } })
    expect(approval).toMatchObject({ event: 'article.approved', status: 'delivered' })
    expect(retirement).toMatchObject({ attemptCount: 0, event: 'article.retired', status: 'pending' })
    expect(receiver.received).toHaveLength(1)

    await drain()
    expect(receiver.received.map((post) => post.headers['x-webhook-event'])).toEqual(['article.approved', 'article.retired'])
  })

  it('delivers each event id exactly once, with two runners at once and a job run again', async () => {
    const { receiver } = await subscribe(['article.approved'], () => ({ delayMs: 50, status: 200 }))
    const articles = await Promise.all([articleInReview(), articleInReview(), articleInReview()])
    for (const article of articles) await transition(article.id, reviewer, 'approve')
    const queued = await deliveriesOf({ subject: { in: articles.map((article) => `articles:${article.id}`) } })
    expect(queued).toHaveLength(3)

    // Two app instances' runners picking up the same jobs in the same instant. Payload's runner
    // claims a job with a read and then a write, so both may run one job; the loser's own
    // bookkeeping can then fail on a job row the winner has deleted (a TypeError inside
    // payload.jobs.run). What matters here is what the receiver gets.
    await Promise.allSettled([
      payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true }),
      payload.jobs.run({ limit: 50, queue: WEBHOOK_QUEUE, silent: true }),
    ])
    await drain()
    // A try made once more (a crashed runner's job, restarted) sends nothing new.
    for (const delivery of queued) {
      const req = await createLocalReq({}, payload)
      expect(await deliverOnce({ attempt: 1, deliveryId: delivery.id, options, req })).toBe('taken')
    }
    const ids = receiver.received.map((post) => post.headers['x-webhook-id'])
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(3)
    expect(new Set(ids)).toEqual(new Set(queued.map((delivery) => delivery.eventId)))
  })

  it('announces glossary and source changes', async () => {
    const { receiver, secret } = await subscribe(['glossary.changed', 'source.changed'], always(200))
    const term = await payload.create({ collection: 'glossary-terms', data: { nciId: nciIdForTest(), term: 'tumor' } })
    const source = await createSource(payload, { homeUrl: 'https://www.cancer.gov' })
    await drain()
    const bodies = receiver.received.map((post) => JSON.parse(post.body) as Record<string, unknown>)
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'glossary.changed', id: term.id, language: 'en', title: 'tumor' }),
        expect.objectContaining({ event: 'source.changed', id: source.id, title: source.label, url: 'https://www.cancer.gov' }),
      ]),
    )
    for (const post of receiver.received) expectSigned(post, secret)
  })

  it('sends a test event from the admin action, also to a paused webhook, without retries', async () => {
    const { receiver, secret, webhook } = await subscribe(['article.approved'], always(200))
    await payload.update({ collection: 'webhooks', data: { active: false }, id: webhook.id, overrideAccess: true })
    const endpoint = payload.collections.webhooks.config.endpoints
    const test = Array.isArray(endpoint) ? endpoint.find((item) => item.path === '/:id/test') : undefined
    if (!test) throw new Error('no test endpoint')

    const req = await createLocalReq({ user: { ...admin, collection: 'users' } }, payload)
    req.routeParams = { id: String(webhook.id) }
    const response = await test.handler(req)
    const answer = (await response.json()) as { delivery: WebhookDelivery; message: string }
    expect(response.status).toBe(200)
    expect(answer.message).toMatch(/^Delivered: the receiver answered 200 in \d+ ms\.$/)
    expect(answer.delivery).toMatchObject({ attemptCount: 1, event: 'webhook.test', status: 'delivered' })
    expect(receiver.received).toHaveLength(1)
    expectSigned(receiver.received[0]!, secret)

    const editorReq = await createLocalReq({ user: { ...editor, collection: 'users' } }, payload)
    editorReq.routeParams = { id: String(webhook.id) }
    await expect(test.handler(editorReq)).rejects.toThrow(/not allowed/i)
  })
})

describe('the address check at delivery time', () => {
  const lookup = (allowed: string[], all: boolean) =>
    new Promise<{ addresses: unknown; error: Error | null }>((resolve) =>
      guardedLookup(allowed)('localhost', { all }, (error, addresses) => resolve({ addresses, error })),
    )

  it('refuses a name that resolves to a loopback address, unless the name is allowed', async () => {
    const refused = await lookup([], true)
    expect(refused.error?.message).toMatch(/^localhost resolves to .* loopback address: not allowed\.$/)
    const allowed = await lookup(['localhost'], true)
    expect(allowed.error).toBeNull()
    expect(allowed.addresses).toEqual(expect.arrayContaining([expect.objectContaining({ address: expect.any(String) })]))
    expect((await lookup(['localhost'], false)).addresses).toEqual(expect.any(String))
  })

  it('refuses before connecting: an IP literal not allowed, a policy the URL fails', async () => {
    const receiver = await startReceiver(always(200))
    receivers.push(receiver)
    const send = (url: string, allowedHosts: string[]) =>
      sendSigned({ allowedHosts, body: '{}', headers: {}, timeoutMs: 1000, url })
    expect(await send(receiver.url, [])).toMatchObject({ error: expect.stringMatching(/http is allowed only/), statusCode: null })
    expect(await send(receiver.url.replace('http:', 'https:'), [])).toMatchObject({
      error: expect.stringMatching(/loopback/),
      statusCode: null,
    })
    expect(await send(receiver.url, ['127.0.0.1'])).toMatchObject({ error: null, statusCode: 200 })
    expect(receiver.received).toHaveLength(1)
  })
})
