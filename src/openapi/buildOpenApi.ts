import type { Endpoint, SanitizedCollectionConfig, SanitizedConfig } from 'payload'
import { z } from 'zod'

import type { SanitizedOptions } from '../../rules/options.js'
import { type JsonSchema, objectSchema } from '../../rules/openApiSchema.js'
import { QUEUE_FILTERS, QUEUE_MAX_PAGE, QUEUE_PAGE_SIZE, QUEUE_REASONS } from '../../rules/reviewQueueOrder.js'
import { workflowRequestSchema } from '../../rules/workflow.js'
import { assignmentRequestSchema } from '../workflow/assignReviewer.js'
import { evidenceCheckBodySchema } from '../trust/articleTrust.js'
import { EVIDENCE_STATUSES, LINKED_CHANGE_REASONS } from '../../rules/vocabulary.js'
import { glossaryLookupSchema } from '../search/lookupGlossary.js'
import { searchParamsSchema } from '../search/searchArticles.js'

/** The OpenAPI document's version of the REST surface. */
export const OPENAPI_VERSION = '3.1.0'

const componentName = (slug: string): string =>
  slug
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
const refOfSlug = (slug: string): string => `#/components/schemas/${componentName(slug)}`

/** A zod schema as JSON Schema 2020-12: what a client sends (`input`) or what it gets (`output`). */
const fromZod = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' })
  return json
}

/** Query parameters from an object schema of zod: one parameter per property. */
const queryParameters = (schema: z.ZodType): JsonSchema[] => {
  const json = fromZod(schema)
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((json.required as string[] | undefined) ?? [])
  return Object.entries(properties).map(([name, property]) => ({
    in: 'query',
    name,
    required: required.has(name),
    schema: property,
  }))
}

const json = (schema: JsonSchema, description: string): JsonSchema => ({
  content: { 'application/json': { schema } },
  description,
})

const CACHE_HEADERS = {
  'Cache-Control': {
    description: 'Anonymous reads: `public, max-age=60, stale-while-revalidate=600`.',
    schema: { type: 'string' },
  },
  ETag: { description: 'Anonymous reads: send it back as `If-None-Match` to get 304.', schema: { type: 'string' } },
}

const ok = (schema: JsonSchema, description = 'OK', cached = false): JsonSchema => ({
  ...json(schema, description),
  ...(cached ? { headers: CACHE_HEADERS } : {}),
})

/** The error answers every operation may give. */
const errors = (...codes: (400 | 401 | 403 | 404 | 409)[]): Record<string, JsonSchema> =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      { $ref: `#/components/responses/${{ 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict' }[code]}` },
    ]),
  )

const idParameter: JsonSchema = { in: 'path', name: 'id', required: true, schema: { type: 'integer' } }

// A version named by the changes summary, and a user as the review queue names them.
const versionRef: JsonSchema = {
  properties: { updatedAt: { type: 'string' }, versionId: { type: 'string' } },
  required: ['versionId', 'updatedAt'],
  type: ['object', 'null'],
}
const queueUser: JsonSchema = {
  properties: { id: { type: 'integer' }, name: { type: 'string' } },
  required: ['id', 'name'],
  type: ['object', 'null'],
}

/** The query parameters of Payload's collection reads. */
const READ_PARAMETERS: JsonSchema[] = [
  {
    description: 'Filter, e.g. `where[language][equals]=en` (Payload query syntax).',
    explode: true,
    in: 'query',
    name: 'where',
    schema: { type: 'object' },
    style: 'deepObject',
  },
  {
    description: 'Fields to answer, e.g. `select[title]=true`.',
    explode: true,
    in: 'query',
    name: 'select',
    schema: { type: 'object' },
    style: 'deepObject',
  },
  { description: 'Field to sort by; `-` for descending.', in: 'query', name: 'sort', schema: { type: 'string' } },
  { in: 'query', name: 'limit', schema: { minimum: 0, type: 'integer' } },
  { in: 'query', name: 'page', schema: { minimum: 1, type: 'integer' } },
  { description: 'How deep relationships are populated (0: ids only).', in: 'query', name: 'depth', schema: { minimum: 0, type: 'integer' } },
  { description: 'Staff: read working copies. Anonymous readers always get the published version.', in: 'query', name: 'draft', schema: { type: 'boolean' } },
]

