import { commitTransaction, createLocalReq, initTransaction, type Payload, type PayloadRequest } from 'payload'

import { lockArticle } from '../../hooks/articleLock.js'
import type { Article, User } from '../../payload-types.js'
import { todayUtc } from '../../rules/calendarDate.js'
import { sanitizeOptions } from '../../rules/options.js'
import { performTransition } from '../../src/workflow/performTransition.js'
import { rest } from '../helpers/api.js'
import { createDraftArticle, createSource } from '../helpers/fixtures.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

/**
 * The article lock, made visible: a test holds an article's row lock in a transaction of its own,
 * starts a write over the REST handlers, waits until PostgreSQL reports that write waiting for
 * the lock, changes the article, commits, and looks at what the waiting write did. The races
 * themselves, many rounds over real HTTP, are in tests/e2e/security/concurrency.e2e.ts.
 */

let payload: Payload
let admin: User
let editor: User
let otherEditor: User
let reviewer: User
let otherReviewer: User
const tokens: Record<string, string> = {}
const options = sanitizeOptions({})

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  otherEditor = await createUser(payload, 'editor')
  reviewer = await createUser(payload, 'reviewer')
  otherReviewer = await createUser(payload, 'reviewer')
  for (const [name, user] of Object.entries({ admin, editor, otherEditor, otherReviewer, reviewer })) {
    tokens[name] = await tokenOf(payload, user)
  }
})

afterAll(async () => {
  await shutdownPayload(payload)
})

const citableDraft = async (): Promise<Article> => {
  const source = await createSource(payload)
  return createDraftArticle(payload, {
    citation: `${source.label}, ${todayUtc().slice(0, 4)}`,
    license: 'public_domain',
    source: source.id,
  })
}

const workingCopy = (id: number): Promise<Article> => payload.findByID({ collection: 'articles', depth: 0, draft: true, id })

const eventsOf = async (id: number) =>
  (await payload.find({ collection: 'workflow-events', depth: 0, sort: 'createdAt', where: { article: { equals: id } } })).docs.map(
    (event) => event.action,
  )

/** A request of `user` holding `id`'s row lock in a transaction of its own, until `commitTransaction`. */
const holdLock = async (user: User, id: number): Promise<PayloadRequest> => {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } }, payload)
  await initTransaction(req)
  expect(await lockArticle(req, 'articles', id)).toBe(true)
  return req
}

