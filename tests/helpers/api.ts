import config from '@payload-config'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'

/** A GraphQL answer: data and/or errors, as the HTTP handler returns them. */
export interface GraphQLAnswer<T = Record<string, unknown>> {
  data?: T | null
  errors?: { extensions?: Record<string, unknown>; message: string; path?: (number | string)[] }[]
}

const graphqlHandler = GRAPHQL_POST(config)

const authHeaders = (token?: string): Record<string, string> =>
  token ? { Authorization: `JWT ${token}` } : {}

/** Sends a GraphQL operation through Payload's own HTTP handler (no server needed). */
export const graphql = async <T = Record<string, unknown>>(
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<{ body: GraphQLAnswer<T>; status: number }> => {
  const response = await graphqlHandler(
    new Request('http://localhost/api/graphql', {
      body: JSON.stringify({ query, variables: options.variables ?? {} }),
      headers: { 'Content-Type': 'application/json', ...authHeaders(options.token) },
      method: 'POST',
    }),
  )
  return { body: (await response.json()) as GraphQLAnswer<T>, status: response.status }
}

type RestMethod = 'DELETE' | 'GET' | 'PATCH' | 'POST'

const restHandlers = {
  DELETE: REST_DELETE(config),
  GET: REST_GET(config),
  PATCH: REST_PATCH(config),
  POST: REST_POST(config),
}

/** Sends a REST request through Payload's own route handlers (no server needed). */
export const rest = async <T = Record<string, unknown>>(
  method: RestMethod,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; token?: string } = {},
): Promise<{ body: T; headers: Headers; status: number }> => {
  const url = new URL(`http://localhost/api${path}`)
  const slug = url.pathname.replace(/^\/api\//, '').split('/')
  const response = await restHandlers[method](
    new Request(url, {
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      headers: {
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...authHeaders(options.token),
        ...options.headers,
      },
      method,
    }),
    { params: Promise.resolve({ slug }) },
  )
  const text = await response.text()
  return { body: (text ? JSON.parse(text) : null) as T, headers: response.headers, status: response.status }
}

/** A GraphQL enum value inside a literal built by `literal`. */
export class GraphQLEnum {
  constructor(readonly value: string) {}
}

/** Writes a plain value as a GraphQL input literal (strings quoted, enums bare). */
export const literal = (value: unknown): string => {
  if (value instanceof GraphQLEnum) return value.value
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([key, inner]) => `${key}: ${literal(inner)}`)
      .join(', ')} }`
  }
  return JSON.stringify(value)
}
