// The reviewer's desk in the browser (issue 13): an editor updates a live article with a change
// note and names a reviewer; the reviewer sees what changed, opens Payload's comparison of the
// update against the live version, attests and approves; the public reads the update; a second
// article is reaffirmed with no edit. Then: taking an unassigned submission, the queue's and the
// list's filters, no bulk Publish/Unpublish, and an editor's article sent back.
import type { Payload } from 'payload'
import type { Page } from 'playwright-core'

import { ATTESTATION } from '../../rules/attestation.js'
import type { Article } from '../../payload-types.js'
import { createActiveArticle, lexicalBody, unique } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'
import {
  actionButton,
  api,
  BASE_URL,
  type BrowserSession,
  createTeam,
  createUser,
  launchChromium,
  screenshot,
  signIn,
  type TestUser,
  waitForText,
  withFailureScreenshots,
  workflowPanel,
} from './helpers/app.js'

let session: BrowserSession
let team: { admin: TestUser; editor: TestUser; reviewer: TestUser }
let secondReviewer: TestUser
let updated: Article
let reaffirmed: Article
let overdue: Article
let sourceId: number
let sourceLabel: string
const today = new Date().toISOString().slice(0, 10)
const year = new Date().getUTCFullYear()

const LIVE_TEXT =
  'Bisphosphonates are drugs that slow bone loss. In women past menopause they lower the risk that breast cancer spreads to the bone.'
const ADDED_SENTENCE = 'A 2024 review of 26 trials confirmed the benefit for ten years.'

beforeAll(async () => {
  team = await createTeam()
  secondReviewer = await createUser('reviewer', 'reviewer-two')
  // Live articles, brought in as the importer brings them (the Local API on the app's database).
  const payload: Payload = await bootPayload()
  try {
    updated = await createActiveArticle(payload, {
      body: lexicalBody(LIVE_TEXT),
      lastReviewed: `${year}-01-10`,
      title: `Bisphosphonates after breast cancer ${unique()}`,
    })
    reaffirmed = await createActiveArticle(payload, {
      body: lexicalBody('Regular exercise helps with cancer-related fatigue.'),
      lastReviewed: `${year}-01-12`,
      title: `Exercise and fatigue ${unique()}`,
    })
    overdue = await createActiveArticle(payload, { lastReviewed: '2013-02-01', title: `Long overdue ${unique()}` })
    const source = await payload.findByID({ collection: 'sources', depth: 0, id: Number(typeof updated.source === 'object' ? updated.source?.id : updated.source) })
    sourceId = source.id
    sourceLabel = source.label
  } finally {
    await shutdownPayload(payload)
  }
  session = await launchChromium()
})

afterAll(async () => {
  await session?.close()
})

const statusBadge = (page: Page) => workflowPanel(page).getByTestId('workflow-status')

/** Clicks Save Draft and waits until the server has saved it and the form is clean again. */
const saveDraft = async (page: Page) => {
  const saved = page.waitForResponse(
    (response) => /\/api\/articles\/\d+/.test(response.url()) && response.request().method() === 'PATCH',
  )
  await page.locator('#action-save-draft').click()
  expect((await saved).status()).toBe(200)
  await page.locator('#action-save-draft[disabled]').waitFor()
}

/** A complete article an editor creates and submits over REST (no change note: never live). */
const submittedByEditor = async (title: string, assignee?: number): Promise<number> => {
  const { doc } = await api<{ doc: Article }>('POST', '/articles', {
    body: {
      body: lexicalBody('What the article says.'),
      cancerTypes: ['breast'],
      citation: `${sourceLabel}, ${year}`,
      license: 'public_domain',
      source: sourceId,
      title,
      url: `https://www.cancer.gov/e2e/${unique()}`,
    },
    expect: 201,
    token: team.editor.token,
  })
  await api('POST', `/articles/${doc.id}/workflow`, {
    body: { action: 'submit', ...(assignee ? { assignee } : {}) },
    token: team.editor.token,
  })
  return doc.id
}

