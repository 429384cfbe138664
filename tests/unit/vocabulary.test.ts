import {
  ARTICLE_STATUSES,
  asArticleStatus,
  AUDIENCES,
  REVIEW_FREQUENCIES,
  ROLES,
  toSelectOptions,
  WORKFLOW_ACTIONS,
} from '../../rules/vocabulary.js'

describe('the vocabulary', () => {
  it('select options derive from the vocabulary', () => {
    expect(toSelectOptions(ROLES).map((option) => option.value)).toEqual([...ROLES])
    expect(toSelectOptions(['in_review'] as const)).toEqual([{ label: 'In review', value: 'in_review' }])
  })

  it.each([
    ['statuses', ARTICLE_STATUSES],
    ['audiences', AUDIENCES],
    ['review frequencies', REVIEW_FREQUENCIES],
    ['roles', ROLES],
    ['workflow actions', WORKFLOW_ACTIONS],
  ] as [string, readonly string[]][])('the %s have no value twice', (_name, values) => {
    expect(new Set(values).size).toBe(values.length)
  })

  it.each([
    ['draft', 'draft'],
    ['in_review', 'in_review'],
    ['active', 'active'],
    ['retired', 'retired'],
    ['published', 'draft'],
    ['ACTIVE', 'draft'],
    [null, 'draft'],
    [undefined, 'draft'],
    [3, 'draft'],
  ])('asArticleStatus(%p) = %p', (value, status) => {
    expect(asArticleStatus(value)).toBe(status)
  })
})
