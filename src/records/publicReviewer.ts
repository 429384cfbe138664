import type { PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import type { PublicReviewer } from '../../rules/citationOutputs.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { cachedForRequest } from './sourceFacts.js'

// What the public learns of a reviewer: nothing else of the account.
const PUBLIC_REVIEWER_FIELDS = ['name', 'credentials', 'affiliation'] as const

/**
 * The public fields the host's auth collection has (text fields of those names, which the plugin
 * adds when the host lacks them), with whether each is stored in the collection's own table (not
 * localised); none without a name: the citation then names no reviewer.
 */
export const publicReviewerFields = (req: PayloadRequest, options: SanitizedOptions): { local: boolean; name: string }[] => {
  const fields = (req.payload.collections[slugs(options).users]?.config.flattenedFields ?? []).filter((field) => field.type === 'text')
  const byName = new Map(fields.map((field) => [field.name, field]))
  if (!byName.has('name')) return []
  return PUBLIC_REVIEWER_FIELDS.flatMap((name) => {
    const field = byName.get(name)
    return field ? [{ local: !field.localized, name }] : []
  })
}

/** The public record of a reviewer from a read of the public fields, or `null` without a name. */
export const toPublicReviewer = (found: unknown): null | PublicReviewer => {
  const text = (key: (typeof PUBLIC_REVIEWER_FIELDS)[number]): null | string => {
    const value: unknown = typeof found === 'object' && found !== null && key in found ? (found as Record<string, unknown>)[key] : null
    return typeof value === 'string' && value.trim() ? value.trim() : null
  }
  const name = text('name')
  return name ? { affiliation: text('affiliation'), credentials: text('credentials'), name } : null
}

const keyOf = (reviewerId: number | string) => `reviewer:${reviewerId}`

/**
 * The public record of an article's reviewer (name, credentials, affiliation), or `null` without
 * a name, and the citation names no reviewer. Only that record leaves the users collection, never
 * the account; read once per request (or given beforehand by `knownReviewer`).
 */
export const reviewerOf = async (options: SanitizedOptions, req: PayloadRequest, reviewerId: null | number | string): Promise<null | PublicReviewer> => {
  if (reviewerId === null) return null
  const fields = publicReviewerFields(req, options)
  if (fields.length === 0) return null
  return cachedForRequest(req, keyOf(reviewerId), async () =>
    toPublicReviewer(
      await req.payload.findByID({
        collection: slugs(options).users,
        depth: 0,
        disableErrors: true,
        id: reviewerId,
        overrideAccess: true,
        req,
        select: Object.fromEntries(fields.map((field) => [field.name, true])),
      }),
    ),
  )
}

/** Gives this request the public fields of a reviewer read beforehand (what `reviewerOf` would read). */
export const knownReviewer = (req: PayloadRequest, reviewerId: number | string, found: unknown): void => {
  void cachedForRequest(req, keyOf(reviewerId), () => Promise.resolve(toPublicReviewer(found)))
}
