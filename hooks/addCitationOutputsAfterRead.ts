import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { type CitationInput, formatCitation, toCslItem, toJsonLd } from '../rules/citationOutputs.js'
import type { SanitizedOptions } from '../rules/options.js'
import { AUDIENCES, type Audience } from '../rules/vocabulary.js'
import { slugs } from '../rules/collectionSlugs.js'
import { idOf } from '../rules/ids.js'
import { cachedForRequest, loadSourceFacts } from '../src/records/sourceFacts.js'

/**
 * The display name of an article's reviewer: the `name` field of the host's auth collection
 * when it has one (a text field of that name), otherwise `null`, and the citation names no
 * reviewer. Only the name leaves the users collection, never the account; read once per request.
 */
const reviewerNameOf = async (options: SanitizedOptions, req: PayloadRequest, reviewerId: null | number | string): Promise<null | string> => {
  const { users } = slugs(options)
  if (reviewerId === null) return null
  const hasName = req.payload.collections[users]?.config.flattenedFields.some((field) => field.name === 'name' && field.type === 'text')
  if (!hasName) return null
  return cachedForRequest(req, `reviewer:${reviewerId}`, async () => {
    const found: null | Record<string, unknown> = await req.payload.findByID({
      collection: users,
      depth: 0,
      disableErrors: true,
      id: reviewerId,
      overrideAccess: true,
      req,
      select: { name: true },
    })
    const name = found?.name
    return typeof name === 'string' && name.trim() ? name.trim() : null
  })
}

/**
 * Gives every article read its formatted citation, CSL-JSON item and schema.org JSON-LD
 * (`citationText`, `citationCsl`, `jsonLd`), built by the pure functions of
 * rules/citationOutputs.ts from the article, its source as approved (`citationSnapshot`; the
 * stored source for an article never approved) and its reviewer's name.
 */
export const addCitationOutputsAfterRead =
  (options: SanitizedOptions): CollectionAfterReadHook =>
  async ({ doc, req }) => {
    if (typeof doc.title !== 'string' || typeof doc.url !== 'string') return doc
    const { sources } = slugs(options)
    const source = await loadSourceFacts(sources, req, doc.source, doc.citationSnapshot)
    const reviewerName = await reviewerNameOf(options, req, idOf(doc.reviewedBy))
    const input: CitationInput = {
      accessed: todayUtc(options.now()),
      audience: (AUDIENCES as readonly string[]).includes(doc.audienceLevel) ? (doc.audienceLevel as Audience) : 'patient',
      cancerTypes: Array.isArray(doc.cancerTypes) ? doc.cancerTypes.filter((type: unknown) => typeof type === 'string') : [],
      id: doc.id,
      language: typeof doc.language === 'string' ? doc.language : 'en',
      lastReviewed: toCalendarDate(doc.lastReviewed),
      reviewerName,
      source,
      title: doc.title,
      url: doc.url,
    }
    const citationCsl = toCslItem(input)
    const citationText = formatCitation(citationCsl)
    return { ...doc, citationCsl, citationText, jsonLd: toJsonLd(input, citationText) }
  }
