import {
  checkCondition,
  checkPagination,
  checkWhere,
  idAsWritten,
  isDataObject,
  MAX_WHERE_CONDITIONS,
  nulPathOf,
  type QueryField,
  serialIdProblem,
} from '../../rules/queryInput.js'

const STATUS: QueryField = { options: ['draft', 'in_review', 'active', 'retired'], type: 'select' }
const FIELDS: Record<string, QueryField> = {
  cancerTypes: { hasMany: true, type: 'text' },
  id: { type: 'id' },
  lastReviewed: { type: 'date' },
  'source.tierRank': { type: 'number' },
  source: { type: 'relationship' },
  status: STATUS,
  title: { type: 'text' },
  flag: { type: 'checkbox' },
  place: { type: 'point' },
}
const resolve = (path: string) => FIELDS[path]

describe('checkCondition', () => {
  it.each<[string, string, unknown, boolean]>([
    // [path, operator, value, accepted]
    ['status', 'equals', 'active', true],
    ['status', 'equals', 'bogus', false],
    ['status', 'not_equals', 'draft', true],
    ['status', 'in', 'draft,active', true],
    ['status', 'in', ['draft', 'nope'], false],
    ['status', 'like', 'act', false],
    ['status', 'contains', 'act', false],
    ['status', 'greater_than', 'a', false],
    ['status', 'near', '1,2', false],
    ['status', 'exists', 'true', true],
    ['status', 'exists', 'maybe', false],
    ['status', 'equals', null, true],
    ['title', 'equals', 'Breast cancer', true],
    ['title', 'equals', 'a\u0000b', false],
    ['title', 'like', 'brea', true],
    ['title', 'like', 'a\u0000', false],
    ['title', 'like', { a: 1 }, false],
    ['title', 'contains', 'x', true],
    ['title', 'near', '1,2', false],
    ['title', 'within', '{}', false],
    ['title', 'intersects', '{}', false],
    ['title', 'equals', { nested: 'object' }, false],
    ['title', 'greater_than', 'M', true],
    ['title', 'regex', '.*', false],
    ['title', 'equals\u0000', 'x', false],
    ['lastReviewed', 'equals', '2026-01-10', true],
    ['lastReviewed', 'greater_than', '2026-01-10T00:00:00Z', true],
    ['lastReviewed', 'less_than', new Date('2026-01-01'), true],
    ['lastReviewed', 'less_than', new Date('nope'), false],
    ['lastReviewed', 'equals', 'yesterday-ish', false],
    ['lastReviewed', 'like', '2020', false],
    ['lastReviewed', 'contains', '2020', false],
    ['id', 'equals', '42', true],
    ['id', 'equals', 42, true],
    ['id', 'equals', '2147483647', true],
    ['id', 'equals', '2147483648', false],
    ['id', 'equals', '99999999999999999999', false],
    ['id', 'equals', '-1', false],
    ['id', 'equals', 1.5, false],
    ['id', 'equals', 'abc', false],
    ['id', 'in', '1,2,3', true],
    ['id', 'in', '1,x', false],
    ['id', 'in', Array.from({ length: 1001 }, (_, index) => index), false],
    ['id', 'like', '1', false],
    ['id', 'greater_than', '10', true],
    ['source', 'equals', 'abc', false],
    ['source', 'equals', '7', true],
    ['source', 'in', [1, 2], true],
    ['source', 'greater_than', '1', false],
    ['source', 'exists', 'false', true],
    ['source.tierRank', 'less_than_equal', '2', true],
    ['source.tierRank', 'less_than_equal', 'two', false],
    ['source.tierRank', 'equals', '1e309', false],
    ['source.tierRank', 'equals', '', false],
    ['source.tierRank', 'like', '1', false],
    ['cancerTypes', 'equals', 'breast', true],
    ['cancerTypes', 'all', 'breast,lung', true],
    ['flag', 'equals', 'true', true],
    ['flag', 'equals', 'yes', false],
    ['flag', 'like', 'true', false],
    ['place', 'near', '1,2,100', true],
    ['place', 'near', '1\u0000', false],
  ])('%s %s %p → %p', (path, operator, value, accepted) => {
    const problems = checkCondition(path, FIELDS[path]!, operator, value)
    expect(problems.length === 0).toBe(accepted)
    for (const problem of problems) {
      expect(problem.path).toBe(path)
      expect(problem.message.length).toBeLessThan(300)
    }
  })
})