/** Resolves once some session of this database waits for a lock (bounded: fails after 20 s). */
const someoneWaitsForTheLock = async (): Promise<void> => {
  const started = Date.now()
  while (Date.now() - started < 20_000) {
    const { rows } = await payload.db.pool.query<{ waiting: string }>(
      "select count(*) as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    )
    if (Number(rows[0]?.waiting) > 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('no write ever waited for the article lock')
}

describe('a write waits for the article lock, then acts on what the holder left', () => {
  it('a transition waits and is judged on the new state: 409, no second event', async () => {
    const article = await citableDraft()
    const held = await holdLock(otherEditor, article.id)
    const waiting = rest<{ errors?: { message: string }[] }>('POST', `/articles/${article.id}/workflow`, {
      body: { action: 'submit' },
      token: tokens.editor,
    })
    await someoneWaitsForTheLock()
    await performTransition({ body: { action: 'submit' }, id: article.id, options, req: held })
    await commitTransaction(held)
    const answer = await waiting
    expect(answer.status).toBe(409)
    expect(answer.body.errors?.[0]?.message).toContain('Cannot submit an article that is in_review')
    expect(await eventsOf(article.id)).toEqual(['submit'])
    expect(await workingCopy(article.id)).toMatchObject({ status: 'in_review', submittedBy: otherEditor.id })
  })

  it('an edit by id waits, then reads the document after the holder: both changes land', async () => {
    const article = await citableDraft()
    const held = await holdLock(admin, article.id)
    const waiting = rest('PATCH', `/articles/${article.id}`, { body: { title: 'Title from the waiting edit' }, token: tokens.editor })
    await someoneWaitsForTheLock()
    await payload.update({ collection: 'articles', data: { license: 'CC-BY-4.0' }, id: article.id, req: held })
    await commitTransaction(held)
    expect((await waiting).status).toBe(200)
    expect(await workingCopy(article.id)).toMatchObject({ license: 'CC-BY-4.0', title: 'Title from the waiting edit' })
  })

  it('an edit that waited behind a submit is refused with 409: the submitted version is what gets reviewed', async () => {
    const article = await citableDraft()
    const held = await holdLock(otherEditor, article.id)
    const waiting = rest<{ errors?: { message: string }[] }>('PATCH', `/articles/${article.id}`, {
      body: { title: 'Too late' },
      token: tokens.editor,
    })
    await someoneWaitsForTheLock()
    await performTransition({ body: { action: 'submit' }, id: article.id, options, req: held })
    await commitTransaction(held)
    const answer = await waiting
    expect(answer.status).toBe(409)
    expect(answer.body.errors?.[0]?.message).toContain('in review')
    expect(await workingCopy(article.id)).toMatchObject({ status: 'in_review', title: article.title })
  })

  it('a bulk edit that read the article before the holder changed it is refused for it (409), nothing overwritten', async () => {
    const article = await citableDraft()
    const held = await holdLock(otherEditor, article.id)
    // Bulk updates read their documents first and lock each one as they reach it.
    const waiting = rest<{ docs: unknown[]; errors: { id: number; message: string }[] }>(
      'PATCH',
      `/articles?where[id][equals]=${article.id}`,
      { body: { title: 'Bulk title' }, token: tokens.admin },
    )
    await someoneWaitsForTheLock()
    await payload.update({ collection: 'articles', data: { license: 'CC-BY-4.0' }, id: article.id, req: held })
    await performTransition({ body: { action: 'submit' }, id: article.id, options, req: held })
    await commitTransaction(held)
    const answer = await waiting
    expect(answer.body.docs).toEqual([])
    expect(answer.body.errors).toEqual([{ id: article.id, isPublic: true, message: expect.stringContaining('changed by someone else') }])
    expect(await workingCopy(article.id)).toMatchObject({
      license: 'CC-BY-4.0',
      status: 'in_review',
      submittedBy: otherEditor.id,
      title: article.title,
    })
  })

  it('a delete waits; the article went into review meanwhile, so it stays (409)', async () => {
    const article = await citableDraft()
    const held = await holdLock(otherEditor, article.id)
    const waiting = rest('DELETE', `/articles/${article.id}`, { token: tokens.editor })
    await someoneWaitsForTheLock()
    await performTransition({ body: { action: 'submit' }, id: article.id, options, req: held })
    await commitTransaction(held)
    expect((await waiting).status).toBe(409)
    expect(await workingCopy(article.id)).toMatchObject({ status: 'in_review' })
  })

  it('a transition on an article deleted while it waited answers 404', async () => {
    const article = await citableDraft()
    const held = await holdLock(editor, article.id)
    const waiting = rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit' }, token: tokens.otherEditor })
    await someoneWaitsForTheLock()
    await payload.delete({ collection: 'articles', id: article.id, req: held })
    await commitTransaction(held)
    expect((await waiting).status).toBe(404)
    expect(await eventsOf(article.id)).toEqual([])
  })
})

describe('races in one process', () => {
  it.each([1, 2, 3, 4, 5])('approve × approve: one 200, one 409, one approve event (round %i)', async () => {
    const article = await citableDraft()
    await rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit' }, token: tokens.editor })
    const answers = await Promise.all(
      [tokens.reviewer, tokens.otherReviewer].map((token) => rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'approve', attestation: true }, token })),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(await eventsOf(article.id)).toEqual(['submit', 'approve'])
  })
})
