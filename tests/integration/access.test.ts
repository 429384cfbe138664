import type { CollectionSlug, Payload } from 'payload'

import type { User } from '../../payload-types.js'
import type { Role } from '../../rules/vocabulary.js'
import { graphql, GraphQLEnum, literal, rest } from '../helpers/api.js'
import { createActiveArticle, nciIdForTest } from '../helpers/fixtures.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

type Actor = 'anonymous' | Role
type Operation = 'create' | 'delete' | 'read' | 'update'

const ACTORS: Actor[] = ['anonymous', 'admin', 'editor', 'reviewer']

/** One collection (or one state of it) and who may do what to it. */
interface Subject {
  /** Who may do each operation; `null` when the operation is not part of this subject. */
  allowed: Record<Operation, Actor[] | null>
  collection: CollectionSlug
  /** Data of a new document, as plain values (enums as GraphQLEnum for GraphQL literals). */
  createData: () => Record<string, unknown>
  /** Creates the document an operation acts on, as the system. */
  fixture: () => Promise<number>
  graphqlName: { plural: string; singular: string }
  name: string
  /** A change to make, and the field to check it by. */
  update: { field: string; value: string }
}

let payload: Payload
const users = {} as Record<Role, User>
const tokens = {} as Partial<Record<Actor, string>>
let firstRegistered: { role?: string } | undefined

const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

const articleData = (): Record<string, unknown> => ({
  audienceLevel: new GraphQLEnum('patient'),
  language: 'en',
  reviewFrequency: new GraphQLEnum('quarterly'),
  title: `Article ${unique()}`,
  url: `https://www.cancer.gov/test/${unique()}`,
})

/** Plain values of data built for GraphQL literals. */
const plain = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [key, value instanceof GraphQLEnum ? value.value : value]))

const subjects: Subject[] = [
  {
    name: 'articles (draft)',
    allowed: {
      create: ['admin', 'editor'],
      delete: ['admin', 'editor'],
      read: ['admin', 'editor', 'reviewer'],
      update: ['admin', 'editor'],
    },
    collection: 'articles',
    createData: articleData,
    fixture: async () => (await payload.create({ collection: 'articles', data: plain(articleData()) as never })).id,
    graphqlName: { plural: 'Articles', singular: 'Article' },
    update: { field: 'title', value: 'Changed title' },
  },
  {
    name: 'articles (active)',
    allowed: {
      create: null,
      // Nobody deletes what readers saw: it is retired instead.
      delete: [],
      read: ['anonymous', 'admin', 'editor', 'reviewer'],
      update: ['admin', 'editor'],
    },
    collection: 'articles',
    createData: articleData,
    fixture: async () => (await createActiveArticle(payload)).id,
    graphqlName: { plural: 'Articles', singular: 'Article' },
    update: { field: 'title', value: 'Changed title' },
  },
  {
    name: 'sources',
    allowed: {
      create: ['admin', 'editor'],
      delete: ['admin'],
      read: ['anonymous', 'admin', 'editor', 'reviewer'],
      update: ['admin', 'editor'],
    },
    collection: 'sources',
    createData: () => ({ label: `SRC-${unique()}` }),
    fixture: async () => (await payload.create({ collection: 'sources', data: { label: `SRC-${unique()}` } })).id,
    graphqlName: { plural: 'Sources', singular: 'Source' },
    update: { field: 'name', value: 'Changed name' },
  },
  {
    name: 'glossary-terms',
    allowed: {
      create: ['admin', 'editor'],
      delete: ['admin'],
      read: ['anonymous', 'admin', 'editor', 'reviewer'],
      update: ['admin', 'editor'],
    },
    collection: 'glossary-terms',
    createData: () => ({ nciId: nciIdForTest(), term: 'tumor' }),
    fixture: async () =>
      (await payload.create({ collection: 'glossary-terms', data: { nciId: nciIdForTest(), term: 'tumor' } })).id,
    graphqlName: { plural: 'GlossaryTerms', singular: 'GlossaryTerm' },
    update: { field: 'term', value: 'Changed term' },
  },
  {
    name: 'workflow-events',
    allowed: {
      create: [],
      delete: [],
      read: ['admin', 'editor', 'reviewer'],
      update: [],
    },
    collection: 'workflow-events',
    createData: () => ({ action: new GraphQLEnum('submit'), actorLabel: 'someone', to: new GraphQLEnum('in_review') }),
    fixture: async () => {
      const article = await payload.create({ collection: 'articles', data: plain(articleData()) as never })
      const event = await payload.create({
        collection: 'workflow-events',
        data: { action: 'submit', actorLabel: 'system:test', article: article.id, from: 'draft', to: 'in_review' },
      })
      return event.id
    },
    graphqlName: { plural: 'WorkflowEvents', singular: 'WorkflowEvent' },
    update: { field: 'comment', value: 'Changed comment' },
  },
  {
    name: 'users (another user)',
    allowed: {
      create: ['admin'],
      delete: ['admin'],
      read: ['admin', 'editor', 'reviewer'],
      update: ['admin'],
    },
    collection: 'users',
    createData: () => ({ email: `new-${unique()}@example.test`, password: 'another long password' }),
    fixture: async () => (await createUser(payload, 'editor')).id,
    graphqlName: { plural: 'Users', singular: 'User' },
    update: { field: 'name', value: 'Changed name' },
  },
]

