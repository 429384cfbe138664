import type { Payload } from 'payload'

import type { Article, GlossaryTerm } from '../../../payload-types.js'
import { articleFields, AS_IMPORT, createSource, lexicalBody, nciIdForTest, unique } from '../../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../../helpers/payload.js'
import { type Answer, call, createUser, describeAnswer, firstAdmin, graphql, type TestUser } from './harness.js'

/**
 * Class 3 of issue 9, no oracle on staff data: nothing of the auth collection (sessions, email,
 * hash, salt, tokens, login attempts, lock time, role, dates) is reachable by a caller who may not
 * read users, through `where`, `sort`, `select`, `populate` or `joins`, over any relationship path
 * (reviewedBy, submittedBy, lastEditedBy, a workflow event's actor, a glossary term's usedBy → …),
 * over REST and GraphQL, nor through /api/access. Staff, who may read users, still never reach
 * credentials. The answer to a refused path is 400 whatever the value: no oracle in the status.
 */

let payload: Payload
let admin: TestUser
let editor: TestUser
let reviewer: TestUser
let article: Article
let term: GlossaryTerm
const marker = `exposure${unique()}`

// Every field Payload keeps on a user that a caller could try to reach.
const CREDENTIAL_FIELDS = [
  'sessions.id',
  'sessions.createdAt',
  'sessions.expiresAt',
  'sessions',
  'hash',
  'salt',
  'loginAttempts',
  'lockUntil',
  'resetPasswordToken',
  'resetPasswordExpiration',
] as const
const PROFILE_FIELDS = ['email', 'role', 'name', 'createdAt', 'updatedAt'] as const
const USER_FIELDS = [...CREDENTIAL_FIELDS, ...PROFILE_FIELDS]

// Every way from a public collection to users, as [collection, path to a user].
const USER_RELATIONS = [
  ['articles', 'reviewedBy'],
  ['articles', 'submittedBy'],
  ['articles', 'lastEditedBy'],
  ['articles', 'reviewHistory.actor'],
  ['articles', 'glossaryTerms.usedBy.reviewedBy'],
  ['glossary-terms', 'usedBy.reviewedBy'],
  ['glossary-terms', 'usedBy.submittedBy'],
  ['glossary-terms', 'usedBy.lastEditedBy'],
] as const

// Operators with a value that would match the reviewer (an oracle answers differently to a miss).
const OPERATORS = [
  ['exists', 'true'],
  ['greater_than_equal', '0'],
  ['like', 'a'],
  ['not_equals', 'x'],
] as const

const isRefused = (answer: Answer): boolean => answer.status === 400 || answer.status === 403
const docsOf = (answer: Answer): unknown[] => (answer.json as { docs?: unknown[] } | undefined)?.docs ?? []

const whereRoute = (collection: string, path: string, operator: string, value: string): string =>
  `/${collection}?where[${path}][${operator}]=${encodeURIComponent(value)}&where[id][exists]=true&depth=0&limit=5`

beforeAll(async () => {
  admin = await firstAdmin()
  editor = await createUser('editor', 'exposure-editor')
  reviewer = await createUser('reviewer', 'exposure-reviewer')
  payload = await bootPayload()
  const source = await createSource(payload, { label: `EXP${unique()}` })
  term = await payload.create({ collection: 'glossary-terms', data: { nciId: nciIdForTest(), term: `Term ${marker}` } })
  // An approved article whose workflow fields all point at staff who have signed in (sessions exist).
  article = await payload.create({
    collection: 'articles',
    context: AS_IMPORT,
    data: articleFields({
      _status: 'published',
      body: lexicalBody(`The ${marker} article.`),
      citation: `${source.label}, 2026`,
      glossaryTerms: [term.id],
      lastEditedBy: editor.id,
      lastReviewed: '2026-06-01',
      license: 'public_domain',
      reviewedBy: reviewer.id,
      source: source.id,
      status: 'active',
      submittedBy: editor.id,
      title: `Exposure ${marker}`,
    }),
  })
  await payload.create({
    collection: 'workflow-events',
    data: { action: 'approve', actor: reviewer.id, actorLabel: reviewer.email, article: article.id, from: 'in_review', to: 'active' },
  })
}, 300_000)

