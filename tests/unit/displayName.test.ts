import { displayName, displayTitle } from '../../rules/displayName.js'

describe('displayName', () => {
  it.each<[unknown, string]>([
    [{ email: 'ada@example.org', id: 3, name: 'Dr Ada Lovelace' }, 'Dr Ada Lovelace'],
    [{ email: 'ada@example.org', id: 3, name: '  Ada  ' }, 'Ada'],
    [{ email: 'ada@example.org', id: 3, name: '   ' }, 'ada@example.org'],
    [{ email: 'ada@example.org', id: 3, name: null }, 'ada@example.org'],
    [{ email: '', id: 3 }, 'User #3'],
    [{ id: 3 }, 'User #3'],
    [3, 'User #3'],
    [null, 'Unknown user'],
    [undefined, 'Unknown user'],
    [{}, 'Unknown user'],
  ])('%p → %s', (user, shown) => {
    expect(displayName(user)).toBe(shown)
  })

  it.each<[{ id: number; title?: null | string }, string]>([
    [{ id: 5, title: 'Breast cancer' }, 'Breast cancer'],
    [{ id: 5, title: '' }, 'Untitled article #5'],
    [{ id: 5, title: '  ' }, 'Untitled article #5'],
    [{ id: 5, title: null }, 'Untitled article #5'],
    [{ id: 5 }, 'Untitled article #5'],
  ])('displayTitle(%p) → %s', (article, shown) => {
    expect(displayTitle(article)).toBe(shown)
  })
})
