import { ATTESTATION, attestationRequired } from '../../rules/attestation.js'
import type { CalendarDate } from '../../rules/calendarDate.js'
import {
  allowedActions,
  changeNoteRequired,
  decideTransition,
  reaffirmAllowed,
  reaffirmRefusal,
  TRANSITIONS,
  type TransitionRequest,
  transitionChanges,
  workflowRequestSchema,
} from '../../rules/workflow.js'
import { ARTICLE_STATUSES, type ArticleStatus, type Role, ROLES, WORKFLOW_ACTIONS, type WorkflowAction } from '../../rules/vocabulary.js'

// Every transition the spec allows, and who may make it: the table the rule must reproduce.
const EXPECTED: Record<WorkflowAction, { from: ArticleStatus[]; roles: Role[]; to: ArticleStatus }> = {
  approve: { from: ['in_review'], roles: ['reviewer', 'admin'], to: 'active' },
  reaffirm: { from: ['active'], roles: ['reviewer', 'admin'], to: 'active' },
  request_changes: { from: ['in_review'], roles: ['reviewer', 'admin'], to: 'draft' },
  retire: { from: ['active'], roles: ['reviewer', 'admin'], to: 'retired' },
  submit: { from: ['draft', 'active'], roles: ['editor', 'admin'], to: 'in_review' },
}

const allCases = WORKFLOW_ACTIONS.flatMap((action) =>
  ARTICLE_STATUSES.flatMap((from) => [...ROLES, null].map((role) => ({ action, from, role }))),
)

describe('decideTransition: every action × state × role', () => {
  it.each(allCases)('$action from $from as $role', ({ action, from, role }) => {
    const expected = EXPECTED[action]
    const decision = decideTransition({
      action,
      actorId: 1,
      attestation: true,
      changeNote: 'what changed',
      comment: 'a comment',
      everLive: true,
      from,
      fourEyes: true,
      lastEditedBy: 2,
      role,
      submittedBy: 2,
    })
    if (role === null || !expected.roles.includes(role)) {
      expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'forbidden' }) })
    } else if (!expected.from.includes(from)) {
      expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ kind: 'conflict' }) })
    } else {
      expect(decision).toEqual({ ok: true, to: expected.to })
    }
  })

  it('has exactly the transitions of the spec', () => {
    for (const action of WORKFLOW_ACTIONS) {
      expect({ from: [...TRANSITIONS[action].from], roles: [...TRANSITIONS[action].roles], to: TRANSITIONS[action].to }).toEqual(
        EXPECTED[action],
      )
    }
  })
})

describe('refusals name the current state and what this user may do', () => {
  it('a transition not allowed from here', () => {
    const decision = decideTransition({ action: 'approve', actorId: 1, from: 'draft', fourEyes: true, role: 'admin' })
    expect(decision).toEqual({
      ok: false,
      refusal: {
        kind: 'conflict',
        message: 'Cannot approve an article that is draft: it needs to be in_review. From draft you may: submit.',
      },
    })
  })

  it('names the action as a verb phrase', () => {
    const decision = decideTransition({ action: 'request_changes', actorId: 1, comment: 'x', from: 'draft', fourEyes: true, role: 'reviewer' })
    expect(decision.ok ? '' : decision.refusal.message).toMatch(/^Cannot request changes on an article that is draft: it needs to be in_review\./)
  })

  it('a role not allowed', () => {
    const decision = decideTransition({ action: 'approve', actorId: 1, from: 'in_review', fourEyes: true, role: 'editor' })
    expect(decision.ok).toBe(false)
    if (!decision.ok) {
      expect(decision.refusal.kind).toBe('forbidden')
      expect(decision.refusal.message).toContain('role editor may not approve')
      expect(decision.refusal.message).toContain('From in_review there is no transition you may make.')
    }
  })

  it.each<[ArticleStatus, Role | null, string[]]>([
    ['draft', 'editor', ['submit']],
    ['draft', 'reviewer', []],
    ['in_review', 'reviewer', ['approve', 'request_changes']],
    ['in_review', 'editor', []],
    ['active', 'editor', ['submit']],
    ['active', 'reviewer', ['reaffirm', 'retire']],
    ['active', 'admin', ['submit', 'reaffirm', 'retire']],
    ['retired', 'admin', []],
    ['in_review', null, []],
  ])('from %s, %s may: %p', (from, role, actions) => {
    expect(allowedActions(from, role)).toEqual(actions)
  })
})

