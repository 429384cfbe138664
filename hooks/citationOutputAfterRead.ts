import type { CSL } from '@citation-js/core'
import type { CollectionBeforeOperationHook, FieldHook, PayloadRequest } from 'payload'

import { BoundedCache } from '../rules/boundedCache.js'
import { type SelectDependencies, withSelectDependencies } from '../rules/selectDependencies.js'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { type CitationInput, formatCitation, toCslItem, toJsonLd } from '../rules/citationOutputs.js'
import { storedSnapshot } from '../rules/citationSnapshot.js'
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

/** The computed citation fields of an article. */
export const CITATION_OUTPUT_FIELDS = ['citationCsl', 'citationText', 'jsonLd'] as const
type CitationOutputField = (typeof CITATION_OUTPUT_FIELDS)[number]
type CitationOutputs = { citationCsl: CSL; citationText: string; jsonLd: Record<string, unknown> }

/** The stored fields the citation outputs are built from (what a `select` of one of them must read). */
export const CITATION_INPUT_FIELDS = [
  'audienceLevel',
  'cancerTypes',
  'citationSnapshot',
  'language',
  'lastReviewed',
  'reviewedBy',
  'source',
  'title',
  'url',
] as const

// Formatting with the CSL processor costs about a millisecond per article: outputs are kept by
// the input they are a pure function of (today's date included), so a hit is never stale.
const formatted = new BoundedCache<CitationOutputs>(16 * 1024 * 1024, (outputs) => 2 * (outputs.citationText.length + 1024))

const OUTPUTS = 'cancerContent.citationOutputs'

const buildOutputs = async (options: SanitizedOptions, req: PayloadRequest, doc: Record<string, unknown>): Promise<CitationOutputs | null> => {
  if (typeof doc.title !== 'string' || typeof doc.url !== 'string' || (typeof doc.id !== 'number' && typeof doc.id !== 'string')) return null
  const { users } = slugs(options)
  const source = await loadSourceFacts(options, req, doc.source, doc.citationSnapshot)
  const reviewerId = idOf(doc.reviewedBy)
  const reviewerName =
    reviewerId === null
      ? null
      : await cached(req, `reviewer:${reviewerId}`, async () => {
          // Only the reviewer's display name leaves the users collection, never the account.
          const found = await req.payload.findByID({
            collection: users,
            depth: 0,
            disableErrors: true,
            id: reviewerId,
            overrideAccess: true,
            req,
            select: { name: true },
          })
          return found && typeof found.name === 'string' && found.name.trim() ? found.name.trim() : null
        })
  const input: CitationInput = {
    accessed: todayUtc(options.now()),
    audience: (AUDIENCES as readonly unknown[]).includes(doc.audienceLevel) ? (doc.audienceLevel as Audience) : 'patient',
    cancerTypes: Array.isArray(doc.cancerTypes) ? doc.cancerTypes.filter((type: unknown): type is string => typeof type === 'string') : [],
    id: doc.id,
    language: typeof doc.language === 'string' ? doc.language : 'en',
    lastReviewed: toCalendarDate(doc.lastReviewed),
    reviewerName,
    source,
    title: doc.title,
    url: doc.url,
  }
  const key = JSON.stringify(input)
  const known = formatted.get(key)
  if (known) return known
  const citationCsl = toCslItem(input)
  const citationText = formatCitation(citationCsl)
  const outputs = { citationCsl, citationText, jsonLd: toJsonLd(input, citationText) }
  formatted.set(key, outputs)
  return outputs
}

/**
 * Answers one of an article's citation outputs (`citationText`, `citationCsl`, `jsonLd`): the
 * formatted citation, CSL-JSON item and schema.org JSON-LD built by the pure functions of
 * rules/citationOutputs.ts from the article, its source as approved (`citationSnapshot`; the
 * stored source for an article never approved) and its reviewer's name. A field hook, so a read
 * whose `select` leaves these fields out pays nothing for them; the three fields of one article
 * share one computation per request.
 */
export const citationOutputAfterRead =
  (options: SanitizedOptions, field: CitationOutputField): FieldHook =>
  async ({ data, req }) => {
    if (!data) return null
    const perRequest = (req.context[OUTPUTS] ??= new Map<unknown, Promise<CitationOutputs | null>>()) as Map<
      unknown,
      Promise<CitationOutputs | null>
    >
    // Keyed by the document object: a list's documents are distinct objects, one per row.
    let outputs = perRequest.get(data)
    if (!outputs) {
      outputs = buildOutputs(options, req, data)
      perRequest.set(data, outputs)
    }
    return (await outputs)?.[field] ?? null
  }

/**
 * Reads with a `select` of their own read what the computed fields they ask for are built from
 * (citation outputs: CITATION_INPUT_FIELDS; the review state: the next review date), and nothing
 * for the computed fields they leave out.
 */
export const selectInputsOfComputedFieldsBeforeOperation: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation !== 'read' || !('select' in args) || !args.select) return args
  const select = withSelectDependencies(args.select as Record<string, unknown>, COMPUTED_FIELD_INPUTS)
  return select === args.select ? args : { ...args, select }
}

const COMPUTED_FIELD_INPUTS: SelectDependencies = {
  ...Object.fromEntries(CITATION_OUTPUT_FIELDS.map((field) => [field, CITATION_INPUT_FIELDS])),
  reviewState: ['nextReviewDue'],
}