const paginated = (item: JsonSchema): JsonSchema => ({
  properties: {
    docs: { items: item, type: 'array' },
    hasNextPage: { type: 'boolean' },
    hasPrevPage: { type: 'boolean' },
    limit: { type: 'integer' },
    nextPage: { type: ['integer', 'null'] },
    page: { type: 'integer' },
    pagingCounter: { type: 'integer' },
    prevPage: { type: ['integer', 'null'] },
    totalDocs: { type: 'integer' },
    totalPages: { type: 'integer' },
  },
  required: ['docs', 'totalDocs'],
  type: 'object',
})

const docAndMessage = (item: JsonSchema): JsonSchema => ({
  properties: { doc: item, message: { type: 'string' } },
  required: ['doc'],
  type: 'object',
})

/** A collection's document schema from its sanitized fields. */
const documentSchema = (collection: SanitizedCollectionConfig): JsonSchema => {
  const schema = objectSchema(collection.fields, refOfSlug)
  const properties = schema.properties as Record<string, JsonSchema>
  return { ...schema, properties: { id: { type: 'integer' }, ...properties }, required: ['id'] }
}

/** Paths of a collection's own REST operations: list, read, and the writes staff make. */
const collectionPaths = (slug: string, name: string, readCached: boolean): Record<string, Record<string, JsonSchema>> => ({
  [`/${slug}`]: {
    get: {
      operationId: `list${name}`,
      parameters: READ_PARAMETERS,
      responses: { '200': ok(paginated(ref(name)), 'A page of documents', readCached), ...errors(400, 403) },
      security: [{}, { JWT: [] }, { ApiKey: [] }],
      tags: [slug],
    },
    post: {
      operationId: `create${name}`,
      requestBody: { content: { 'application/json': { schema: ref(name) } }, required: true },
      responses: { '201': ok(docAndMessage(ref(name)), 'Created'), ...errors(400, 401, 403) },
      security: [{ JWT: [] }, { ApiKey: [] }],
      tags: [slug],
    },
  },
  [`/${slug}/{id}`]: {
    delete: {
      operationId: `delete${name}`,
      parameters: [idParameter],
      responses: { '200': ok(docAndMessage(ref(name)), 'Deleted'), ...errors(401, 403, 404) },
      security: [{ JWT: [] }, { ApiKey: [] }],
      tags: [slug],
    },
    get: {
      operationId: `get${name}`,
      parameters: [idParameter, ...READ_PARAMETERS.filter((parameter) => ['depth', 'draft', 'select'].includes(String(parameter.name)))],
      responses: { '200': ok(ref(name), 'The document', readCached), ...errors(403, 404) },
      security: [{}, { JWT: [] }, { ApiKey: [] }],
      tags: [slug],
    },
    patch: {
      operationId: `update${name}`,
      parameters: [idParameter],
      requestBody: { content: { 'application/json': { schema: ref(name) } }, required: true },
      responses: { '200': ok(docAndMessage(ref(name)), 'Updated'), ...errors(400, 401, 403, 404) },
      security: [{ JWT: [] }, { ApiKey: [] }],
      tags: [slug],
    },
  },
})

/** What the document says of one of the plugin's custom endpoints. */
interface EndpointDoc {
  operation: JsonSchema
}

/**
 * The plugin's custom endpoints, by collection key and `METHOD path`: their parameters and
 * request bodies come from the zod schemas the endpoints parse with; answers refer to the
 * collections' schemas.
 */
