import { APIError } from 'payload'

import { chargedWhenSerialised, chargeResponseBudget, type SerialisedCharge } from '../../hooks/guardReadsBeforeOperation.js'

/** A Next.js route handler, as `REST_GET(config)` returns it. */
type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

/**
 * Wraps Payload's REST GET handler so that an anonymous answer is counted against its response
 * budget (`limits.maxResponseBytes`) once, as the bytes Payload serialised, instead of the
 * plugin's read hook serialising each top-level result a second time to count it (on the
 * largest article, about a millisecond of a request's CPU). The count and the `413` are the
 * same: the hook still decides which reads are charged and counts the documents read to populate
 * as they come. Without this wrapper the hook counts everything itself.
 *
 * Put it around the handler itself, inside `withAdmission` and `withHttpCaching`.
 *
 * @example export const GET = withHttpCaching(withAdmission(withAnswerBudget(REST_GET(config)), { config }), { config, version })
 */
export const withAnswerBudget =
  <Context>(handler: RouteHandler<Context>): RouteHandler<Context> =>
  async (request, context) => {
    if (request.method !== 'GET') return handler(request, context)
    const charge: SerialisedCharge = { pending: null }
    const response = await chargedWhenSerialised.run(request, charge, () => handler(request, context))
    // No anonymous read left its count here (a signed-in request, an answer read from no collection).
    if (!charge.pending) return response
    // The serialised chunks as they are (no copy of the body), counted, then handed on.
    const chunks: Uint8Array[] = []
    let bytes = 0
    const reader = response.body?.getReader()
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      chunks.push(read.value)
      bytes += read.value.byteLength
    }
    try {
      chargeResponseBudget(charge.pending.req, bytes, charge.pending.limits)
    } catch (error) {
      if (!(error instanceof APIError)) throw error
      // As Payload answers the hook's 413: its headers (CORS among them) with the error's JSON.
      const headers = new Headers(response.headers)
      headers.delete('Content-Length')
      headers.delete('ETag')
      return Response.json({ errors: [{ message: error.message }] }, { headers, status: error.status })
    }
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk)
        controller.close()
      },
    })
    return new Response(body, { headers: response.headers, status: response.status, statusText: response.statusText })
  }
