import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { type CitationInput, formatCitation, type PublicReviewer, toCslItem, toJsonLd } from '../rules/citationOutputs.js'
import { storedSnapshot } from '../rules/citationSnapshot.js'
import { changelogJsonLd } from '../rules/changelog.js'
import type { SanitizedOptions } from '../rules/options.js'
import { AUDIENCES, type Audience } from '../rules/vocabulary.js'
import { slugs } from './slugs.js'
import { idOf } from '../rules/ids.js'

type SourceFacts = CitationInput['source']

const CACHE = 'cancerContent.citationLookups'

// Sources and reviewer names read once per request, however many articles a list holds.
const cached = <T>(req: PayloadRequest, key: string, load: () => Promise<T>): Promise<T> => {
  const cache = (req.context[CACHE] ??= new Map<string, Promise<unknown>>()) as Map<string, Promise<unknown>>
  if (!cache.has(key)) cache.set(key, load())
  return cache.get(key) as Promise<T>
}

/**
 * The facts of an article's source that citations and pages show: the snapshot taken at its
 * approval when it has one (an edit of the source changes no approved article), otherwise the
 * source as stored, read once per request (a populated source is used as it is).
 */
export const loadSourceFacts = async (
  options: SanitizedOptions,
  req: PayloadRequest,
  source: unknown,
  snapshot?: unknown,
): Promise<SourceFacts> => {
  const approved = storedSnapshot(snapshot)
  if (approved) return { homeUrl: approved.homeUrl, label: approved.label, name: approved.name }
  if (source && typeof source === 'object' && 'label' in source && typeof source.label === 'string') {
    const facts = source as { homeUrl?: null | string; label: string; name?: null | string }
    return { homeUrl: facts.homeUrl ?? null, label: facts.label, name: facts.name ?? null }
  }
  const sourceId = idOf(source)
  if (sourceId === null) return null
  return cached(req, `source:${sourceId}`, async () => {
    const found = await req.payload.findByID({
      collection: slugs(options).sources,
      depth: 0,
      disableErrors: true,
      id: sourceId,
      overrideAccess: true,
      req,
      select: { homeUrl: true, label: true, name: true },
    })
    return found ? { homeUrl: found.homeUrl ?? null, label: found.label, name: found.name ?? null } : null
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
    const { users } = slugs(options)
    const source = await loadSourceFacts(options, req, doc.source, doc.citationSnapshot)
    const reviewerId = idOf(doc.reviewedBy)
    const reviewer =
      reviewerId === null
        ? null
        : await cached(req, `reviewer:${reviewerId}`, async (): Promise<null | PublicReviewer> => {
            // Only the reviewer's public record leaves the users collection, never the account.
            const found = await req.payload.findByID({
              collection: users,
              depth: 0,
              disableErrors: true,
              id: reviewerId,
              overrideAccess: true,
              req,
              select: { affiliation: true, credentials: true, name: true },
            })
            const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null)
            const name = text(found?.name)
            return found && name ? { affiliation: text(found.affiliation), credentials: text(found.credentials), name } : null
          })
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
    return { ...doc, citationCsl, citationText, jsonLd: { ...toJsonLd(input, citationText), ...changelogJsonLd(doc.changes) } }
  }