const customEndpointDocs = (options: SanitizedOptions, schemas: Record<string, JsonSchema>): Record<string, EndpointDoc> => {
  const { articles, glossaryTerms, webhooks } = options.collections
  const Article = ref(componentName(articles))
  const WebhookDelivery = ref(componentName(options.collections.webhookDeliveries))
  // A page answers the article's fields, with its source, body and glossary in page form.
  const articleProperties = (schemas[componentName(articles)]?.properties ?? {}) as Record<string, JsonSchema>
  // What readers can trust (src/trust): the changelog, linked versions, checked evidence.
  const pageLink: JsonSchema = {
    properties: {
      audienceLevel: { type: 'string' },
      id: { type: 'integer' },
      language: { type: 'string' },
      title: { type: 'string' },
      url: { type: 'string' },
    },
    required: ['id', 'title', 'url', 'audienceLevel', 'language'],
    type: 'object',
  }
  const checkedEvidence: JsonSchema = {
    properties: {
      checkedAt: { type: ['string', 'null'] },
      identifier: { type: ['string', 'null'] },
      kind: { type: 'string' },
      label: { type: ['string', 'null'] },
      status: { anyOf: [{ enum: [...EVIDENCE_STATUSES], type: 'string' }, { type: 'null' }] },
      url: { type: 'string' },
    },
    required: ['kind', 'url', 'status', 'checkedAt'],
    type: 'object',
  }
  const changeEntry: JsonSchema = {
    properties: { date: { type: 'string' }, note: { type: 'string' } },
    required: ['date', 'note'],
    type: 'object',
  }
  const linkedChange: JsonSchema = {
    properties: {
      article: { properties: { id: { type: 'integer' }, title: { type: 'string' } }, required: ['id', 'title'], type: 'object' },
      date: { type: ['string', 'null'] },
      links: { properties: { api: { type: 'string' }, compare: { type: ['string', 'null'] } }, required: ['api', 'compare'], type: 'object' },
      note: { type: 'string' },
    },
    required: ['article', 'date', 'note', 'links'],
    type: 'object',
  }
  const page: JsonSchema = {
    properties: {
      ...articleProperties,
      changes: { description: 'The changelog, newest first.', items: changeEntry, type: 'array' },
      counterparts: { description: 'The same topic for the other audience (approved ones only for anonymous readers).', items: pageLink, type: 'array' },
      evidence: { description: 'The evidence links, each with its last check (null until checked).', items: checkedEvidence, type: 'array' },
      translations: { description: 'The same article in other languages (approved ones only for anonymous readers).', items: pageLink, type: 'array' },
      bodyHtml: { type: 'string' },
      bodyText: { type: 'string' },
      glossary: {
        items: {
          properties: {
            definition: { anyOf: [{ type: 'object' }, { type: 'null' }] },
            id: { type: 'integer' },
            nciId: { type: 'string' },
            term: { type: 'string' },
          },
          required: ['id', 'nciId', 'term'],
          type: 'object',
        },
        type: 'array',
      },
      source: {
        anyOf: [
          {
            properties: { homeUrl: { type: ['string', 'null'] }, label: { type: 'string' }, name: { type: ['string', 'null'] } },
            type: 'object',
          },
          { type: 'null' },
        ],
      },
    },
    required: ['id', 'bodyHtml', 'bodyText', 'glossary', 'changes', 'counterparts', 'translations', 'evidence'],
    type: 'object',
  }
  return {
    [`${articles} GET /:id/trust`]: {
      operation: {
        parameters: [idParameter],
        responses: {
          '200': ok({
            properties: {
              broken: { type: 'integer' },
              evidence: {
                items: {
                  ...checkedEvidence,
                  properties: {
                    ...(checkedEvidence.properties as Record<string, JsonSchema>),
                    finalUrl: { type: ['string', 'null'] },
                    statusCode: { type: ['integer', 'null'] },
                  },
                },
                type: 'array',
              },
              notices: {
                items: {
                  ...linkedChange,
                  properties: {
                    ...(linkedChange.properties as Record<string, JsonSchema>),
                    reason: { enum: Object.values(LINKED_CHANGE_REASONS), type: 'string' },
                  },
                },
                type: 'array',
              },
            },
            required: ['broken', 'evidence', 'notices'],
            type: 'object',
          }),
          ...errors(400, 403, 404),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'The working copy’s checked evidence and the linked changes it waits for (staff)',
      },
    },
    [`${articles} POST /evidence-check`]: {
      operation: {
        requestBody: { content: { 'application/json': { schema: fromZod(evidenceCheckBodySchema) } }, required: false },
        responses: {
          '200': ok({
            properties: {
              checked: { type: 'integer' },
              counts: {
                properties: Object.fromEntries(EVIDENCE_STATUSES.map((status) => [status, { type: 'integer' }])),
                required: [...EVIDENCE_STATUSES],
                type: 'object',
              },
              links: { type: 'integer' },
            },
            required: ['checked', 'counts', 'links'],
            type: 'object',
          }),
          ...errors(400, 403),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'Run the evidence checker now: the links due today, or every link of one article',
      },
    },
    [`${articles} GET /search`]: {
      operation: {
        parameters: queryParameters(searchParamsSchema),
        responses: {
          '200': ok(
            {
              properties: {
                docs: {
                  items: {
                    properties: { article: Article, rank: { type: 'number' }, snippet: { type: 'string' } },
                    required: ['article', 'rank', 'snippet'],
                    type: 'object',
                  },
                  type: 'array',
                },
                limit: { type: 'integer' },
                moreMatches: {
                  description: 'More articles match than a search ranks (1,000 from each candidate set): totalDocs counts the ranked ones. Narrow the query.',
                  type: 'boolean',
                },
                page: { type: 'integer' },
                totalDocs: { type: 'integer' },
                totalPages: { type: 'integer' },
              },
              required: ['docs', 'totalDocs', 'page', 'limit', 'totalPages', 'moreMatches'],
              type: 'object',
            },
            'Ranked hits with HTML snippets (matches in <mark>)',
            true,
          ),
          ...errors(400),
        },
        summary: 'Full-text search of approved articles',
      },
    },
    [`${articles} GET /page`]: {
      operation: {
        parameters: [{ in: 'query', name: 'url', required: true, schema: { format: 'uri', type: 'string' } }],
        responses: { '200': ok(page, 'Everything an article page needs', true), ...errors(400, 404) },
        summary: 'An approved article as a page, by canonical URL',
      },
    },
    [`${articles} GET /:id/page`]: {
      operation: {
        parameters: [idParameter],
        responses: { '200': ok(page, 'Everything an article page needs', true), ...errors(400, 404) },
        summary: 'An approved article as a page, by id',
      },
    },
    [`${articles} POST /:id/workflow`]: {
      operation: {
        parameters: [idParameter],
        requestBody: { content: { 'application/json': { schema: fromZod(workflowRequestSchema) } }, required: true },
        responses: { '200': ok(docAndMessage(Article), 'The article after the transition'), ...errors(400, 401, 403, 404, 409) },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'Move an article through the review workflow',
      },
    },
    [`${articles} POST /:id/assignment`]: {
      operation: {
        parameters: [idParameter],
        requestBody: { content: { 'application/json': { schema: fromZod(assignmentRequestSchema) } }, required: true },
        responses: {
          '200': ok(
            docAndMessage({
              properties: {
                assignee: { type: ['integer', 'null'] },
                id: { type: 'integer' },
                status: { type: 'string' },
                submittedBy: { type: ['integer', 'null'] },
              },
              required: ['id', 'status', 'assignee', 'submittedBy'],
              type: 'object',
            }),
            'The workflow state of the article after the assignment',
          ),
          ...errors(400, 401, 403, 404, 409),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'Assign the reviewer of a submission waiting for review (null: unassign)',
      },
    },
    [`${articles} GET /:id/changes`]: {
      operation: {
        parameters: [idParameter],
        responses: {
          '200': ok({
            properties: {
              body: {
                items: {
                  properties: { op: { enum: ['equal', 'insert', 'delete'], type: 'string' }, text: { type: 'string' } },
                  required: ['op', 'text'],
                  type: 'object',
                },
                type: 'array',
              },
              changeNote: { type: ['string', 'null'] },
              fields: {
                items: { properties: { after: {}, before: {}, path: { type: 'string' } }, required: ['path'], type: 'object' },
                type: 'array',
              },
              pending: versionRef,
              published: versionRef,
              truncated: { type: 'boolean' },
            },
            required: ['fields', 'body', 'changeNote', 'published', 'pending', 'truncated'],
            type: 'object',
          }),
          ...errors(401, 403, 404),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'What the pending update changes against the live version (staff)',
      },
    },
    [`${articles} GET /review-queue`]: {
      operation: {
        parameters: [
          { in: 'query', name: 'filter', required: false, schema: { enum: [...QUEUE_FILTERS], type: 'string' } },
          { in: 'query', name: 'limit', required: false, schema: { default: QUEUE_PAGE_SIZE.default, maximum: QUEUE_PAGE_SIZE.max, minimum: 1, type: 'integer' } },
          { in: 'query', name: 'page', required: false, schema: { default: 1, maximum: QUEUE_MAX_PAGE, minimum: 1, type: 'integer' } },
        ],
        responses: {
          '200': ok({
            properties: {
              docs: {
                items: {
                  properties: {
                    assignee: queueUser,
                    changes: { description: 'counterpart_changed / translation_outdated: the changes to bring it in step with', items: linkedChange, type: 'array' },
                    evidence: {
                      description: 'evidence_broken: the broken links',
                      items: {
                        properties: { checkedAt: { type: 'string' }, statusCode: { type: ['integer', 'null'] }, url: { type: 'string' } },
                        required: ['url', 'checkedAt'],
                        type: 'object',
                      },
                      type: 'array',
                    },
                    id: { type: 'integer' },
                    nextReviewDue: { type: ['string', 'null'] },
                    reason: { enum: [...QUEUE_REASONS], type: 'string' },
                    since: { type: 'string' },
                    status: { type: 'string' },
                    submittedBy: queueUser,
                    title: { type: 'string' },
                  },
                  required: ['id', 'reason', 'since', 'status', 'title', 'assignee', 'submittedBy'],
                  type: 'object',
                },
                type: 'array',
              },
              hasNextPage: { type: 'boolean' },
              hasPrevPage: { type: 'boolean' },
              limit: { type: 'integer' },
              page: { type: 'integer' },
              totalDocs: { type: 'integer' },
              totalPages: { type: 'integer' },
            },
            required: ['docs', 'totalDocs', 'limit', 'page', 'totalPages', 'hasNextPage', 'hasPrevPage'],
            type: 'object',
          }),
          ...errors(400, 401, 403),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'The reviewers’ queue, a page at a time: awaiting decision, linked version changed, source changed, evidence broken, overdue, due soon',
      },
    },
    [`${articles} POST /review-sweep`]: {
      operation: {
        responses: {
          '200': ok({
            properties: {
              changed: { type: 'integer' },
              checked: { type: 'integer' },
              dueSoon: { items: { type: ['integer', 'string'] }, type: 'array' },
              overdue: { items: { type: ['integer', 'string'] }, type: 'array' },
              today: { type: 'string' },
            },
            required: ['checked', 'changed', 'today'],
            type: 'object',
          }),
          ...errors(401, 403),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'Run the review sweep now',
      },
    },
    [`${glossaryTerms} GET /lookup`]: {
      operation: {
        parameters: queryParameters(glossaryLookupSchema),
        responses: {
          '200': ok(
            {
              properties: {
                docs: {
                  items: {
                    properties: {
                      definitions: { type: 'array' },
                      id: { type: 'integer' },
                      nciId: { type: 'string' },
                      needsDefinition: { type: 'boolean' },
                      otherLanguages: { type: 'array' },
                      term: { type: 'string' },
                      usedBy: {
                        items: {
                          properties: { id: { type: 'integer' }, title: { type: 'string' }, url: { type: 'string' } },
                          type: 'object',
                        },
                        type: 'array',
                      },
                    },
                    required: ['id', 'nciId', 'term'],
                    type: 'object',
                  },
                  type: 'array',
                },
              },
              required: ['docs'],
              type: 'object',
            },
            'Matching terms with their definitions',
            true,
          ),
          ...errors(400),
        },
        summary: 'Glossary term by NCI id, name or prefix (case- and accent-insensitive)',
      },
    },
    [`${webhooks} POST /:id/test`]: {
      operation: {
        parameters: [idParameter],
        responses: {
          '200': ok({ properties: { delivery: WebhookDelivery, message: { type: 'string' } }, required: ['delivery', 'message'], type: 'object' }),
          ...errors(400, 401, 403, 404),
        },
        security: [{ JWT: [] }, { ApiKey: [] }],
        summary: 'Send a signed test event to this webhook now (admins)',
      },
    },
  }
}

/** `/:id/page` → `/{id}/page` */
const openApiPath = (path: string): string => path.replace(/:([A-Za-z_]+)/g, '{$1}')

/** Collections a web app reads, and the ones it manages (webhooks) or inspects. */
const documentedCollections = (options: SanitizedOptions) => [
  { cached: true, slug: options.collections.articles },
  { cached: true, slug: options.collections.glossaryTerms },
  { cached: false, slug: options.collections.sources },
  { cached: false, slug: options.collections.webhooks },
  { cached: false, slug: options.collections.webhookDeliveries },
]

/**
 * The OpenAPI 3.1 document of the plugin's REST surface, built from the sanitized config: the
 * document schemas from the collections' fields, the custom endpoints found on the collections
 * (their parameters from the zod schemas they parse with), the error shapes, the JWT and API-key
 * security schemes and the caching headers of anonymous reads.
 */
export const buildOpenApi = ({
  config,
  options,
  serverUrl,
}: {
  config: SanitizedConfig
  options: SanitizedOptions
  serverUrl: string
}): JsonSchema => {
  const schemas: Record<string, JsonSchema> = {}
  const paths: Record<string, Record<string, JsonSchema>> = {}
  const documented = documentedCollections(options).flatMap(({ cached, slug }) => {
    const collection = config.collections.find((candidate) => candidate.slug === slug)
    return collection ? [{ cached, collection, slug }] : []
  })
  for (const { collection, slug } of documented) schemas[componentName(slug)] = documentSchema(collection)
  const docs = customEndpointDocs(options, schemas)
  for (const { cached, collection, slug } of documented) {
    const name = componentName(slug)
    const endpoints: Endpoint[] = Array.isArray(collection.endpoints) ? collection.endpoints : []
    for (const endpoint of endpoints) {
      const key = `${slug} ${endpoint.method.toUpperCase()} ${endpoint.path}`
      const doc = docs[key]
      // Payload's own endpoints (versions, access…) and the host's are not described here.
      if (!doc) continue
      const path = `/${slug}${openApiPath(endpoint.path)}`
      paths[path] = {
        ...paths[path],
        [endpoint.method]: { operationId: operationIdOf(key), security: [{}, { JWT: [] }, { ApiKey: [] }], tags: [slug], ...doc.operation },
      }
    }
    for (const [path, operations] of Object.entries(collectionPaths(slug, name, cached))) {
      paths[path] = { ...operations, ...paths[path] }
    }
  }
  // Related collections answered inside documents (users as reviewers, workflow events) as objects.
  for (const collection of config.collections) {
    const name = componentName(collection.slug)
    schemas[name] ??= { properties: { id: { type: 'integer' } }, type: 'object' }
  }
  const fieldError: JsonSchema = {
    properties: { message: { type: 'string' }, path: { type: 'string' } },
    required: ['message', 'path'],
    type: 'object',
  }
  const errorBody: JsonSchema = {
    properties: {
      errors: {
        items: {
          properties: {
            data: { properties: { collection: { type: 'string' }, errors: { items: fieldError, type: 'array' } }, type: 'object' },
            message: { type: 'string' },
            name: { type: 'string' },
          },
          required: ['message'],
          type: 'object',
        },
        minItems: 1,
        type: 'array',
      },
    },
    required: ['errors'],
    type: 'object',
  }
  schemas.Error = errorBody
  const errorResponse = (description: string): JsonSchema => json(ref('Error'), description)
  return {
    components: {
      responses: {
        BadRequest: errorResponse('Invalid input: field errors in errors[0].data.errors[] (path, message)'),
        Conflict: errorResponse('Not allowed from the current state'),
        Forbidden: errorResponse('Not allowed for this user'),
        NotFound: errorResponse('No such document'),
        Unauthorized: errorResponse('Not signed in'),
      },
      schemas,
      securitySchemes: {
        ApiKey: {
          description: 'An API key of an auth collection with `useAPIKey`: `Authorization: <collection> API-Key <key>`.',
          in: 'header',
          name: 'Authorization',
          type: 'apiKey',
        },
        JWT: {
          bearerFormat: 'JWT',
          description: 'The token of `POST /users/login`, sent as `Authorization: JWT <token>` (or the payload-token cookie).',
          scheme: 'bearer',
          type: 'http',
        },
      },
    },
    info: {
      description:
        'Governed cancer information: approved articles, glossary terms and sources for web apps, the review workflow, and signed webhooks. Anonymous readers get approved, published content only.',
      title: 'Governed cancer content API',
      version: '1',
    },
    openapi: OPENAPI_VERSION,
    paths,
    servers: [{ url: serverUrl }],
  }
}

const operationIdOf = (key: string): string =>
  key
    .replace(/[:{}]/g, '')
    .split(/[\s/_-]+/)
    .filter(Boolean)
    .map((part, index) => (index === 0 ? part.toLowerCase() : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()))
    .join('')
