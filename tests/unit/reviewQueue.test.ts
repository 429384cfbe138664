import { type QueuedArticle, queueEntry } from '../../rules/reviewQueue.js'

const article: QueuedArticle = { assignee: 5, id: 7, nextReviewDue: '2026-03-01T12:00:00.000Z', status: 'active', submittedBy: 3, title: 'Fatigue' }

describe('queueEntry', () => {
  it.each([
    ['awaiting_decision', '2026-02-01T09:00:00.000Z'],
    ['source_changed', '2026-02-02T10:00:00.000Z'],
    ['overdue', '2026-03-01T12:00:00.000Z'],
    ['due_soon', '2026-03-01T12:00:00.000Z'],
  ] as const)('lists an article for %s since %s', (reason, since) => {
    expect(queueEntry(article, reason, since, 'active')).toEqual({
      // Only a submission awaiting a decision carries its assignee.
      assigneeId: reason === 'awaiting_decision' ? 5 : null,
      id: 7,
      nextReviewDue: '2026-03-01T12:00:00.000Z',
      reason,
      since,
      status: 'active',
      submittedById: 3,
      title: 'Fatigue',
    })
  })

  it.each([
    ['', 'Untitled article #7'],
    [null, 'Untitled article #7'],
    ['  Fatigue ', 'Fatigue'],
  ])('a title %p is shown as %p', (title, shown) => {
    expect(queueEntry({ ...article, title }, 'awaiting_decision', 'x', 'in_review').title).toBe(shown)
  })

  it.each([
    [{ ...article, status: null }, 'in_review', 'in_review'],
    [{ ...article, status: undefined }, 'active', 'active'],
    [{ ...article, status: 'retired' }, 'active', 'retired'],
  ])('status of %p with fallback %p is %p', (doc, fallback, status) => {
    expect(queueEntry(doc, 'awaiting_decision', 'x', fallback).status).toBe(status)
  })

  it('gives no review date as null, and leaves out what a queue entry does not carry', () => {
    const entry = queueEntry({ ...article, nextReviewDue: undefined, ...{ body: 'long' } } as QueuedArticle, 'awaiting_decision', 'x', 'draft')
    expect(entry.nextReviewDue).toBeNull()
    expect(Object.keys(entry).sort()).toEqual(['assigneeId', 'id', 'nextReviewDue', 'reason', 'since', 'status', 'submittedById', 'title'])
  })
})
