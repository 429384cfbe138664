import { STATISTICS_MIN_ROWS, statisticsRefreshDue, type StatisticsProgress } from '../../rules/tableStatistics.js'

describe('statisticsRefreshDue', () => {
  const cases: [string, StatisticsProgress, boolean][] = [
    ['nothing written', { finished: false, rowsAtLastRefresh: 0, writtenSince: 0 }, false],
    ['an empty table, fewer rows than the minimum', { finished: false, rowsAtLastRefresh: 0, writtenSince: STATISTICS_MIN_ROWS - 1 }, false],
    ['an empty table, the minimum written', { finished: false, rowsAtLastRefresh: 0, writtenSince: STATISTICS_MIN_ROWS }, true],
    ['never analysed (the planner says -1), the minimum written', { finished: false, rowsAtLastRefresh: -1, writtenSince: STATISTICS_MIN_ROWS }, true],
    ['the table not yet doubled', { finished: false, rowsAtLastRefresh: 4_000, writtenSince: 3_999 }, false],
    ['the table doubled', { finished: false, rowsAtLastRefresh: 4_000, writtenSince: 4_000 }, true],
    ['a large table, a small run, while writing', { finished: false, rowsAtLastRefresh: 100_000, writtenSince: 9_000 }, false],
    ['at the end, grown by less than a tenth', { finished: true, rowsAtLastRefresh: 100_000, writtenSince: 9_999 }, false],
    ['at the end, grown by a tenth', { finished: true, rowsAtLastRefresh: 100_000, writtenSince: 10_000 }, true],
    ['at the end, fewer rows than the minimum on an empty table', { finished: true, rowsAtLastRefresh: 0, writtenSince: 17 }, false],
    ['at the end, the minimum on a small table', { finished: true, rowsAtLastRefresh: 800, writtenSince: STATISTICS_MIN_ROWS }, true],
    ['a count that is not a number', { finished: false, rowsAtLastRefresh: Number.NaN, writtenSince: Number.NaN }, false],
  ]
  it.each(cases)('%s', (_label, progress, due) => {
    expect(statisticsRefreshDue(progress)).toBe(due)
  })

  it('refreshes a few times per import whatever its size: as often as the table doubles', () => {
    const refreshesFor = (total: number, batch: number) => {
      let refreshes = 0
      let held = 0
      let since = 0
      for (let written = 0; written < total; written += batch) {
        since += Math.min(batch, total - written)
        if (statisticsRefreshDue({ finished: false, rowsAtLastRefresh: held, writtenSince: since })) {
          refreshes += 1
          held += since
          since = 0
        }
      }
      if (statisticsRefreshDue({ finished: true, rowsAtLastRefresh: held, writtenSince: since })) refreshes += 1
      return refreshes
    }
    expect(refreshesFor(17, 50)).toBe(0)
    expect(refreshesFor(20_000, 50)).toBe(7) // 500, 1,000, 2,000, 4,000, 8,000, 16,000 and the end
    expect(refreshesFor(100_000, 50)).toBeLessThanOrEqual(10)
  })
})
