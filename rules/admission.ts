import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Admission control of anonymous API requests (pure rules; src/http/withAdmission.ts wires them).
 * A bounded number of anonymous REST and GraphQL requests are built at once; the others wait in
 * line (first come, first served), the line itself bounded in length and in how long one waits,
 * and a request beyond either bound is answered 503 with Retry-After. A signed-in user's request
 * (a session token that verifies with the app's secret: no database read) never waits, so an
 * editor's save is not held up by a crowd of readers. A token that does not verify counts as
 * anonymous: a forged cookie waits in line like everyone else.
 */

/** The bounds of anonymous requests in one server process. */
export interface AdmissionLimits {
  /** Anonymous requests built at once; `Infinity` when admission control is off. */
  concurrency: number
  /** Anonymous requests that may wait for a turn; one more is answered 503 at once. */
  queue: number
  /** How long one anonymous request may wait for its turn, in ms; then it is answered 503. */
  waitMs: number
}

/** Anonymous requests that may wait for a turn, by default. */
export const DEFAULT_QUEUE = 100
/** How long an anonymous request waits for its turn at most, by default (ms). */
export const DEFAULT_WAIT_MS = 30_000

/** The environment variables of the bounds. */
export const ADMISSION_ENV = {
  concurrency: 'API_ANONYMOUS_CONCURRENCY',
  queue: 'API_ANONYMOUS_QUEUE',
  waitMs: 'API_ANONYMOUS_WAIT_MS',
} as const

const wholeNumber = (value: string | undefined): null | number => {
  if (value === undefined || value.trim() === '') return null
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
}

/**
 * The bounds from the environment: `API_ANONYMOUS_CONCURRENCY` (default: the number of CPUs, at
 * least 2; `0` turns admission control off), `API_ANONYMOUS_QUEUE` (default 100) and
 * `API_ANONYMOUS_WAIT_MS` (default 30,000). A value that is not a whole number (or a wait of 0)
 * is left out with a problem to report, and its default applies.
 */
export const admissionLimitsOf = (
  env: Readonly<Record<string, string | undefined>>,
  cpus: number,
): { limits: AdmissionLimits; problems: string[] } => {
  const problems: string[] = []
  const read = (name: string, fallback: number, min: number): number => {
    const value = wholeNumber(env[name])
    if (value === null) return fallback
    if (Number.isNaN(value) || value < min || !Number.isSafeInteger(value)) {
      problems.push(`${name} must be a whole number of at least ${min}, not "${env[name]}": using ${fallback}`)
      return fallback
    }
    return value
  }
  const concurrency = read(ADMISSION_ENV.concurrency, Math.max(2, Math.floor(cpus) || 0), 0)
  return {
    limits: {
      concurrency: concurrency === 0 ? Number.POSITIVE_INFINITY : concurrency,
      queue: read(ADMISSION_ENV.queue, DEFAULT_QUEUE, 0),
      waitMs: read(ADMISSION_ENV.waitMs, DEFAULT_WAIT_MS, 1),
    },
    problems,
  }
}

/** What becomes of an anonymous request that arrives: it runs now, waits in line, or is refused. */
export type Admission = 'queue' | 'refuse' | 'run'

/**
 * The decision for an anonymous request that arrives while `running` anonymous requests are being
 * built and `waiting` wait: it runs when a place is free and nobody waits before it (first come,
 * first served), waits while the line has room, and is refused otherwise.
 */
export const admit = (state: { running: number; waiting: number }, limits: AdmissionLimits): Admission => {
  if (state.running < limits.concurrency && state.waiting === 0) return 'run'
  if (state.waiting < limits.queue) return 'queue'
  return 'refuse'
}

/** A request header reader (the Fetch API's Headers). */
interface HeaderReader {
  get: (name: string) => null | string
}

const cookieValue = (cookieHeader: string, name: string): null | string => {
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=')
    if (separator < 0) continue
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return null
}

/**
 * The session tokens a request carries, as Payload reads them: `Authorization: JWT <token>` or
 * `Bearer <token>`, and the `<cookiePrefix>-token` cookie. An API key (`<collection> API-Key
 * <key>`) is not among them: it can only be checked in the database, so it waits like anonymous.
 */
export const sessionTokensOf = (headers: HeaderReader, cookiePrefix = 'payload'): string[] => {
  const tokens: string[] = []
  const authorization = headers.get('authorization')?.trim() ?? ''
  const scheme = /^(?:JWT|Bearer)\s+(\S+)$/.exec(authorization)
  if (scheme?.[1]) tokens.push(scheme[1])
  const cookie = cookieValue(headers.get('cookie') ?? '', `${cookiePrefix}-token`)
  if (cookie) tokens.push(cookie)
  return tokens
}

const decodeJson = (part: string): unknown => {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown
  } catch {
    return null
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Whether `token` is a session token this app signed and that has not expired at `nowSeconds`:
 * a JWT with `alg: HS256` whose signature verifies with `key` (the key Payload signs them with,
 * `payload.secret`: Payload derives it from the config's `secret` at init) and whose `exp`
 * is later than now (`nbf`, when present, not later). No database read: the user may since have
 * been removed or signed out, which Payload's own check finds; this only decides who waits in line.
 */
export const verifiesAsSession = (token: string, key: string, nowSeconds: number): boolean => {
  if (token.length > 8_192) return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const [header, body, signature] = parts as [string, string, string]
  const protectedHeader = decodeJson(header)
  if (!isRecord(protectedHeader) || protectedHeader.alg !== 'HS256') return false
  const expected = createHmac('sha256', key).update(`${header}.${body}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  const claims = decodeJson(body)
  if (!isRecord(claims) || typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return false
  return typeof claims.nbf !== 'number' || claims.nbf <= nowSeconds
}

/**
 * Whether a request goes straight through, without a place in line: a CORS preflight (no work),
 * or one that carries a session token that verifies.
 */
export const skipsTheLine = (request: { headers: HeaderReader; method: string }, key: string, nowSeconds: number, cookiePrefix = 'payload'): boolean =>
  request.method === 'OPTIONS' || sessionTokensOf(request.headers, cookiePrefix).some((token) => verifiesAsSession(token, key, nowSeconds))

/** Seconds a refused client should wait before it asks again. */
export const ADMISSION_RETRY_AFTER_SECONDS = 2

/** The answer to an anonymous request refused for lack of room: a 503 a client may retry. */
export const refusedAnswer = (why: 'full' | 'timeout'): { body: { errors: { message: string; name: string }[] }; retryAfter: number; status: 503 } => ({
  body: {
    errors: [
      {
        message:
          why === 'full'
            ? 'The server is busy: too many anonymous requests are waiting. Try again shortly.'
            : 'The server is busy: this anonymous request waited too long for its turn. Try again shortly.',
        name: 'ServiceUnavailable',
      },
    ],
  },
  retryAfter: ADMISSION_RETRY_AFTER_SECONDS,
  status: 503,
})
