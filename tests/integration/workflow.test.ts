import { createLocalReq, type Payload } from 'payload'

import type { Article, User } from '../../payload-types.js'
import { sanitizeOptions } from '../../rules/options.js'
import { orderQueue, type QueueReason } from '../../rules/reviewQueueOrder.js'
import { REVIEW_SWEEP_TASK } from '../../src/jobs/reviewSweepTask.js'
import { sweepReviewStates } from '../../src/jobs/sweepReviewStates.js'
import { todayUtc } from '../../rules/calendarDate.js'
import { graphql, rest } from '../helpers/api.js'
import { AS_IMPORT, createActiveArticle, createDraftArticle, createSource } from '../helpers/fixtures.js'
import { bootWithWorkflowCast, shutdownPayload } from '../helpers/payload.js'

let payload: Payload
let admin: User
let editor: User
let otherEditor: User
let reviewer: User
let otherReviewer: User
let tokens: Record<string, string>

interface ErrorBody {
  errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[]
}

const workflow = (id: number, token: string | undefined, body: Record<string, unknown>) =>
  rest<{ doc: Article } & ErrorBody>('POST', `/articles/${id}/workflow`, { body, token })

const workingCopy = (id: number): Promise<Article> =>
  payload.findByID({ collection: 'articles', depth: 0, draft: true, id })

const liveRow = (id: number): Promise<Article> => payload.findByID({ collection: 'articles', depth: 0, id })

const eventsOf = async (id: number) =>
  (await payload.find({ collection: 'workflow-events', depth: 0, sort: 'createdAt', where: { article: { equals: id } } })).docs

/** An article an editor could submit and a reviewer approve: cited, licensed, sourced. */
const citableDraft = async (): Promise<Article> => {
  const source = await createSource(payload)
  const draft = await createDraftArticle(payload)
  return payload.update({
    collection: 'articles',
    data: { citation: `${source.label}, ${todayUtc().slice(0, 4)}`, license: 'public_domain', source: source.id },
    draft: true,
    id: draft.id,
    overrideAccess: false,
    user: otherEditor,
  })
}

beforeAll(async () => {
  ;({ payload, tokens, users: { admin, editor, otherEditor, otherReviewer, reviewer } } = await bootWithWorkflowCast())
})

afterAll(async () => {
  await shutdownPayload(payload)
})

