import { idOf, numericIdOf } from '../../rules/ids.js'

describe('idOf', () => {
  it.each<[unknown, null | number | string, null | number]>([
    [7, 7, 7],
    ['7', '7', null],
    [{ id: 7, title: 'populated' }, 7, 7],
    [{ id: { id: 9 } }, 9, 9],
    [null, null, null],
    [undefined, null, null],
    [{}, null, null],
  ])('%p → %p / %p', (value, id, numeric) => {
    expect(idOf(value)).toEqual(id)
    expect(numericIdOf(value)).toEqual(numeric)
  })
})
