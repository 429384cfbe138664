import type { Payload } from 'payload'

import { ATTESTATION } from '../../../rules/attestation.js'
import { todayUtc } from '../../../rules/calendarDate.js'
import { createActiveArticle, lexicalBody } from '../../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../../helpers/payload.js'
import { closeDatabase, createCrew, createDraft, type Crew, inconsistencies, move, recordOf } from './articleRecord.js'
import { call, fieldPaths, graphql } from './harness.js'

/**
 * The reviewer's desk over real HTTP against the production build: reaffirm, the attestation and
 * the change note a transition requires, who may read what changed, assignment under four-eyes,
 * and two reaffirmations at once (one wins, the other gets 409, one event).
 */

let crew: Crew
let payload: Payload

beforeAll(async () => {
  crew = await createCrew()
  // Live articles reviewed before today come in as an import would bring them (Local API, same database).
  payload = await bootPayload()
})

afterAll(async () => {
  await shutdownPayload(payload)
  await closeDatabase()
})

const workflow = (token: string | undefined, id: number, body: Record<string, unknown>) =>
  call('POST', `/articles/${id}/workflow`, { body, token })

/** A live article last reviewed on 2026-01-10, as an import brings it. */
const imported = async (): Promise<number> =>
  (await createActiveArticle(payload, { body: lexicalBody('The live text: take one tablet a day.'), title: `Desk ${Date.now()}` })).id

/** What readers get of an article's content, as JSON text. */
const publicContent = async (id: number): Promise<string> => {
  const answer = await call('GET', `/articles/${id}`)
  expect(answer.status).toBe(200)
  const { body, citation, license, title, url } = answer.json as Record<string, unknown>
  return JSON.stringify({ body, citation, license, title, url })
}

describe('reaffirm over HTTP', () => {
  it('needs the attestation (400), then moves the review dates, records one event and leaves the content as it was', async () => {
    const id = await imported()
    const before = await publicContent(id)
    const eventsBefore = (await recordOf(id)).events.length

    const unattested = await workflow(crew.reviewer.token, id, { action: 'reaffirm' })
    expect(unattested.status).toBe(400)
    expect(fieldPaths(unattested)).toEqual(['attestation'])
    expect(unattested.text).toContain(ATTESTATION.statement)
    expect((await workflow(crew.reviewer.token, id, { action: 'reaffirm', attestation: 'yes' })).status).toBe(400)
    expect((await workflow(undefined, id, { action: 'reaffirm', attestation: true })).status).toBe(401)
    expect((await workflow(crew.editor.token, id, { action: 'reaffirm', attestation: true })).status).toBe(403)

    const reaffirmed = await workflow(crew.reviewer.token, id, { action: 'reaffirm', attestation: true, comment: 'Checked: still right.' })
    expect(reaffirmed.status).toBe(200)
    const doc = (reaffirmed.json as { doc: { lastReviewed: string; nextReviewDue: string; reviewState: string; status: string } }).doc
    expect(doc.status).toBe('active')
    expect(doc.lastReviewed.slice(0, 10)).toBe(todayUtc())
    expect(doc.reviewState).toBe('current')
    expect(await publicContent(id)).toBe(before)

    // (The fixture's import records no event, so the record starts at the reaffirmation.)
    const record = await recordOf(id)
    expect(record.events).toHaveLength(eventsBefore + 1)
    expect(record.working).toMatchObject({ publication: 'published', status: 'active' })
    expect(record.events.at(-1)).toMatchObject({ action: 'reaffirm', actor: crew.reviewer.id, from: 'active', to: 'active' })
    expect(record.main).toMatchObject({ publication: 'published', reviewedBy: crew.reviewer.id, status: 'active' })
  })

  it('over GraphQL too, with the same rules', async () => {
    const id = await imported()
    const mutation = (attestation: boolean) =>
      graphql(`mutation { articleWorkflow(id: ${id}, action: reaffirm, attestation: ${attestation}) { status lastReviewed } }`, {}, crew.otherReviewer.token)
    const refused = await mutation(false)
    expect((refused.json as { errors: { extensions: { statusCode: number } }[] }).errors[0]?.extensions.statusCode).toBe(400)
    const done = await mutation(true)
    expect(done.json).toEqual({ data: { articleWorkflow: { lastReviewed: `${todayUtc()}T12:00:00.000Z`, status: 'active' } } })
  })
})

describe('the inputs a transition requires', () => {
  it('an update of a live article needs a change note (400), then goes to review with it', async () => {
    const id = await createDraft(crew.editor)
    await move(crew.editor, id, 'submit')
    await move(crew.reviewer, id, 'approve')
    const edit = await call('PATCH', `/articles/${id}`, { body: { title: `Updated ${Date.now()}` }, token: crew.editor.token })
    expect(edit.status).toBe(200)

    const noNote = await workflow(crew.editor.token, id, { action: 'submit' })
    expect(noNote.status).toBe(400)
    expect(fieldPaths(noNote)).toEqual(['changeNote'])
    expect(fieldPaths(await workflow(crew.editor.token, id, { action: 'submit', changeNote: '   ' }))).toEqual(['changeNote'])
    expect(fieldPaths(await workflow(crew.editor.token, id, { action: 'submit', changeNote: 'x'.repeat(2001) }))).toEqual(['changeNote'])
    expect((await recordOf(id)).working?.status).toBe('active')

    expect((await workflow(crew.editor.token, id, { action: 'submit', changeNote: 'New title.' })).status).toBe(200)
    const unattested = await workflow(crew.otherReviewer.token, id, { action: 'approve' })
    expect(unattested.status).toBe(400)
    expect(fieldPaths(unattested)).toEqual(['attestation'])
    expect((await workflow(crew.otherReviewer.token, id, { action: 'approve', attestation: true })).status).toBe(200)
    expect((await recordOf(id)).events.map((event) => event.action)).toEqual(['submit', 'approve', 'submit', 'approve'])
  })
})