describe('checkWhere', () => {
  it.each<[string, unknown, string[]]>([
    ['nothing', undefined, []],
    ['a good condition', { status: { equals: 'active' } }, []],
    ['like on a select', { status: { like: 'act' } }, ['status']],
    ['in and/or lists', { or: [{ status: { equals: 'x' } }, { and: [{ title: { like: 'a' } }, { id: { equals: 'abc' } }] }] }, ['status', 'id']],
    ['qs-style and as an object of indexes', { and: { 0: { status: { equals: 'nope' } } } }, ['status']],
    ['a path without an operator', { title: 'x' }, ['title']],
    ['a path with a list', { title: ['x'] }, ['title']],
    ['a where that is a string', 'status=active', ['where']],
    ['a where that is a list', [{ status: { equals: 'active' } }], ['where']],
    ['and that is not a list', { and: 'x' }, ['where']],
    ['an unknown path (left to Payload)', { nope: { equals: 'x' } }, []],
    ['an unknown path with a NUL byte', { nope: { equals: 'a\u0000' } }, ['nope']],
    ['a NUL byte in a path', { 'ti\u0000tle': { equals: 'x' } }, ['where']],
    ['a relationship path', { 'source.tierRank': { less_than: 'x' } }, ['source.tierRank']],
  ])('%s', (_name, where, paths) => {
    expect(checkWhere(where, resolve).map((problem) => problem.path)).toEqual(paths)
  })

  it('refuses nesting deeper than the bound', () => {
    let where: unknown = { status: { equals: 'active' } }
    for (let level = 0; level < 20; level += 1) where = { and: [where] }
    expect(checkWhere(where, resolve).map((problem) => problem.path)).toEqual(['where'])
  })

  it('refuses more conditions than the bound', () => {
    const or = Array.from({ length: MAX_WHERE_CONDITIONS + 1 }, () => ({ title: { equals: 'x' } }))
    expect(checkWhere({ or }, resolve).map((problem) => problem.message)).toEqual([`where: at most ${MAX_WHERE_CONDITIONS} conditions`])
  })
})

describe('checkPagination', () => {
  it.each<[unknown, unknown, string[]]>([
    [undefined, undefined, []],
    ['1', '10', []],
    [2, 0, []],
    ['-1', undefined, ['page']],
    ['0', undefined, ['page']],
    ['1.5', undefined, ['page']],
    ['abc', undefined, ['page']],
    ['1e309', undefined, ['page']],
    ['100001', undefined, ['page']],
    [undefined, '1e309', ['limit']],
    [undefined, '-5', ['limit']],
    [undefined, 'ten', ['limit']],
    [undefined, 'Infinity', ['limit']],
    [undefined, '99999999999999999999', ['limit']],
    ['x', 'y', ['page', 'limit']],
  ])('page %p, limit %p → %p', (page, limit, paths) => {
    expect(checkPagination({ limit, page }).map((problem) => problem.path)).toEqual(paths)
  })
})

describe('write data', () => {
  it.each<[unknown, null | string]>([
    [{ title: 'ok' }, null],
    [{ title: 'a\u0000b' }, 'title'],
    [{ evidence: [{ url: 'https://x' }, { url: 'https://\u0000' }] }, 'evidence.1.url'],
    [{ body: { root: { children: [{ text: '\u0000' }] } } }, 'body.root.children.0.text'],
    [{ ['k\u0000']: 1 }, 'data'],
    ['\u0000', 'data'],
    [42, null],
  ])('%p: NUL at %p', (data, path) => {
    expect(nulPathOf(data)).toBe(path)
  })

  it.each<[unknown, boolean]>([
    [{}, true],
    [{ title: 'x' }, true],
    ['hello', false],
    [null, false],
    [[], false],
    [42, false],
  ])('%p is a data object: %p', (data, expected) => {
    expect(isDataObject(data)).toBe(expected)
  })
})

describe('serialIdProblem', () => {
  it.each<[unknown, boolean]>([
    [7, true],
    ['7', true],
    [0, true],
    [2_147_483_647, true],
    ['2147483647', true],
    [2_147_483_648, false],
    ['2147483648', false],
    [-1, false],
    [1.5, false],
    ['1e3', false],
    ['5.0', false],
    ['0x10', false],
    [' 7', false],
    ['', false],
    [null, false],
    [{ id: 7 }, false],
  ])('%p: valid %s', (value, valid) => {
    expect(serialIdProblem(value) === null).toBe(valid)
    if (!valid) expect(serialIdProblem(value)).toMatch(/^is not a valid id/)
  })
})

describe('idAsWritten', () => {
  const route = (id: unknown, collection: unknown = 'articles') => ({ collection, id })
  it.each<[string, unknown, undefined | { collection?: unknown; id?: unknown }, unknown]>([
    ['a by-id route: the path as written, not the number Payload made of it', 1000, route('1e3'), '1e3'],
    ['"5.0" read as 5', 5, route('5.0'), '5.0'],
    ['a plain path', 7, route('7'), '7'],
    ['no route (Local API, GraphQL)', 7, undefined, 7],
    ["another collection's route (a nested operation)", 7, route('7', 'sources'), 7],
    ['a route with another id (a nested operation on another document)', 8, route('7'), 8],
    ['a route whose id is no string', 7, route(7), 7],
  ])('%s', (_case, operationId, routeParams, written) => {
    expect(idAsWritten(operationId, routeParams, 'articles')).toEqual(written)
  })
})
