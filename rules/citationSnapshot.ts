/**
 * What an approved article's citation outputs read from its source, frozen at approval: an
 * edit of the source reaches readers only through the article's next approval.
 */

/** The facts of a source that citations, JSON-LD and pages show. */
export interface SourceSnapshot {
  homeUrl: null | string
  label: string
  name: null | string
  tierKey: null | string
  tierRank: null | number
}

/** The facts of a stored source as a snapshot (extra fields are left out). */
export const toSourceSnapshot = (source: {
  homeUrl?: null | string
  label: string
  name?: null | string
  tierKey?: null | string
  tierRank?: null | number
}): SourceSnapshot => ({
  homeUrl: source.homeUrl ?? null,
  label: source.label,
  name: source.name ?? null,
  tierKey: source.tierKey ?? null,
  tierRank: source.tierRank ?? null,
})

/** The snapshot stored on an article, or `null` when it has none (never approved since snapshots began). */
export const storedSnapshot = (value: unknown): null | SourceSnapshot => {
  if (!value || typeof value !== 'object' || !('label' in value) || typeof value.label !== 'string' || value.label === '') {
    return null
  }
  return toSourceSnapshot(value as Parameters<typeof toSourceSnapshot>[0])
}

/** The fields whose change puts an approved article back in the reviewers' queue. */
export const changedSourceFacts = (approved: SourceSnapshot, current: SourceSnapshot): (keyof SourceSnapshot)[] =>
  (Object.keys(approved) as (keyof SourceSnapshot)[]).filter((key) => approved[key] !== current[key])
