import { parentPidOfStat } from '../../seed/backendPriority.js'

describe('parentPidOfStat: the parent pid in a /proc/<pid>/stat line', () => {
  const cases: [string, string, null | number][] = [
    ['a server process', '4242 (postgres) S 4100 4100 4100 0 -1 4194560 1210 0 0 0 3 1 0 0 20 0 1 0 81234', 4100],
    ['a name with spaces and parentheses', '77 (my (odd) name) R 12 77 77 0 -1 0 0 0', 12],
    ['init as parent is a pid like another', '2 (kthreadd) S 1 0 0 0 -1', 1],
    ['no parent (pid 0)', '1 (init) S 0 1 1 0 -1', null],
    ['no closing parenthesis', '4242 postgres S 4100', null],
    ['a truncated line', '4242 (postgres)', null],
    ['empty', '', null],
  ]
  it.each(cases)('%s', (_label, stat, parent) => {
    expect(parentPidOfStat(stat)).toBe(parent)
  })
})
