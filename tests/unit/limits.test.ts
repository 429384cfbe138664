import {
  cappedDepth,
  DEFAULT_READ_LIMITS,
  deliveryQueryCost,
  overBudget,
  readLimitProblems,
  whereShape,
  withoutSuggestions,
} from '../../rules/limits.js'
import { sanitizeOptions } from '../../rules/options.js'

const limits = DEFAULT_READ_LIMITS

describe('readLimitProblems: page sizes of anonymous lists', () => {
  it.each([
    [{}, []],
    [{ limit: 1 }, []],
    [{ limit: '100' }, []],
    [{ limit: 100 }, []],
    [{ limit: 5, pagination: false }, []],
    [{ limit: 0 }, ['limit']],
    [{ limit: '0' }, ['limit']],
    [{ pagination: false }, ['limit']],
    [{ pagination: 'false' }, ['limit']],
    [{ limit: 101 }, ['limit']],
    [{ limit: -1 }, ['limit']],
    [{ limit: 2.5 }, ['limit']],
    [{ limit: '1e309' }, ['limit']],
    [{ limit: 'abc' }, ['limit']],
    [{ limit: Number.POSITIVE_INFINITY }, ['limit']],
  ])('%p → %p', (args, paths) => {
    expect(readLimitProblems(args, limits, true).map((problem) => problem.path)).toEqual(paths)
  })
  it('does not judge the page of a read of one document', () => {
    expect(readLimitProblems({ limit: 0 }, limits, false)).toEqual([])
  })
})

describe('readLimitProblems: joins and where', () => {
  it.each([
    [{ joins: { usedBy: { limit: 5 } } }, []],
    [{ joins: { usedBy: { limit: 20 } } }, []],
    [{ joins: { usedBy: false } }, []],
    [{ joins: { usedBy: { limit: 0 } } }, ['joins.usedBy.limit']],
    [{ joins: { usedBy: { limit: '21' } } }, ['joins.usedBy.limit']],
    [{ joins: { usedBy: { where: { or: Array.from({ length: 60 }, () => ({ id: { equals: 1 } })) } } } }, ['joins.usedBy.where']],
    [{ where: { id: { in: Array.from({ length: 50 }, (_, index) => index) } } }, []],
    [{ where: { id: { in: Array.from({ length: 51 }, (_, index) => index) } } }, ['where']],
    [{ where: { or: Array.from({ length: 51 }, (_, index) => ({ id: { equals: index } })) } }, ['where']],
    [{ where: { and: [{ or: [{ and: [{ or: [{ and: [{ id: { equals: 1 } }] }] }] }] }] } }, ['where']],
    [{ where: { and: [{ or: [{ and: [{ or: [{ id: { equals: 1 } }] }] }] }] } }, []],
  ])('%j → %p', (args, paths) => {
    expect(readLimitProblems(args, limits, true).map((problem) => problem.path)).toEqual(paths)
  })
})

describe('whereShape', () => {
  it.each([
    [undefined, { conditions: 0, depth: 0 }],
    [{ title: { equals: 'a' } }, { conditions: 1, depth: 0 }],
    [{ title: { equals: 'a', like: 'b' } }, { conditions: 2, depth: 0 }],
    [{ id: { in: [1, 2, 3] } }, { conditions: 3, depth: 0 }],
    [{ id: { in: [] } }, { conditions: 1, depth: 0 }],
    [{ id: { in: '1,2,3,4' } }, { conditions: 4, depth: 0 }],
    [{ title: { equals: 'a,b' } }, { conditions: 1, depth: 0 }],
    [{ or: [{ a: { equals: 1 } }, { b: { equals: 2 } }] }, { conditions: 2, depth: 1 }],
    [{ tags: { contains: { term: { equals: 'x' } } } }, { conditions: 2, depth: 1 }],
  ])('%j → %p', (where, shape) => {
    expect(whereShape(where)).toEqual(shape)
  })
})

describe('cappedDepth', () => {
  it.each([
    [undefined, 2, 1],
    [0, 2, 0],
    ['0', 2, 0],
    [1, 2, 1],
    [5, 2, 1],
    ['10', 2, 1],
    [-3, 2, 0],
    ['abc', 2, 1],
  ])('depth %p (default %p) → %p', (asked, defaultDepth, served) => {
    expect(cappedDepth(asked, defaultDepth, limits)).toBe(served)
  })
})

describe('deliveryQueryCost: the plugin’s GraphQL queries cost what they do', () => {
  it.each([
    ['searchArticles', {}, 3, 130],
    ['searchArticles', { limit: 50 }, 3, 250],
    ['searchArticles', { limit: 10 }, 0, 120],
    ['searchArticles', { limit: 500 }, 3, 250],
    ['glossaryLookup', {}, 5, 70],
    ['articlePage', {}, 20, 270],
    ['articlePage', { limit: 50 }, 20, 270],
  ] as const)('%s %j with selection %p → %p', (query, args, child, cost) => {
    expect(deliveryQueryCost(query, args, child)).toBe(cost)
  })
  it('prices 5 article pages or 10 searches of 10 over Payload’s default limit of 1000', () => {
    expect(5 * deliveryQueryCost('articlePage', {}, 1)).toBeGreaterThan(1000)
    expect(10 * deliveryQueryCost('searchArticles', {}, 1)).toBeGreaterThan(1000)
  })
})

describe('withoutSuggestions', () => {
  it.each([
    ['Cannot query field "titl" on type "Article". Did you mean "title"?', 'Cannot query field "titl" on type "Article".'],
    ['Unknown argument "limt". Did you mean "limit" or "page"?', 'Unknown argument "limt".'],
    ['Value "x" does not exist in "Status" enum. Did you mean the enum value "draft"?', 'Value "x" does not exist in "Status" enum.'],
    ['Syntax Error: Unexpected Name "x".', 'Syntax Error: Unexpected Name "x".'],
  ])('%s', (message, cleaned) => {
    expect(withoutSuggestions(message)).toBe(cleaned)
  })
})

describe('overBudget', () => {
  it.each([
    [0, 10, false],
    [limits.maxResponseBytes - 10, 10, false],
    [limits.maxResponseBytes - 10, 11, true],
  ])('spent %p + %p → %p', (spent, bytes, over) => {
    expect(overBudget(spent, bytes, limits)).toBe(over)
  })
})

describe('the limits option', () => {
  it('defaults every bound and keeps the given ones', () => {
    expect(sanitizeOptions().limits).toEqual(DEFAULT_READ_LIMITS)
    expect(sanitizeOptions({ limits: { maxLimit: 25 } }).limits).toEqual({ ...DEFAULT_READ_LIMITS, maxLimit: 25 })
  })
  it.each([[{ maxLimit: 0 }], [{ maxDepth: -1 }], [{ maxResponseBytes: 10 }], [{ unknown: 1 }]])('refuses %j', (given) => {
    expect(() => sanitizeOptions({ limits: given })).toThrow(/^\[cancer-content\] invalid plugin options: limits/)
  })
})
