/**
 * When a bulk writer refreshes the planner's statistics (ANALYZE) of the tables it fills.
 *
 * PostgreSQL plans each query from statistics that autovacuum refreshes in the background, at
 * most once a minute per database and not at all where it is off. A bulk import that doubles a
 * table within that minute leaves the planner with the counts of a much smaller table: a reader's
 * join that takes 60 ms with fresh statistics took 25–50 s during a 20,000-document first-boot
 * import (a glossary term's `usedBy` articles, on a server with autovacuum off). The importer
 * refreshes them itself, as often as the tables double: a handful of times per import whatever
 * its size, each a sampled ANALYZE of a fraction of a second.
 */

/** Rows (articles) written before a refresh is worth its cost. */
export const STATISTICS_MIN_ROWS = 500

/** Growth since the last refresh that makes a refresh due at the end of a run (autovacuum's default scale factor). */
export const STATISTICS_END_GROWTH = 0.1

export interface StatisticsProgress {
  /** Whether the run has written its last row. */
  finished: boolean
  /** Rows the table held at the last refresh (the planner's estimate at the start: 0 when never analysed). */
  rowsAtLastRefresh: number
  /** Rows written since the last refresh. */
  writtenSince: number
}

/**
 * Whether to refresh now: while writing, once the table doubled since the last refresh; at the
 * end, once it grew by a tenth; never for fewer than STATISTICS_MIN_ROWS rows.
 */
export const statisticsRefreshDue = ({ finished, rowsAtLastRefresh, writtenSince }: StatisticsProgress): boolean => {
  const held = Number.isFinite(rowsAtLastRefresh) && rowsAtLastRefresh > 0 ? rowsAtLastRefresh : 0
  if (!Number.isFinite(writtenSince) || writtenSince < STATISTICS_MIN_ROWS) return false
  return writtenSince >= (finished ? held * STATISTICS_END_GROWTH : held)
}
