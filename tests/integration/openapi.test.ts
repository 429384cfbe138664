import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Payload } from 'payload'

import type { Article, GlossaryTerm, Source, User } from '../../payload-types.js'
import { sanitizeOptions } from '../../rules/options.js'
import type { JsonSchema } from '../../rules/openApiSchema.js'

// A receiver on 127.0.0.1 for the webhook test action, as a development receiver.
process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1'

const { bootPayload, createUser, shutdownPayload, tokenOf } = await import('../helpers/payload.js')
const { rest } = await import('../helpers/api.js')
const { createActiveArticle, createDraftArticle, createSource, nciIdForTest, unique } = await import('../helpers/fixtures.js')
const { createArticleEndpoints } = await import('../../src/endpoints/articleEndpoints.js')
const { createGlossaryEndpoints } = await import('../../src/endpoints/glossaryEndpoints.js')
const { createWebhookEndpoints } = await import('../../src/webhooks/webhookEndpoints.js')

type Method = 'DELETE' | 'GET' | 'PATCH' | 'POST'

let payload: Payload
let document: JsonSchema & { components: JsonSchema; paths: Record<string, Record<string, JsonSchema>> }
const tokens: Record<'admin' | 'editor' | 'reviewer', string> = { admin: '', editor: '', reviewer: '' }
let article: Article
let term: GlossaryTerm
let source: Source
let receiver: http.Server
let receiverUrl: string

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })

/** The schema an operation documents for a status, with `$ref`s to responses resolved. */
const documentedSchema = (path: string, method: Method, status: number): JsonSchema => {
  const operation = document.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, JsonSchema> } | undefined
  if (!operation) throw new Error(`${method} ${path} is not documented`)
  let response = operation.responses?.[String(status)]
  if (!response) throw new Error(`${method} ${path} does not document ${status}`)
  if (typeof response.$ref === 'string') {
    const name = response.$ref.split('/').pop() ?? ''
    response = (document.components.responses as Record<string, JsonSchema>)[name]
  }
  const content = response?.content as Record<string, { schema: JsonSchema }> | undefined
  const schema = content?.['application/json']?.schema
  if (!schema) throw new Error(`${method} ${path} ${status} has no JSON schema`)
  return schema
}

/** Calls the API as a web app would and checks the answer against the documented schema. */
const checkLive = async (
  method: Method,
  documented: string,
  actual: string,
  { body, status = 200, token }: { body?: unknown; status?: number; token?: string } = {},
) => {
  const answer = await rest(method, actual, { body, token })
  expect({ route: `${method} ${actual}`, status: answer.status }).toEqual({ route: `${method} ${actual}`, status })
  const validate = ajv.compile({ ...documentedSchema(documented, method, status), components: document.components })
  const valid = validate(answer.body)
  expect({ errors: validate.errors ?? [], route: `${method} ${actual}` }).toEqual({ errors: [], route: `${method} ${actual}` })
  expect(valid).toBe(true)
  return answer
}

