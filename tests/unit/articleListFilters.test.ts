// The reviewer's quick filters of the articles list (src/admin/components/ArticleListFilters/model.ts). No database, no browser.
import type { CalendarDate } from '../../rules/calendarDate.js'
import { activeFilter, articleListWhere } from '../../src/admin/components/ArticleListFilters/model.js'

describe('articleListWhere: the reviewer’s quick filters of the articles list', () => {
  const context = { dueSoonDays: 14, today: '2026-12-01' as CalendarDate, userId: 9 }
  it.each([
    ['in_review', { status: { equals: 'in_review' } }],
    ['mine', { and: [{ status: { equals: 'in_review' } }, { assignee: { equals: 9 } }] }],
    [
      'overdue',
      { and: [{ status: { not_equals: 'retired' } }, { nextReviewDue: { less_than: '2026-12-01T00:00:00.000Z' } }] },
    ],
    [
      'due_soon',
      {
        and: [
          { status: { not_equals: 'retired' } },
          { nextReviewDue: { greater_than_equal: '2026-12-01T00:00:00.000Z' } },
          { nextReviewDue: { less_than_equal: '2026-12-15T12:00:00.000Z' } },
        ],
      },
    ],
  ] as const)('%s', (filter, expected) => {
    expect(articleListWhere(filter, context)).toEqual(expected)
  })
  it('"assigned to me" without a user matches nothing', () => {
    expect(articleListWhere('mine', { ...context, userId: null })).toEqual({
      and: [{ status: { equals: 'in_review' } }, { id: { exists: false } }],
    })
  })
  it('recognises a filter read back from the URL (strings, lists as numbered keys)', () => {
    const fromUrl = { and: { 0: { status: { equals: 'in_review' } }, 1: { assignee: { equals: '9' } } } }
    expect(activeFilter(fromUrl, context)).toBe('mine')
    expect(activeFilter({ status: { equals: 'in_review' } }, context)).toBe('in_review')
    expect(activeFilter({ title: { like: 'x' } }, context)).toBeNull()
    expect(activeFilter(undefined, context)).toBeNull()
  })
})
