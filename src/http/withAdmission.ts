import { availableParallelism } from 'node:os'

import { getPayload, type SanitizedConfig } from 'payload'

import { type AdmissionLimits, admissionLimitsOf, admit, refusedAnswer, skipsTheLine } from '../../rules/admission.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** A Next.js route handler, as `REST_GET(config)` or `GRAPHQL_POST(config)` returns it. */
type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

/** Options of `withAdmission`. */
export interface AdmissionOptions {
  /**
   * The app's Payload config (what `@payload-config` exports): its cookie prefix, and the key its
   * Payload instance signs session tokens with (`payload.secret`), tell a signed-in request.
   */
  config: Promise<SanitizedConfig> | SanitizedConfig
}

type Turn = 'aborted' | 'full' | 'run' | 'timeout'

interface Waiter {
  resolve: (turn: Turn) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * The line of anonymous requests of one server process: at most `concurrency` run, the others
 * wait first come, first served, at most `queue` of them and each at most `waitMs`.
 */
export class AnonymousLine {
  running = 0
  private readonly waiters: Waiter[] = []

  constructor(readonly limits: AdmissionLimits) {}

  get waiting(): number {
    return this.waiters.length
  }

  /** Resolves when the request may run (`run`; call `leave` after), or why it may not. */
  enter(signal?: AbortSignal): Promise<Turn> {
    const decision = admit({ running: this.running, waiting: this.waiters.length }, this.limits)
    if (decision === 'run') {
      this.running += 1
      return Promise.resolve('run')
    }
    if (decision === 'refuse') return Promise.resolve('full')
    return new Promise<Turn>((resolve) => {
      const drop = (turn: Turn) => {
        const index = this.waiters.indexOf(waiter)
        if (index < 0) return
        this.waiters.splice(index, 1)
        clearTimeout(waiter.timer)
        signal?.removeEventListener('abort', onAbort)
        resolve(turn)
      }
      const onAbort = () => drop('aborted')
      const waiter: Waiter = {
        resolve: (turn) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(turn)
        },
        timer: setTimeout(() => drop('timeout'), this.limits.waitMs),
      }
      this.waiters.push(waiter)
      if (signal?.aborted) drop('aborted')
      else signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** A running request is done: the first in line takes its place. */
  leave(): void {
    this.running -= 1
    while (this.running < this.limits.concurrency && this.waiters.length > 0) {
      const next = this.waiters.shift() as Waiter
      clearTimeout(next.timer)
      this.running += 1
      next.resolve('run')
    }
  }
}

// One line per server process, kept on globalThis: next dev and next start load the REST and the
// GraphQL routes as separate modules, and a module variable would give each its own line.
const SHARED = Symbol.for('cancer-content.anonymous-line')

const sharedLine = (): AnonymousLine => {
  const holder = globalThis as typeof globalThis & { [SHARED]?: AnonymousLine }
  if (!holder[SHARED]) {
    const { limits, problems } = admissionLimitsOf(process.env, availableParallelism())
    for (const problem of problems) console.warn(`[${PLUGIN_NAME}] ${problem}`)
    holder[SHARED] = new AnonymousLine(limits)
  }
  return holder[SHARED]
}

const withServerTiming = (response: Response, waitedMs: number): Response => {
  const timing = `anon-queue;dur=${waitedMs.toFixed(1)}`
  try {
    response.headers.append('Server-Timing', timing)
    return response
  } catch {
    // A response with immutable headers (one passed through from fetch): copy it.
    const headers = new Headers(response.headers)
    headers.append('Server-Timing', timing)
    return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
  }
}

/**
 * Wraps a route handler of Payload's REST or GraphQL API with admission control of anonymous
 * requests (rules/admission.ts): at most `API_ANONYMOUS_CONCURRENCY` anonymous requests (default:
 * the CPU count, at least 2) are built at once in this process, the others wait first come, first
 * served (at most `API_ANONYMOUS_QUEUE`, each at most `API_ANONYMOUS_WAIT_MS`), and beyond that
 * the answer is a 503 with Retry-After. A request with a session token that verifies with the
 * app's secret (a signed-in editor: no database read) goes straight through, as does a CORS
 * preflight. Each anonymous answer says how long it waited (`Server-Timing: anon-queue;dur=<ms>`).
 *
 * Put it inside `withHttpCaching`, around the handler: an answer that is replayed from the store
 * or answered 304 is then not built, and does not wait for a place either.
 *
 * @example export const GET = withErrorBoundary(withHttpCaching(withAdmission(REST_GET(config), { config }), { config, version }))
 */
export const withAdmission = <Context>(handler: RouteHandler<Context>, options: AdmissionOptions): RouteHandler<Context> => {
  let identity: Promise<{ cookiePrefix: string; key: string }> | undefined
  const identityOf = async () => {
    const config = await options.config
    // Payload keeps the key it signs session tokens with (derived from the config's secret) as
    // `payload.secret`; the instance is the one the wrapped handler uses (getPayload caches it).
    const { secret } = await getPayload({ config })
    return { cookiePrefix: config.cookiePrefix || 'payload', key: secret }
  }
  return async (request, context) => {
    const line = sharedLine()
    if (line.limits.concurrency === Number.POSITIVE_INFINITY) return handler(request, context)
    // A failed start is not kept: the next request asks again.
    const { cookiePrefix, key } = await (identity ??= identityOf().catch((error: unknown) => {
      identity = undefined
      throw error
    }))
    if (skipsTheLine(request, key, Math.floor(Date.now() / 1000), cookiePrefix)) return handler(request, context)
    const arrived = performance.now()
    const turn = await line.enter(request.signal)
    if (turn !== 'run') {
      const refused = refusedAnswer(turn === 'full' ? 'full' : 'timeout')
      return Response.json(refused.body, {
        headers: { 'Cache-Control': 'no-store', 'Retry-After': String(refused.retryAfter) },
        status: refused.status,
      })
    }
    const waitedMs = performance.now() - arrived
    try {
      return withServerTiming(await handler(request, context), waitedMs)
    } finally {
      line.leave()
    }
  }
}
