import { withSelectDependencies } from '../../rules/selectDependencies.js'

const dependencies = { citationText: ['title', 'url', 'source'], reviewState: ['nextReviewDue'] }

describe('withSelectDependencies', () => {
  it.each([
    ['no select', undefined, undefined],
    ['exclude mode is left as it is', { body: false }, { body: false }],
    ['no computed field selected', { title: true }, { title: true }],
    ['a computed field brings its inputs', { citationText: true }, { citationText: true, source: true, title: true, url: true }],
    ['inputs already selected stay', { citationText: true, title: true }, { citationText: true, source: true, title: true, url: true }],
    ['an input excluded by false is added back', { citationText: true, url: false }, { citationText: true, source: true, title: true, url: true }],
    ['two computed fields', { citationText: true, reviewState: true }, { citationText: true, nextReviewDue: true, reviewState: true, source: true, title: true, url: true }],
    ['a nested selection of an input is kept', { citationText: true, source: { label: true } }, { citationText: true, source: { label: true }, title: true, url: true }],
  ])('%s', (_label, select, expected) => {
    expect(withSelectDependencies(select as Record<string, unknown> | undefined, dependencies)).toEqual(expected)
  })

  it('returns the same object when nothing is missing', () => {
    const select = { reviewState: true, nextReviewDue: true }
    expect(withSelectDependencies(select, dependencies)).toBe(select)
  })
})