describe('GET /api/articles/:id/changes', () => {
  it('is for staff only: anonymous callers get 403, editors and reviewers the summary', async () => {
    const id = await imported()
    await call('PATCH', `/articles/${id}`, { body: { title: 'A pending title' }, token: crew.editor.token })
    expect((await call('GET', `/articles/${id}/changes`)).status).toBe(403)
    expect((await call('GET', `/articles/${id}/changes`, { token: 'not-a-token' })).status).toBe(403)
    for (const user of [crew.editor, crew.reviewer, crew.admin]) {
      const answer = await call('GET', `/articles/${id}/changes`, { token: user.token })
      expect(answer.status).toBe(200)
      expect((answer.json as { fields: { path: string }[] }).fields).toEqual([expect.objectContaining({ after: 'A pending title', path: 'title' })])
    }
  })
})

describe('assignment over HTTP', () => {
  it('four-eyes: the submitter may not take it; a reviewer takes it, another may not; an admin may not name an editor', async () => {
    const id = await createDraft(crew.admin)
    expect((await workflow(crew.admin.token, id, { action: 'submit' })).status).toBe(200)
    const assign = (token: string | undefined, assignee: unknown) => call('POST', `/articles/${id}/assignment`, { body: { assignee }, token })

    expect((await assign(undefined, crew.reviewer.id)).status).toBe(401)
    expect((await assign(crew.editor.token, crew.reviewer.id)).status).toBe(403)
    const self = await assign(crew.admin.token, crew.admin.id)
    expect(self.status).toBe(403)
    expect(self.text).toMatch(/Four-eyes/)
    const editorNamed = await assign(crew.admin.token, crew.editor.id)
    expect(editorNamed.status).toBe(400)
    expect(fieldPaths(editorNamed)).toEqual(['assignee'])
    expect(fieldPaths(await assign(crew.admin.token, '1; drop table users'))).toEqual(['assignee'])

    const taken = await assign(crew.reviewer.token, crew.reviewer.id)
    expect(taken.status).toBe(200)
    expect((taken.json as { doc: unknown }).doc).toEqual({ assignee: crew.reviewer.id, id, status: 'in_review', submittedBy: crew.admin.id })
    expect((await assign(crew.otherReviewer.token, crew.otherReviewer.id)).status).toBe(403)

    const queue = await call('GET', '/articles/review-queue?filter=mine', { token: crew.reviewer.token })
    expect((queue.json as { docs: { assignee: { id: number }; id: number }[] }).docs).toContainEqual(
      expect.objectContaining({ assignee: expect.objectContaining({ id: crew.reviewer.id }), id }),
    )
    const record = await recordOf(id)
    expect(record.events.map((event) => event.action)).toEqual(['submit', 'assign'])
    expect(inconsistencies(record)).toEqual([])
  })
})

describe('two reviewers take one submission at once', () => {
  it.each([1, 2, 3])('one takes it, the other is refused, one assign event (round %i)', async () => {
    const id = await createDraft(crew.admin)
    expect((await workflow(crew.admin.token, id, { action: 'submit' })).status).toBe(200)
    const takers = [crew.reviewer, crew.otherReviewer]
    const answers = await Promise.all(takers.map((user) => call('POST', `/articles/${id}/assignment`, { body: { assignee: user.id }, token: user.token })))
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    // The loser finds it taken (403) or the article busy (409); never a 500, never both assigned.
    expect(statuses.filter((status) => status !== 200).every((status) => status === 403 || status === 409)).toBe(true)
    const winner = takers[statuses.indexOf(200)]
    const record = await recordOf(id)
    expect(record.events.map((event) => event.action)).toEqual(['submit', 'assign'])
    expect(record.working).toMatchObject({ status: 'in_review' })
    const queue = await call('GET', '/articles/review-queue?filter=mine', { token: winner?.token })
    expect((queue.json as { docs: { assignee: { id: number }; id: number }[] }).docs).toContainEqual(
      expect.objectContaining({ assignee: expect.objectContaining({ id: winner?.id }), id }),
    )
    expect(inconsistencies(record)).toEqual([])
  })
})

describe('two reaffirmations at once', () => {
  it.each([1, 2, 3, 4, 5])('one wins, the other gets 409, one event (round %i)', async () => {
    const id = await imported()
    const eventsBefore = (await recordOf(id)).events.length
    const answers = await Promise.all(
      [crew.reviewer, crew.otherReviewer].map((user) => workflow(user.token, id, { action: 'reaffirm', attestation: true })),
    )
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409])
    expect(answers.find((answer) => answer.status === 409)?.text).toMatch(/already reviewed today|Another change/)
    const record = await recordOf(id)
    expect(record.events.filter((event) => event.action === 'reaffirm')).toHaveLength(1)
    expect(record.events).toHaveLength(eventsBefore + 1)
    expect(record.main).toMatchObject({ publication: 'published', status: 'active' })
  })
})
