// Pure logic of the reviewer's desk in the admin (issue 13): the compare link, the changes
// summary's values, the list's quick filters, the dashboard's states. No database, no browser.
import type { CalendarDate } from '../../rules/calendarDate.js'
import { activeFilter, articleListWhere } from '../../src/admin/components/ArticleListFilters/model.js'
import { latestEventByArticle, queueQuery, queueReason, readQueuePage, takeable, workState } from '../../src/admin/components/queueModel.js'
import {
  asArticleChanges,
  asPeople,
  comparePath,
  fieldLabel,
  panelActions,
  shortValue,
  submitAssignees,
} from '../../src/admin/components/WorkflowPanel/model.js'

describe('comparePath: Payload’s version compare of the pending update against the published version', () => {
  const at = '2026-12-01T10:00:00.000Z'
  it.each([
    [
      'an update of a live article',
      { pending: { updatedAt: at, versionId: 42 }, published: { updatedAt: at, versionId: 17 } },
      '/collections/articles/5/versions/42?versionFrom=17',
    ],
    ['a first submission: the version alone', { pending: { updatedAt: at, versionId: 42 }, published: null }, '/collections/articles/5/versions/42'],
    ['nothing pending', { pending: null, published: { updatedAt: at, versionId: 17 } }, null],
    [
      'the pending version is the published one',
      { pending: { updatedAt: at, versionId: 17 }, published: { updatedAt: at, versionId: 17 } },
      '/collections/articles/5/versions/17',
    ],
    [
      'ids are escaped',
      { pending: { updatedAt: at, versionId: 'a/b' }, published: { updatedAt: at, versionId: 'c&d' } },
      '/collections/articles/5/versions/a%2Fb?versionFrom=c%26d',
    ],
  ])('%s', (_, changes, expected) => {
    expect(comparePath('articles', 5, changes)).toBe(expected)
  })
})

describe('asArticleChanges and shortValue: the summary reads the endpoint’s answer', () => {
  it('reads the contract’s shape, an empty change note as none', () => {
    expect(
      asArticleChanges({ body: [{ op: 'insert', text: 'x' }], changeNote: '  ', fields: [], pending: null, published: null }),
    ).toEqual({ body: [{ op: 'insert', text: 'x' }], changeNote: null, fields: [], pending: null, published: null, truncated: false })
  })
  it.each([null, 'text', {}, { body: [], fields: 'no' }])('refuses %j', (value) => {
    expect(asArticleChanges(value)).toBeNull()
  })
  it.each([
    [null, '—'],
    ['', '—'],
    [[], '—'],
    ['Short title', 'Short title'],
    [['breast', 'lung'], 'breast, lung'],
    [3, '3'],
    [{ kind: 'doi' }, '{"kind":"doi"}'],
    ['x'.repeat(200), `${'x'.repeat(119)}…`],
  ])('%j reads as %j', (value, expected) => {
    expect(shortValue(value)).toBe(expected)
  })
  it('labels a path by the form’s label, else in words', () => {
    expect(fieldLabel('source', [{ label: 'Publisher', name: 'source' }])).toBe('Publisher')
    expect(fieldLabel('cancerTypes', [])).toBe('Cancer Types')
  })
})

describe('panelActions: reaffirm only without a pending update', () => {
  const base = { fourEyes: true, lastEditedBy: null, submittedBy: null, userId: 7 }
  it.each([
    ['reviewer', false, ['reaffirm', 'retire']],
    ['reviewer', true, ['retire']],
    ['admin', false, ['submit', 'reaffirm', 'retire']],
    ['editor', false, ['submit']],
  ] as const)('%s on an active article, pending update %s: %j', (role, pendingUpdate, expected) => {
    expect(panelActions({ ...base, everLive: true, pendingUpdate, role, status: 'active' }).actions).toEqual(expected)
  })
  it('not twice a day: an article reviewed today is not offered reaffirm, and no note says so', () => {
    const today = '2026-12-01' as CalendarDate
    const reviewedToday = panelActions({ ...base, everLive: true, lastReviewed: today, role: 'reviewer', status: 'active', today })
    expect(reviewedToday).toEqual({ actions: ['retire'], notes: [] })
    const yesterday = panelActions({ ...base, everLive: true, lastReviewed: '2026-11-30' as CalendarDate, role: 'reviewer', status: 'active', today })
    expect(yesterday.actions).toEqual(['reaffirm', 'retire'])
  })
  it('hides reaffirm from the last editor (four-eyes) and says why', () => {
    const result = panelActions({ ...base, everLive: true, lastEditedBy: 7, role: 'reviewer', status: 'active' })
    expect(result.actions).toEqual(['retire'])
    expect(result.notes).toEqual([expect.stringMatching(/Four-eyes/)])
  })
})

describe('submitAssignees: whom an editor may name at submit', () => {
  const people = asPeople([
    { email: 'zed@x.test', id: 1, name: 'Zed Reviewer', role: 'reviewer' },
    { email: 'ann@x.test', id: 2, name: 'Ann Admin', role: 'admin' },
    { email: 'me@x.test', id: 3, name: '', role: 'admin' },
    { email: 'ed@x.test', id: 4, name: 'Ed Editor', role: 'editor' },
    { id: 'bad' },
    'not a user',
  ])
  it('reviewers and admins but the submitter, sorted by name', () => {
    const names = submitAssignees({ fourEyes: true, lastEditedBy: null, people, status: 'draft', userId: 3, userRole: 'admin' })
    expect(names.map((person) => person.id)).toEqual([2, 1])
  })
  it('not the last editor under four-eyes', () => {
    const names = submitAssignees({ fourEyes: true, lastEditedBy: 2, people, status: 'draft', userId: 4, userRole: 'editor' })
    expect(names.map((person) => person.id)).toEqual([3, 1])
  })
})

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
