import {
  consultsReadable,
  CREDENTIAL_FIELDS,
  judgeQueryPath,
  joinPaths,
  type PathContext,
  type QueryArgs,
  queryPathsOf,
  refusedQueryPaths,
  type SchemaView,
  selectPaths,
  sortPaths,
  wherePaths,
} from '../../rules/queryPaths.js'

// A schema shaped like the plugin's: articles → users (three ways), sources, glossary terms;
// glossary terms join back to articles; workflow events point at users and articles.
const schema: SchemaView = {
  articles: [
    { kind: 'data', name: 'title' },
    { kind: 'data', name: 'version' },
    { kind: 'relation', name: 'source', relationTo: ['sources'] },
    { kind: 'relation', name: 'glossaryTerms', relationTo: ['glossary-terms'] },
    { kind: 'relation', name: 'reviewedBy', relationTo: ['users'] },
    { kind: 'relation', name: 'submittedBy', relationTo: ['users'] },
    { kind: 'relation', name: 'lastEditedBy', relationTo: ['users'] },
    { kind: 'relation', name: 'reviewHistory', relationTo: ['workflow-events'] },
    { fields: [{ kind: 'data', name: 'url' }, { kind: 'relation', name: 'checkedBy', relationTo: ['users'] }], kind: 'nested', name: 'evidence' },
    { kind: 'relation', name: 'related', relationTo: ['sources', 'users'] },
  ],
  'glossary-terms': [
    { kind: 'data', name: 'term' },
    { kind: 'relation', name: 'usedBy', relationTo: ['articles'] },
  ],
  sources: [
    { kind: 'data', name: 'name' },
    { kind: 'data', name: 'tierRank' },
  ],
  users: [
    { kind: 'data', name: 'name' },
    { kind: 'data', name: 'email' },
    { kind: 'data', name: 'role' },
    { kind: 'data', name: 'hash' },
    { kind: 'data', name: 'salt' },
    { fields: [{ kind: 'data', name: 'id' }, { kind: 'data', name: 'createdAt' }], kind: 'nested', name: 'sessions' },
    { kind: 'data', name: 'loginAttempts' },
    { kind: 'data', name: 'lockUntil' },
    { kind: 'data', name: 'resetPasswordToken' },
  ],
  'workflow-events': [
    { kind: 'data', name: 'comment' },
    { kind: 'relation', name: 'actor', relationTo: ['users'] },
    { kind: 'relation', name: 'article', relationTo: ['articles'] },
  ],
}

const base = { authCollections: new Set(['users']), schema, versioned: new Set(['articles']) }
const anonymous: PathContext = { ...base, readable: new Set(['articles', 'sources', 'glossary-terms']) }
const staff: PathContext = { ...base, readable: new Set(['articles', 'sources', 'glossary-terms', 'users', 'workflow-events']) }

const USER_FIELDS = ['name', 'email', 'role', 'hash', 'salt', 'sessions.id', 'sessions.createdAt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']
const CREDENTIALS = ['hash', 'salt', 'sessions.id', 'sessions.createdAt', 'loginAttempts', 'lockUntil', 'resetPasswordToken']
const USER_RELATIONS = ['reviewedBy', 'submittedBy', 'lastEditedBy', 'evidence.checkedBy', 'related.value', 'reviewHistory.actor', 'glossaryTerms.usedBy.reviewedBy']

describe('judgeQueryPath: an anonymous caller reaches no field of users', () => {
  const cases = USER_RELATIONS.flatMap((relation) => USER_FIELDS.map((field) => [`${relation}.${field}`] as const))
  it.each(cases)('refuses %s', (path) => {
    expect(judgeQueryPath('articles', path, anonymous)).toMatchObject({ path })
  })
  it.each(cases.map(([path]) => [path.replace(/\./g, '__')]))('refuses the GraphQL spelling %s', (path) => {
    expect(judgeQueryPath('articles', path, anonymous)).not.toBeNull()
  })
  it.each(cases.map(([path]) => [`-${path}`]))('refuses the descending sort %s', (path) => {
    expect(judgeQueryPath('articles', path, anonymous)).not.toBeNull()
  })
})

describe('judgeQueryPath: staff reach users, never credentials', () => {
  it.each(USER_RELATIONS.flatMap((relation) => CREDENTIALS.map((field) => [`${relation}.${field}`] as const)))('refuses %s', (path) => {
    expect(judgeQueryPath('articles', path, staff)).toMatchObject({ path })
  })
  it.each(USER_RELATIONS.flatMap((relation) => ['name', 'email', 'role'].map((field) => [`${relation}.${field}`] as const)))(
    'allows %s',
    (path) => {
      expect(judgeQueryPath('articles', path, staff)).toBeNull()
    },
  )
  it.each(CREDENTIALS.map((field) => [field]))('refuses %s on users itself', (path) => {
    expect(judgeQueryPath('users', path, staff)).toMatchObject({ path })
  })
  it('knows Payload’s credential fields', () => {
    for (const field of ['hash', 'salt', 'sessions', 'resetPasswordToken', 'loginAttempts', 'lockUntil', 'apiKey']) {
      expect(CREDENTIAL_FIELDS.has(field)).toBe(true)
    }
  })
})

