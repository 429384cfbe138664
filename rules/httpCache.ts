import { createHash } from 'node:crypto'

/**
 * HTTP caching rules for anonymous reads: entity tags and the `If-None-Match` comparison
 * (RFC 9110, weak comparison, as caches and browsers use it for GET).
 */

/** True when an `If-None-Match` header value matches the entity tag `etag`. */
export const etagMatches = (ifNoneMatch: null | string | undefined, etag: string): boolean => {
  if (!ifNoneMatch) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag))
}

/** True for a request that carries credentials: its answer is private and must not be shared. */
export const isCredentialed = (headers: { get: (name: string) => null | string }): boolean =>
  Boolean(headers.get('authorization')) || /(?:^|;\s*)payload-token=/.test(headers.get('cookie') ?? '')

/** The `Cache-Control` of an anonymous read: shared caches may keep it briefly and revalidate. */
export const publicCacheControl = (maxAgeSeconds: number, staleWhileRevalidateSeconds: number): string =>
  `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleWhileRevalidateSeconds}`

/**
 * The entity tag of an anonymous answer decided before it is built: a hash of what identifies
 * the answer, the content version (latest changes of what it is read from, and the day, since
 * review states and citations' access dates follow the calendar) and the request (method, path,
 * query string). The same version and request always give the same tag; anything else another.
 */
export const etagOfAnswer = (version: string, method: string, pathAndQuery: string): string =>
  `"v${createHash('sha256').update(`${version}\n${method}\n${pathAndQuery}`).digest('base64url').slice(0, 42)}"`

/**
 * The entity tag of an answer nothing was decided for before it was built (no content version,
 * or a handler that waited for none): a hash of its bytes, so the same body always gets the same tag.
 */
export const bodyEtag = (body: ArrayBuffer | string): string =>
  `"${createHash('sha256').update(typeof body === 'string' ? body : Buffer.from(body)).digest('base64url').slice(0, 43)}"`

const directivesOf = (value: null | string | undefined): string[] =>
  (value ?? '')
    .toLowerCase()
    .split(',')
    .map((directive) => directive.trim().split('=')[0] ?? '')
    .filter(Boolean)

/**
 * True when a request lets the server answer from its own store of answers: not when it asks
 * for a fresh answer (`Cache-Control: no-cache`, `no-store` or `max-age=0`, or `Pragma: no-cache`,
 * as a browser's reload sends), which is then built anew.
 */
export const mayServeStoredAnswer = (headers: { get: (name: string) => null | string }): boolean => {
  const cacheControl = (headers.get('cache-control') ?? '').toLowerCase()
  const directives = directivesOf(cacheControl)
  if (directives.includes('no-cache') || directives.includes('no-store')) return false
  if (/(?:^|,)\s*max-age\s*=\s*0\s*(?:,|$)/.test(cacheControl)) return false
  return !directivesOf(headers.get('pragma')).includes('no-cache')
}

/**
 * True when an answer may be stored and replayed to other anonymous readers: it sets no cookie
 * and does not forbid it (`private`, `no-store`).
 */
export const mayStoreAnswer = (headers: { get: (name: string) => null | string; has: (name: string) => boolean }): boolean => {
  if (headers.has('set-cookie')) return false
  const directives = directivesOf(headers.get('cache-control'))
  return !directives.includes('private') && !directives.includes('no-store')
}

/**
 * The request headers a stored answer was chosen by, from its `Vary` header (RFC 9111 §4.1), and
 * `Origin` when it carries a CORS `Access-Control-Allow-Origin`: a stored answer is replayed only
 * to a request with the same values. `null` when it may not be replayed at all (`Vary: *`).
 * `Authorization` and `Cookie` are left out: only answers to requests without them are stored.
 */
export const selectingHeaders = (headers: { get: (name: string) => null | string; has: (name: string) => boolean }): null | string[] => {
  const names = (headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  if (names.includes('*')) return null
  if (headers.has('access-control-allow-origin')) names.push('origin')
  return [...new Set(names)].filter((name) => name !== 'authorization' && name !== 'cookie').sort()
}

/** `text` as a regular expression source matching exactly it. */
export const escapedForPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * An endpoint's path as a regular expression source over request paths: each `:param` segment
 * matches one segment, every other character itself.
 */
export const endpointPathPattern = (path: string): string =>
  path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapedForPattern(segment)))
    .join('/')

// Path syntax beyond plain segments and `:name` params (optional or repeated params, groups,
// wildcards): such a path may match requests its pattern here would not.
const BEYOND_PLAIN_SEGMENTS = /[?*+(){}]/

/**
 * For a collection's endpoints (as Payload sanitised them), whether a GET of `<collection
 * path><rest>` (e.g. `/12`) is Payload's read of one document: the first GET endpoint whose path
 * matches `rest`, in the order Payload tries them (the collection's own, then Payload's: `/count`,
 * `/versions`, then `/:id`), has the path `/:id`. A collection without endpoints, a custom endpoint
 * matching first, or a GET path whose syntax could match more than a plain pattern says (`/*`,
 * `/:id?`) answers false: only a read known to go through Payload's `findByID` counts. The
 * patterns are built once, by this call.
 */
export const answeredById = (endpoints: readonly { method: string; path: string }[] | false | undefined): ((rest: string) => boolean) => {
  const gets = (endpoints || []).filter((endpoint) => endpoint.method.toLowerCase() === 'get')
  const plainUntil = gets.findIndex((endpoint) => BEYOND_PLAIN_SEGMENTS.test(endpoint.path))
  const matchers = (plainUntil === -1 ? gets : gets.slice(0, plainUntil)).map((endpoint) => ({
    byId: endpoint.path === '/:id',
    pattern: new RegExp(`^${endpointPathPattern(endpoint.path)}$`),
  }))
  return (rest) => (/^\/[^/]+$/.test(rest) && matchers.find(({ pattern }) => pattern.test(rest))?.byId) === true
}
