// Pure logic of the admin workflow panel (src/admin/components/WorkflowPanel/model.ts): no
// database, no browser.
import type { ClientField } from 'payload'

import type { CalendarDate } from '../../rules/calendarDate.js'
import {
  asArticleChanges,
  asPeople,
  changedFields,
  comparePath,
  contentFields,
  fieldLabel,
  panelActions,
  readWorkflowFailure,
  shortValue,
  submitAssignees,
  unreachableFailure,
  workflowFingerprint,
} from '../../src/admin/components/WorkflowPanel/model.js'

describe('panelActions: only what this user may do now', () => {
  const base = { fourEyes: true, lastEditedBy: null, submittedBy: null, userId: 7 }

  it.each([
    ['editor', 'draft', ['submit']],
    ['editor', 'in_review', []],
    ['editor', 'active', ['submit']],
    ['editor', 'retired', []],
    ['reviewer', 'draft', []],
    ['reviewer', 'in_review', ['approve', 'request_changes']],
    ['reviewer', 'active', ['reaffirm', 'retire']],
    ['admin', 'in_review', ['approve', 'request_changes']],
    [null, 'in_review', []],
  ] as const)('%s on a %s article: %j', (role, status, expected) => {
    expect(panelActions({ ...base, role, status }).actions).toEqual(expected)
  })

  it('hides Approve from whoever submitted the version, and says why (four-eyes)', () => {
    const result = panelActions({ ...base, role: 'admin', status: 'in_review', submittedBy: 7 })
    expect(result.actions).toEqual(['request_changes'])
    expect(result.notes).toEqual([expect.stringMatching(/Four-eyes rule: you submitted this version/)])
  })

  it('hides Approve from whoever last edited the version', () => {
    expect(panelActions({ ...base, lastEditedBy: '7', role: 'admin', status: 'in_review' }).actions).toEqual([
      'request_changes',
    ])
  })

  it('offers Approve to the author when four-eyes is off', () => {
    expect(
      panelActions({ ...base, fourEyes: false, role: 'admin', status: 'in_review', submittedBy: 7 }).actions,
    ).toEqual(['approve', 'request_changes'])
  })

  it('offers nothing to a user without an id', () => {
    expect(panelActions({ ...base, role: 'reviewer', status: 'in_review', userId: null }).actions).toEqual([])
  })
})

describe('contentFields and changedFields: the pending update against the live version', () => {
  const fields = [
    { name: 'title', type: 'text' },
    { type: 'row', fields: [{ name: 'source', type: 'relationship', label: 'Publisher' }] },
    { name: 'status', type: 'select', admin: { readOnly: true } },
    { name: 'reviewHistory', type: 'join' },
    { name: 'workflowPanel', type: 'ui' },
    { name: 'citationText', type: 'text', virtual: true },
    { name: '_status', type: 'select', label: 'Status' },
    { name: 'cancerTypes', type: 'text', hasMany: true },
    { name: 'evidence', type: 'array', fields: [{ name: 'url', type: 'text' }] },
  ] as unknown as ClientField[]

  it('keeps what editors write, through rows, and leaves out workflow, derived and system fields', () => {
    expect(contentFields(fields)).toEqual([
      { label: 'Title', name: 'title' },
      { label: 'Publisher', name: 'source' },
      { label: 'Cancer Types', name: 'cancerTypes' },
      { label: 'Evidence', name: 'evidence' },
    ])
  })

  it.each([
    ['nothing changed', { title: 'A', source: 3 }, { title: 'A', source: 3 }, []],
    [
      'a relationship read at another depth',
      { source: 3 },
      { source: { id: 3, label: 'NCI', updatedAt: '2026-01-01' } },
      [],
    ],
    ['the title', { title: 'A' }, { title: 'B' }, ['Title']],
    [
      'a changed row of a list',
      { evidence: [{ id: 'r1', url: 'a' }] },
      { evidence: [{ id: 'r1', url: 'b' }] },
      ['Evidence'],
    ],
    ['an emptied list', { cancerTypes: ['breast'] }, { cancerTypes: [] }, ['Cancer Types']],
    ['empty and missing are the same', { title: '' }, {}, []],
  ])('%s', (_, live, pending, expected) => {
    expect(changedFields(live, pending, contentFields(fields))).toEqual(expected)
  })
})

describe('readWorkflowFailure: rule errors as readable messages', () => {
  it('lists citation errors by field', () => {
    const body = {
      errors: [
        {
          data: {
            errors: [
              { message: 'An approved article needs a source.', path: 'source' },
              { message: 'An approved article needs a licence.', path: 'license' },
            ],
          },
          message: 'The following fields are invalid: source, license',
        },
      ],
    }
    expect(readWorkflowFailure(400, body)).toEqual({
      fieldErrors: [
        { message: 'An approved article needs a source.', path: 'source' },
        { message: 'An approved article needs a licence.', path: 'license' },
      ],
      message: 'This cannot go ahead yet: 2 fields need attention (source, license).',
    })
  })

  it.each([
    [403, 'Four-eyes rule: you submitted this version, so another reviewer must approve it.'],
    [409, 'Cannot approve an article that is draft: it needs to be in_review. From draft you may: submit.'],
  ])('gives the server’s own message for %i', (status, message) => {
    expect(readWorkflowFailure(status, { errors: [{ message }] })).toEqual({ fieldErrors: [], message })
  })

  it.each([
    [401, null, /sign in again/],
    [404, {}, /no longer exists/],
    [502, 'not json', /HTTP 502/],
  ])('never a generic failure: %i', (status, body, expected) => {
    expect(readWorkflowFailure(status, body).message).toMatch(expected)
  })
})

describe('unreachableFailure: a request that got no answer', () => {
  it.each<[unknown, string]>([
    [new TypeError('Failed to fetch'), 'The request did not reach the server: Failed to fetch'],
    ['offline', 'The request did not reach the server: offline'],
    [undefined, 'The request did not reach the server: undefined'],
  ])('%p', (error, message) => {
    expect(unreachableFailure(error)).toEqual({ fieldErrors: [], message })
  })
})

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

describe('workflowFingerprint: after a save, whether a transition moved the working copy', () => {
  const saved = { _status: 'draft', assignee: 7, lastReviewed: '2026-11-02', reviewedBy: { email: 'r@example.test', id: 3 }, status: 'active', submittedBy: 5, title: 'Before' }
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['a save of the form: the title and body change', { ...saved, body: { root: {} }, title: 'After', updatedAt: '2026-12-02T10:00:00Z' }, true],
    ['the same users, populated or as ids', { ...saved, assignee: { id: 7, name: 'Ann' }, reviewedBy: 3 }, true],
    ['submitted (another status)', { ...saved, status: 'in_review' }, false],
    ['approved (published again)', { ...saved, _status: 'published' }, false],
    ['reaffirmed (a new last review day, the status unchanged)', { ...saved, lastReviewed: '2026-12-02' }, false],
    ['assigned to another reviewer', { ...saved, assignee: 8 }, false],
    ['the assignment withdrawn', { ...saved, assignee: null }, false],
    ['reviewed by another reviewer', { ...saved, reviewedBy: { id: 4 } }, false],
    ['submitted by another editor', { ...saved, submittedBy: 6 }, false],
  ]
  it.each(cases)('%s', (_label, after, same) => {
    expect(workflowFingerprint(after) === workflowFingerprint(saved)).toBe(same)
  })
})
