import { BASE_URL, createUser, firstAdmin, type TestUser } from '../helpers/app.js'

/**
 * The security and fault suite's view of the app: raw HTTP answers (status, headers, text,
 * parsed JSON when it is JSON), so a test can assert what an attacker or a busy reviewer gets
 * back, whatever it is. Nothing here throws on a status: the tests decide what is right.
 */

export { BASE_URL, createUser, firstAdmin, type TestUser }

/** One HTTP answer, read whole. */
export interface Answer {
  headers: Headers
  /** The parsed body when it is JSON, else undefined. */
  json: unknown
  status: number
  text: string
}

/** What a call may carry: a JSON body, a raw body (sent as is), headers, a user's token. */
export interface CallOptions {
  /** Sent as JSON with Content-Type: application/json. */
  body?: unknown
  headers?: Record<string, string>
  /** Sent as is (no Content-Type unless `headers` names one). */
  rawBody?: BodyInit
  /** Aborts the call after this many ms (default 60 s). */
  timeoutMs?: number
  token?: string
}

/** Sends one request to `/api<route>` and reads the whole answer. */
export const call = async (method: string, route: string, options: CallOptions = {}): Promise<Answer> => {
  const { body, headers = {}, rawBody, timeoutMs = 60_000, token } = options
  const response = await fetch(`${BASE_URL}/api${route}`, {
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `JWT ${token}` } : {}),
      ...headers,
    },
    method,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { headers: response.headers, json, status: response.status, text }
}

/** A GraphQL request to `/api/graphql`; the answer as `call` gives it. */
export const graphql = (query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> =>
  call('POST', '/graphql', { body: { query, variables }, token })

/** The field paths of a Payload validation error answer (`errors[0].data.errors[].path`). */
export const fieldPaths = (answer: Answer): string[] => {
  const errors = (answer.json as { errors?: { data?: { errors?: { path?: string }[] } }[] } | undefined)?.errors
  return (errors ?? []).flatMap((error) => (error.data?.errors ?? []).map((item) => item.path ?? ''))
}

/** Starts `count` copies of a call at once and waits for all of them. */
export const atOnce = <T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, index) => make(index)))

/** A JSON value's path, for readable assertion messages. */
export const describeAnswer = (answer: Answer): string => `${answer.status} ${answer.text.slice(0, 300)}`