describe('POST /api/articles/:id/workflow', () => {
  it('takes an article from draft through review to active, recording every transition', async () => {
    const article = await citableDraft()

    const submitted = await workflow(article.id, tokens.editor, { action: 'submit' })
    expect(submitted.status).toBe(200)
    expect(submitted.body.doc).toMatchObject({ status: 'in_review', submittedBy: editor.id })

    const approved = await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true, comment: 'Checked against the source.' })
    expect(approved.status).toBe(200)
    expect(approved.body.doc).toMatchObject({
      _status: 'published',
      lastReviewed: `${todayUtc()}T12:00:00.000Z`,
      reviewedBy: reviewer.id,
      reviewState: 'current',
      status: 'active',
    })

    const events = await eventsOf(article.id)
    expect(events.map((event) => [event.action, event.from, event.to, event.actor, event.actorLabel])).toEqual([
      ['submit', 'draft', 'in_review', editor.id, editor.email],
      ['approve', 'in_review', 'active', reviewer.id, reviewer.email],
    ])
    expect(events[1]?.comment).toBe('Checked against the source.')
    expect(events.every((event) => typeof event.versionId === 'string' && event.versionId.length > 0)).toBe(true)

    const anonymous = await rest<Article>('GET', `/articles/${article.id}`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.status).toBe('active')
  })

  it('answers 401 to an anonymous request and 403 to a role that may not', async () => {
    const article = await citableDraft()
    expect((await workflow(article.id, undefined, { action: 'submit' })).status).toBe(401)
    const byReviewer = await workflow(article.id, tokens.reviewer, { action: 'submit' })
    expect(byReviewer.status).toBe(403)
    expect(byReviewer.body.errors[0]?.message).toContain('role reviewer may not submit')
    expect((await workingCopy(article.id)).status).toBe('draft')
    expect(await eventsOf(article.id)).toEqual([])
  })

  it('answers 409 to a transition not allowed from the current state, naming it and the allowed ones', async () => {
    const article = await citableDraft()
    const response = await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })
    expect(response.status).toBe(409)
    expect(response.body.errors[0]?.message).toBe(
      'Cannot approve an article that is draft: it needs to be in_review. From draft there is no transition you may make.',
    )
    const retired = await workflow(article.id, tokens.admin, { action: 'retire' })
    expect(retired.status).toBe(409)
    expect(retired.body.errors[0]?.message).toContain('From draft you may: submit.')
  })

  it('answers 400 with the field for a bad action or a missing comment', async () => {
    const article = await citableDraft()
    const bad = await workflow(article.id, tokens.editor, { action: 'publish' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]?.data?.errors).toEqual([{ message: expect.stringContaining('submit, approve'), path: 'action' }])

    await workflow(article.id, tokens.editor, { action: 'submit' })
    const noComment = await workflow(article.id, tokens.reviewer, { action: 'request_changes' })
    expect(noComment.status).toBe(400)
    expect(noComment.body.errors[0]?.data?.errors?.[0]?.path).toBe('comment')
    expect((await workingCopy(article.id)).status).toBe('in_review')
  })

  it('answers 404 for an article that does not exist', async () => {
    expect((await workflow(99_999_999, tokens.editor, { action: 'submit' })).status).toBe(404)
  })

  it('four-eyes: nobody approves what they submitted or last edited', async () => {
    const article = await citableDraft()
    await workflow(article.id, tokens.admin, { action: 'submit' })
    const selfApproval = await workflow(article.id, tokens.admin, { action: 'approve', attestation: true })
    expect(selfApproval.status).toBe(403)
    expect(selfApproval.body.errors[0]?.message).toContain('Four-eyes')
    expect((await workingCopy(article.id)).status).toBe('in_review')

    // An admin edits a draft another editor submits: the admin may not approve that version.
    const edited = await citableDraft()
    await payload.update({ collection: 'articles', data: { title: 'Edited by the admin' }, draft: true, id: edited.id, overrideAccess: false, user: admin })
    await workflow(edited.id, tokens.editor, { action: 'submit' })
    expect((await workflow(edited.id, tokens.admin, { action: 'approve', attestation: true })).status).toBe(403)
    expect((await workflow(edited.id, tokens.reviewer, { action: 'approve', attestation: true })).status).toBe(200)
  })

  it('changes requested send the article back with the comment; the editor fixes and resubmits', async () => {
    const source = await createSource(payload)
    const article = await createDraftArticle(payload)

    // Submission checks completeness: every missing part is a field error, and nothing moves.
    const refused = await workflow(article.id, tokens.editor, { action: 'submit' })
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0]?.data?.errors?.map((error) => error.path)).toEqual(['source', 'license', 'citation'])
    expect((await workingCopy(article.id)).status).toBe('draft')
    expect(await eventsOf(article.id)).toEqual([])

    const fix = await rest('PATCH', `/articles/${article.id}?draft=true`, {
      body: { citation: `${source.label}, ${todayUtc().slice(0, 4)}`, license: 'public_domain', source: source.id },
      token: tokens.editor,
    })
    expect(fix.status).toBe(200)
    expect((await workflow(article.id, tokens.editor, { action: 'submit' })).status).toBe(200)

    const sentBack = await workflow(article.id, tokens.reviewer, { action: 'request_changes', comment: 'Name the trial.' })
    expect(sentBack.status).toBe(200)
    expect(sentBack.body.doc.status).toBe('draft')
    expect((await liveRow(article.id))._status).toBe('draft')

    expect((await rest('PATCH', `/articles/${article.id}?draft=true`, { body: { tags: ['trial'] }, token: tokens.editor })).status).toBe(200)
    expect((await workflow(article.id, tokens.editor, { action: 'submit' })).status).toBe(200)
    expect((await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })).status).toBe(200)
    expect((await eventsOf(article.id)).map((event) => event.action)).toEqual(['submit', 'request_changes', 'submit', 'approve'])
    expect((await eventsOf(article.id))[1]?.comment).toBe('Name the trial.')
  })

  it('retires an active article: it leaves the public API', async () => {
    const article = await createActiveArticle(payload)
    expect((await rest('GET', `/articles/${article.id}`)).status).toBe(200)
    const retired = await workflow(article.id, tokens.reviewer, { action: 'retire' })
    expect(retired.status).toBe(200)
    expect(retired.body.doc.status).toBe('retired')
    expect((await rest('GET', `/articles/${article.id}`)).status).toBe(404)
  })

  it('nobody but an admin edits a working copy in review: 409, and it stays in review', async () => {
    const article = await citableDraft()
    await workflow(article.id, tokens.editor, { action: 'submit' })
    const edit = await rest<ErrorBody>('PATCH', `/articles/${article.id}`, { body: { title: 'Changed under review' }, token: tokens.editor })
    expect(edit.status).toBe(409)
    expect(edit.body.errors[0]?.message).toContain('in review')
    expect(await workingCopy(article.id)).toMatchObject({ status: 'in_review', title: article.title })

    // The same for an update of an approved article waiting for review.
    const live = await createActiveArticle(payload)
    await rest('PATCH', `/articles/${live.id}`, { body: { title: 'Pending' }, token: tokens.editor })
    await workflow(live.id, tokens.editor, { action: 'submit', changeNote: 'A pending title.' })
    expect((await rest('PATCH', `/articles/${live.id}`, { body: { title: 'Again' }, token: tokens.editor })).status).toBe(409)
    expect(await workingCopy(live.id)).toMatchObject({ status: 'in_review', title: 'Pending' })

    const byAdmin = await rest('PATCH', `/articles/${article.id}`, { body: { title: 'Fixed by the admin' }, token: tokens.admin })
    expect(byAdmin.status).toBe(200)
    expect(await workingCopy(article.id)).toMatchObject({ status: 'in_review', title: 'Fixed by the admin' })
  })

  it('an edit alone never moves lastReviewed', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2026-02-01' })
    await rest('PATCH', `/articles/${article.id}`, { body: { title: 'Only edited' }, token: tokens.editor })
    expect((await workingCopy(article.id)).lastReviewed).toBe('2026-02-01T12:00:00.000Z')
  })
})

