import { createHash } from 'node:crypto'

import { etagMatches, isCredentialed, publicCacheControl } from '../../rules/httpCache.js'

/** A Next.js route handler, as `REST_GET(config)` returns it. */
type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

/** Options of `withHttpCaching`. */
export interface HttpCachingOptions {
  /**
   * API path prefixes whose anonymous GETs are cacheable.
   * @default ['/api/articles', '/api/glossary-terms']
   */
  paths?: string[]
  /**
   * Seconds a shared cache may serve an answer without asking again.
   * @default 60
   */
  maxAge?: number
  /**
   * Seconds a cache may serve a stale answer while it revalidates.
   * @default 600
   */
  staleWhileRevalidate?: number
}

/**
 * Wraps Payload's REST GET handler with HTTP caching for web apps: anonymous GETs of articles
 * and glossary terms carry a strong `ETag` (a hash of the body, so an approval or an import
 * changes it) and `Cache-Control: public`, and a matching `If-None-Match` answers `304` without
 * a body. Requests with credentials are answered `Cache-Control: private, no-store`.
 *
 * @example export const GET = withHttpCaching(REST_GET(config))
 */
export const withHttpCaching =
  <Context>(handler: RouteHandler<Context>, options: HttpCachingOptions = {}): RouteHandler<Context> =>
  async (request, context) => {
    const response = await handler(request, context)
    const { pathname } = new URL(request.url)
    const paths = options.paths ?? ['/api/articles', '/api/glossary-terms']
    if (request.method !== 'GET' || !paths.some((path) => pathname === path || pathname.startsWith(`${path}/`))) {
      return response
    }
    const headers = new Headers(response.headers)
    headers.append('Vary', 'Authorization, Cookie')
    if (isCredentialed(request.headers)) {
      headers.set('Cache-Control', 'private, no-store')
      return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
    }
    if (response.status !== 200) return new Response(response.body, { headers, status: response.status })
    const body = await response.arrayBuffer()
    const etag = `"${createHash('sha256').update(Buffer.from(body)).digest('base64url').slice(0, 43)}"`
    headers.set('ETag', etag)
    headers.set('Cache-Control', publicCacheControl(options.maxAge ?? 60, options.staleWhileRevalidate ?? 600))
    if (etagMatches(request.headers.get('if-none-match'), etag)) {
      headers.delete('Content-Length')
      headers.delete('Content-Type')
      return new Response(null, { headers, status: 304 })
    }
    return new Response(body, { headers, status: 200 })
  }
