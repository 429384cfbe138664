import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'

import type { Article, WebhookDelivery } from '../../payload-types.js'
import { verifyWebhook } from '../../rules/webhooks.js'
import { articleFields, unique } from '../helpers/fixtures.js'
import {
  api,
  BASE_URL,
  type BrowserSession,
  createTeam,
  launchChromium,
  signIn,
  type TestUser,
  waitForText,
  withFailureScreenshots,
} from './helpers/app.js'

/**
 * Webhooks and the OpenAPI document against the production build over real HTTP: an approval
 * reaches a receiver on 127.0.0.1 as one signed POST within seconds (the app's own jobs runner
 * works the queue), the admin's "send test event" button delivers, and the document at
 * /api/openapi.json validates and describes what the server really answers.
 */

interface Post {
  body: string
  headers: http.IncomingHttpHeaders
}

let team: { admin: TestUser; editor: TestUser; reviewer: TestUser }
let server: http.Server
let receiverUrl: string
const posts: Post[] = []
const waiters: (() => void)[] = []

/** Resolves when the receiver holds `count` posts; fails after `ms`. */
const postsArrive = (count: number, ms: number) =>
  new Promise<number>((resolve, reject) => {
    const started = Date.now()
    const check = () => {
      if (posts.length < count) return false
      resolve(Date.now() - started)
      return true
    }
    if (check()) return
    const timer = setTimeout(() => reject(new Error(`${posts.length} of ${count} posts within ${ms} ms`)), ms)
    waiters.push(() => {
      if (check()) clearTimeout(timer)
    })
  })

beforeAll(async () => {
  team = await createTeam()
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      posts.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers })
      response.writeHead(200).end('ok')
      for (const wake of waiters.splice(0)) wake()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cms-hook`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

it('an approval reaches the receiver as one signed POST within seconds', async () => {
  const { doc: webhook } = await api<{ doc: { id: number; secret: string } }>('POST', '/webhooks', {
    body: { events: ['article.approved'], url: receiverUrl },
    expect: 201,
    token: team.admin.token,
  })
  expect(webhook.secret).toMatch(/^whsec_/)
  const read = await api<Record<string, unknown>>('GET', `/webhooks/${webhook.id}`, { token: team.admin.token })
  expect(read).not.toHaveProperty('secret')

  const label = `WH${unique()}`
  const { doc: source } = await api<{ doc: { id: number } }>('POST', '/sources', {
    body: { homeUrl: 'https://www.cancer.gov', label, name: 'Webhook source' },
    expect: 201,
    token: team.editor.token,
  })
  const year = new Date().getUTCFullYear()
  const { doc: article } = await api<{ doc: Article }>('POST', '/articles', {
    body: articleFields({
      citation: `${label}, ${year}`,
      license: 'public_domain',
      reviewFrequency: 'annual',
      source: source.id,
      title: `Webhook article ${unique()}`,
      url: `https://www.cancer.gov/e2e/webhook-${unique()}`,
    }),
    expect: 201,
    token: team.editor.token,
  })
  await api('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit' }, token: team.editor.token })
  const before = posts.length
  await api('POST', `/articles/${article.id}/workflow`, { body: { action: 'approve', attestation: true }, token: team.reviewer.token })

  const waited = await postsArrive(before + 1, 30_000)
  console.log(`[webhooks.e2e] the signed POST arrived ${waited} ms after the approval`)
  const mine = posts.filter((post) => (JSON.parse(post.body) as { id: number }).id === article.id)
  expect(mine).toHaveLength(1)
  const [post] = mine
  if (!post) throw new Error('no post')
  expect(
    verifyWebhook({
      body: post.body,
      secret: webhook.secret,
      signature: String(post.headers['x-webhook-signature']),
      timestamp: String(post.headers['x-webhook-timestamp']),
    }),
  ).toBeNull()
  expect(JSON.parse(post.body)).toMatchObject({ event: 'article.approved', id: article.id, title: article.title, url: article.url })

  // The try is visible to admins, once its record is written (just after the answer arrived).
  const deliveries = () =>
    api<{ docs: WebhookDelivery[] }>('GET', `/webhook-deliveries?where[webhook][equals]=${webhook.id}&depth=0`, {
      token: team.admin.token,
    })
  let { docs } = await deliveries()
  for (let tries = 0; tries < 50 && docs[0]?.status === 'sending'; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    ;({ docs } = await deliveries())
  }
  expect(docs).toEqual([
    expect.objectContaining({
      attemptCount: 1,
      attempts: [expect.objectContaining({ attempt: 1, outcome: 'delivered', statusCode: 200 })],
      eventId: post.headers['x-webhook-id'],
      status: 'delivered',
    }),
  ])
  await api('PATCH', `/webhooks/${webhook.id}`, { body: { active: false }, token: team.admin.token })
})

it('the admin sends a test event with the button in the webhook view', async () => {
  const { doc: webhook } = await api<{ doc: { id: number } }>('POST', '/webhooks', {
    body: { description: 'button test', events: ['source.changed'], url: receiverUrl },
    expect: 201,
    token: team.admin.token,
  })
  let session: BrowserSession | undefined
  try {
    session = await launchChromium()
    const admin = await signIn(session.browser, team.admin)
    await withFailureScreenshots({ admin: admin.page }, async () => {
      const before = posts.length
      await admin.page.goto(`/admin/collections/webhooks/${webhook.id}`)
      await admin.page.getByTestId('send-test-event').getByRole('button', { name: 'Send test event' }).click()
      await waitForText(admin.page.getByTestId('send-test-event-result'), /^Delivered: the receiver answered 200 in \d+ ms\.$/)
      expect(posts.length).toBe(before + 1)
      expect(posts.at(-1)?.headers['x-webhook-event']).toBe('webhook.test')
    })
  } finally {
    await session?.close()
    await api('PATCH', `/webhooks/${webhook.id}`, { body: { active: false }, token: team.admin.token })
  }
})

it('GET /api/openapi.json validates and describes the live answers', async () => {
  const response = await fetch(`${BASE_URL}/api/openapi.json`)
  expect(response.status).toBe(200)
  const document = (await response.json()) as {
    components: Record<string, unknown>
    paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>>
    servers: { url: string }[]
  }
  const result = await new Validator().validate(structuredClone(document))
  expect(result.errors ?? []).toEqual([])
  expect(document.servers[0]?.url).toMatch(/\/api$/)

  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  for (const [path, route] of [
    ['/articles', '/articles?limit=5&sort=-lastReviewed'],
    ['/glossary-terms', '/glossary-terms?limit=5'],
    ['/sources', '/sources?limit=5'],
  ] as const) {
    const answer = await fetch(`${BASE_URL}/api${route}`)
    expect(answer.headers.get('cache-control') ?? '').toMatch(path === '/sources' ? /.*/ : /max-age=60/)
    const schema = document.paths[path]?.get?.responses['200']?.content['application/json']?.schema
    if (!schema) throw new Error(`no schema for ${path}`)
    const validate = ajv.compile({ ...schema, components: document.components })
    const body: unknown = await answer.json()
    expect({ errors: validate(body) ? [] : validate.errors, path }).toEqual({ errors: [], path })
  }
})
