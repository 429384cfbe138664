import type { SanitizedConfig } from 'payload'

import { awaitContentVersionBeforeOperation } from '../../hooks/awaitContentVersionBeforeOperation.js'
import { BoundedCache } from '../../rules/boundedCache.js'
import {
  answeredById,
  bodyEtag,
  etagMatches,
  etagOfAnswer,
  isCredentialed,
  mayServeStoredAnswer,
  mayStoreAnswer,
  publicCacheControl,
  selectingHeaders,
} from '../../rules/httpCache.js'
import { DEFAULT_OPTIONS, pluginOptionsOf } from '../../rules/options.js'
import { SharedBuilds } from './sharedBuilds.js'
import { type VersionGate, type VersionReader, type VersionScope, versionGate, versionScope } from './versionScope.js'

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
   * @default the articles, glossary terms and sources under the config's REST route; without `config`, ['/api/articles', '/api/glossary-terms', '/api/sources']
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
  /**
   * What identifies the current state of everything an anonymous answer is read from (for the
   * plugin's collections: `contentVersion(config)`). When given, the ETag is decided from it and
   * the request before the answer is built, so a matching `If-None-Match` answers 304 without
   * reading or building the body. Without it the ETag is a hash of the body. A `VersionReader`
   * (what `contentVersion` returns) may name paths whose handler reads the version with its own
   * first statement (`readByHandler`: the endpoints declaring `READS_CONTENT_VERSION`, the article
   * page): when nothing is decided before the build (no `If-None-Match`, no kept answer may serve,
   * e.g. a reload), the version is not read alone. Lists and by-id reads of the plugin's
   * collections (with `config`) built so are prepared while the version is read: their first
   * statement waits for it (an answer whose handler waited for none is tagged from its body).
   * @default undefined
   */
  version?: (() => Promise<string>) | VersionReader
  /**
   * With `version`: the most bytes of anonymous answers kept in this process and replayed while
   * the content version and the request are the same (kept by their ETag, so a stored answer is
   * exactly as fresh as a 304 would be: an approval, an import or a deletion gives every answer a
   * new tag). A request asking for a fresh answer (`Cache-Control: no-cache`, a browser's reload)
   * is built anew. `0` keeps nothing.
   * @default 67108864 (64 MiB)
   */
  storeBytes?: number
}

/** An anonymous answer as stored: its body and the headers it was sent with. */
interface StoredAnswer {
  body: Uint8Array<ArrayBuffer>
  headers: [string, string][]
  /** The request headers it was chosen by (its `Vary`), with the values it was built for. */
  selectedBy: [string, null | string][]
}

const selects = (answer: StoredAnswer, request: Request): boolean =>
  answer.selectedBy.every(([name, value]) => request.headers.get(name) === value)

// Headers count roughly: what matters for the bound is the body.
const storedSize = (answer: StoredAnswer): number => answer.body.byteLength + 64 * answer.headers.length

/**
 * Wraps Payload's REST GET handler with HTTP caching for web apps: anonymous GETs of articles
 * and glossary terms carry a strong `ETag` (from the content version and the request when a
 * `version` is given, so an approval or an import changes it; else a hash of the body) and
 * `Cache-Control: public`, and a matching `If-None-Match` answers `304` without a body. With a
 * `version`, anonymous answers are also kept by their tag (`storeBytes`) and replayed while it
 * stands: a popular article is built once per change, not once per reader, and concurrent misses
 * of one tag wait for one build (`SharedBuilds`). Requests with credentials are answered
 * `Cache-Control: private, no-store`.
 *
 * @example export const GET = withHttpCaching(REST_GET(config), { config, version: contentVersion(config) })
 */