describe('four-eyes', () => {
  const approve = { action: 'approve' as const, attestation: true, from: 'in_review' as const, role: 'reviewer' as const }

  it.each([
    ['approves what they submitted', { actorId: 7, lastEditedBy: 3, submittedBy: 7 }, true, 'you submitted'],
    ['approves what they last edited', { actorId: 7, lastEditedBy: 7, submittedBy: 3 }, true, 'you last edited'],
    ['approves with ids of mixed types', { actorId: '7', lastEditedBy: null, submittedBy: 7 }, true, 'you submitted'],
    ['approves what someone else wrote', { actorId: 7, lastEditedBy: 3, submittedBy: 3 }, false, ''],
    ['approves an import (no submitter)', { actorId: 7, lastEditedBy: null, submittedBy: null }, false, ''],
  ])('a reviewer who %s: refused %s', (_, people, refused, message) => {
    const decision = decideTransition({ ...approve, ...people, fourEyes: true })
    if (refused) expect(decision).toEqual({ ok: false, refusal: { kind: 'forbidden', message: expect.stringContaining(message) } })
    else expect(decision).toEqual({ ok: true, to: 'active' })
  })

  it('can be turned off', () => {
    expect(decideTransition({ ...approve, actorId: 7, fourEyes: false, submittedBy: 7 })).toEqual({ ok: true, to: 'active' })
  })

  it('binds admins too', () => {
    expect(decideTransition({ ...approve, actorId: 1, fourEyes: true, role: 'admin', submittedBy: 1 }).ok).toBe(false)
  })
})

describe('changes requested need a comment', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    ['   ', false],
    ['Cite the 2024 trial.', true],
  ])('comment %p: allowed %s', (comment, allowed) => {
    const decision = decideTransition({ action: 'request_changes', actorId: 1, comment, from: 'in_review', fourEyes: true, role: 'reviewer' })
    if (allowed) expect(decision).toEqual({ ok: true, to: 'draft' })
    else expect(decision).toEqual({ ok: false, refusal: { kind: 'invalid', message: expect.any(String), path: 'comment' } })
  })
})

describe('transitionChanges', () => {
  it.each<[WorkflowAction, object]>([
    ['submit', { assignee: null, submittedBy: 5 }],
    ['approve', { assignee: null, lastReviewed: '2026-11-26', reviewedBy: 5 }],
    ['reaffirm', { assignee: null, lastReviewed: '2026-11-26', reviewedBy: 5 }],
    ['request_changes', { assignee: null }],
    ['retire', {}],
  ])('%s → %p', (action, changes) => {
    expect(transitionChanges(action, 5, '2026-11-26')).toEqual(changes)
  })

  it('a submit names its assignee', () => {
    expect(transitionChanges('submit', 5, '2026-11-26', 9)).toEqual({ assignee: 9, submittedBy: 5 })
  })
})

describe('attestation is required to approve and reaffirm', () => {
  it.each<[WorkflowAction, boolean | undefined, boolean]>([
    ['approve', undefined, false],
    ['approve', false, false],
    ['approve', true, true],
    ['reaffirm', undefined, false],
    ['reaffirm', false, false],
    ['reaffirm', true, true],
    ['request_changes', undefined, true],
    ['retire', undefined, true],
    ['submit', undefined, true],
  ])('%s with attestation %p: allowed %s', (action, attestation, allowed) => {
    expect(attestationRequired(action)).toBe(action === 'approve' || action === 'reaffirm')
    const from = TRANSITIONS[action].from[0] as ArticleStatus
    const decision = decideTransition({ action, actorId: 1, attestation, comment: 'c', from, fourEyes: true, role: 'admin' })
    if (allowed) expect(decision.ok).toBe(true)
    else expect(decision).toEqual({ ok: false, refusal: { kind: 'invalid', message: expect.stringContaining(ATTESTATION.statement), path: 'attestation' } })
  })
})

describe('a change note is required to submit an update of an article that was ever live', () => {
  it.each<[ArticleStatus, boolean, null | string | undefined, boolean]>([
    ['draft', false, undefined, true],
    ['draft', true, undefined, false],
    ['draft', true, '  ', false],
    ['draft', true, 'Updated the 2025 statistics.', true],
    ['active', true, undefined, false],
    ['active', true, null, false],
    ['active', true, 'New section on side effects.', true],
  ])('from %s, ever live %s, note %p: allowed %s', (from, everLive, changeNote, allowed) => {
    expect(changeNoteRequired({ action: 'submit', everLive })).toBe(everLive)
    const decision = decideTransition({ action: 'submit', actorId: 1, changeNote, everLive, from, fourEyes: true, role: 'editor' })
    if (allowed) expect(decision).toEqual({ ok: true, to: 'in_review' })
    else expect(decision).toEqual({ ok: false, refusal: { kind: 'invalid', message: expect.any(String), path: 'changeNote' } })
  })

  it('only submits need one', () => {
    expect(changeNoteRequired({ action: 'approve', everLive: true })).toBe(false)
  })
})