afterAll(async () => {
  if (payload) await shutdownPayload(payload)
})

describe('the article under test is public', () => {
  it('is readable anonymously, with its reviewer as an id only', async () => {
    const answer = await call('GET', `/articles/${article.id}?depth=1`)
    expect(answer.status).toBe(200)
    const doc = answer.json as Record<string, unknown>
    for (const relation of ['reviewedBy', 'submittedBy', 'lastEditedBy']) {
      expect(typeof doc[relation] === 'number' || doc[relation] === null).toBe(true)
    }
    expect(answer.text).not.toContain(reviewer.email)
    expect(answer.text).not.toContain(editor.email)
  })
})

describe('what the public may read is still populated', () => {
  it('GraphQL populates the source and glossary terms of a public article for anonymous callers', async () => {
    const answer = await graphql(
      `query ($id: Int) { Articles(where: { id: { equals: $id } }) { docs { source { label } glossaryTerms { term } } } }`,
      { id: article.id },
    )
    expect((answer.json as { errors?: unknown }).errors).toBeUndefined()
    const docs = (answer.json as { data: { Articles: { docs: { glossaryTerms: { term: string }[]; source: { label: string } }[] } } }).data.Articles.docs
    expect(docs[0]?.source.label).toMatch(/^EXP/)
    expect(docs[0]?.glossaryTerms.map((linked) => linked.term)).toEqual([term.term])
  })
  it('REST populates them at depth 1', async () => {
    const answer = await call('GET', `/articles?where[id][equals]=${article.id}&depth=1&select[source]=true&select[glossaryTerms]=true`)
    expect(answer.status).toBe(200)
    const doc = docsOf(answer)[0] as { glossaryTerms: { term: string }[]; source: { label: string } }
    expect(doc.source.label).toMatch(/^EXP/)
    expect(doc.glossaryTerms[0]?.term).toBe(term.term)
  })
})

describe('anonymous: where, on every user path × field × operator, is refused (REST)', () => {
  const cases = USER_RELATIONS.flatMap(([collection, relation]) =>
    USER_FIELDS.flatMap((field) => OPERATORS.map(([operator, value]) => [collection, `${relation}.${field}`, operator, value] as const)),
  )
  it.each(cases)('%s where[%s][%s]=%s → 400', async (collection, path, operator, value) => {
    const answer = await call('GET', whereRoute(collection, path, operator, value))
    expect(isRefused(answer)).toBe(true)
    expect(docsOf(answer)).toEqual([])
  })
})

describe('anonymous: sort on every user path × field is refused (REST and GraphQL)', () => {
  const cases = USER_RELATIONS.flatMap(([collection, relation]) =>
    USER_FIELDS.flatMap((field) => [`${relation}.${field}`, `-${relation}.${field}`].map((sort) => [collection, sort] as const)),
  )
  it.each(cases)('REST %s sort=%s → 400', async (collection, sort) => {
    const answer = await call('GET', `/${collection}?sort=${encodeURIComponent(sort)}&depth=0&limit=5`)
    expect(isRefused(answer)).toBe(true)
  })
  const graphqlCases = USER_RELATIONS.filter(([collection]) => collection === 'articles').flatMap(([, relation]) =>
    USER_FIELDS.map((field) => [`${relation}.${field}`] as const),
  )
  it.each(graphqlCases)('GraphQL Articles(sort: "%s") → error, no docs', async (sort) => {
    const answer = await graphql(`query ($sort: String) { Articles(sort: $sort, limit: 5) { docs { id } } }`, { sort })
    const body = answer.json as { data?: { Articles: unknown }; errors?: { extensions?: { statusCode?: number } }[] }
    expect(body.errors?.[0]?.extensions?.statusCode).toBe(400)
    expect(body.data?.Articles ?? null).toBeNull()
  })
})

describe('anonymous: the session-id binary search of the issue is closed', () => {
  it.each(['0', '8', 'f', 'zzzz'])('where[reviewedBy.sessions.id][greater_than_equal]=%s answers the same 400', async (prefix) => {
    const answer = await call('GET', `/articles?where[reviewedBy.sessions.id][greater_than_equal]=${prefix}&where[id][equals]=${article.id}`)
    expect(answer.status).toBe(400)
    expect(docsOf(answer)).toEqual([])
  })
})