it('done means: an update with a change note, assigned; the reviewer sees exactly what changed, attests and approves; another article is reaffirmed without an edit', async () => {
  const editor = await signIn(session.browser, team.editor)
  const reviewer = await signIn(session.browser, team.reviewer)
  await withFailureScreenshots({ editor: editor.page, reviewer: reviewer.page }, async () => {
    // The editor changes the title and adds a sentence to the body of the live article.
    const newTitle = `${updated.title} (ten-year data)`
    await editor.page.goto(`/admin/collections/articles/${updated.id}`)
    await actionButton(editor.page, 'submit').waitFor()
    await editor.page.locator('#field-title').fill(newTitle)
    const body = editor.page.locator('.rich-text-lexical [contenteditable="true"]').first()
    await body.click()
    await editor.page.keyboard.press('Control+End')
    await editor.page.keyboard.type(` ${ADDED_SENTENCE}`)
    await saveDraft(editor.page)

    // Before submitting, the panel already shows what the update changes; submit waits for a change note.
    const changes = workflowPanel(editor.page).getByTestId('workflow-changes')
    await changes.locator('li[data-path="title"]').waitFor()
    await waitForText(changes.getByTestId('workflow-body-diff').locator('ins[data-op="insert"]'), '2024 review of 26 trials')
    expect(await actionButton(editor.page, 'submit').isDisabled()).toBe(true)
    const note = 'Adds the 2024 meta-analysis (26 trials) and its ten-year result.'
    await workflowPanel(editor.page).getByTestId('workflow-change-note-input').fill(note)
    await workflowPanel(editor.page)
      .getByTestId('workflow-submit-assignee')
      .selectOption({ label: await reviewerLabel(team.reviewer) })
    await screenshot(editor.page, 'desk-editor-update-with-change-note')
    await actionButton(editor.page, 'submit').click()
    await waitForText(statusBadge(editor.page), 'In review')
    await waitForText(workflowPanel(editor.page).getByTestId('workflow-assignee'), await reviewerLabel(team.reviewer))
    // The public still reads the approved version.
    expect((await api<Article>('GET', `/articles/${updated.id}`)).title).toBe(updated.title)

    // The reviewer's queue puts the submission assigned to them first.
    await reviewer.page.goto('/admin')
    const rows = reviewer.page.getByTestId('review-queue').getByTestId('review-queue-row')
    await waitForText(rows, newTitle)
    const first = rows.first()
    expect(await first.getAttribute('data-reason')).toBe('awaiting_decision')
    await waitForText(first, newTitle)
    await waitForText(first.getByTestId('review-queue-assignee'), 'You')
    await screenshot(reviewer.page, 'desk-reviewer-queue-assigned-first')

    // The reviewer opens it: change note, the fields that differ, the changed passage marked.
    await reviewer.page.getByTestId('review-queue').getByRole('link', { name: newTitle }).click()
    await reviewer.page.waitForURL(new RegExp(`/collections/articles/${updated.id}$`))
    const summary = workflowPanel(reviewer.page).getByTestId('workflow-changes')
    await waitForText(summary.getByTestId('workflow-change-note'), note)
    await waitForText(summary.locator('li[data-path="title"]'), '(ten-year data)')
    const diff = summary.getByTestId('workflow-body-diff')
    await waitForText(diff.locator('ins[data-op="insert"]'), ADDED_SENTENCE)
    // Unchanged text stays as context, cut to a little of it.
    await waitForText(diff.locator('span[data-op="equal"]'), 'spreads to the bone.')
    expect(await diff.locator('del[data-op="delete"]').count()).toBe(0)
    await screenshot(reviewer.page, 'desk-reviewer-sees-what-changed')

    // The link opens Payload's comparison of this update against the published version.
    const compare = summary.getByTestId('workflow-compare-link')
    const href = (await compare.getAttribute('href')) ?? ''
    expect(href).toMatch(new RegExp(`/admin/collections/articles/${updated.id}/versions/[^/?]+\\?versionFrom=[^&]+$`))
    await compare.click()
    await reviewer.page.waitForURL(/\/versions\/[^/?]+\?versionFrom=/)
    await waitForText(reviewer.page.locator('body'), '(ten-year data)', 60_000)
    await screenshot(reviewer.page, 'desk-payload-compare-pending-vs-published')
    await reviewer.page.goBack()
    await reviewer.page.waitForURL(new RegExp(`/collections/articles/${updated.id}$`))

    // Approve waits for the attestation; attested, it goes live.
    const attestation = workflowPanel(reviewer.page).getByTestId('workflow-attestation')
    await waitForText(attestation, ATTESTATION.statement)
    expect(await actionButton(reviewer.page, 'approve').isDisabled()).toBe(true)
    await attestation.getByTestId('workflow-attestation-checkbox').check()
    expect(await actionButton(reviewer.page, 'approve').isDisabled()).toBe(false)
    await screenshot(reviewer.page, 'desk-reviewer-attests')
    await actionButton(reviewer.page, 'approve').click()
    await waitForText(statusBadge(reviewer.page), 'Active')
    // The history, reached from the top of the panel, names people and records the attestation.
    await workflowPanel(reviewer.page).getByTestId('workflow-history-link').click()
    const approvedRow = reviewer.page.locator('[data-testid="review-history-row"][data-action="approve"]').first()
    await waitForText(approvedRow.getByTestId('review-history-attestation'), ATTESTATION.statement)
    await waitForText(approvedRow, await reviewerLabel(team.reviewer))
    const submitRow = reviewer.page.locator('[data-testid="review-history-row"][data-action="submit"]').first()
    await waitForText(submitRow.getByTestId('review-history-change-note'), note)
    await waitForText(submitRow, await reviewerLabel(team.editor))
    expect(await reviewer.page.getByTestId('review-history').textContent()).not.toContain(team.editor.email)
    await screenshot(reviewer.page, 'desk-history-names-attestation-change-note')

    // The public reads the update.
    const live = await api<Article>('GET', `/articles/${updated.id}`)
    expect(live).toMatchObject({ lastReviewed: expect.stringContaining(today), status: 'active', title: newTitle })

    // A second live article, unchanged, is reaffirmed: its review dates move, its content does not.
    const before = await api<Article>('GET', `/articles/${reaffirmed.id}`)
    await reviewer.page.goto(`/admin/collections/articles/${reaffirmed.id}`)
    await actionButton(reviewer.page, 'reaffirm').waitFor()
    expect(await actionButton(reviewer.page, 'reaffirm').isDisabled()).toBe(true)
    await workflowPanel(reviewer.page).getByTestId('workflow-attestation-checkbox').check()
    await screenshot(reviewer.page, 'desk-reviewer-reaffirm-ready')
    await actionButton(reviewer.page, 'reaffirm').click()
    await waitForText(workflowPanel(reviewer.page), `last reviewed ${today}`)
    await waitForText(statusBadge(reviewer.page), 'Active')
    await waitForText(
      reviewer.page.locator('[data-testid="review-history-row"][data-action="reaffirm"]').first(),
      'Reaffirmed',
    )
    await screenshot(reviewer.page, 'desk-reviewer-reaffirmed')
    const after = await api<Article>('GET', `/articles/${reaffirmed.id}`)
    expect(after.lastReviewed?.slice(0, 10)).toBe(today)
    expect(after.nextReviewDue).not.toBe(before.nextReviewDue)
    expect({ body: after.body, title: after.title, url: after.url }).toEqual({
      body: before.body,
      title: before.title,
      url: before.url,
    })
  })
  await editor.context.close()
  await reviewer.context.close()
})

