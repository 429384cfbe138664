import type { Payload } from 'payload'

import type { Article, User } from '../../payload-types.js'
import { graphql, rest } from '../helpers/api.js'
import { AS_IMPORT, createActiveArticle } from '../helpers/fixtures.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

let payload: Payload
let admin: User
let editor: User
let reviewer: User
let editorToken: string

const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

const newArticle = (extra: Partial<Article> = {}): Promise<Article> =>
  payload.create({
    collection: 'articles',
    data: {
      audienceLevel: 'patient',
      language: 'en',
      reviewFrequency: 'quarterly',
      title: `Article ${unique()}`,
      url: `https://www.cancer.gov/test/${unique()}`,
      ...extra,
    },
  })

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  reviewer = await createUser(payload, 'reviewer')
  editorToken = await tokenOf(payload, editor)
})

afterAll(async () => {
  await shutdownPayload(payload)
})

describe('workflow and derived fields are not writable by mass assignment', () => {
  it('ignores status, review dates, review state and reviewer sent by an editor on create', async () => {
    const created = await payload.create({
      collection: 'articles',
      data: {
        audienceLevel: 'patient',
        language: 'en',
        nextReviewDue: '2099-01-01T12:00:00.000Z',
        reviewedBy: reviewer.id,
        reviewFrequency: 'quarterly',
        reviewState: 'current',
        status: 'active',
        submittedBy: reviewer.id,
        title: 'Mass assignment',
        url: `https://www.cancer.gov/test/${unique()}`,
      },
      overrideAccess: false,
      user: editor,
    })
    expect(created).toMatchObject({ nextReviewDue: null, reviewState: null, status: 'draft' })
    expect(created.reviewedBy ?? null).toBeNull()
    expect(created.submittedBy ?? null).toBeNull()
  })

  it('ignores status and derived fields in a REST PATCH by an editor', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2026-10-01' })
    const { body, status } = await rest<{ doc: Article }>('PATCH', `/articles/${article.id}`, {
      body: { nextReviewDue: '2099-01-01', reviewState: 'current', status: 'active', title: 'Patched' },
      token: editorToken,
    })
    expect(status).toBe(200)
    expect(body.doc).toMatchObject({ _status: 'draft', status: 'active', title: 'Patched' })
    expect(body.doc.nextReviewDue).toBe('2027-01-01T12:00:00.000Z')
  })

  it('ignores status in a bulk update with `where`', async () => {
    const article = await newArticle()
    const { status } = await rest('PATCH', `/articles?where[id][equals]=${article.id}`, {
      body: { status: 'active' },
      token: editorToken,
    })
    expect(status).toBe(200)
    const stored = await payload.findByID({ collection: 'articles', draft: true, id: article.id })
    expect(stored.status).toBe('draft')
  })

  it('ignores status in a GraphQL update', async () => {
    const article = await newArticle()
    const { body } = await graphql<{ updateArticle: { status: string } }>(
      `mutation { updateArticle(id: ${article.id}, data: { status: active, title: "Via GraphQL" }) { status title } }`,
      { token: editorToken },
    )
    expect(body.data?.updateArticle).toEqual({ status: 'draft', title: 'Via GraphQL' })
  })
})

describe('nextReviewDue is always derived', () => {
  it('is lastReviewed plus the interval of the frequency, at month ends too', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2025-11-30', reviewFrequency: 'quarterly' })
    expect(article.nextReviewDue).toBe('2026-02-28T12:00:00.000Z')
    const monthly = await payload.update({ collection: 'articles', data: { reviewFrequency: 'monthly' }, draft: true, id: article.id })
    expect(monthly.nextReviewDue).toBe('2025-12-30T12:00:00.000Z')
  })

  it('refuses a lastReviewed in the future, even from trusted server code, and keeps what was stored', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2026-01-15' })
    await expect(
      payload.update({ collection: 'articles', context: AS_IMPORT, data: { lastReviewed: '2999-01-01' }, id: article.id }),
    ).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'lastReviewed' })] }, status: 400 })
    const stored = await payload.findByID({ collection: 'articles', draft: true, id: article.id })
    expect(stored.lastReviewed).toBe('2026-01-15T12:00:00.000Z')
  })

  it('ignores a lastReviewed sent by an editor: only approval records a review', async () => {
    const article = await newArticle()
    const { body, status } = await rest<{ doc: Article }>('PATCH', `/articles/${article.id}`, {
      body: { lastReviewed: '2026-01-15', title: 'Edited, not reviewed' },
      token: editorToken,
    })
    expect(status).toBe(200)
    expect(body.doc.lastReviewed ?? null).toBeNull()
    expect(body.doc.title).toBe('Edited, not reviewed')
  })
})