describe('anonymous: joins, populate and select reach no user field', () => {
  const joinCases = [
    ['glossary-terms', 'usedBy', 'where', 'reviewedBy.sessions.id'],
    ['glossary-terms', 'usedBy', 'where', 'reviewedBy.email'],
    ['glossary-terms', 'usedBy', 'where', 'submittedBy.hash'],
    ['glossary-terms', 'usedBy', 'sort', 'reviewedBy.sessions.createdAt'],
    ['glossary-terms', 'usedBy', 'sort', 'lastEditedBy.email'],
    ['articles', 'reviewHistory', 'where', 'actor.sessions.id'],
    ['articles', 'reviewHistory', 'where', 'actor.email'],
    ['articles', 'reviewHistory', 'where', 'comment'],
    ['articles', 'reviewHistory', 'sort', 'actor.email'],
  ] as const
  it.each(joinCases)('%s joins[%s][%s] on %s → 400', async (collection, join, kind, path) => {
    const query = kind === 'where' ? `joins[${join}][where][${path}][exists]=true` : `joins[${join}][sort]=${path}`
    const answer = await call('GET', `/${collection}?${query}&depth=0&limit=5`)
    expect(isRefused(answer)).toBe(true)
  })
  it.each(USER_FIELDS.filter((field) => !field.includes('.')))('populate[users][%s] → 400', async (field) => {
    const answer = await call('GET', `/articles?populate[users][${field}]=true&depth=1&limit=5`)
    expect(answer.status).toBe(400)
    expect(answer.text).not.toContain(reviewer.email)
  })
  it.each(['populate[workflow-events][comment]=true', 'populate[workflow-events][actor]=true'])('%s → 400', async (query) => {
    const answer = await call('GET', `/articles?${query}&depth=1&limit=5`)
    expect(answer.status).toBe(400)
  })
  it.each([0, 1, 2, 5])('a full read at depth %i carries no user object, email or session', async (depth) => {
    const answer = await call('GET', `/articles?where[id][equals]=${article.id}&depth=${depth}&select[reviewedBy]=true&select[submittedBy]=true&select[lastEditedBy]=true&select[reviewHistory]=true`)
    expect(answer.status).toBe(200)
    for (const secret of [reviewer.email, editor.email, '"sessions"', '"hash"', '"salt"', '"role"']) expect(answer.text).not.toContain(secret)
  })
  it('the glossary term’s usedBy carries articles, never their staff', async () => {
    const answer = await call('GET', `/glossary-terms/${term.id}?depth=3`)
    expect(answer.status).toBe(200)
    for (const secret of [reviewer.email, editor.email, '"sessions"', '"hash"']) expect(answer.text).not.toContain(secret)
  })
})

describe('anonymous: users and workflow events are closed', () => {
  it.each([
    ['/users', 403],
    ['/users/1', 403],
    ['/users?where[sessions.id][exists]=true', 400],
    ['/workflow-events', 403],
    ['/workflow-events?where[actor.sessions.id][exists]=true', 400],
  ])('GET %s → %i (no docs)', async (route, expected) => {
    const answer = await call('GET', route)
    expect([expected, 403]).toContain(answer.status)
    expect(docsOf(answer)).toEqual([])
  })
  it.each([
    ['{ Users { docs { email } } }'],
    ['{ WorkflowEvents { docs { actorLabel actor { email } } } }'],
    [`{ Articles(where: { id: { equals: 0 } }) { docs { reviewedBy { email sessions { id } } } } }`],
  ])('GraphQL %s answers no staff data', async (query) => {
    const answer = await graphql(query)
    for (const secret of [reviewer.email, editor.email]) expect(answer.text).not.toContain(secret)
    expect(answer.text).not.toMatch(/"sessions":\[\{/)
  })
  it('GraphQL populates the reviewer as null', async () => {
    const answer = await graphql(`query ($id: Int) { Articles(where: { id: { equals: $id } }) { docs { id reviewedBy { id email } submittedBy { id } lastEditedBy { id } } } }`, { id: article.id })
    const docs = (answer.json as { data: { Articles: { docs: Record<string, unknown>[] } } }).data.Articles.docs
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ lastEditedBy: null, reviewedBy: null, submittedBy: null })
  })
})