it('a reviewer takes an unassigned submission from the queue; the queue and the list filter by what a reviewer needs; no bulk publish', async () => {
  const title = `Unassigned submission ${unique()}`
  const id = await submittedByEditor(title)
  const reviewer = await signIn(session.browser, secondReviewer)
  const admin = await signIn(session.browser, team.admin)
  await withFailureScreenshots({ admin: admin.page, reviewer: reviewer.page }, async () => {
    await reviewer.page.goto('/admin')
    const queue = reviewer.page.getByTestId('review-queue')
    await queue.locator('[data-testid="review-queue-filter"][data-filter="in_review"]').click()
    const row = queue.getByTestId('review-queue-row').filter({ hasText: title })
    await waitForText(row.getByTestId('review-queue-assignee'), 'Unassigned')
    // Every row of this filter waits for a decision (once the filtered answer replaced the full queue).
    await reviewer.page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="review-queue"] [data-testid="review-queue-row"]')]
      return rows.length > 0 && rows.every((element) => element.getAttribute('data-reason') === 'awaiting_decision')
    })
    await screenshot(reviewer.page, 'desk-queue-in-review-unassigned')
    await row.locator('button[data-action="take"]').click()
    await waitForText(row.getByTestId('review-queue-assignee'), 'You')
    expect((await api<Article & { assignee?: unknown }>('GET', `/articles/${id}?draft=true&depth=0`, { token: secondReviewer.token })).assignee).toBe(secondReviewer.id)
    await queue.locator('[data-testid="review-queue-filter"][data-filter="mine"]').click()
    await waitForText(queue.getByTestId('review-queue-row'), title)
    // Only submissions assigned to me.
    await reviewer.page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="review-queue"] [data-testid="review-queue-row"]')].every(
        (element) =>
          element.getAttribute('data-reason') === 'awaiting_decision' &&
          element.querySelector('[data-testid="review-queue-assignee"]')?.textContent?.trim() === 'You',
      ),
    )
    await screenshot(reviewer.page, 'desk-queue-assigned-to-me')
    await queue.locator('[data-testid="review-queue-filter"][data-filter="overdue"]').click()
    await waitForText(queue.getByTestId('review-queue-row'), overdue.title)
    expect(await queue.getByTestId('review-queue-row').filter({ hasText: title }).count()).toBe(0)

    // The panel says who reviews it.
    await reviewer.page.goto(`/admin/collections/articles/${id}`)
    await waitForText(workflowPanel(reviewer.page).getByTestId('workflow-assignee'), 'Assigned to you')

    // The articles list: quick filters.
    await reviewer.page.goto('/admin/collections/articles')
    const filters = reviewer.page.getByTestId('article-list-filters')
    await filters.locator('button[data-filter="mine"]').click()
    await reviewer.page.waitForURL(/where/)
    await waitForText(reviewer.page.locator('tbody tr'), title)
    expect(await reviewer.page.locator('tbody tr', { hasText: overdue.title }).count()).toBe(0)
    expect(await filters.locator('button[data-filter="mine"]').getAttribute('aria-pressed')).toBe('true')
    await screenshot(reviewer.page, 'desk-list-filter-assigned-to-me')
    await filters.locator('button[data-filter="overdue"]').click()
    await waitForText(reviewer.page.locator('tbody tr'), overdue.title)
    expect(await reviewer.page.locator('tbody tr', { hasText: title }).count()).toBe(0)
    await screenshot(reviewer.page, 'desk-list-filter-overdue')

    // No bulk Publish, Unpublish (or bulk edit, which publishes too) for anyone, the admin included.
    await admin.page.goto('/admin/collections/articles')
    await admin.page.locator('tbody tr').first().locator('input[type="checkbox"]').check()
    // The selection bar is there ("1 selected"), without the bulk controls.
    await admin.page.getByText('1 selected').first().waitFor()
    for (const name of ['Publish', 'Unpublish', 'Edit']) {
      expect(await admin.page.getByRole('button', { exact: true, name }).count()).toBe(0)
    }
    await screenshot(admin.page, 'desk-list-selection-no-bulk-publish')
    // Bulk updates over REST still work, under the same rules (an editor's own draft).
    const { doc: draft } = await api<{ doc: Article }>('POST', '/articles', {
      body: { title: `Bulk-tagged draft ${unique()}`, url: `https://www.cancer.gov/e2e/${unique()}` },
      expect: 201,
      token: team.editor.token,
    })
    const bulk = await fetch(`${BASE_URL}/api/articles?where[id][equals]=${draft.id}`, {
      body: JSON.stringify({ tags: ['bulk-tagged'] }),
      headers: { Authorization: `JWT ${team.editor.token}`, 'Content-Type': 'application/json' },
      method: 'PATCH',
    })
    expect(bulk.status).toBe(200)
    expect(((await bulk.json()) as { docs: Article[] }).docs.map((doc) => doc.tags)).toEqual([['bulk-tagged']])
  })
  await reviewer.context.close()
  await admin.context.close()
})

it('an editor’s dashboard says "Changes requested" with the reviewer’s comment for an article sent back', async () => {
  const title = `Sent back ${unique()}`
  const id = await submittedByEditor(title)
  const comment = 'Please cite the 2024 meta-analysis.'
  await api('POST', `/articles/${id}/workflow`, {
    body: { action: 'request_changes', comment },
    token: team.reviewer.token,
  })
  const editor = await signIn(session.browser, team.editor)
  await withFailureScreenshots({ editor: editor.page }, async () => {
    await editor.page.goto('/admin')
    const row = editor.page.getByTestId('review-queue').getByTestId('review-queue-row').filter({ hasText: title })
    await row.getByTestId('status-changes-requested').waitFor()
    await waitForText(row.getByTestId('review-queue-comment'), comment)
    expect(await row.getAttribute('data-state')).toBe('changes_requested')
    await screenshot(editor.page, 'desk-editor-dashboard-changes-requested')
  })
  await editor.context.close()
})

/** How the admin names a user: their name (the e2e users all have one). */
async function reviewerLabel(user: TestUser): Promise<string> {
  const found = await api<{ name?: string }>('GET', `/users/${user.id}?depth=0`, { token: team.admin.token })
  return found.name ?? user.email
}
