import type { CollectionSlug, PayloadRequest } from 'payload'

import type { CitationInput } from '../rules/citationOutputs.js'
import { type SourceSnapshot, storedSnapshot, toSourceSnapshot } from '../rules/citationSnapshot.js'
import { idOf } from '../rules/ids.js'

/** The facts of a source that citations and pages show. */
export type SourceFacts = CitationInput['source']

const CACHE = 'cancerContent.citationLookups'

/**
 * Loads a value once per request under `key`, however many documents of a list ask for it
 * (sources and reviewer names of the citation outputs).
 */
export const cachedForRequest = <T>(req: PayloadRequest, key: string, load: () => Promise<T>): Promise<T> => {
  const cache = (req.context[CACHE] ??= new Map<string, Promise<unknown>>()) as Map<string, Promise<unknown>>
  if (!cache.has(key)) cache.set(key, load())
  return cache.get(key) as Promise<T>
}

/**
 * A source as stored, as the snapshot an approval freezes onto an article (label, name, home
 * URL, tier), or `null` when there is no such source. Read through `req`.
 */
export const readSourceSnapshot = async (
  req: PayloadRequest,
  sourcesSlug: CollectionSlug,
  source: unknown,
): Promise<null | SourceSnapshot> => {
  const sourceId = idOf(source)
  if (sourceId === null) return null
  const found = await req.payload.findByID({
    collection: sourcesSlug as 'sources',
    depth: 0,
    disableErrors: true,
    id: sourceId,
    overrideAccess: true,
    req,
    select: { homeUrl: true, label: true, name: true, tierKey: true, tierRank: true },
  })
  return found && typeof found.label === 'string' ? toSourceSnapshot(found) : null
}

/**
 * The facts of an article's source that citations and pages show: the snapshot taken at its
 * approval when it has one (an edit of the source changes no approved article), otherwise the
 * source as stored, read once per request (a populated source is used as it is).
 */
export const loadSourceFacts = async (
  sourcesSlug: CollectionSlug,
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
  return cachedForRequest(req, `source:${sourceId}`, async () => {
    const found = await readSourceSnapshot(req, sourcesSlug, sourceId)
    return found ? { homeUrl: found.homeUrl, label: found.label, name: found.name } : null
  })
}
