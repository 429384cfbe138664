import { type QueuedArticle, queueEntry } from '../../rules/reviewQueue.js'

const article: QueuedArticle = { id: 7, nextReviewDue: '2026-03-01T12:00:00.000Z', status: 'active', submittedBy: 3, title: 'Fatigue' }

describe('queueEntry', () => {
  it.each([
    ['in_review', '2026-02-01T09:00:00.000Z'],
    ['source_changed', '2026-02-02T10:00:00.000Z'],
    ['overdue', '2026-03-01T12:00:00.000Z'],
    ['due_soon', '2026-03-01T12:00:00.000Z'],
  ] as const)('lists an article for %s since %s', (reason, since) => {
    expect(queueEntry(article, reason, since, 'active')).toEqual({
      id: 7,
      nextReviewDue: '2026-03-01T12:00:00.000Z',
      reason,
      since,
      status: 'active',
      submittedBy: 3,
      title: 'Fatigue',
    })
  })

  it.each([
    [{ ...article, status: null }, 'in_review', 'in_review'],
    [{ ...article, status: undefined }, 'active', 'active'],
    [{ ...article, status: 'retired' }, 'active', 'retired'],
  ])('status of %p with fallback %p is %p', (doc, fallback, status) => {
    expect(queueEntry(doc, 'in_review', 'x', fallback).status).toBe(status)
  })

  it('gives no review date as null, and leaves out what a queue entry does not carry', () => {
    const entry = queueEntry({ ...article, nextReviewDue: undefined, ...{ body: 'long' } } as QueuedArticle, 'in_review', 'x', 'draft')
    expect(entry.nextReviewDue).toBeNull()
    expect(Object.keys(entry).sort()).toEqual(['id', 'nextReviewDue', 'reason', 'since', 'status', 'submittedBy', 'title'])
  })
})
