import { checkCitation, parseShortCitation } from '../../rules/citation.js'
import type { CalendarDate } from '../../rules/calendarDate.js'

describe('parseShortCitation', () => {
  it.each([
    ['NCI, 2025', { label: 'NCI', year: 2025 }],
    ['  NCI ,2025 ', { label: 'NCI', year: 2025 }],
    ['American Cancer Society, 2024', { label: 'American Cancer Society', year: 2024 }],
    ['NCI 2025', null],
    ['NCI, 25', null],
    [', 2025', null],
    ['', null],
  ])('%p → %p', (value, expected) => {
    expect(parseShortCitation(value)).toEqual(expected)
  })
})

const good = {
  citation: 'NCI, 2025',
  lastReviewed: '2025-12-30' as CalendarDate,
  license: 'public_domain',
  url: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
}
const nci = { label: 'NCI' }

describe('checkCitation', () => {
  it('accepts the reference document', () => {
    expect(checkCitation(good, nci)).toEqual([])
  })

  it.each<[string, Partial<typeof good> | Record<string, null>, { label: string } | null, string[]]>([
    ['no source', {}, null, ['source']],
    ['no url', { url: null }, nci, ['url']],
    ['a relative url', { url: '/types/breast' }, nci, ['url']],
    ['an http url', { url: 'http://www.cancer.gov/types/breast' }, nci, ['url']],
    ['no licence', { license: null }, nci, ['license']],
    ['a blank licence', { license: '  ' }, nci, ['license']],
    ['no citation', { citation: null }, nci, ['citation']],
    ['a citation without a year', { citation: 'NCI' }, nci, ['citation']],
    ['a citation of another source', { citation: 'ACS, 2025' }, nci, ['citation']],
    ['a citation year after the review year', { citation: 'NCI, 2026' }, nci, ['citation']],
    ['a citation year before the review year', { citation: 'NCI, 2019' }, nci, []],
    ['no review date', { lastReviewed: null }, nci, ['lastReviewed']],
    ['everything missing', { citation: null, license: null, url: null }, null, ['source', 'url', 'license', 'citation']],
  ])('%s → problems at %p', (_, change, source, paths) => {
    const problems = checkCitation({ ...good, ...change } as typeof good, source)
    expect(problems.map((problem) => problem.path)).toEqual(paths)
    for (const problem of problems) expect(problem.message.length).toBeGreaterThan(10)
  })
})
