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
