import { type AssignmentRequest, decideAssignment } from '../../rules/assignment.js'

describe('decideAssignment', () => {
  // Users: 1 admin, 2 editor (the submitter), 3 reviewer, 4 reviewer (last edited), 5 reviewer.
  const base: AssignmentRequest = {
    actorId: 3,
    actorRole: 'reviewer',
    assignee: 3,
    assigneeRole: 'reviewer',
    current: null,
    fourEyes: true,
    from: 'in_review',
    lastEditedBy: 4,
    submittedBy: 2,
    via: 'assign',
  }
  it.each<[string, Partial<AssignmentRequest>, true | 'conflict' | 'forbidden' | 'invalid']>([
    ['a reviewer takes an unassigned submission', {}, true],
    ['a reviewer takes one already theirs', { current: 3 }, true],
    ['a reviewer gives back their own', { assignee: null, current: 3 }, true],
    ['a reviewer takes one assigned to another', { current: 5 }, 'forbidden'],
    ['a reviewer assigns someone else', { assignee: 5, assigneeRole: 'reviewer' }, 'forbidden'],
    ['a reviewer unassigns someone else', { assignee: null, current: 5 }, 'forbidden'],
    ['a reviewer who last edited it takes it', { actorId: 4, assignee: 4 }, 'forbidden'],
    ['a reviewer who submitted it takes it', { actorId: 2, assignee: 2, submittedBy: 2 }, 'forbidden'],
    ['an editor assigns after submitting', { actorId: 2, actorRole: 'editor', assignee: 3 }, 'forbidden'],
    ['an anonymous caller', { actorRole: null }, 'forbidden'],
    ['an admin assigns a reviewer', { actorId: 1, actorRole: 'admin', assignee: 5, current: 3 }, true],
    ['an admin assigns an admin', { actorId: 1, actorRole: 'admin', assignee: 1, assigneeRole: 'admin' }, true],
    ['an admin unassigns', { actorId: 1, actorRole: 'admin', assignee: null, current: 3 }, true],
    ['an admin assigns an editor', { actorId: 1, actorRole: 'admin', assignee: 2, assigneeRole: 'editor' }, 'invalid'],
    ['an admin assigns an unknown user', { actorId: 1, actorRole: 'admin', assignee: 99, assigneeRole: null }, 'invalid'],
    ['an admin assigns the last editor', { actorId: 1, actorRole: 'admin', assignee: 4 }, 'invalid'],
    ['an admin assigns the last editor, four-eyes off', { actorId: 1, actorRole: 'admin', assignee: 4, fourEyes: false }, true],
    ['an admin assigns on a draft', { actorId: 1, actorRole: 'admin', assignee: 5, from: 'draft' }, 'conflict'],
    ['a reviewer takes an active article', { from: 'active' }, 'conflict'],
    ['an editor names a reviewer on submit', { actorId: 2, actorRole: 'editor', assignee: 3, from: 'draft', submittedBy: 2, via: 'submit' }, true],
    ['an editor names a reviewer on submit of a live article', { actorId: 2, actorRole: 'editor', assignee: 5, from: 'active', submittedBy: 2, via: 'submit' }, true],
    ['an editor names an editor on submit', { actorId: 2, actorRole: 'editor', assignee: 6, assigneeRole: 'editor', from: 'draft', via: 'submit' }, 'invalid'],
    ['an editor names the last editor on submit', { actorId: 2, actorRole: 'editor', assignee: 4, from: 'draft', submittedBy: 2, via: 'submit' }, 'invalid'],
    ['an admin names themself on submit', { actorId: 1, actorRole: 'admin', assignee: 1, assigneeRole: 'admin', from: 'draft', submittedBy: 1, via: 'submit' }, 'invalid'],
    ['an admin names themself on submit, four-eyes off', { actorId: 1, actorRole: 'admin', assignee: 1, assigneeRole: 'admin', fourEyes: false, from: 'draft', submittedBy: 1, via: 'submit' }, 'invalid'],
  ])('%s → %s', (_, change, expected) => {
    const decision = decideAssignment({ ...base, ...change })
    if (expected === true) expect(decision).toEqual({ ok: true })
    else expect(decision).toEqual({ ok: false, refusal: expect.objectContaining({ kind: expected }) })
  })

  it('a bad assignee is a field error on assignee', () => {
    const decision = decideAssignment({ ...base, actorId: 1, actorRole: 'admin', assignee: 2, assigneeRole: 'editor' })
    expect(decision).toEqual({ ok: false, refusal: { kind: 'invalid', message: expect.stringMatching(/reviewer or admin/), path: 'assignee' } })
  })
})
