import {
  matchesQueueFilter,
  orderQueue,
  type OrderableEntry,
  parseQueueFilter,
  parseQueuePage,
  QUEUE_FILTER_LABELS,
  QUEUE_FILTERS,
  queueWindow,
} from '../../rules/reviewQueueOrder.js'

describe('queue order and filters', () => {
  const me = 3
  const entry = (name: string, reason: OrderableEntry['reason'], since: string, assigneeId: null | number = null) => ({ assigneeId, name, reason, since })
  const entries = [
    entry('overdue old', 'overdue', '2026-01-01'),
    entry('due soon', 'due_soon', '2026-12-05'),
    entry('unassigned new', 'awaiting_decision', '2026-11-30T10:00:00Z'),
    entry('mine new', 'awaiting_decision', '2026-11-30T09:00:00Z', 3),
    entry('others', 'awaiting_decision', '2026-11-01T09:00:00Z', 5),
    entry('unassigned old', 'awaiting_decision', '2026-11-02T10:00:00Z'),
    entry('mine old', 'awaiting_decision', '2026-11-20T09:00:00Z', 3),
    entry('source changed', 'source_changed', '2026-11-10T09:00:00Z'),
    entry('overdue new', 'overdue', '2026-11-01'),
  ]

  it('submissions first (mine, unassigned, others; oldest first), then source changes, overdue, due soon', () => {
    expect(orderQueue(entries, me).map((item) => item.name)).toEqual([
      'mine old',
      'mine new',
      'unassigned old',
      'unassigned new',
      'others',
      'source changed',
      'overdue old',
      'overdue new',
      'due soon',
    ])
  })

  it('one submission is never below overdue articles (the reported case: 1 submission, 16 overdue)', () => {
    const many = [
      ...Array.from({ length: 16 }, (_, index) => entry(`overdue ${index}`, 'overdue', `2025-01-${String(index + 1).padStart(2, '0')}`)),
      entry('submission', 'awaiting_decision', '2026-11-30T10:00:00Z'),
    ]
    expect(orderQueue(many, me)[0]?.name).toBe('submission')
  })

  it.each<[Parameters<typeof matchesQueueFilter>[1], string[]]>([
    [null, entries.map((item) => item.name)],
    ['in_review', ['unassigned new', 'mine new', 'others', 'unassigned old', 'mine old']],
    ['mine', ['mine new', 'mine old']],
    ['overdue', ['overdue old', 'overdue new']],
    ['due_soon', ['due soon']],
  ])('filter %p', (filter, names) => {
    expect(entries.filter((item) => matchesQueueFilter(item, filter, me)).map((item) => item.name)).toEqual(names)
  })

  it.each<[null | string, unknown]>([
    [null, { filter: null }],
    ['', { filter: null }],
    ['mine', { filter: 'mine' }],
    ['due_soon', { filter: 'due_soon' }],
    ['all', { error: 'filter must be one of: in_review, mine, overdue, due_soon' }],
    ["mine' or 1=1", { error: expect.any(String) }],
  ])('parseQueueFilter(%p)', (value, parsed) => {
    expect(parseQueueFilter(value)).toEqual(parsed)
  })
})

describe('queue pages', () => {
  it.each<[null | string, null | string, ReturnType<typeof parseQueuePage>]>([
    [null, null, { limit: 50, page: 1 }],
    ['', '', { limit: 50, page: 1 }],
    ['10', '3', { limit: 10, page: 3 }],
    ['200', '1000', { limit: 200, page: 1000 }],
    ['201', '1', { errors: [{ message: 'limit must be a whole number from 1 to 200', path: 'limit' }] }],
    ['0', '0', { errors: [{ message: 'limit must be a whole number from 1 to 200', path: 'limit' }, { message: 'page must be a whole number from 1 to 1000', path: 'page' }] }],
    ['-1', '1', { errors: [{ message: 'limit must be a whole number from 1 to 200', path: 'limit' }] }],
    ['1.5', '1', { errors: [{ message: 'limit must be a whole number from 1 to 200', path: 'limit' }] }],
    ['1e2', '1', { errors: [{ message: 'limit must be a whole number from 1 to 200', path: 'limit' }] }],
    ['10', '99999999999', { errors: [{ message: 'page must be a whole number from 1 to 1000', path: 'page' }] }],
    ['10', "1' or 1=1", { errors: [{ message: 'page must be a whole number from 1 to 1000', path: 'page' }] }],
  ])('parseQueuePage(%p, %p)', (limit, page, parsed) => {
    expect(parseQueuePage(limit, page)).toEqual(parsed)
  })

  it.each<[string, { headCount: number; limit: number; page: number }, ReturnType<typeof queueWindow>]>([
    ['first page inside the head', { headCount: 30, limit: 10, page: 1 }, { head: { end: 10, start: 0 }, scheduled: { limit: 0, offset: 0 } }],
    ['page across the head and the schedule', { headCount: 25, limit: 10, page: 3 }, { head: { end: 25, start: 20 }, scheduled: { limit: 5, offset: 0 } }],
    ['page just after the head', { headCount: 20, limit: 10, page: 3 }, { head: { end: 20, start: 20 }, scheduled: { limit: 10, offset: 0 } }],
    ['deep page in the schedule', { headCount: 25, limit: 10, page: 6 }, { head: { end: 25, start: 25 }, scheduled: { limit: 10, offset: 25 } }],
    ['no head', { headCount: 0, limit: 50, page: 2 }, { head: { end: 0, start: 0 }, scheduled: { limit: 50, offset: 50 } }],
    ['head ends exactly at the page end', { headCount: 20, limit: 10, page: 2 }, { head: { end: 20, start: 10 }, scheduled: { limit: 0, offset: 0 } }],
  ])('queueWindow: %s', (_label, input, window) => {
    expect(queueWindow(input)).toEqual(window)
  })

  it('the pages of a queue cover every entry once, in order', () => {
    for (const headCount of [0, 1, 7, 10, 23]) {
      for (const limit of [1, 3, 10]) {
        const scheduledCount = 17
        const seen: string[] = []
        for (let page = 1; (page - 1) * limit < headCount + scheduledCount; page++) {
          const { head, scheduled } = queueWindow({ headCount, limit, page })
          for (let index = head.start; index < head.end; index++) seen.push(`h${index}`)
          for (let index = scheduled.offset; index < Math.min(scheduledCount, scheduled.offset + scheduled.limit); index++) seen.push(`s${index}`)
        }
        expect(seen).toEqual([...Array.from({ length: headCount }, (_, index) => `h${index}`), ...Array.from({ length: scheduledCount }, (_, index) => `s${index}`)])
      }
    }
  })
})

describe('queue filter labels', () => {
  it('names every filter, and nothing else', () => {
    expect(Object.keys(QUEUE_FILTER_LABELS).sort()).toEqual([...QUEUE_FILTERS].sort())
    expect(Object.values(QUEUE_FILTER_LABELS).every((label) => label.trim().length > 0)).toBe(true)
  })
})