describe('the approved version stays live while an update is in review', () => {
  it('anonymous readers get the approved version byte for byte until the update is approved', async () => {
    const article = await createActiveArticle(payload, { title: 'Approved title' })
    const before = await rest('GET', `/articles/${article.id}`)
    const beforeText = JSON.stringify(before.body)
    const gqlQuery = `{ Article(id: ${article.id}) { id title status lastReviewed updatedAt } }`
    const gqlBefore = JSON.stringify((await graphql(gqlQuery)).body)
    // Lists leave the body out, so a list entry is compared with a list entry.
    const listPath = `/articles?draft=true&where[id][equals]=${article.id}`
    const listBefore = JSON.stringify((await rest<{ docs: Article[] }>('GET', listPath)).body.docs[0])

    const edit = await rest('PATCH', `/articles/${article.id}`, { body: { title: 'Pending title' }, token: tokens.editor })
    expect(edit.status).toBe(200)
    expect(JSON.stringify((await rest('GET', `/articles/${article.id}`)).body)).toBe(beforeText)
    expect((await workflow(article.id, tokens.editor, { action: 'submit', changeNote: 'New title.' })).status).toBe(200)
    expect((await workingCopy(article.id))).toMatchObject({ status: 'in_review', title: 'Pending title' })

    for (const path of [`/articles/${article.id}`, `/articles/${article.id}?draft=true`]) {
      expect(JSON.stringify((await rest('GET', path)).body)).toBe(beforeText)
    }
    const list = await rest<{ docs: Article[] }>('GET', listPath)
    expect(JSON.stringify(list.body.docs[0])).toBe(listBefore)
    expect(JSON.stringify((await graphql(gqlQuery)).body)).toBe(gqlBefore)
    expect(JSON.stringify((await graphql(`{ Article(id: ${article.id}, draft: true) { id title status lastReviewed updatedAt } }`)).body)).toBe(gqlBefore)

    expect((await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })).status).toBe(200)
    const after = await rest<Article>('GET', `/articles/${article.id}`)
    expect(after.body).toMatchObject({ status: 'active', title: 'Pending title' })
  })
})