beforeAll(async () => {
  payload = await bootPayload()
  const users: Record<string, User> = {
    admin: await createUser(payload, 'admin'),
    editor: await createUser(payload, 'editor'),
    reviewer: await createUser(payload, 'reviewer'),
  }
  for (const role of ['admin', 'editor', 'reviewer'] as const) tokens[role] = await tokenOf(payload, users[role]!)
  source = await createSource(payload, { homeUrl: 'https://www.cancer.gov', tierKey: 'nci_core', tierRank: 2 })
  article = await createActiveArticle(payload, { cancerTypes: ['breast'], tags: ['screening'], title: `Mammogram screening ${unique()}` })
  term = await payload.create({ collection: 'glossary-terms', data: { aliases: ['neoplasm'], nciId: nciIdForTest(), term: 'tumour' } })
  receiver = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(204).end())
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  const answer = await rest<typeof document>('GET', '/openapi.json')
  expect(answer.status).toBe(200)
  document = answer.body
})

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
  await shutdownPayload(payload)
})

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0')
    const result = await new Validator().validate(structuredClone(document))
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('documents every custom endpoint of the plugin, and the collections web apps read', () => {
    const options = sanitizeOptions()
    const custom = [
      ...createArticleEndpoints(options).map((endpoint) => ({ endpoint, slug: 'articles' })),
      ...createGlossaryEndpoints(options).map((endpoint) => ({ endpoint, slug: 'glossary-terms' })),
      ...createWebhookEndpoints(options).map((endpoint) => ({ endpoint, slug: 'webhooks' })),
    ]
    expect(custom.length).toBeGreaterThanOrEqual(8)
    for (const { endpoint, slug } of custom) {
      const path = `/${slug}${endpoint.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`
      expect({ method: endpoint.method, path, documented: Boolean(document.paths[path]?.[endpoint.method]) }).toEqual({
        documented: true,
        method: endpoint.method,
        path,
      })
    }
    for (const slug of ['articles', 'glossary-terms', 'sources']) {
      const list = document.paths[`/${slug}`]?.get as { parameters: { name: string }[] }
      expect(list.parameters.map((parameter) => parameter.name)).toEqual(['where', 'select', 'sort', 'limit', 'page', 'depth', 'draft'])
      expect(document.paths[`/${slug}/{id}`]?.get).toBeDefined()
    }
  })

  it('derives schemas from the fields and from the zod schemas', () => {
    const schemas = document.components.schemas as Record<string, { properties: Record<string, JsonSchema> }>
    const articleProps = schemas.Articles?.properties ?? {}
    expect(articleProps.audienceLevel).toEqual({ enum: ['patient', 'caregiver', 'clinician', 'researcher'], type: 'string' })
    expect(articleProps.lastReviewed).toMatchObject({ anyOf: [{ format: 'date-time', type: 'string' }, { type: 'null' }] })
    // A relationship: the id at depth 0, the populated document deeper, or nothing.
    expect(articleProps.source).toEqual({
      anyOf: [{ anyOf: [{ type: 'integer' }, { $ref: '#/components/schemas/Sources' }] }, { type: 'null' }],
      description: 'The publishing organisation.',
    })
    expect(Object.keys(articleProps)).toEqual(expect.arrayContaining(['citationText', 'citationCsl', 'jsonLd', 'reviewState', 'nextReviewDue']))
    expect(schemas.GlossaryTerms?.properties.nciId).toBeDefined()
    expect(Object.keys(schemas.WebhookDeliveries?.properties ?? {})).toEqual(
      expect.arrayContaining(['event', 'eventId', 'status', 'attempts', 'lastStatusCode']),
    )
    const search = document.paths['/articles/search']?.get as { parameters: { name: string; required: boolean; schema: JsonSchema }[] }
    expect(search.parameters.find((parameter) => parameter.name === 'q')).toEqual({
      in: 'query',
      name: 'q',
      required: true,
      schema: { maxLength: 200, minLength: 1, type: 'string' },
    })
    const workflow = document.paths['/articles/{id}/workflow']?.post as { requestBody: { content: Record<string, { schema: JsonSchema }> } }
    expect(workflow.requestBody.content['application/json']?.schema).toMatchObject({
      properties: { action: { enum: ['submit', 'approve', 'request_changes', 'reaffirm', 'retire'] } },
      required: ['action'],
    })
    expect(Object.keys(document.components.securitySchemes as object).sort()).toEqual(['ApiKey', 'JWT'])
    const list = document.paths['/articles']?.get as { responses: Record<string, { headers?: object }> }
    expect(Object.keys(list.responses['200']?.headers ?? {})).toEqual(['Cache-Control', 'ETag'])
  })
})