describe('/api/access gives nobody a read of staff data they do not have', () => {
  const usersAccess = (answer: Answer) =>
    (answer.json as { collections?: Record<string, { fields?: Record<string, { read?: boolean }>; read?: unknown }> }).collections?.users
  it('anonymous: no read of users, no field of users readable', async () => {
    const answer = await call('GET', '/access')
    expect(answer.status).toBe(200)
    const users = usersAccess(answer)
    const readable = Object.entries(users?.fields ?? {}).filter(([, field]) => field.read === true).map(([name]) => name)
    expect(readable).toEqual([])
    expect(users?.read === undefined || users.read === false || (users.read as { permission?: boolean }).permission === false).toBe(true)
  })
  it.each(['editor', 'reviewer', 'admin'] as const)('%s: sessions are not readable in general', async (role) => {
    const user = role === 'editor' ? editor : role === 'reviewer' ? reviewer : admin
    const answer = await call('GET', '/access', { token: user.token })
    expect(usersAccess(answer)?.fields?.sessions?.read).not.toBe(true)
  })
})

describe('staff may read users, never their credentials', () => {
  const staffOf = (role: 'admin' | 'editor' | 'reviewer') => (role === 'editor' ? editor : role === 'reviewer' ? reviewer : admin)
  const roles = ['editor', 'reviewer', 'admin'] as const
  const credentialCases = roles.flatMap((role) =>
    USER_RELATIONS.filter(([collection]) => collection === 'articles').flatMap(([collection, relation]) =>
      CREDENTIAL_FIELDS.map((field) => [role, collection, `${relation}.${field}`] as const),
    ),
  )
  it.each(credentialCases)('%s: %s where[%s][exists] → 400', async (role, collection, path) => {
    const answer = await call('GET', whereRoute(collection, path, 'exists', 'true'), { token: staffOf(role).token })
    expect(answer.status).toBe(400)
  })
  it.each(roles.flatMap((role) => CREDENTIAL_FIELDS.map((field) => [role, field] as const)))('%s: users sort=%s → 400', async (role, field) => {
    const answer = await call('GET', `/users?sort=${field}&limit=5`, { token: staffOf(role).token })
    expect(answer.status).toBe(400)
  })
  it.each(roles.flatMap((role) => ['reviewedBy.email', 'submittedBy.role', 'lastEditedBy.name'].map((path) => [role, path] as const)))(
    '%s: articles where[%s][exists] is allowed',
    async (role, path) => {
      const answer = await call('GET', whereRoute('articles', path, 'exists', 'true'), { token: staffOf(role).token })
      expect(answer.status).toBe(200)
    },
  )
  it.each(roles)('%s: a list of users carries no other user’s sessions', async (role) => {
    const me = staffOf(role)
    const answer = await call('GET', `/users?limit=100&depth=0`, { token: me.token })
    expect(answer.status).toBe(200)
    const docs = docsOf(answer) as { id: number; sessions?: unknown[] }[]
    expect(docs.length).toBeGreaterThan(1)
    for (const doc of docs) {
      if (doc.id !== me.id) expect(doc.sessions ?? []).toEqual([])
      expect(doc).not.toHaveProperty('hash')
      expect(doc).not.toHaveProperty('salt')
    }
  })
})

describe('signing in still works with sessions closed to queries', () => {
  it('a user reads their own sessions through /users/me', async () => {
    const answer = await call('GET', '/users/me', { token: reviewer.token })
    expect(answer.status).toBe(200)
    const user = (answer.json as { user: { sessions?: unknown[] } }).user
    expect(user.sessions?.length ?? 0).toBeGreaterThan(0)
  })
  it('answers every refused path the same, with a field path and no SQL', async () => {
    const answer = await call('GET', '/articles?where[reviewedBy.sessions.id][equals]=x')
    expect(answer.status).toBe(400)
    expect(answer.text).not.toMatch(/select |from "/i)
    expect(describeAnswer(answer)).toContain('reviewedBy.sessions.id')
  })
})