describe('roles', () => {
  it('an editor cannot give themselves another role', async () => {
    const { status } = await rest('PATCH', `/users/${editor.id}`, { body: { role: 'admin' }, token: editorToken })
    expect(status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: editor.id })
    expect(stored.role).toBe('editor')
  })

  it('an editor may change their own name but not another user', async () => {
    const own = await rest('PATCH', `/users/${editor.id}`, { body: { name: 'Ed Itor' }, token: editorToken })
    expect(own.status).toBe(200)
    const other = await rest('PATCH', `/users/${reviewer.id}`, { body: { name: 'Hijacked' }, token: editorToken })
    expect(other.status).toBe(403)
    expect((await payload.findByID({ collection: 'users', id: reviewer.id })).name ?? null).not.toBe('Hijacked')
  })

  it('an admin sets roles', async () => {
    const user = await createUser(payload, 'editor')
    const updated = await payload.update({
      collection: 'users',
      data: { role: 'reviewer' },
      id: user.id,
      overrideAccess: false,
      user: admin,
    })
    expect(updated.role).toBe('reviewer')
  })

  it('a new user without a role given is an editor', async () => {
    const user = await payload.create({
      collection: 'users',
      data: { email: `plain-${unique()}@example.test`, password: 'long enough password' },
      overrideAccess: false,
      user: admin,
    })
    expect(user.role).toBe('editor')
  })
})

describe('what anonymous readers see', () => {
  it('never a user or a workflow event through an article', async () => {
    const article = await createActiveArticle(payload, { reviewedBy: reviewer.id, submittedBy: editor.id })
    await payload.create({
      collection: 'workflow-events',
      data: { action: 'approve', actor: reviewer.id, actorLabel: reviewer.email, article: article.id, from: 'in_review', to: 'active' },
    })
    const { body, status } = await rest<Record<string, unknown>>('GET', `/articles/${article.id}?depth=2`)
    expect(status).toBe(200)
    const text = JSON.stringify(body)
    expect(text).not.toContain(reviewer.email)
    expect(text).not.toContain(editor.email)
    expect((body.reviewHistory as { docs?: unknown[] } | undefined)?.docs ?? []).toEqual([])
  })

  it('no user list, no workflow events', async () => {
    expect((await rest('GET', '/users')).status).toBe(403)
    expect((await rest('GET', '/workflow-events')).status).toBe(403)
  })

  it('no draft, even when asking for drafts', async () => {
    const article = await newArticle()
    const single = await rest('GET', `/articles/${article.id}?draft=true`)
    expect(single.status).toBe(404)
    const list = await rest<{ docs: { id: number }[] }>('GET', `/articles?draft=true&where[id][equals]=${article.id}`)
    expect(list.body.docs).toEqual([])
  })
})

describe('the workflow record is append-only', () => {
  it('refuses to update or delete an event, even for server code', async () => {
    const article = await newArticle()
    const event = await payload.create({
      collection: 'workflow-events',
      data: { action: 'submit', actorLabel: 'system:test', article: article.id, from: 'draft', to: 'in_review' },
    })
    await expect(payload.update({ collection: 'workflow-events', data: { comment: 'rewritten' }, id: event.id })).rejects.toMatchObject({
      status: 403,
    })
    await expect(payload.delete({ collection: 'workflow-events', id: event.id })).rejects.toMatchObject({ status: 403 })
    expect((await payload.findByID({ collection: 'workflow-events', id: event.id })).comment ?? null).toBeNull()
  })
})