export const withHttpCaching = <Context>(handler: RouteHandler<Context>, options: HttpCachingOptions = {}): RouteHandler<Context> => {
  let cacheablePaths: Promise<string[]> | undefined
  let gatedReads: Promise<(pathname: string) => boolean> | undefined
  const storeBytes = options.storeBytes ?? 64 * 1024 * 1024
  // The Fetch standard copies a byte body into each Response: a stored body is never handed out.
  const stored = options.version && storeBytes > 0 ? new BoundedCache<StoredAnswer>(storeBytes, storedSize) : null
  // Misses of one tag at once share one build: the first builds, the others wait for its answer.
  const builds = new SharedBuilds<StoredAnswer>()
  return async (request, context) => {
    const url = new URL(request.url)
    const paths = await (cacheablePaths ??= cacheablePathsOf(options))
    if (request.method !== 'GET' || !paths.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) {
      return handler(request, context)
    }
    const credentialed = isCredentialed(request.headers)
    // Read before the answer is built: a change made meanwhile gives the answer a newer version
    // than its tag says, which costs a later revalidation, never a stale 304.
    // Unless nothing is decided before the build (no revalidation, no stored answer may serve)
    // and the handler reads the version itself, with its first statement (`VersionReader`).
    const reader: undefined | VersionReader = credentialed ? undefined : options.version
    const decidedBeforeBuild = request.headers.has('if-none-match') || Boolean(stored && mayServeStoredAnswer(request.headers))
    const scope: null | VersionScope =
      reader?.withColumns && reader.readByHandler && !decidedBeforeBuild && (await reader.readByHandler(url.pathname))
        ? { read: reader.withColumns, version: null }
        : null
    // A list or a by-id read (Payload's `find` and `findByID`) built whatever the version: the
    // version is read while the request is prepared, and its first statement waits for it.
    const gate: null | VersionGate =
      reader && !scope && !decidedBeforeBuild && (await (gatedReads ??= gatedReadsOf(options, paths)))(url.pathname) ? { passed: false, pending: reader() } : null
    gate?.pending.catch(() => undefined)
    let decided = reader && !scope && !gate ? etagOfAnswer(await reader(), request.method, url.pathname + url.search) : null
    const cacheControl = publicCacheControl(options.maxAge ?? 60, options.staleWhileRevalidate ?? 600)
    if (decided && etagMatches(request.headers.get('if-none-match'), decided)) {
      return new Response(null, {
        headers: { 'Cache-Control': cacheControl, ETag: decided, Vary: 'Authorization, Cookie' },
        status: 304,
      })
    }
    const servable = decided && stored && mayServeStoredAnswer(request.headers) ? decided : null
    const kept = servable ? stored?.get(servable) : undefined
    const replay = kept && selects(kept, request) ? kept : undefined
    if (replay) return new Response(replay.body, { headers: replay.headers, status: 200 })
    // A build of the same answer under way: wait for it rather than build it again. One that
    // failed, or whose answer is not kept or not for this request's headers, leaves this request
    // to build its own.
    const underway = servable ? builds.underwayFor(servable) : undefined
    const shared = underway ? await underway : null
    if (shared && selects(shared, request)) return new Response(shared.body, { headers: shared.headers, status: 200 })
    const finish = servable ? builds.begin(servable) : null
    let built: null | StoredAnswer = null
    try {
      const response = scope
        ? await versionScope.run(request, scope, () => handler(request, context))
        : gate
          ? await versionGate.run(request, gate, () => handler(request, context))
          : await handler(request, context)
      // Only an answer read behind the gate is as new as the version at most; one whose handler
      // waited for none (not Payload's operation after all) may be newer: tagged from its body.
      if (gate?.passed) decided = etagOfAnswer(await gate.pending, request.method, url.pathname + url.search)
      // A handler that read no version gets a tag from its body.
      if (scope?.version) decided = etagOfAnswer(scope.version, request.method, url.pathname + url.search)
      const headers = new Headers(response.headers)
      headers.append('Vary', 'Authorization, Cookie')
      if (credentialed) {
        headers.set('Cache-Control', 'private, no-store')
        return new Response(response.body, { headers, status: response.status, statusText: response.statusText })
      }
      if (response.status !== 200) return new Response(response.body, { headers, status: response.status })
      headers.set('Cache-Control', cacheControl)
      if (decided) {
        headers.set('ETag', decided)
        const selectedBy = selectingHeaders(headers)
        if (!stored || !selectedBy || !mayStoreAnswer(response.headers)) return new Response(response.body, { headers, status: 200 })
        // Built again (a reload) while the same answer is kept for this tag and these headers: kept once.
        const keptAlready = stored.get(decided)
        if (keptAlready && selects(keptAlready, request)) {
          built = keptAlready
          return new Response(response.body, { headers, status: 200 })
        }
        const body = new Uint8Array(await response.arrayBuffer())
        // Server-Timing tells of this build (its wait for a turn): a replay does not repeat it.
        built = { body, headers: [...headers.entries()].filter(([name]) => name !== 'server-timing'), selectedBy: selectedBy.map((name) => [name, request.headers.get(name)]) }
        stored.set(decided, built)
        return new Response(body, { headers, status: 200 })
      }
      const body = await response.arrayBuffer()
      const etag = bodyEtag(body)
      headers.set('ETag', etag)
      if (etagMatches(request.headers.get('if-none-match'), etag)) {
        headers.delete('Content-Length')
        headers.delete('Content-Type')
        return new Response(null, { headers, status: 304 })
      }
      return new Response(body, { headers, status: 200 })
    } finally {
      // What was kept, or null (a failure, an answer not kept): the waiters build their own.
      finish?.(built)
    }
  }
}

// Which cacheable reads may be built while their version is read: the lists (`<api>/<slug>`) and
// by-id reads (`<api>/<slug>/<id>`, `answeredById`) of collections that wait for the version first
// (`awaitContentVersionBeforeOperation` their first beforeOperation hook). None without the config.
const gatedReadsOf = async (options: HttpCachingOptions, paths: string[]): Promise<(pathname: string) => boolean> => {
  const config = options.config ? await options.config : null
  const api = config?.routes?.api ?? '/api'
  const gated = (config?.collections ?? [])
    .filter((collection) => collection.hooks?.beforeOperation?.[0] === awaitContentVersionBeforeOperation)
    .map((collection) => ({ byId: answeredById(collection.endpoints), path: `${api}/${collection.slug}` }))
    .filter(({ path }) => paths.includes(path))
  return (pathname) =>
    gated.some(({ byId, path }) => pathname === path || (pathname.startsWith(`${path}/`) && byId(pathname.slice(path.length))))
}

// The given paths, or the articles, glossary terms and sources where the config serves them (all
// three are in the content version, so their answers are kept and revalidated alike).
const cacheablePathsOf = async (options: HttpCachingOptions): Promise<string[]> => {
  if (options.paths) return options.paths
  const config = options.config ? await options.config : null
  const api = config?.routes?.api ?? '/api'
  const { articles, glossaryTerms, sources } = pluginOptionsOf(config)?.collections ?? DEFAULT_OPTIONS.collections
  return [`${api}/${articles}`, `${api}/${glossaryTerms}`, `${api}/${sources}`]
}
