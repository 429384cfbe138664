import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { type CitationInput, formatCitation, type PublicReviewer, toCslItem, toJsonLd } from '../rules/citationOutputs.js'
import type { SanitizedOptions } from '../rules/options.js'
import { AUDIENCES, type Audience } from '../rules/vocabulary.js'
import { slugs } from '../rules/collectionSlugs.js'
import { idOf } from '../rules/ids.js'
import { cachedForRequest, loadSourceFacts } from '../records/sourceFacts.js'

const text = (value: unknown): null | string => (typeof value === 'string' && value.trim() ? value.trim() : null)

/**
 * The public record of an article's reviewer: `name`, `credentials` and `affiliation` of the
 * auth collection (the plugin adds those the host lacks), or `null` without a name, and the
 * citation names no reviewer. Only these leave the users collection, never the account; read
 * once per request.
 */
const reviewerOf = async (options: SanitizedOptions, req: PayloadRequest, reviewerId: null | number | string): Promise<null | PublicReviewer> => {
  const { users } = slugs(options)
  if (reviewerId === null) return null
  return cachedForRequest(req, `reviewer:${reviewerId}`, async () => {
    const found: null | Record<string, unknown> = await req.payload.findByID({
      collection: users,
      depth: 0,
      disableErrors: true,
      id: reviewerId,
      overrideAccess: true,
      req,
      select: { affiliation: true, credentials: true, name: true },
    })
    const name = text(found?.name)
    return found && name ? { affiliation: text(found.affiliation), credentials: text(found.credentials), name } : null
  })
}

/**
 * Gives every article read its formatted citation, CSL-JSON item and schema.org JSON-LD
 * (`citationText`, `citationCsl`, `jsonLd`), built by the pure functions of
 * rules/citationOutputs.ts from the article, its source as approved (`citationSnapshot`; the
 * stored source for an article never approved) and its reviewer's public record (name,
 * credentials, affiliation).
 */
export const addCitationOutputsAfterRead =
  (options: SanitizedOptions): CollectionAfterReadHook =>
  async ({ doc, req }) => {
    if (typeof doc.title !== 'string' || typeof doc.url !== 'string') return doc
    const { sources } = slugs(options)
    const source = await loadSourceFacts(sources, req, doc.source, doc.citationSnapshot)
    const reviewer = await reviewerOf(options, req, idOf(doc.reviewedBy))
    const input: CitationInput = {
      accessed: todayUtc(options.now()),
      audience: (AUDIENCES as readonly string[]).includes(doc.audienceLevel) ? (doc.audienceLevel as Audience) : 'patient',
      cancerTypes: Array.isArray(doc.cancerTypes) ? doc.cancerTypes.filter((type: unknown) => typeof type === 'string') : [],
      id: doc.id,
      language: typeof doc.language === 'string' ? doc.language : 'en',
      lastReviewed: toCalendarDate(doc.lastReviewed),
      reviewer,
      source,
      title: doc.title,
      url: doc.url,
    }
    const citationCsl = toCslItem(input)
    const citationText = formatCitation(citationCsl)
    return { ...doc, citationCsl, citationText, jsonLd: toJsonLd(input, citationText) }
  }
