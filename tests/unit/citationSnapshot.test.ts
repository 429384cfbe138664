import { changedSourceFacts, storedSnapshot, toSourceSnapshot } from '../../rules/citationSnapshot.js'

const NCI = toSourceSnapshot({ homeUrl: 'https://www.cancer.gov', label: 'NCI', name: 'National Cancer Institute', tierKey: 'nci_core', tierRank: 2 })

describe('citation snapshots', () => {
  it('keeps only the facts citations read', () => {
    expect(toSourceSnapshot({ id: 4, label: 'NCI', updatedAt: 'x' } as Parameters<typeof toSourceSnapshot>[0])).toEqual({
      homeUrl: null, label: 'NCI', name: null, tierKey: null, tierRank: null,
    })
  })

  it.each<[string, unknown, boolean]>([
    ['a stored snapshot', { ...NCI }, true],
    ['none', null, false],
    ['a group of empty fields', { homeUrl: null, label: null, name: null }, false],
    ['an empty label', { label: '' }, false],
  ])('reads %s', (_name, value, present) => {
    expect(storedSnapshot(value) !== null).toBe(present)
  })

  it.each<[string, Partial<typeof NCI>, string[]]>([
    ['nothing', {}, []],
    ['the name', { name: 'NCI (US)' }, ['name']],
    ['the home page', { homeUrl: 'https://cancer.gov' }, ['homeUrl']],
    ['the label and tier', { label: 'NCI2', tierRank: 1 }, ['label', 'tierRank']],
  ])('a change of %s is seen', (_name, change, fields) => {
    expect(changedSourceFacts(NCI, { ...NCI, ...change })).toEqual(fields)
  })
})