describe('no other path moves status or publishes', () => {
  it('PATCH with _status published saves a draft; the live version is unchanged', async () => {
    const article = await createActiveArticle(payload, { title: 'Live' })
    const response = await rest('PATCH', `/articles/${article.id}?draft=false`, {
      body: { _status: 'published', status: 'active', title: 'Sneaked in' },
      token: tokens.editor,
    })
    expect(response.status).toBe(200)
    expect((await liveRow(article.id)).title).toBe('Live')
    expect((await rest<Article>('GET', `/articles/${article.id}`)).body.title).toBe('Live')
  })

  it('a bulk update with where saves drafts, never publishes', async () => {
    const article = await createActiveArticle(payload, { title: 'Live bulk' })
    const response = await rest('PATCH', `/articles?where[id][equals]=${article.id}`, {
      body: { _status: 'published', status: 'retired', title: 'Bulk' },
      token: tokens.editor,
    })
    expect(response.status).toBe(200)
    expect(await liveRow(article.id)).toMatchObject({ status: 'active', title: 'Live bulk' })
  })

  it('a GraphQL update cannot change status or publish', async () => {
    const article = await createActiveArticle(payload, { title: 'Live gql' })
    const { body } = await graphql(
      `mutation { updateArticle(id: ${article.id}, draft: false, data: { title: "GQL", status: retired, _status: published }) { id } }`,
      { token: tokens.editor },
    )
    expect(JSON.stringify(body)).not.toContain('Something went wrong')
    expect(await liveRow(article.id)).toMatchObject({ status: 'active', title: 'Live gql' })
  })

  it('a duplicate is a new, unreviewed draft with a URL of its own', async () => {
    const article = await createActiveArticle(payload)
    const response = await rest<{ doc: Article }>('POST', `/articles/${article.id}/duplicate`, { body: {}, token: tokens.editor })
    expect(response.status).toBe(200)
    const copy = await workingCopy(response.body.doc.id)
    expect(copy).toMatchObject({ _status: 'draft', lastReviewed: null, reviewedBy: null, status: 'draft' })
    expect(copy.url).toMatch(new RegExp(`^${article.url}\\?copy=`))
    expect((await rest('GET', `/articles/${copy.id}`)).status).toBe(404)
  })

  it('restoring an old version goes back to the working copy as a draft, never live', async () => {
    const article = await createActiveArticle(payload, { title: 'Version one' })
    await rest('PATCH', `/articles/${article.id}`, { body: { title: 'Version two' }, token: tokens.editor })
    await workflow(article.id, tokens.editor, { action: 'submit', changeNote: 'Version two.' })
    await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })
    const versions = await payload.findVersions({ collection: 'articles', sort: 'createdAt', where: { parent: { equals: article.id } } })
    const first = versions.docs[0]
    expect(first?.version.title).toBe('Version one')

    const publishing = await rest<ErrorBody>('POST', `/articles/versions/${first?.id}`, { body: {}, token: tokens.editor })
    expect(publishing.status).toBe(400)
    expect(publishing.body.errors[0]?.message).toContain('restore it as a draft')
    expect(await liveRow(article.id)).toMatchObject({ status: 'active', title: 'Version two' })

    const restore = await rest('POST', `/articles/versions/${first?.id}?draft=true`, { body: {}, token: tokens.editor })
    expect(restore.status).toBe(200)
    expect(await liveRow(article.id)).toMatchObject({ status: 'active', title: 'Version two' })
    expect(await workingCopy(article.id)).toMatchObject({ _status: 'draft', status: 'active', title: 'Version one' })
  })

  it('the Local API without overrideAccess keeps the status; server code writing it gets a field error', async () => {
    const article = await createDraftArticle(payload)
    const updated = await payload.update({
      collection: 'articles',
      data: { status: 'active' },
      id: article.id,
      overrideAccess: false,
      user: editor,
    })
    expect(updated.status).toBe('draft')
    await expect(payload.update({ collection: 'articles', data: { status: 'active' }, id: article.id })).rejects.toMatchObject({
      data: { errors: [expect.objectContaining({ path: 'status' })] },
      status: 400,
    })
  })
})

