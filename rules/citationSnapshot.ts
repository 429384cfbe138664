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

/** The facts of a snapshot in the order of their columns (`citation_snapshot_<fact>` on an article, `<fact>` on a source). */
export const SNAPSHOT_FACT_COLUMNS = { homeUrl: 'home_url', label: 'label', name: 'name', tierKey: 'tier_key', tierRank: 'tier_rank' } as const satisfies Record<
  keyof SourceSnapshot,
  string
>

/**
 * The facts of a snapshot as one comparable key, in SQL (an immutable expression, so an index can
 * hold it): the MD5 of each fact's text with its length in front (`n` for none), so that two
 * keys are equal only when every fact is (a NULL and an empty text differ, and no fact's text can
 * run into the next). `column` names a fact's column as the statement sees it. Different keys
 * are what the database looks for; `changedSourceFacts` then judges each candidate.
 */
export const snapshotKeySql = (column: (name: (typeof SNAPSHOT_FACT_COLUMNS)[keyof SourceSnapshot]) => string): string =>
  `md5(${Object.values(SNAPSHOT_FACT_COLUMNS)
    .map((name) => `coalesce(length(${column(name)}::text)::text || ':' || ${column(name)}::text, 'n')`)
    .join(` || ',' || `)})`
