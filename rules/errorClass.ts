/**
 * What an error that escaped a request means for the caller: bad input (4xx), a concurrent write
 * that PostgreSQL aborted (409, nothing saved), the database being unavailable for a while (503
 * with Retry-After), or a real server fault (left to Payload's 500).
 * Pure: it looks only at the error's name, code, status and message, and at its causes.
 */

/** The classification of an escaped error. */
export interface ErrorClass {
  /**
   * `bad_input`: the request can never succeed as sent; `conflict`: another transaction won a
   * race, nothing of this one was saved, it may be sent again; `unavailable`: retry later.
   */
  kind: 'bad_input' | 'conflict' | 'unavailable'
  /** A short message safe to show any caller: never SQL, parameters or a stack. */
  message: string
  /** Seconds the client should wait before retrying (503 only). */
  retryAfter?: number
  status: 400 | 409 | 413 | 415 | 503
}

/** The `name` an error answer carries for a class. */
export const errorNameOf = (kind: ErrorClass['kind']): string =>
  kind === 'unavailable' ? 'ServiceUnavailable' : kind === 'conflict' ? 'Conflict' : 'BadRequest'

/**
 * PostgreSQL's deadlock_detected and serialization_failure: PostgreSQL aborted the whole
 * transaction to let a concurrent one through, so nothing of the request was saved and sending it
 * again is safe. Seen as a 500 on saves that met another writer (an article's version rows) and
 * on a write that met a job catching up after an outage.
 */
const CONFLICT_SQLSTATES = new Set(['40P01', '40001'])

const CONFLICT_MESSAGE = 'Another change was being saved at the same moment: nothing was saved. Try again.'

/** Seconds a client is told to wait when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5

/**
 * PostgreSQL SQLSTATEs that mean the request's values could not be used as sent (a text that is
 * not a number, a number out of range, a NUL byte, a bad date, an operator the column's type does
 * not have): the caller's fault, answered 400.
 */
const BAD_INPUT_SQLSTATES: Record<string, string> = {
  // A protocol violation from pg is, in practice, a statement with more than 65,535 parameters:
  // a write with a list far too long (checked before the 08 class, which means "unavailable").
  '08P01': 'The request has too many values.',
  '22001': 'A value is too long for its field.',
  '22003': 'A number is out of range.',
  '22007': 'A date or time is not valid.',
  '22008': 'A date or time is out of range.',
  '22012': 'A value is not valid.',
  '22019': 'A search pattern is not valid.',
  '22021': 'A value contains a character that is not allowed (such as a NUL byte).',
  '22023': 'A value is not valid.',
  '22025': 'A search pattern is not valid.',
  '2202E': 'An array index is out of range.',
  '22P02': 'A value does not have the type its field needs.',
  '22P05': 'A value contains a character that is not allowed (such as a NUL byte).',
  '2201B': 'A search pattern is not valid.',
  '23502': 'A required value is missing.',
  '23503': 'A related document does not exist.',
  '42804': 'A value does not have the type its field needs.',
  '42883': 'That operator cannot be used on that field.',
  '54000': 'The request is too large or too deep.',
  '54001': 'The request is too large or too deep.',
}

/** SQLSTATE classes and codes that mean the database is (for now) not reachable or going away. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-5]|58)/

/** Node and pg error codes of a connection that failed or went away. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

/** Messages of pg and its pool when a connection is lost or none can be had. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection (?:timeout|refused|reset|ended|error)/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
  /client was closed and is not queryable/i,
  /terminating connection due to administrator command/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /database "[^"]*" is not currently accepting connections/i,
  /too many (?:clients|connections)/i,
  /server closed the connection unexpectedly/i,
  /query read timeout/i,
  // Payload rethrows a failed BEGIN as a new Error without its cause: no connection to be had.
  /cannot begin transaction/i,
]

/** Body-parsing failures of the Web Request API and of JSON.parse. */
const BODY_PARSE_MESSAGES = [
  /unexpected (?:token|end of json|non-whitespace)/i,
  /is not valid json/i,
  /json at position/i,
  /failed to parse body as formdata/i,
  /multipart: boundary not found/i,
  /unexpected end of form/i,
  /malformed part header/i,
  /not eligible for file upload/i,
]

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null

/** The error and the errors it wraps (`cause`, `originalError`, a drizzle query error's `cause`), outermost first. */
const chainOf = (error: unknown): Record<string, unknown>[] => {
  const chain: Record<string, unknown>[] = []
  let current = asRecord(error)
  while (current && chain.length < 8 && !chain.includes(current)) {
    chain.push(current)
    current = asRecord(current.cause) ?? asRecord(current.originalError)
  }
  return chain
}

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Classifies an error that escaped a request. Returns `null` for errors that already carry a
 * client status (Payload's own 4xx errors) or that are real server faults.
 *
 * @example classifyError(Object.assign(new Error('invalid input syntax for type integer'), { code: '22P02' }))
 * // → { kind: 'bad_input', status: 400, message: 'A value does not have the type its field needs.' }
 */
export const classifyError = (error: unknown): ErrorClass | null => {
  const chain = chainOf(error)
  if (chain.length === 0) return null
  const outer = chain[0]!
  const outerStatus = typeof outer.status === 'number' ? outer.status : undefined
  // A status Payload or the plugin chose (400 ValidationError, 403, 404, 409…) stands.
  if (outerStatus !== undefined && outerStatus >= 400 && outerStatus < 500) return null

  for (const link of chain) {
    const code = stringOf(link.code)
    const message = stringOf(link.message)
    if (CONFLICT_SQLSTATES.has(code)) return { kind: 'conflict', message: CONFLICT_MESSAGE, status: 409 }
    if (code && BAD_INPUT_SQLSTATES[code]) {
      return { kind: 'bad_input', message: BAD_INPUT_SQLSTATES[code], status: 400 }
    }
    if ((code && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) ||
      UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) {
      return {
        kind: 'unavailable',
        message: 'The service is temporarily unavailable. Please retry shortly.',
        retryAfter: RETRY_AFTER_SECONDS,
        status: 503,
      }
    }
  }

  for (const link of chain) {
    const name = stringOf(link.name)
    const message = stringOf(link.message)
    const type = stringOf(link.type)
    if (type === 'entity.too.large' || /request entity too large|payload too large|body exceeded|file size limit/i.test(message)) {
      return { kind: 'bad_input', message: 'The request body is too large.', status: 413 }
    }
    if (/unsupported media type|content-type .* (?:is )?not supported/i.test(message)) {
      return { kind: 'bad_input', message: 'The request body has an unsupported content type.', status: 415 }
    }
    if (name === 'SyntaxError' || BODY_PARSE_MESSAGES.some((pattern) => pattern.test(message))) {
      return { kind: 'bad_input', message: 'The request body could not be parsed.', status: 400 }
    }
    if (name === 'RangeError' && /maximum call stack|invalid array length|invalid string length/i.test(message)) {
      return { kind: 'bad_input', message: 'The request is too large or too deep.', status: 400 }
    }
  }
  return null
}