describe('one transaction for the change and its record', () => {
  it('when the workflow event cannot be written, the status does not move either', async () => {
    const article = await citableDraft()
    await payload.db.pool.query(`
      create or replace function refuse_marked_events() returns trigger language plpgsql as $$
      begin
        if new.comment = 'FAIL-THE-EVENT' then raise exception 'event refused by the test'; end if;
        return new;
      end $$;
      drop trigger if exists refuse_marked_events on workflow_events;
      create trigger refuse_marked_events before insert on workflow_events for each row execute function refuse_marked_events();
    `)
    try {
      const response = await workflow(article.id, tokens.editor, { action: 'submit', comment: 'FAIL-THE-EVENT' })
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect((await workingCopy(article.id)).status).toBe('draft')
      expect(await eventsOf(article.id)).toEqual([])
    } finally {
      await payload.db.pool.query('drop trigger if exists refuse_marked_events on workflow_events')
    }
    expect((await workflow(article.id, tokens.editor, { action: 'submit', comment: 'now it works' })).status).toBe(200)
  })
})

describe('GraphQL articleWorkflow', () => {
  it('runs the same rules as REST', async () => {
    const article = await citableDraft()
    const submit = await graphql<{ articleWorkflow: { id: number; status: string } }>(
      `mutation { articleWorkflow(id: ${article.id}, action: submit) { id status } }`,
      { token: tokens.editor },
    )
    expect(submit.body.data?.articleWorkflow).toEqual({ id: article.id, status: 'in_review' })

    const selfApprove = await graphql(`mutation { articleWorkflow(id: ${article.id}, action: approve) { id } }`, { token: tokens.editor })
    expect(selfApprove.body.errors?.[0]?.message).toContain('role editor may not approve')

    const noComment = await graphql(`mutation { articleWorkflow(id: ${article.id}, action: request_changes) { id } }`, {
      token: tokens.reviewer,
    })
    expect(noComment.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 400 })

    const approve = await graphql<{ articleWorkflow: { status: string } }>(
      `mutation { articleWorkflow(id: ${article.id}, action: approve, attestation: true, comment: "fine") { status } }`,
      { token: tokens.reviewer },
    )
    expect(approve.body.data?.articleWorkflow.status).toBe('active')

    const anonymous = await graphql(`mutation { articleWorkflow(id: ${article.id}, action: retire) { id } }`)
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 401 })
  })
})

