import { classifyError, type ErrorClass, RETRY_AFTER_SECONDS } from '../../rules/errorClass.js'
import { boundErrorForLog } from '../../rules/logBounds.js'
import { checkBodyEnvelope, checkJsonBody, mediaTypeOf } from '../../rules/requestBody.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** A Next.js route handler, as `REST_POST(config)` or `GRAPHQL_POST(config)` returns it. */
type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

const errorResponse = (classified: ErrorClass): Response =>
  Response.json(
    { errors: [{ message: classified.message, name: classified.kind === 'unavailable' ? 'ServiceUnavailable' : 'BadRequest' }] },
    {
      headers: classified.retryAfter === undefined ? {} : { 'Retry-After': String(classified.retryAfter) },
      status: classified.status,
    },
  )

const statusOf = (error: unknown): number | undefined => {
  const status = error && typeof error === 'object' && 'status' in error ? error.status : undefined
  return typeof status === 'number' ? status : undefined
}

const messageOf = (error: unknown): string =>
  error && typeof error === 'object' && 'message' in error && typeof error.message === 'string' ? error.message : 'Bad request.'

/**
 * The API's last line of defence, around each Next.js route handler of Payload's REST and
 * GraphQL API (and so every custom endpoint):
 * - a write's body is checked before Payload reads it: an unsupported Content-Type is a 415, a
 *   body over the budget a 413, JSON that does not parse or is not an object a 400
 *   (rules/requestBody.ts);
 * - what a handler throws outside Payload's own error handling (a method override with a broken
 *   body, GraphQL's body parsing) is answered as JSON: its own 4xx status, a 400 or 503 by
 *   rules/errorClass.ts, otherwise a bare 500 without details;
 * - a GraphQL answer whose errors are all "database unavailable" is a 503 with Retry-After.
 *
 * @example export const POST = withErrorBoundary(REST_POST(config))
 */
export const withErrorBoundary =
  <Context>(handler: RouteHandler<Context>): RouteHandler<Context> =>
  async (request, context) => {
    const envelope = checkBodyEnvelope({
      contentLength: request.headers.get('content-length'),
      contentType: request.headers.get('content-type'),
      hasBody: request.body !== null,
      method: request.method,
      methodOverride: Boolean(request.headers.get('x-payload-http-method-override') ?? request.headers.get('x-http-method-override')),
    })
    if (envelope) return errorResponse(envelope)
    if (request.body !== null && mediaTypeOf(request.headers.get('content-type')) === 'application/json') {
      const problem = checkJsonBody(await request.clone().text())
      if (problem) return errorResponse(problem)
    }

    let response: Response
    try {
      response = await handler(request, context)
    } catch (error) {
      const classified = classifyError(error)
      if (classified) return errorResponse(classified)
      const status = statusOf(error)
      if (status !== undefined && status >= 400 && status < 500) {
        return Response.json({ errors: [{ message: messageOf(error).slice(0, 300) }] }, { status })
      }
      console.error(`[${PLUGIN_NAME}] unhandled error in an API route`, boundErrorForLog(error))
      return Response.json({ errors: [{ message: 'Something went wrong.' }] }, { status: 500 })
    }
    return new URL(request.url).pathname.endsWith('/graphql') ? await withGraphqlStatus(response) : response
  }

// graphql-http answers 200 with `errors` when resolvers fail; a client (and a load balancer)
// should see an outage as a 503 it may retry, not as a successful answer.
const withGraphqlStatus = async (response: Response): Promise<Response> => {
  if (response.status !== 200 || !mediaTypeOf(response.headers.get('content-type')).includes('json')) return response
  const text = await response.text()
  const rebuilt = (status: number, extra: Record<string, string> = {}) => {
    const headers = new Headers(response.headers)
    for (const [key, value] of Object.entries(extra)) headers.set(key, value)
    return new Response(text, { headers, status })
  }
  if (!text.includes('"statusCode":503')) return rebuilt(200)
  const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { statusCode?: number } }[] }
  const allUnavailable = (body.errors ?? []).length > 0 && (body.errors ?? []).every((error) => error.extensions?.statusCode === 503)
  return allUnavailable ? rebuilt(503, { 'Retry-After': String(RETRY_AFTER_SECONDS) }) : rebuilt(200)
}