describe('reaffirm: re-certify live content without an edit', () => {
  const base = {
    action: 'reaffirm' as const,
    actorId: 7,
    attestation: true,
    fourEyes: true,
    lastReviewed: '2026-01-10' as const,
    role: 'reviewer' as const,
    today: '2026-12-01' as const,
  }

  it.each<[string, Partial<TransitionRequest> & { from: ArticleStatus }, boolean | string]>([
    ['an active article, no pending update, someone else edited it', { from: 'active', lastEditedBy: 3, pendingUpdate: false }, true],
    ['an imported article (no editor)', { from: 'active', lastEditedBy: null, pendingUpdate: false }, true],
    ['an active article with a pending update', { from: 'active', lastEditedBy: 3, pendingUpdate: true }, 'conflict'],
    ['a draft', { from: 'draft', lastEditedBy: 3, pendingUpdate: true }, 'conflict'],
    ['an article in review', { from: 'in_review', lastEditedBy: 3, pendingUpdate: true }, 'conflict'],
    ['a retired article', { from: 'retired', lastEditedBy: 3, pendingUpdate: false }, 'conflict'],
    ['what they last edited themselves', { from: 'active', lastEditedBy: 7, pendingUpdate: false }, 'forbidden'],
    ['by an editor', { from: 'active', lastEditedBy: 3, pendingUpdate: false, role: 'editor' }, 'forbidden'],
    ['without attestation', { attestation: false, from: 'active', lastEditedBy: 3, pendingUpdate: false }, 'invalid'],
    ['already reviewed today (a second reaffirmation at once)', { from: 'active', lastEditedBy: 3, lastReviewed: '2026-12-01', pendingUpdate: false }, 'conflict'],
    ['never reviewed (an import without a date)', { from: 'active', lastEditedBy: 3, lastReviewed: null, pendingUpdate: false }, true],
  ])('%s: %s', (_, request, expected) => {
    const decision = decideTransition({ ...base, ...request })
    if (expected === true) expect(decision).toEqual({ ok: true, to: 'active' })
    else expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ kind: expected }) })
  })

  it.each<[ArticleStatus, boolean, CalendarDate | null, boolean]>([
    ['active', false, '2026-11-30', true],
    ['active', false, null, true],
    ['active', true, '2026-11-30', false],
    ['active', false, '2026-12-01', false],
    ['draft', false, '2026-11-30', false],
    ['in_review', false, '2026-11-30', false],
    ['retired', false, '2026-11-30', false],
  ])('reaffirmAllowed(%s, pending %s, last reviewed %s) = %s', (from, pendingUpdate, lastReviewed, allowed) => {
    expect(reaffirmAllowed({ from, lastReviewed, pendingUpdate, today: '2026-12-01' })).toBe(allowed)
  })

  it('says why not', () => {
    expect(reaffirmRefusal({ from: 'active', pendingUpdate: true })).toMatch(/changes that are not live/)
    expect(reaffirmRefusal({ from: 'active', lastReviewed: '2026-12-01', pendingUpdate: false, today: '2026-12-01' })).toMatch(/already reviewed today/)
  })

  it('four-eyes off lets the last editor reaffirm', () => {
    expect(decideTransition({ ...base, fourEyes: false, from: 'active', lastEditedBy: 7, pendingUpdate: false })).toEqual({ ok: true, to: 'active' })
  })
})

describe('workflowRequestSchema', () => {
  it.each([
    [{ action: 'submit' }, true],
    [{ action: 'approve', comment: 'ok' }, true],
    [{ action: 'request_changes', comment: null }, true],
    [{ action: 'publish' }, false],
    [{}, false],
    [{ action: 'submit', status: 'active' }, false],
    [{ action: 'submit', comment: 'x'.repeat(5001) }, false],
    [{ action: 'submit', assignee: 4, changeNote: 'note' }, true],
    [{ action: 'submit', changeNote: 'x'.repeat(2000) }, true],
    [{ action: 'submit', changeNote: 'x'.repeat(2001) }, false],
    [{ action: 'submit', assignee: '4' }, false],
    [{ action: 'submit', assignee: 1.5 }, false],
    [{ action: 'submit', assignee: -1 }, false],
    [{ action: 'approve', attestation: true }, true],
    [{ action: 'approve', attestation: 'yes' }, false],
    [{ action: 'reaffirm', attestation: true, comment: 'still accurate' }, true],
  ])('%p valid: %s', (body, valid) => {
    expect(workflowRequestSchema.safeParse(body).success).toBe(valid)
  })

  it('names the allowed actions', () => {
    const result = workflowRequestSchema.safeParse({ action: 'publish' })
    expect(result.error?.issues[0]?.message).toBe('action must be one of: submit, approve, request_changes, reaffirm, retire')
  })
})