describe('review schedule', () => {
  const atDay = (day: string) => sanitizeOptions({ now: () => new Date(`${day}T09:00:00Z`) })

  const storedState = async (id: number): Promise<unknown> => {
    const { docs } = await payload.db.find<{ reviewState: unknown }>({
      collection: 'articles',
      limit: 1,
      pagination: false,
      where: { id: { equals: id } },
    })
    return docs[0]?.reviewState
  }

  it('the sweep moves an article from current to due soon to overdue as the clock moves', async () => {
    // Reviewed 2026-01-10, quarterly: next review due 2026-04-10.
    const article = await createActiveArticle(payload, { lastReviewed: '2026-01-10' })
    expect(article.nextReviewDue).toBe('2026-04-10T12:00:00.000Z')
    const req = await createLocalReq({}, payload)

    const march = await sweepReviewStates({ options: atDay('2026-03-01'), req })
    expect(await storedState(article.id)).toBe('current')
    expect(march.overdue).not.toContain(article.id)

    const dueSoon = await sweepReviewStates({ options: atDay('2026-03-28'), req })
    expect(await storedState(article.id)).toBe('due_soon')
    expect(dueSoon.dueSoon).toContain(article.id)

    const overdue = await sweepReviewStates({ options: atDay('2026-04-11'), req })
    expect(await storedState(article.id)).toBe('overdue')
    expect(overdue.overdue).toContain(article.id)

    const again = await sweepReviewStates({ options: atDay('2026-04-11'), req })
    expect(again.overdue).toContain(article.id)
    expect((await rest<Article>('GET', `/articles/${article.id}`)).body.reviewState).toBe('overdue')
  })

  it('an overdue article stays readable, says so, and a new approval makes it current', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2025-01-10' })
    const read = await rest<Article>('GET', `/articles/${article.id}`)
    expect(read.status).toBe(200)
    expect(read.body.reviewState).toBe('overdue')
    await workflow(article.id, tokens.editor, { action: 'submit', changeNote: 'Scheduled review', comment: 'Scheduled review' })
    const approved = await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })
    expect(approved.body.doc).toMatchObject({ lastReviewed: `${todayUtc()}T12:00:00.000Z`, reviewState: 'current' })
  })

  it('runs as a task on the jobs queue, scheduled daily, and on demand over REST', async () => {
    const article = await createActiveArticle(payload, { lastReviewed: '2025-01-10' })
    await payload.db.updateOne({ collection: 'articles', data: { reviewState: 'current' }, id: article.id })
    const job = await payload.jobs.queue({ input: {}, queue: 'cancer-content', task: REVIEW_SWEEP_TASK })
    const run = await payload.jobs.run({ queue: 'cancer-content' })
    expect(run.jobStatus?.[String(job.id)]).toEqual({ status: 'success' })
    expect(await storedState(article.id)).toBe('overdue')
    expect(payload.config.jobs.tasks?.find((task) => task.slug === REVIEW_SWEEP_TASK)?.schedule).toEqual([
      { cron: '0 0 5 * * *', queue: 'cancer-content' },
    ])

    expect((await rest('POST', '/articles/review-sweep', { token: tokens.editor })).status).toBe(403)
    const onDemand = await rest<{ checked: number }>('POST', '/articles/review-sweep', { token: tokens.reviewer })
    expect(onDemand.status).toBe(200)
    expect(onDemand.body.checked).toBeGreaterThan(0)
  })

  it('the reviewer queue lists what is in review (not mine), then overdue, then due soon, oldest first in each', async () => {
    const overdue = await createActiveArticle(payload, { lastReviewed: '2024-06-01', title: 'Queue overdue' })
    const dueSoonDay = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    const [year, month, day] = dueSoonDay.split('-')
    const lastReviewed = `${Number(year) - 1}-${month}-${day}`
    const dueSoon = await createActiveArticle(payload, { lastReviewed, reviewFrequency: 'annual', title: 'Queue due soon' })
    const current = await createActiveArticle(payload, { lastReviewed: todayUtc(), title: 'Queue current' })
    const mine = await citableDraft()
    await workflow(mine.id, tokens.admin, { action: 'submit' })
    const theirs = await citableDraft()
    await workflow(theirs.id, tokens.editor, { action: 'submit' })

    const forReviewer = await rest<{ docs: { assignee: null | { id: number }; id: number; reason: QueueReason; since: string }[] }>('GET', '/articles/review-queue', {
      token: tokens.otherReviewer,
    })
    expect(forReviewer.status).toBe(200)
    const entries = forReviewer.body.docs
    const reasonOf = (id: number) => entries.find((entry) => entry.id === id)?.reason
    expect(reasonOf(overdue.id)).toBe('overdue')
    expect(reasonOf(dueSoon.id)).toBe('due_soon')
    expect(reasonOf(theirs.id)).toBe('awaiting_decision')
    expect(reasonOf(mine.id)).toBe('awaiting_decision')
    expect(reasonOf(current.id)).toBeUndefined()
    // This test's articles: submissions first (none is assigned here), then overdue, then due
    // soon; oldest first in each.
    const rank = { awaiting_decision: 0, due_soon: 3, overdue: 2, source_changed: 1 } as Record<string, number>
    const key = (entry: { reason: string; since: string }) => `${rank[entry.reason]}|${entry.since}`
    const own = entries.filter((entry) => [overdue.id, dueSoon.id, theirs.id, mine.id].includes(entry.id))
    expect(own.map(key)).toEqual([...own.map(key)].sort())
    // The whole queue (other test files' articles too: assigned ones, linked changes, broken
    // evidence) in the order of the queue rule (rules/reviewQueueOrder.ts).
    const ordered = orderQueue(
      entries.map((entry) => ({ ...entry, assigneeId: entry.assignee?.id ?? null })),
      otherReviewer.id,
    )
    expect(entries.map((entry) => entry.id)).toEqual(ordered.map((entry) => entry.id))
    expect(entries.findIndex((entry) => entry.id === theirs.id)).toBeLessThan(entries.findIndex((entry) => entry.id === overdue.id))

    const forAdmin = await rest<{ docs: { id: number }[] }>('GET', '/articles/review-queue', { token: tokens.admin })
    expect(forAdmin.body.docs.map((entry) => entry.id)).not.toContain(mine.id)
    expect(forAdmin.body.docs.map((entry) => entry.id)).toContain(theirs.id)
    expect((await rest('GET', '/articles/review-queue', { token: tokens.editor })).status).toBe(403)
    expect((await rest('GET', '/articles/review-queue')).status).toBe(403)
  })

  it('lists an approved article as source_changed while any fact of its source differs from the approved snapshot, and only the articles of that source', async () => {
    const approvedWith = async (source?: { id: number; label: string }) => {
      const draft = await citableDraft()
      if (source) {
        await payload.update({ collection: 'articles', data: { citation: `${source.label}, ${todayUtc().slice(0, 4)}`, source: source.id }, draft: true, id: draft.id })
      }
      await workflow(draft.id, tokens.editor, { action: 'submit' })
      expect((await workflow(draft.id, tokens.reviewer, { action: 'approve', attestation: true })).status).toBe(200)
      return liveRow(draft.id)
    }
    const article = await approvedWith()
    const sourceId = typeof article.source === 'object' && article.source ? article.source.id : Number(article.source)
    const original = await payload.findByID({ collection: 'sources', depth: 0, id: sourceId })
    // Another article of the same source (listed with it), and one of another source (never listed).
    const sameSource = await approvedWith(original)
    const otherSource = await approvedWith()
    // The whole queue, page by page (other tests' entries come before and after).
    const reasonsOf = async (ids: number[]) => {
      const found = new Map<number, string>()
      for (let page = 1; page <= 20; page += 1) {
        const { body } = await rest<{ docs: { id: number; reason: string }[]; hasNextPage: boolean }>('GET', `/articles/review-queue?limit=200&page=${page}`, { token: tokens.otherReviewer })
        for (const entry of body.docs) if (ids.includes(entry.id)) found.set(entry.id, entry.reason)
        if (!body.hasNextPage) break
      }
      return ids.map((id) => found.get(id) ?? null)
    }
    expect(await reasonsOf([article.id, sameSource.id, otherSource.id])).toEqual([null, null, null])
    const changes: Record<string, unknown>[] = [{ label: `${original.label}-renamed` }, { name: null }, { name: '' }, { homeUrl: 'https://moved.example.org' }, { tierRank: 7 }, { tierKey: 'other' }]
    for (const change of changes) {
      await payload.update({ collection: 'sources', data: change, id: sourceId })
      expect({ change, reasons: await reasonsOf([article.id, sameSource.id, otherSource.id]) }).toEqual({ change, reasons: ['source_changed', 'source_changed', null] })
      await payload.update({
        collection: 'sources',
        data: { homeUrl: original.homeUrl ?? null, label: original.label, name: original.name ?? null, tierKey: original.tierKey ?? null, tierRank: original.tierRank ?? null },
        id: sourceId,
      })
      expect(await reasonsOf([article.id, sameSource.id, otherSource.id])).toEqual([null, null, null])
    }
  })

  it('an import may bring an overdue article in as active: it arrives flagged and queued', async () => {
    const imported = await createActiveArticle(payload, { lastReviewed: '2019-03-01' })
    expect(imported.reviewState).toBe('overdue')
    const queue = await rest<{ docs: { id: number; reason: string }[] }>('GET', '/articles/review-queue', { token: tokens.reviewer })
    expect(queue.body.docs.find((entry) => entry.id === imported.id)?.reason).toBe('overdue')
    await expect(
      payload.create({
        collection: 'articles',
        context: AS_IMPORT,
        data: { ...imported, id: undefined, lastReviewed: '2999-01-01', url: `${imported.url}-future` } as never,
      }),
    ).rejects.toMatchObject({ status: 400 })
  })
})

