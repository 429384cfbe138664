import { EventEmitter } from 'node:events'
import type { AddressInfo } from 'node:net'

import { simpleParser } from 'mailparser'
import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'

import type { Article, User, WorkflowEvent } from '../../payload-types.js'
import { ATTESTATION } from '../../rules/attestation.js'
import { todayUtc } from '../../rules/calendarDate.js'
import type { NotifyInput } from '../../src/notifications/queueNotification.js'

// ---------------------------------------------------------------------------------------------
// A real SMTP server on 127.0.0.1, started before the demo config is imported: the config reads
// SMTP_HOST, SMTP_PORT, SMTP_FROM and APP_URL when it is first loaded.

interface Mail {
  html: string
  subject: string
  text: string
  to: string[]
}

const inbox: Mail[] = []
const arrivals = new EventEmitter()
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    // The message is parsed before the server answers, so a send that resolved is in the inbox.
    simpleParser(stream)
      .then((parsed) => {
        inbox.push({
          html: typeof parsed.html === 'string' ? parsed.html : '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        })
        arrivals.emit('mail')
        callback()
      })
      .catch((error: Error) => callback(error))
  },
})
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
process.env.SMTP_HOST = '127.0.0.1'
process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port)
process.env.SMTP_FROM = 'Cancer CMS <cms@example.test>'
process.env.APP_URL = 'https://cms.example.test'

const { graphql, rest } = await import('../helpers/api.js')
const { createActiveArticle, createDraftArticle, createSource, lexicalBody } = await import('../helpers/fixtures.js')
const { bootPayload, createUser, shutdownPayload, tokenOf } = await import('../helpers/payload.js')
const { NOTIFY_QUEUE, NOTIFY_TASK, REVIEW_DIGEST_TASK } = await import('../../src/notifications/queueNotification.js')

let payload: Payload
let admin: User
let editor: User
let reviewer: User
let otherReviewer: User
let quietReviewer: User
const tokens: Record<string, string> = {}

interface ErrorBody {
  errors: { data?: { errors?: { message: string; path: string }[] }; message: string }[]
}

const workflow = (id: number, token: string | undefined, body: Record<string, unknown>) =>
  rest<{ doc: Article } & ErrorBody>('POST', `/articles/${id}/workflow`, { body, token })

const eventsOf = async (id: number): Promise<WorkflowEvent[]> =>
  (await payload.find({ collection: 'workflow-events', depth: 0, pagination: false, sort: 'createdAt', where: { article: { equals: id } } })).docs

const adminLink = (id: number) => `https://cms.example.test/admin/collections/articles/${id}`

/** Works the mail queue until no job is due; every send it made is in the inbox when it returns. */
const sendQueuedMail = async () => {
  for (let round = 0; round < 10; round += 1) {
    const result = await payload.jobs.run({ limit: 50, queue: NOTIFY_QUEUE, silent: true })
    if ('noJobsRemaining' in result && result.noJobsRemaining) return
  }
  throw new Error('the mail queue did not drain in 10 runs')
}

/** Mail that arrived since `mark` (an inbox length). */
const since = (mark: number) => inbox.slice(mark)

/** An article that is live, with a marker word only its live body has. */
const liveArticle = (title: string) =>
  createActiveArticle(payload, { body: lexicalBody('The live text says the standard dose is fifty milligrams daily.'), title })

beforeAll(async () => {
  payload = await bootPayload()
  admin = await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  reviewer = await createUser(payload, 'reviewer')
  otherReviewer = await createUser(payload, 'reviewer')
  quietReviewer = await createUser(payload, 'reviewer')
  for (const [name, user] of Object.entries({ admin, editor, otherReviewer, quietReviewer, reviewer })) {
    tokens[name] = await tokenOf(payload, user)
  }
  // The reviewer's public record; the quiet reviewer turns every email off, on their own account.
  await rest('PATCH', `/users/${reviewer.id}`, {
    body: { affiliation: 'City Hospital', credentials: 'MD, medical oncology', name: 'Dr Ada Reviewer' },
    token: tokens.reviewer,
  })
  const optOut = await rest('PATCH', `/users/${quietReviewer.id}`, {
    body: { notifications: { decided: false, digest: false, submitted: false } },
    token: tokens.quietReviewer,
  })
  expect(optOut.status).toBe(200)
  // Mail of other files' transitions (queued, never sent there) is not this file's business.
  await sendQueuedMail()
})

