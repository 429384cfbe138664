// The dashboard's reading of the reviewers' queue (src/admin/components/queueModel.ts). No database, no browser.
import { latestEventByArticle, queueQuery, queueReason, readQueuePage, takeable, workState } from '../../src/admin/components/queueModel.js'

describe('the dashboard: queue reasons, Take, and an editor’s article sent back', () => {
  it.each([
    ['awaiting_decision', 'Awaiting decision'],
    ['in_review', 'Awaiting decision'],
    ['overdue', 'Overdue'],
    ['something_new', 'something_new'],
  ])('%s reads as %s', (reason, label) => {
    expect(queueReason(reason).label).toBe(label)
  })
  it.each([
    ['an unassigned submission by someone else', { assignee: null, submittedBy: { id: 2 } }, true],
    ['an assigned one', { assignee: { id: 3, name: 'R' }, submittedBy: { id: 2 } }, false],
    ['my own submission', { assignee: null, submittedBy: { id: 9 } }, false],
  ])('take %s: %s', (_, entry, expected) => {
    expect(takeable({ id: 1, nextReviewDue: null, reason: 'awaiting_decision', since: '', ...entry }, 9)).toBe(expected)
  })
  it('an overdue article is not taken', () => {
    expect(takeable({ assignee: null, id: 1, nextReviewDue: null, reason: 'overdue', since: '' }, 9)).toBe(false)
  })
  it('a draft sent back says "Changes requested" with the comment; a draft saved again after it still does', () => {
    const events = latestEventByArticle([
      { action: 'request_changes', article: 5, comment: 'Cite the trial.' },
      { action: 'submit', article: 5 },
      { action: 'submit', article: { id: 6 } },
    ])
    expect(workState({ id: 5, status: 'draft' }, events.get('5'))).toEqual({
      changesRequested: { comment: 'Cite the trial.', event: { action: 'request_changes', article: 5, comment: 'Cite the trial.' } },
      status: 'draft',
    })
    expect(workState({ id: 6, status: 'in_review' }, events.get('6')).changesRequested).toBeNull()
    expect(workState({ id: 7, status: 'draft' }, events.get('7')).changesRequested).toBeNull()
  })
})

describe('the dashboard reads the queue a page at a time', () => {
  it.each<[Parameters<typeof queueQuery>, string]>([
    [['all'], ''],
    [['all', 1], ''],
    [['all', 2], '?page=2'],
    [['overdue'], '?filter=overdue'],
    [['mine', 3], '?filter=mine&page=3'],
  ])('queueQuery(%p)', (args, query) => {
    expect(queueQuery(...args)).toBe(query)
  })

  const entry = { assignee: null, id: 4, nextReviewDue: null, reason: 'overdue', since: '2026-01-01', status: 'active', submittedBy: null, title: 'A' }
  it.each<[string, unknown, ReturnType<typeof readQueuePage>]>([
    ['a first page with more', { docs: [entry], hasNextPage: true, page: 1, totalDocs: 120 }, { entries: [entry], nextPage: 2, total: 120 }],
    ['the last page', { docs: [entry], hasNextPage: false, page: 3, totalDocs: 101 }, { entries: [entry], nextPage: null, total: 101 }],
    ['an answer without totals (an older server)', { docs: [entry] }, { entries: [entry], nextPage: null, total: 1 }],
    ['no answer', null, { entries: [], nextPage: null, total: 0 }],
    ['entries without an id or a reason are left out', { docs: [{ id: 1 }, entry, 'x'], hasNextPage: false, totalDocs: 2 }, { entries: [entry], nextPage: null, total: 2 }],
  ])('readQueuePage: %s', (_label, body, page) => {
    expect(readQueuePage(body)).toEqual(page)
  })
})
