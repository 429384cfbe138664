/**
 * Bounds on what the server log holds of one error or one message: a bad 5 MB request must not
 * write megabytes of log (drizzle puts the whole SQL and every parameter into its error
 * message; pino's standard serializer copies every property of an error). Pure.
 */

/** Most characters of an error message, a query or a logged string kept in the log. */
export const MAX_LOG_TEXT = 2_000
/** Most characters of a stack kept in the log. */
export const MAX_LOG_STACK = 4_000
/** How many causes of an error are followed. */
const MAX_CAUSES = 3

/** Cuts a text to `max` characters, saying how much was left out. */
export const truncateForLog = (text: string, max = MAX_LOG_TEXT): string =>
  text.length <= max ? text : `${text.slice(0, max)}… [${text.length - max} more characters]`

/** A logged error: its name, message, code and stack, bounded, and its causes, bounded too. */
export interface BoundedError {
  cause?: BoundedError
  code?: string
  /** Field paths of a validation error (never the values). */
  fields?: string[]
  message: string
  /** How many parameters a failed query had (never their values). */
  params?: number
  query?: string
  stack?: string
  status?: number
  type: string
}

const stringField = (record: Record<string, unknown>, key: string): string | undefined =>
  typeof record[key] === 'string' ? record[key] : undefined

/**
 * An error as the log should hold it: message, query and stack cut to size, query parameters
 * counted but not written, validation errors reduced to their field paths.
 *
 * @example boundErrorForLog(new Error('x'.repeat(5_000_000))).message.length // ≈ MAX_LOG_TEXT
 */
export const boundErrorForLog = (error: unknown, depth = 0): BoundedError => {
  if (!error || typeof error !== 'object') return { message: truncateForLog(String(error)), type: typeof error }
  const record = error as Record<string, unknown>
  const bounded: BoundedError = {
    message: truncateForLog(stringField(record, 'message') ?? ''),
    type: stringField(record, 'name') ?? stringField(record, 'type') ?? (error.constructor?.name || 'Error'),
  }
  const code = record.code
  if (typeof code === 'string' || typeof code === 'number') bounded.code = String(code)
  if (typeof record.status === 'number') bounded.status = record.status
  const query = stringField(record, 'query')
  if (query) bounded.query = truncateForLog(query)
  if (Array.isArray(record.params)) bounded.params = record.params.length
  const stack = stringField(record, 'stack')
  // The stack's first line repeats the message, which may be megabytes: keep only the frames.
  if (stack) bounded.stack = truncateForLog(stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n'), MAX_LOG_STACK)
  const data = record.data
  if (data && typeof data === 'object' && Array.isArray((data as { errors?: unknown }).errors)) {
    bounded.fields = ((data as { errors: unknown[] }).errors)
      .slice(0, 20)
      .map((item) => truncateForLog(String((item as { path?: unknown })?.path ?? ''), 200))
  }
  if (record.cause !== undefined && depth < MAX_CAUSES) bounded.cause = boundErrorForLog(record.cause, depth + 1)
  return bounded
}

/**
 * One argument of a log call, bounded: strings cut to size, an error logged alone becomes
 * `{ err, msg }` through `boundErrorForLog`,
 * an object's `err`/`error` property likewise and its other long strings cut (one level deep).
 */
export const boundLogArgument = (argument: unknown): unknown => {
  if (typeof argument === 'string') return truncateForLog(argument)
  if (argument instanceof Error) {
    const err = boundErrorForLog(argument)
    return { err, msg: truncateForLog(err.message, 500) }
  }
  if (!argument || typeof argument !== 'object' || Array.isArray(argument)) return argument
  const bounded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(argument)) {
    if ((key === 'err' || key === 'error') && value && typeof value === 'object') bounded[key] = boundErrorForLog(value)
    else if (typeof value === 'string') bounded[key] = truncateForLog(value)
    else bounded[key] = value
  }
  return bounded
}