describe('citation outputs of a published article', () => {
  it('REST and GraphQL give the formatted citation, CSL-JSON and MedicalWebPage JSON-LD', async () => {
    await payload.update({ collection: 'users', data: { name: 'Dr. Rev Iewer' }, id: reviewer.id })
    const article = await citableDraft()
    await payload.update({ collection: 'articles', data: { cancerTypes: ['lung'] }, draft: true, id: article.id })
    await workflow(article.id, tokens.editor, { action: 'submit' })
    await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })

    const { body } = await rest<Article>('GET', `/articles/${article.id}`)
    expect(body.citationCsl).toMatchObject({ type: 'webpage', URL: article.url, title: article.title })
    expect(body.citationText).toContain(`${article.title} [Internet]`)
    expect(body.citationText).toContain(`Available from: ${article.url}`)
    expect(body.jsonLd).toMatchObject({
      '@type': 'MedicalWebPage',
      about: [{ '@type': 'MedicalCondition', name: 'lung cancer' }],
      audience: { audienceType: 'Patient' },
      citation: body.citationText,
      inLanguage: 'en',
      lastReviewed: todayUtc(),
      reviewedBy: { '@type': 'Person', name: 'Dr. Rev Iewer' },
      url: article.url,
    })
    expect(JSON.stringify(body)).not.toContain(reviewer.email)

    const gql = await graphql<{ Article: { citationCsl: unknown; citationText: string; jsonLd: unknown } }>(
      `{ Article(id: ${article.id}) { citationText citationCsl jsonLd } }`,
    )
    expect(gql.body.data?.Article).toEqual({ citationCsl: body.citationCsl, citationText: body.citationText, jsonLd: body.jsonLd })
  })
})

describe('the record outlives the article', () => {
  it('an admin may delete a draft sent back from review: its events stay, naming its URL and title', async () => {
    const article = await citableDraft()
    await workflow(article.id, tokens.editor, { action: 'submit' })
    expect((await rest('DELETE', `/articles/${article.id}`, { token: tokens.admin })).status).toBe(409)
    await workflow(article.id, tokens.reviewer, { action: 'request_changes', comment: 'Not this one.' })
    const response = await rest('DELETE', `/articles/${article.id}`, { token: tokens.admin })
    expect(response.status).toBe(200)
    const events = await payload.find({
      collection: 'workflow-events',
      depth: 0,
      sort: 'createdAt',
      where: { articleUrl: { equals: article.url } },
    })
    expect(events.docs.map((event) => [event.action, event.article ?? null, event.articleTitle])).toEqual([
      ['submit', null, article.title],
      ['request_changes', null, article.title],
    ])
  })
})