describe('judgeQueryPath: what stays allowed', () => {
  it.each([
    ['articles', 'title'],
    ['articles', 'reviewedBy'],
    ['articles', 'reviewedBy.id'],
    ['articles', 'related.relationTo'],
    ['articles', 'related.value'],
    ['articles', 'source.name'],
    ['articles', 'source.tierRank'],
    ['articles', 'glossaryTerms.term'],
    ['articles', 'glossaryTerms.usedBy.title'],
    ['articles', 'evidence.url'],
    ['articles', 'version.title'],
    ['articles', 'unknownField.whatever'],
    ['glossary-terms', 'usedBy.source.name'],
    ['articles', ''],
  ])('allows %s %s to an anonymous caller', (collection, path) => {
    expect(judgeQueryPath(collection, path, anonymous)).toBeNull()
  })
  it.each([
    ['articles', 'reviewHistory.comment'],
    ['articles', 'version.reviewedBy.email'],
    ['articles', 'version.reviewedBy.sessions.id'],
    ['glossary-terms', 'usedBy.reviewedBy.sessions.id'],
    ['glossary-terms', 'usedBy.reviewHistory.actor'],
    ['workflow-events', 'actor.email'],
  ])('refuses %s %s to an anonymous caller', (collection, path) => {
    expect(judgeQueryPath(collection, path, anonymous)).not.toBeNull()
  })
})

describe('the paths of a read’s arguments', () => {
  it('collects where paths through and/or and nested relationship queries', () => {
    expect(
      wherePaths({
        and: [{ title: { equals: 'a' } }, { or: [{ 'reviewedBy.email': { like: 'x' } }] }],
        glossaryTerms: { contains: { term: { equals: 'x' } } },
      }).sort(),
    ).toEqual(['glossaryTerms', 'glossaryTerms.term', 'reviewedBy.email', 'title'])
  })
  it.each([
    ['title', ['title']],
    ['-reviewedBy.email,title', ['reviewedBy.email', 'title']],
    [['-a', 'b'], ['a', 'b']],
    [undefined, []],
    [42, []],
  ])('sort %p names %p', (sort, paths) => {
    expect(sortPaths(sort)).toEqual(paths)
  })
  it('collects select and join paths', () => {
    expect(selectPaths({ evidence: { url: true }, title: true })).toEqual(['evidence', 'evidence.url', 'title'])
    expect(joinPaths({ usedBy: { limit: 5, sort: '-reviewedBy.email', where: { 'reviewedBy.name': { exists: true } } } })).toEqual([
      'usedBy',
      'usedBy.reviewedBy.name',
      'usedBy.reviewedBy.email',
    ])
  })
  it('reads populate per populated collection', () => {
    expect(queryPathsOf('articles', { populate: { users: { email: true } } })).toEqual([{ collection: 'users', path: 'email' }])
  })
  it('refuses a populate of an unreadable collection and every bad path once', () => {
    const refused = refusedQueryPaths(
      'articles',
      {
        populate: { users: { sessions: true } },
        sort: 'reviewedBy.sessions.id',
        where: { or: [{ 'reviewedBy.sessions.id': { greater_than: 'a' } }, { 'reviewedBy.sessions.id': { less_than: 'b' } }] },
      },
      anonymous,
    )
    expect(refused.map((item) => item.path).sort()).toEqual(['populate.users', 'reviewedBy.sessions.id'])
  })
  it('lets a select shape the answer through a relationship (population obeys access), never name credentials', () => {
    expect(refusedQueryPaths('articles', { select: { reviewedBy: { email: true, id: true }, title: true } }, anonymous)).toEqual([])
    expect(refusedQueryPaths('users', { select: { email: true, hash: true } }, staff).map((item) => item.path)).toEqual(['hash'])
    expect(refusedQueryPaths('articles', { sort: 'reviewedBy.email' }, anonymous).map((item) => item.path)).toEqual(['reviewedBy.email'])
  })
  it('answers nothing to refuse for a plain public read', () => {
    expect(refusedQueryPaths('articles', { select: { title: true }, sort: '-title', where: { 'source.tierRank': { less_than: 3 } } }, anonymous)).toEqual([])
  })
})

describe('consultsReadable: which reads need every collection’s access evaluated', () => {
  const cases: [string, QueryArgs, boolean][] = [
    ['a by id naming nothing', {}, false],
    ['a select of its own fields', { select: { title: true, url: true } }, false],
    ['a select through a relationship', { select: { reviewedBy: { email: true }, title: true } }, false],
    ['a select naming credentials', { select: { hash: true } }, false],
    ['a where on its own field', { where: { title: { equals: 'a' } } }, true],
    ['a sort', { sort: '-title' }, true],
    ['a where through a relationship', { where: { 'reviewedBy.email': { like: 'x' } } }, true],
    ['a populate of another collection', { populate: { users: { email: true } } }, true],
    ['a join', { joins: { usedBy: { limit: 5 } } }, true],
  ]
  it.each(cases)('%s: %p', (_, args, consults) => {
    expect(consultsReadable('articles', args)).toBe(consults)
  })
  // Skipping the evaluation is safe only where the verdict does not depend on it.
  it.each(cases.filter(([, , consults]) => !consults))('%s is judged alike whatever the caller may read', (_, args) => {
    for (const context of [anonymous, staff]) {
      expect(refusedQueryPaths('articles', args, { ...context, readable: new Set() })).toEqual(refusedQueryPaths('articles', args, context))
      expect(refusedQueryPaths('users', args, { ...context, readable: new Set() })).toEqual(refusedQueryPaths('users', args, context))
    }
  })
  it('is true for a where whose verdict depends on what the caller may read', () => {
    const args: QueryArgs = { where: { 'reviewedBy.email': { like: 'x' } } }
    expect(consultsReadable('articles', args)).toBe(true)
    expect(refusedQueryPaths('articles', args, staff)).toEqual([])
    expect(refusedQueryPaths('articles', args, { ...staff, readable: new Set() })).not.toEqual([])
  })
})