afterAll(async () => {
  await shutdownPayload(payload)
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

describe('the done-means flow over the API, with real email', () => {
  it('an editor updates a live article with a change note and assigns a reviewer; the reviewer is mailed, sees the diff, attests and approves; the author is mailed; the public reads the update', async () => {
    const article = await liveArticle(`Dosage guide ${Date.now()}`)
    const edit = await rest('PATCH', `/articles/${article.id}`, {
      body: { body: lexicalBody('The live text says the standard dose is seventy milligrams daily. Secretdraftmarker applies.'), title: `${article.title} (2026)` },
      token: tokens.editor,
    })
    expect(edit.status).toBe(200)

    // A live article's update needs a change note.
    const noNote = await workflow(article.id, tokens.editor, { action: 'submit', assignee: reviewer.id })
    expect(noNote.status).toBe(400)
    expect(noNote.body.errors[0]?.data?.errors).toEqual([{ message: expect.stringMatching(/change note/), path: 'changeNote' }])
    const tooLong = await workflow(article.id, tokens.editor, { action: 'submit', changeNote: 'x'.repeat(2001) })
    expect(tooLong.status).toBe(400)

    const mark = inbox.length
    const submitted = await workflow(article.id, tokens.editor, {
      action: 'submit',
      assignee: reviewer.id,
      changeNote: 'Dose updated to the 2026 guideline.',
    })
    expect(submitted.status).toBe(200)
    expect(submitted.body.doc).toMatchObject({ assignee: reviewer.id, status: 'in_review' })
    await sendQueuedMail()
    const toReviewer = since(mark)
    expect(toReviewer.map((mail) => mail.to)).toEqual([[reviewer.email]])
    expect(toReviewer[0]?.subject).toBe(`Review requested: ${article.title} (2026)`)
    expect(toReviewer[0]?.text).toContain(adminLink(article.id))
    expect(toReviewer[0]?.html).toContain(`href="${adminLink(article.id)}"`)
    for (const part of [toReviewer[0]?.text, toReviewer[0]?.html]) {
      expect(part).not.toMatch(/Secretdraftmarker|seventy|Dose updated/)
    }

    // What changed: staff only.
    expect((await rest('GET', `/articles/${article.id}/changes`)).status).toBe(403)
    const changes = await rest<{
      body: { op: string; text: string }[]
      changeNote: string
      fields: { after: unknown; before: unknown; path: string }[]
      pending: { versionId: string } | null
      published: { versionId: string } | null
    }>('GET', `/articles/${article.id}/changes`, { token: tokens.reviewer })
    expect(changes.status).toBe(200)
    expect(changes.body.changeNote).toBe('Dose updated to the 2026 guideline.')
    expect(changes.body.fields).toEqual([{ after: `${article.title} (2026)`, before: article.title, path: 'title' }])
    expect(changes.body.body.filter((run) => run.op === 'delete').map((run) => run.text.trim())).toEqual(['fifty'])
    expect(changes.body.body.filter((run) => run.op === 'insert').map((run) => run.text).join(' ')).toMatch(/seventy[\s\S]*Secretdraftmarker applies\./)
    expect(changes.body.published?.versionId).toEqual(expect.any(String))
    expect(changes.body.pending?.versionId).not.toBe(changes.body.published?.versionId)

    // Attestation is required.
    const unattested = await workflow(article.id, tokens.reviewer, { action: 'approve' })
    expect(unattested.status).toBe(400)
    expect(unattested.body.errors[0]?.data?.errors).toEqual([{ message: expect.stringContaining(ATTESTATION.statement), path: 'attestation' }])

    const before = inbox.length
    const approved = await workflow(article.id, tokens.reviewer, { action: 'approve', attestation: true })
    expect(approved.status).toBe(200)
    expect(approved.body.doc).toMatchObject({ assignee: null, reviewedBy: reviewer.id, status: 'active' })
    await sendQueuedMail()
    const toAuthor = since(before)
    expect(toAuthor.map((mail) => mail.to)).toEqual([[editor.email]])
    expect(toAuthor[0]?.subject).toBe(`Approved: ${article.title} (2026)`)
    expect(toAuthor[0]?.text).toContain(adminLink(article.id))
    expect(toAuthor[0]?.text).toContain('Dr Ada Reviewer')

    const events = await eventsOf(article.id)
    expect(events.map((event) => event.action).slice(-2)).toEqual(['submit', 'approve'])
    const submitEvent = events.find((event) => event.action === 'submit')
    expect(submitEvent).toMatchObject({ assignee: reviewer.id, changeNote: 'Dose updated to the 2026 guideline.' })
    expect(events.find((event) => event.action === 'approve')?.attestation).toEqual({ statement: ATTESTATION.statement, version: ATTESTATION.version })

    // The public reads the update, with the reviewer as a Person.
    const publicRead = await rest<Article & { jsonLd: { reviewedBy: unknown } }>('GET', `/articles/${article.id}`)
    expect(publicRead.body.title).toBe(`${article.title} (2026)`)
    expect(publicRead.body.jsonLd.reviewedBy).toEqual({
      '@type': 'Person',
      affiliation: { '@type': 'Organization', name: 'City Hospital' },
      hasCredential: { '@type': 'EducationalOccupationalCredential', name: 'MD, medical oncology' },
      name: 'Dr Ada Reviewer',
    })
    // Nothing else of the account, and not the assignee, reaches anonymous readers.
    expect(publicRead.body).not.toHaveProperty('assignee')
    expect(JSON.stringify(publicRead.body)).not.toContain(reviewer.email)
  })

  it('a first submission shows the whole document as new; no pending update, no changes', async () => {
    const draft = await payload.create({
      collection: 'articles',
      data: {
        audienceLevel: 'patient',
        body: lexicalBody('Brand new text.'),
        cancerTypes: ['lung'],
        language: 'en',
        reviewFrequency: 'annual',
        title: 'First draft',
        url: `https://www.cancer.gov/test/first-${Date.now()}`,
      },
    })
    const changes = await rest<{ body: unknown[]; fields: { path: string }[]; pending: unknown; published: unknown }>(
      'GET',
      `/articles/${draft.id}/changes`,
      { token: tokens.editor },
    )
    expect(changes.status).toBe(200)
    expect(changes.body.body).toEqual([{ op: 'insert', text: 'Brand new text.' }])
    expect(changes.body.fields.map((field) => field.path)).toEqual(expect.arrayContaining(['title', 'url', 'cancerTypes']))
    expect(changes.body.published).toBeNull()

    const live = await liveArticle('Nothing pending')
    const none = await rest<{ body: unknown[]; fields: unknown[]; pending: unknown }>('GET', `/articles/${live.id}/changes`, { token: tokens.reviewer })
    expect(none.body).toMatchObject({ body: [], fields: [], pending: null })
    expect((await rest('GET', '/articles/99999999/changes', { token: tokens.reviewer })).status).toBe(404)
    expect((await rest('GET', '/articles/abc/changes', { token: tokens.reviewer })).status).toBe(404)
  })

  it('changes requested mail the author, not whoever opted out; an unassigned submission mails every reviewer who wants it', async () => {
    const article = await liveArticle(`Unassigned ${Date.now()}`)
    await rest('PATCH', `/articles/${article.id}`, { body: { title: `${article.title} v2` }, token: tokens.editor })
    const mark = inbox.length
    expect((await workflow(article.id, tokens.editor, { action: 'submit', changeNote: 'Title.' })).status).toBe(200)
    await sendQueuedMail()
    const recipients = since(mark).flatMap((mail) => mail.to)
    expect(recipients).toEqual(expect.arrayContaining([reviewer.email, otherReviewer.email]))
    expect(recipients).not.toContain(quietReviewer.email)
    expect(recipients).not.toContain(editor.email)
    expect(recipients).not.toContain(admin.email)
    expect(since(mark).every((mail) => mail.subject === `Review requested: ${article.title} v2`)).toBe(true)

    const sentBack = inbox.length
    expect((await workflow(article.id, tokens.otherReviewer, { action: 'request_changes', comment: 'Cite the new trial.' })).status).toBe(200)
    await sendQueuedMail()
    expect(since(sentBack).map((mail) => [mail.to, mail.subject])).toEqual([[[editor.email], `Changes requested: ${article.title} v2`]])
    expect(since(sentBack)[0]?.text).not.toContain('Cite the new trial.')
  })

  it('the mail of one workflow event goes out once, however many jobs carry it', async () => {
    const source = await createSource(payload)
    const article = await createDraftArticle(payload, { citation: `${source.label}, 2026`, license: 'public_domain', source: source.id, title: `Mailed once ${Date.now()}` })
    const mark = inbox.length
    const submitted = await workflow(article.id, tokens.editor, { action: 'submit', assignee: reviewer.id })
    expect(submitted.status).toBe(200)
    // A second job with the same input: what two runners claiming one job amount to.
    const [queued] = (await payload.find({ collection: 'payload-jobs', limit: 1, sort: '-createdAt', where: { taskSlug: { equals: NOTIFY_TASK } } })).docs
    expect(queued?.input).toMatchObject({ event: 'submitted' })
    const input = queued?.input as unknown as NotifyInput
    await payload.jobs.queue({ input, queue: NOTIFY_QUEUE, task: NOTIFY_TASK })
    await sendQueuedMail()
    const mails = since(mark).filter((mail) => mail.subject.includes(article.title))
    expect(mails.map((mail) => mail.to)).toEqual([[reviewer.email]])
    const runs = await payload.find({ collection: 'review-sweep-runs', where: { key: { equals: `mail:submitted:${input.eventId}` } } })
    expect(runs.docs.map((run) => run.changed)).toEqual([1])
  })

  it('the weekly digest goes to reviewers once per slot, however many jobs run it', async () => {
    await createActiveArticle(payload, { lastReviewed: '2024-01-15', title: `Overdue for the digest ${Date.now()}` })
    const slot = new Date(Date.now() - 60_000).toISOString()
    const mark = inbox.length
    // Two instances scheduled the same slot.
    for (let copy = 0; copy < 2; copy += 1) {
      await payload.jobs.queue({ input: {}, queue: NOTIFY_QUEUE, task: REVIEW_DIGEST_TASK, waitUntil: new Date(slot) })
    }
    await sendQueuedMail()
    const digests = since(mark).filter((mail) => mail.subject.startsWith('Review digest:'))
    const recipients = digests.flatMap((mail) => mail.to)
    expect(recipients).toContain(reviewer.email)
    expect(recipients).not.toContain(quietReviewer.email)
    expect(recipients).not.toContain(editor.email)
    expect(new Set(recipients).size).toBe(recipients.length)
    expect(digests[0]?.subject).toMatch(/^Review digest: \d+ overdue, \d+ due soon$/)
    expect(digests[0]?.text).toMatch(/Overdue for the digest \d+ \(due 2024-04-15\)\n {2}https:\/\/cms\.example\.test\/admin\/collections\/articles\/\d+/)
    const runs = await payload.find({ collection: 'review-sweep-runs', where: { key: { equals: `digest:slot:${slot}` } } })
    expect(runs.totalDocs).toBe(1)
  })
})

describe('reaffirm', () => {
  const contentOf = (article: Article) => {
    const { body, bodyText, citation, license, source, title, url, cancerTypes, audienceLevel, language, evidence, glossaryTerms } = article
    return JSON.stringify({ audienceLevel, body, bodyText, cancerTypes, citation, evidence, glossaryTerms, language, license, source, title, url })
  }

  it('re-certifies a live article without an edit: review dates move, one event, the content byte for byte', async () => {
    const article = await liveArticle(`Reaffirm me ${Date.now()}`)
    const before = await payload.findByID({ collection: 'articles', depth: 0, id: article.id })
    const publicBefore = (await rest<Article>('GET', `/articles/${article.id}`)).body
    const eventsBefore = (await eventsOf(article.id)).length
    const mark = inbox.length

    expect((await workflow(article.id, tokens.reviewer, { action: 'reaffirm' })).status).toBe(400)
    const reaffirmed = await workflow(article.id, tokens.reviewer, { action: 'reaffirm', attestation: true, comment: 'Still accurate.' })
    expect(reaffirmed.status).toBe(200)
    const after = await payload.findByID({ collection: 'articles', depth: 0, id: article.id })
    expect(before.lastReviewed?.slice(0, 10)).toBe('2026-01-10')
    expect(after.lastReviewed?.slice(0, 10)).toBe(todayUtc())
    expect(after.nextReviewDue?.slice(0, 10)).not.toBe(before.nextReviewDue?.slice(0, 10))
    expect(after).toMatchObject({ reviewedBy: reviewer.id, status: 'active', _status: 'published' })
    expect(contentOf(after)).toBe(contentOf(before))
    const publicAfter = (await rest<Article>('GET', `/articles/${article.id}`)).body
    expect(contentOf(publicAfter)).toBe(contentOf(publicBefore))

    const events = await eventsOf(article.id)
    expect(events).toHaveLength(eventsBefore + 1)
    expect(events.at(-1)).toMatchObject({
      action: 'reaffirm',
      attestation: { statement: ATTESTATION.statement, version: ATTESTATION.version },
      comment: 'Still accurate.',
      from: 'active',
      to: 'active',
    })
    await sendQueuedMail()
    expect(since(mark)).toEqual([])
  })

  it('is refused with a pending update (409), to an editor (403), to the last editor (four-eyes, 403), twice a day (409); GraphQL runs the same rules', async () => {
    const pending = await liveArticle(`Pending ${Date.now()}`)
    await rest('PATCH', `/articles/${pending.id}`, { body: { title: 'An unsubmitted edit' }, token: tokens.editor })
    expect((await workflow(pending.id, tokens.reviewer, { action: 'reaffirm', attestation: true })).status).toBe(409)
    expect((await workflow(pending.id, tokens.editor, { action: 'reaffirm', attestation: true })).status).toBe(403)

    // The admin last edited the live content (an import records who): four-eyes refuses them.
    const byAdmin = await createActiveArticle(payload, { lastEditedBy: admin.id, title: `Admin edited ${Date.now()}` })
    const self = await workflow(byAdmin.id, tokens.admin, { action: 'reaffirm', attestation: true })
    expect(self.status).toBe(403)
    expect(self.body.errors[0]?.message).toMatch(/Four-eyes/)
    expect((await workflow(byAdmin.id, tokens.reviewer, { action: 'reaffirm', attestation: true })).status).toBe(200)

    // An admin edits and submits; a reviewer approves today: a reaffirmation today certifies nothing new.
    const edited = await liveArticle(`Approved today ${Date.now()}`)
    await rest('PATCH', `/articles/${edited.id}`, { body: { title: `${edited.title}!` }, token: tokens.admin })
    expect((await workflow(edited.id, tokens.admin, { action: 'submit', changeNote: 'Punctuation.' })).status).toBe(200)
    expect((await workflow(edited.id, tokens.reviewer, { action: 'approve', attestation: true })).status).toBe(200)
    const again = await workflow(edited.id, tokens.otherReviewer, { action: 'reaffirm', attestation: true })
    expect(again.status).toBe(409)
    expect(again.body.errors[0]?.message).toMatch(/already reviewed today/)

    const older = await liveArticle(`GraphQL reaffirm ${Date.now()}`)
    const unattested = await graphql(`mutation { articleWorkflow(id: ${older.id}, action: reaffirm) { status } }`, { token: tokens.otherReviewer })
    expect(unattested.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 400 })
    const viaGraphql = await graphql<{ articleWorkflow: { lastReviewed: string; status: string } }>(
      `mutation { articleWorkflow(id: ${older.id}, action: reaffirm, attestation: true) { status lastReviewed } }`,
      { token: tokens.otherReviewer },
    )
    expect(viaGraphql.body.errors).toBeUndefined()
    expect(viaGraphql.body.data?.articleWorkflow).toMatchObject({ lastReviewed: `${todayUtc()}T12:00:00.000Z`, status: 'active' })
  })
})

describe('assignment and the queue', () => {
  const assign = (id: number, token: string | undefined, assignee: unknown) =>
    rest<{ doc: { assignee: null | number; id: number; status: string } } & ErrorBody>('POST', `/articles/${id}/assignment`, {
      body: { assignee },
      token,
    })

  const submitted = async (title: string) => {
    const by = tokens.editor
    const article = await liveArticle(title)
    await rest('PATCH', `/articles/${article.id}`, { body: { title: `${title} (update)` }, token: by })
    expect((await workflow(article.id, by, { action: 'submit', changeNote: 'Update.' })).status).toBe(200)
    return article
  }

  it('a reviewer takes an unassigned submission; four-eyes, roles and bad input are refused; an admin reassigns', async () => {
    const article = await submitted(`Assign me ${Date.now()}`)
    expect((await assign(article.id, undefined, reviewer.id)).status).toBe(401)
    expect((await assign(article.id, tokens.editor, reviewer.id)).status).toBe(403)
    expect((await assign(article.id, tokens.reviewer, otherReviewer.id)).status).toBe(403)
    const bad = await assign(article.id, tokens.admin, 'someone')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]?.data?.errors?.[0]?.path).toBe('assignee')
    const editorAsReviewer = await assign(article.id, tokens.admin, editor.id)
    expect(editorAsReviewer.status).toBe(400)
    expect(editorAsReviewer.body.errors[0]?.data?.errors).toEqual([{ message: expect.stringMatching(/reviewer or admin/), path: 'assignee' }])

    const taken = await assign(article.id, tokens.reviewer, reviewer.id)
    expect(taken.status).toBe(200)
    expect(taken.body.doc).toMatchObject({ assignee: reviewer.id, id: article.id, status: 'in_review' })
    expect((await assign(article.id, tokens.otherReviewer, otherReviewer.id)).status).toBe(403)
    const reassigned = await assign(article.id, tokens.admin, otherReviewer.id)
    expect(reassigned.body.doc.assignee).toBe(otherReviewer.id)
    const events = await eventsOf(article.id)
    expect(events.filter((event) => event.action === 'assign').map((event) => event.assignee)).toEqual([reviewer.id, otherReviewer.id])

    // The working copy's content did not move; the live version neither.
    expect((await payload.findByID({ collection: 'articles', depth: 0, draft: true, id: article.id })).title).toBe(`${article.title} (update)`)
    expect((await rest<Article>('GET', `/articles/${article.id}`)).body.title).toBe(article.title)

    // Not in review: 409.
    const live = await liveArticle(`Not in review ${Date.now()}`)
    expect((await assign(live.id, tokens.reviewer, reviewer.id)).status).toBe(409)

    // GraphQL: the same rules.
    const viaGraphql = await graphql<{ assignArticleReviewer: { id: number } }>(
      `mutation { assignArticleReviewer(id: ${article.id}, assignee: null) { id } }`,
      { token: tokens.admin },
    )
    expect(viaGraphql.body.errors).toBeUndefined()
    const refused = await graphql(`mutation { assignArticleReviewer(id: ${article.id}, assignee: ${otherReviewer.id}) { id } }`, {
      token: tokens.editor,
    })
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 403 })
  })

  it('a submitter names a reviewer, never themself or the last editor', async () => {
    const article = await liveArticle(`Named ${Date.now()}`)
    await rest('PATCH', `/articles/${article.id}`, { body: { title: `${article.title}?` }, token: tokens.admin })
    const self = await workflow(article.id, tokens.admin, { action: 'submit', assignee: admin.id, changeNote: 'Q.' })
    expect(self.status).toBe(400)
    expect(self.body.errors[0]?.data?.errors?.[0]?.path).toBe('assignee')
    expect((await workflow(article.id, tokens.admin, { action: 'submit', assignee: 99_999_999, changeNote: 'Q.' })).status).toBe(400)
    expect((await workflow(article.id, tokens.admin, { action: 'approve', assignee: reviewer.id, attestation: true })).status).toBe(400)
    expect((await workflow(article.id, tokens.admin, { action: 'submit', assignee: reviewer.id, changeNote: 'Q.' })).status).toBe(200)
  })

  it('puts submissions first (mine, unassigned, others; oldest first), names people, and filters', async () => {
    const mine = await submitted(`Queue mine ${Date.now()}`)
    const unassigned = await submitted(`Queue unassigned ${Date.now()}`)
    const others = await submitted(`Queue others ${Date.now()}`)
    expect((await assign(mine.id, tokens.reviewer, reviewer.id)).status).toBe(200)
    expect((await assign(others.id, tokens.otherReviewer, otherReviewer.id)).status).toBe(200)
    await createActiveArticle(payload, { lastReviewed: '2024-01-15', title: `Queue overdue ${Date.now()}` })

    type Entry = { assignee: { id: number; name: string } | null; id: number; reason: string; submittedBy: { id: number; name: string } | null; title: string }
    const queue = await rest<{ docs: Entry[] }>('GET', '/articles/review-queue', { token: tokens.reviewer })
    expect(queue.status).toBe(200)
    const docs = queue.body.docs
    const position = (id: number) => docs.findIndex((entry) => entry.id === id)
    expect(position(mine.id)).toBeGreaterThanOrEqual(0)
    expect(position(mine.id)).toBeLessThan(position(unassigned.id))
    expect(position(unassigned.id)).toBeLessThan(position(others.id))
    const firstOverdue = docs.findIndex((entry) => entry.reason === 'overdue')
    expect(position(others.id)).toBeLessThan(firstOverdue)
    // Submissions first: no submission after the first entry of another reason. (Test files
    // share one database: linked changes and broken evidence other files leave are listed too,
    // after the submissions and before the schedule.)
    const firstOther = docs.findIndex((entry) => entry.reason !== 'awaiting_decision')
    expect(firstOther).toBeGreaterThan(position(others.id))
    expect(docs.slice(firstOther).some((entry) => entry.reason === 'awaiting_decision')).toBe(false)
    expect(docs.slice(firstOther, firstOverdue).every((entry) => entry.reason !== 'overdue' && entry.reason !== 'due_soon')).toBe(true)
    expect(docs[position(mine.id)]).toMatchObject({
      assignee: { id: reviewer.id, name: 'Dr Ada Reviewer' },
      reason: 'awaiting_decision',
      submittedBy: { id: editor.id, name: editor.email },
      title: `${mine.title} (update)`,
    })

    const onlyMine = await rest<{ docs: Entry[] }>('GET', '/articles/review-queue?filter=mine', { token: tokens.reviewer })
    expect(onlyMine.body.docs.map((entry) => entry.id)).toContain(mine.id)
    expect(onlyMine.body.docs.every((entry) => entry.assignee?.id === reviewer.id && entry.reason === 'awaiting_decision')).toBe(true)
    const overdue = await rest<{ docs: Entry[] }>('GET', '/articles/review-queue?filter=overdue', { token: tokens.reviewer })
    expect(overdue.body.docs.length).toBeGreaterThan(0)
    expect(overdue.body.docs.every((entry) => entry.reason === 'overdue')).toBe(true)
    const inReview = await rest<{ docs: Entry[] }>('GET', '/articles/review-queue?filter=in_review', { token: tokens.reviewer })
    expect(inReview.body.docs.map((entry) => entry.id)).toEqual(expect.arrayContaining([mine.id, unassigned.id, others.id]))
    const bad = await rest<ErrorBody>('GET', '/articles/review-queue?filter=everything', { token: tokens.reviewer })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]?.data?.errors?.[0]?.path).toBe('filter')
  })

  it('reads the queue a page at a time: the pages put together are the whole queue, in order, with its totals', async () => {
    await submitted(`Paged submission ${Date.now()}`)
    for (const [index, lastReviewed] of ['2023-03-01', '2023-05-01', '2024-02-01', '2024-02-01', '2025-01-10'].entries()) {
      await createActiveArticle(payload, { lastReviewed, title: `Paged overdue ${index} ${Date.now()}` })
    }
    type Page = { docs: { id: number; reason: string }[]; hasNextPage: boolean; hasPrevPage: boolean; limit: number; page: number; totalDocs: number; totalPages: number }
    const key = (entry: { id: number; reason: string }) => `${entry.reason}:${entry.id}`
    for (const filter of ['', 'filter=overdue&', 'filter=in_review&']) {
      const whole = await rest<Page>('GET', `/articles/review-queue?${filter}limit=200`, { token: tokens.reviewer })
      expect(whole.status).toBe(200)
      expect(whole.body.totalDocs).toBe(whole.body.docs.length)
      expect(whole.body.hasNextPage).toBe(false)
      expect(whole.body.totalDocs).toBeGreaterThan(filter === '' ? 6 : 0)
      const pages: Page[] = []
      for (let page = 1; page <= whole.body.totalPages * 40; page++) {
        const answer = await rest<Page>('GET', `/articles/review-queue?${filter}limit=3&page=${page}`, { token: tokens.reviewer })
        expect(answer.status).toBe(200)
        pages.push(answer.body)
        if (!answer.body.hasNextPage) break
      }
      expect(pages.flatMap((page) => page.docs).map(key)).toEqual(whole.body.docs.map(key))
      expect(pages.every((page) => page.totalDocs === whole.body.totalDocs && page.limit === 3)).toBe(true)
      expect(pages.length).toBe(Math.ceil(whole.body.totalDocs / 3))
      expect(pages[0]?.hasPrevPage).toBe(false)
      expect(pages.slice(1).every((page) => page.hasPrevPage)).toBe(true)
    }
    const defaultPage = await rest<Page>('GET', '/articles/review-queue', { token: tokens.reviewer })
    expect(defaultPage.body).toMatchObject({ limit: 50, page: 1 })
    expect(defaultPage.body.docs.length).toBe(Math.min(50, defaultPage.body.totalDocs))
    const beyond = await rest<Page>('GET', `/articles/review-queue?page=${defaultPage.body.totalPages + 1}`, { token: tokens.reviewer })
    expect(beyond.status).toBe(200)
    expect(beyond.body.docs).toEqual([])
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'page=0', 'page=1001', 'page=-2', 'limit=1.5']) {
      const bad = await rest<ErrorBody>('GET', `/articles/review-queue?${query}`, { token: tokens.reviewer })
      expect(bad.status).toBe(400)
      expect(bad.body.errors[0]?.data?.errors?.[0]?.path).toBe(query.split('=')[0])
    }
    expect((await rest('GET', '/articles/review-queue?limit=1', { token: tokens.editor })).status).toBe(403)
  })
})
