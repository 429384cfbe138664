import type { CSL } from '@citation-js/core'
import type { CollectionBeforeOperationHook, FieldHook, PayloadRequest } from 'payload'

import { BoundedCache } from '../rules/boundedCache.js'
import { type SelectDependencies, withSelectDependencies } from '../rules/selectDependencies.js'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { changelogJsonLd } from '../rules/changelog.js'
import { type CitationInput, formatCitation, toCslItem, toJsonLd } from '../rules/citationOutputs.js'
import type { SanitizedOptions } from '../rules/options.js'
import { AUDIENCES, type Audience } from '../rules/vocabulary.js'
import { slugs } from '../rules/collectionSlugs.js'
import { loadSourceFacts } from '../src/records/sourceFacts.js'
import { reviewerOf } from '../src/records/publicReviewer.js'
import { idOf } from '../rules/ids.js'

/** The computed citation fields of an article. */
export const CITATION_OUTPUT_FIELDS = ['citationCsl', 'citationText', 'jsonLd'] as const
type CitationOutputField = (typeof CITATION_OUTPUT_FIELDS)[number]
type CitationOutputs = { citationCsl: CSL; citationText: string; jsonLd: Record<string, unknown> }

/** The stored fields the citation outputs are built from (what a `select` of one of them must read). */
export const CITATION_INPUT_FIELDS = [
  'audienceLevel',
  'cancerTypes',
  'changes',
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
  const source = await loadSourceFacts(slugs(options).sources, req, doc.source, doc.citationSnapshot)
  const reviewer = await reviewerOf(options, req, idOf(doc.reviewedBy))
  const input: CitationInput = {
    accessed: todayUtc(options.now()),
    audience: (AUDIENCES as readonly unknown[]).includes(doc.audienceLevel) ? (doc.audienceLevel as Audience) : 'patient',
    cancerTypes: Array.isArray(doc.cancerTypes) ? doc.cancerTypes.filter((type: unknown): type is string => typeof type === 'string') : [],
    id: doc.id,
    language: typeof doc.language === 'string' ? doc.language : 'en',
    lastReviewed: toCalendarDate(doc.lastReviewed),
    reviewer,
    source,
    title: doc.title,
    url: doc.url,
  }
  const key = JSON.stringify([input, doc.changes ?? null])
  const known = formatted.get(key)
  if (known) return known
  const citationCsl = toCslItem(input)
  const citationText = formatCitation(citationCsl)
  const outputs = { citationCsl, citationText, jsonLd: { ...toJsonLd(input, citationText), ...changelogJsonLd(doc.changes) } }
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
