import { createHash } from 'node:crypto'

import type { SanitizedConfig } from 'payload'

import { etagMatches, isCredentialed, publicCacheControl } from '../../rules/httpCache.js'
import { DEFAULT_OPTIONS, pluginOptionsOf } from '../../rules/options.js'

/** A Next.js route handler, as `REST_GET(config)` returns it. */
type RouteHandler<Context> = (request: Request, context: Context) => Promise<Response>

/** Options of `withHttpCaching`. */
export interface HttpCachingOptions {
  /**
   * The app's Payload config (what `@payload-config` exports). The cacheable paths are then
   * its REST route and the slugs the plugin stored on it (`config.custom`): a host that
   * renamed the articles or glossary terms gets ETags on its own paths.
   */
  config?: Promise<SanitizedConfig> | SanitizedConfig
  /**
   * API path prefixes whose anonymous GETs are cacheable.
   * @default the articles and glossary terms under the config's REST route; without `config`, ['/api/articles', '/api/glossary-terms']
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
 * @example export const GET = withHttpCaching(REST_GET(config), { config })
 */
export const withHttpCaching = <Context>(handler: RouteHandler<Context>, options: HttpCachingOptions = {}): RouteHandler<Context> => {
  let cacheablePaths: Promise<string[]> | undefined
  return async (request, context) => {
    const response = await handler(request, context)
    const { pathname } = new URL(request.url)
    const paths = await (cacheablePaths ??= cacheablePathsOf(options))
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
}

// The given paths, or the articles and glossary terms where the config serves them.
const cacheablePathsOf = async (options: HttpCachingOptions): Promise<string[]> => {
  if (options.paths) return options.paths
  const config = options.config ? await options.config : null
  const api = config?.routes?.api ?? '/api'
  const { articles, glossaryTerms } = pluginOptionsOf(config)?.collections ?? DEFAULT_OPTIONS.collections
  return [`${api}/${articles}`, `${api}/${glossaryTerms}`]
}