const userOf = (actor: Actor): User | undefined => (actor === 'anonymous' ? undefined : users[actor])

/** Reads a document as the system, or `null` when it is gone. */
const systemRead = async (collection: CollectionSlug, id: number): Promise<Record<string, unknown> | null> => {
  const found = await payload.find({ collection, draft: true, where: { id: { equals: id } } })
  return (found.docs[0] as Record<string, unknown> | undefined) ?? null
}

beforeAll(async () => {
  payload = await bootPayload()
  // The first user registered through the admin's first-register screen becomes an admin.
  await payload.delete({ collection: 'users', where: { id: { exists: true } } })
  const registered = await rest<{ user?: { role?: string } }>('POST', '/users/first-register', {
    body: { 'confirm-password': 'first password 123', email: `first-${unique()}@example.test`, password: 'first password 123' },
  })
  firstRegistered = registered.body.user
  for (const role of ['admin', 'editor', 'reviewer'] as const) {
    users[role] = await createUser(payload, role)
    tokens[role] = await tokenOf(payload, users[role])
  }
})

afterAll(async () => {
  await shutdownPayload(payload)
})

it('makes the first registered user an admin', () => {
  expect(firstRegistered?.role).toBe('admin')
})

describe.each(subjects)('$name', (subject) => {
  const cases = (operation: Operation): [Actor, boolean][] => {
    const allowed = subject.allowed[operation]
    return allowed === null ? [] : ACTORS.map((actor) => [actor, allowed.includes(actor)])
  }
  // An operation that is not part of a subject registers no tests at all.
  const ifAny = (operation: Operation) => (subject.allowed[operation] === null ? () => undefined : describe)

  ifAny('create')('create', () => {
    it.each(cases('create'))('Local API as %s: allowed %s', async (actor, allowed) => {
      const attempt = payload.create({
        collection: subject.collection,
        data: plain(subject.createData()) as never,
        overrideAccess: false,
        user: userOf(actor),
      })
      if (allowed) await expect(attempt).resolves.toHaveProperty('id')
      else await expect(attempt).rejects.toMatchObject({ status: 403 })
    })

    it.each(cases('create'))('GraphQL as %s: allowed %s', async (actor, allowed) => {
      const { body } = await graphql<Record<string, { id: number } | null>>(
        `mutation { result: create${subject.graphqlName.singular}(data: ${literal(subject.createData())}) { id } }`,
        { token: tokens[actor] },
      )
      if (allowed) {
        expect(body.errors).toBeUndefined()
        expect(body.data?.result?.id).toEqual(expect.any(Number))
      } else {
        expect(body.errors?.[0]?.message).toMatch(/not allowed/i)
        expect(body.data?.result ?? null).toBeNull()
      }
    })
  })

  describe('read', () => {
    it.each(cases('read'))('Local API as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      // A refused read is either an empty result (a query constraint) or a 403 (no access at all).
      const ids = await payload
        .find({ collection: subject.collection, overrideAccess: false, user: userOf(actor), where: { id: { equals: id } } })
        .then(
          (found) => found.docs.map((doc) => doc.id),
          (error: { status?: number }) => (error.status === 403 ? [] : Promise.reject(error)),
        )
      expect(ids).toEqual(allowed ? [id] : [])
    })

    it.each(cases('read'))('GraphQL as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      const { body } = await graphql<Record<string, { docs: { id: number }[] } | null>>(
        `query { result: ${subject.graphqlName.plural}(where: { id: { equals: ${id} } }) { docs { id } } }`,
        { token: tokens[actor] },
      )
      if (allowed) expect(body.data?.result?.docs).toEqual([{ id }])
      else expect(body.data?.result?.docs ?? []).toEqual([])
    })
  })

  ifAny('update')('update', () => {
    it.each(cases('update'))('Local API as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      const before = await systemRead(subject.collection, id)
      const attempt = payload.update({
        id,
        collection: subject.collection,
        data: { [subject.update.field]: subject.update.value } as never,
        overrideAccess: false,
        user: userOf(actor),
      })
      if (allowed) {
        await expect(attempt).resolves.toHaveProperty('id', id)
        expect((await systemRead(subject.collection, id))?.[subject.update.field]).toBe(subject.update.value)
      } else {
        await expect(attempt).rejects.toMatchObject({ status: expect.any(Number) })
        expect((await systemRead(subject.collection, id))?.[subject.update.field]).toEqual(before?.[subject.update.field])
      }
    })

    it.each(cases('update'))('GraphQL as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      const before = await systemRead(subject.collection, id)
      const { body } = await graphql<Record<string, { id: number } | null>>(
        `mutation { result: update${subject.graphqlName.singular}(id: ${id}, data: ${literal({ [subject.update.field]: subject.update.value })}) { id } }`,
        { token: tokens[actor] },
      )
      const after = await systemRead(subject.collection, id)
      if (allowed) {
        expect(body.errors).toBeUndefined()
        expect(after?.[subject.update.field]).toBe(subject.update.value)
      } else {
        expect(body.errors?.length).toBeGreaterThan(0)
        expect(after?.[subject.update.field]).toEqual(before?.[subject.update.field])
      }
    })
  })

  ifAny('delete')('delete', () => {
    it.each(cases('delete'))('Local API as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      const attempt = payload.delete({ id, collection: subject.collection, overrideAccess: false, user: userOf(actor) })
      if (allowed) await expect(attempt).resolves.toHaveProperty('id', id)
      else await expect(attempt).rejects.toMatchObject({ status: expect.any(Number) })
      expect(await systemRead(subject.collection, id)).toEqual(allowed ? null : expect.objectContaining({ id }))
    })

    it.each(cases('delete'))('GraphQL as %s: allowed %s', async (actor, allowed) => {
      const id = await subject.fixture()
      const { body } = await graphql(`mutation { result: delete${subject.graphqlName.singular}(id: ${id}) { id } }`, {
        token: tokens[actor],
      })
      if (allowed) expect(body.errors).toBeUndefined()
      else expect(body.errors?.length).toBeGreaterThan(0)
      expect(await systemRead(subject.collection, id)).toEqual(allowed ? null : expect.objectContaining({ id }))
    })
  })
})