describe('live answers match the document', () => {
  it('collection reads, anonymous and staff', async () => {
    await checkLive('GET', '/articles', '/articles?where[cancerTypes][equals]=breast&sort=title&limit=5&page=1')
    await checkLive('GET', '/articles', '/articles?select[title]=true&select[url]=true')
    await checkLive('GET', '/articles', '/articles?depth=1&limit=3', { token: tokens.editor })
    await checkLive('GET', '/articles/{id}', `/articles/${article.id}`)
    await checkLive('GET', '/articles/{id}', `/articles/${article.id}?depth=2`, { token: tokens.reviewer })
    await checkLive('GET', '/glossary-terms', '/glossary-terms?limit=5')
    await checkLive('GET', '/glossary-terms/{id}', `/glossary-terms/${term.id}`)
    await checkLive('GET', '/sources', '/sources?where[tierRank][less_than_equal]=2')
    await checkLive('GET', '/sources/{id}', `/sources/${source.id}`)
    await checkLive('GET', '/articles/{id}', '/articles/999999999', { status: 404 })
  })

  it('the custom delivery endpoints', async () => {
    const hits = await checkLive('GET', '/articles/search', '/articles/search?q=mammogram&language=en')
    expect((hits.body as { totalDocs: number }).totalDocs).toBeGreaterThanOrEqual(1)
    await checkLive('GET', '/articles/search', '/articles/search', { status: 400 })
    await checkLive('GET', '/articles/page', `/articles/page?url=${encodeURIComponent(article.url)}`)
    await checkLive('GET', '/articles/{id}/page', `/articles/${article.id}/page`)
    await checkLive('GET', '/articles/page', '/articles/page?url=https%3A%2F%2Fexample.org%2Fnone', { status: 404 })
    const lookup = await checkLive('GET', '/glossary-terms/lookup', '/glossary-terms/lookup?name=Tumour')
    expect((lookup.body as { docs: unknown[] }).docs).toHaveLength(1)
    await checkLive('GET', '/glossary-terms/lookup', '/glossary-terms/lookup', { status: 400 })
  })

  it('the workflow, the review queue and the sweep, with their errors', async () => {
    // Complete enough to be submitted: submit checks what an approval will need.
    const citedBy = await createSource(payload)
    const draft = await createDraftArticle(payload, {
      citation: `${citedBy.label}, ${new Date().getUTCFullYear()}`,
      license: 'public_domain',
      source: citedBy.id,
    })
    await checkLive('POST', '/articles/{id}/workflow', `/articles/${draft.id}/workflow`, { body: { action: 'submit' }, token: tokens.editor })
    await checkLive('POST', '/articles/{id}/workflow', `/articles/${draft.id}/workflow`, {
      body: { action: 'retire' },
      status: 409,
      token: tokens.reviewer,
    })
    await checkLive('POST', '/articles/{id}/workflow', `/articles/${draft.id}/workflow`, { body: { action: 'publish' }, status: 400, token: tokens.editor })
    await checkLive('POST', '/articles/{id}/workflow', `/articles/${draft.id}/workflow`, { body: { action: 'submit' }, status: 401 })
    await checkLive('GET', '/articles/review-queue', '/articles/review-queue', { token: tokens.reviewer })
    await checkLive('POST', '/articles/review-sweep', '/articles/review-sweep', { token: tokens.reviewer })
    await checkLive('POST', '/articles/review-sweep', '/articles/review-sweep', { status: 403, token: tokens.editor })
  })

  it('writes, the webhooks and their test action', async () => {
    const created = await checkLive('POST', '/sources', '/sources', { body: { label: `S${unique()}`, name: 'Source' }, status: 201, token: tokens.editor })
    const id = (created.body as { doc: { id: number } }).doc.id
    await checkLive('PATCH', '/sources/{id}', `/sources/${id}`, { body: { name: 'Renamed' }, token: tokens.editor })
    await checkLive('POST', '/sources', '/sources', { body: { homeUrl: 'not a url', label: `S${unique()}` }, status: 400, token: tokens.editor })
    await checkLive('DELETE', '/sources/{id}', `/sources/${id}`, { token: tokens.admin })

    const webhook = await checkLive('POST', '/webhooks', '/webhooks', {
      body: { events: ['article.approved'], url: receiverUrl },
      status: 201,
      token: tokens.admin,
    })
    const webhookId = (webhook.body as { doc: { id: number; secret: string } }).doc.id
    expect((webhook.body as { doc: { secret: string } }).doc.secret).toMatch(/^whsec_/)
    await checkLive('GET', '/webhooks', '/webhooks', { token: tokens.admin })
    await checkLive('GET', '/webhooks', '/webhooks', { status: 403, token: tokens.editor })
    const test = await checkLive('POST', '/webhooks/{id}/test', `/webhooks/${webhookId}/test`, { token: tokens.admin })
    expect((test.body as { delivery: { status: string } }).delivery.status).toBe('delivered')
    await checkLive('GET', '/webhook-deliveries', `/webhook-deliveries?where[webhook][equals]=${webhookId}`, { token: tokens.admin })
    await checkLive('PATCH', '/webhooks/{id}', `/webhooks/${webhookId}`, { body: { active: false }, token: tokens.admin })
  })
})
