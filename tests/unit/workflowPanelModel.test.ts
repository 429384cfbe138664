// Pure logic of the admin workflow panel: no database, no browser. It lives beside the browser
// tests it supports; the main jest run (tests/**/*.test.ts) picks it up.
import type { ClientField } from 'payload'

import {
  changedFields,
  contentFields,
  panelActions,
  readWorkflowFailure,
  unreachableFailure,
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
