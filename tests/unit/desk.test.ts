import { type AssignmentRequest, decideAssignment } from '../../rules/assignment.js'
import { displayName, displayTitle } from '../../rules/displayName.js'
import {
  articleAdminLink,
  composeDigestEmail,
  composeTransitionEmail,
  type NotificationEvent,
  notificationEventOf,
  notificationMailKey,
  notificationRecipients,
  type Recipient,
} from '../../rules/notifications.js'
import { DEFAULT_FROM_NAME, smtpSettingsFromEnv } from '../../rules/smtpSettings.js'
import { matchesQueueFilter, orderQueue, type OrderableEntry, parseQueueFilter, parseQueuePage, queueWindow } from '../../rules/reviewQueueOrder.js'

describe('displayName', () => {
  it.each<[unknown, string]>([
    [{ email: 'ada@example.org', id: 3, name: 'Dr Ada Lovelace' }, 'Dr Ada Lovelace'],
    [{ email: 'ada@example.org', id: 3, name: '  Ada  ' }, 'Ada'],
    [{ email: 'ada@example.org', id: 3, name: '   ' }, 'ada@example.org'],
    [{ email: 'ada@example.org', id: 3, name: null }, 'ada@example.org'],
    [{ email: '', id: 3 }, 'User #3'],
    [{ id: 3 }, 'User #3'],
    [3, 'User #3'],
    [null, 'Unknown user'],
    [undefined, 'Unknown user'],
    [{}, 'Unknown user'],
  ])('%p → %s', (user, shown) => {
    expect(displayName(user)).toBe(shown)
  })

  it.each<[{ id: number; title?: null | string }, string]>([
    [{ id: 5, title: 'Breast cancer' }, 'Breast cancer'],
    [{ id: 5, title: '' }, 'Untitled article #5'],
    [{ id: 5, title: '  ' }, 'Untitled article #5'],
    [{ id: 5, title: null }, 'Untitled article #5'],
    [{ id: 5 }, 'Untitled article #5'],
  ])('displayTitle(%p) → %s', (article, shown) => {
    expect(displayTitle(article)).toBe(shown)
  })
})

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

describe('who is notified for what', () => {
  // 1 admin, 2 editor (author), 3 and 4 reviewers, 5 reviewer who turned everything off, 6 reviewer without email.
  const users: Recipient[] = [
    { email: 'admin@example.org', id: 1, role: 'admin' },
    { email: 'editor@example.org', id: 2, notifications: { decided: true }, role: 'editor' },
    { email: 'r3@example.org', id: 3, role: 'reviewer' },
    { email: 'r4@example.org', id: 4, notifications: { decided: true, digest: true, submitted: true }, role: 'reviewer' },
    { email: 'r5@example.org', id: 5, notifications: { decided: false, digest: false, submitted: false }, role: 'reviewer' },
    { email: null, id: 6, role: 'reviewer' },
  ]
  it.each<[string, NotificationEvent, { actorId: null | number; assigneeId: null | number; authorId: null | number }, number[]]>([
    ['submitted, unassigned: every reviewer who wants it', 'submitted', { actorId: 2, assigneeId: null, authorId: null }, [3, 4]],
    ['submitted, assigned: only the assignee', 'submitted', { actorId: 2, assigneeId: 4, authorId: null }, [4]],
    ['submitted, assigned to an admin', 'submitted', { actorId: 2, assigneeId: 1, authorId: null }, [1]],
    ['submitted, assigned to one who opted out', 'submitted', { actorId: 2, assigneeId: 5, authorId: null }, []],
    ['never to the one who acted', 'submitted', { actorId: 3, assigneeId: null, authorId: null }, [4]],
    ['approved: the author', 'approved', { actorId: 3, assigneeId: null, authorId: 2 }, [2]],
    ['changes requested: the author', 'changes_requested', { actorId: 3, assigneeId: null, authorId: 2 }, [2]],
    ['approved, author unknown (an import)', 'approved', { actorId: 3, assigneeId: null, authorId: null }, []],
    ['approved by the author (four-eyes off)', 'approved', { actorId: 2, assigneeId: null, authorId: 2 }, []],
    ['changes requested to an author who opted out', 'changes_requested', { actorId: 3, assigneeId: null, authorId: 5 }, []],
    ['digest: every reviewer who wants it', 'digest', { actorId: null, assigneeId: null, authorId: null }, [3, 4]],
  ])('%s', (_, event, people, ids) => {
    expect(notificationRecipients({ ...people, event, users }).map((user) => user.id)).toEqual(ids)
  })

  it.each([
    ['submit', 'submitted'],
    ['approve', 'approved'],
    ['request_changes', 'changes_requested'],
    ['reaffirm', null],
    ['retire', null],
    ['assign', null],
  ])('action %s notifies as %p', (action, event) => {
    expect(notificationEventOf(action)).toBe(event)
  })
})

describe('emails', () => {
  const link = articleAdminLink({ adminRoute: '/admin', appUrl: 'https://cms.example.org', collection: 'articles', id: 42 })

  it('link to the article in the admin', () => {
    expect(link).toBe('https://cms.example.org/admin/collections/articles/42')
    expect(articleAdminLink({ adminRoute: '/admin/', appUrl: null, collection: 'articles', id: 1 })).toBe('/admin/collections/articles/1')
  })

  it.each<['approved' | 'changes_requested' | 'submitted', RegExp]>([
    ['submitted', /^Review requested: Breast <cancer> & you$/],
    ['approved', /^Approved: Breast <cancer> & you$/],
    ['changes_requested', /^Changes requested: Breast <cancer> & you$/],
  ])('%s: subject, title, link, escaped html', (event, subject) => {
    const email = composeTransitionEmail({ actorName: 'Dr Ada', articleTitle: 'Breast <cancer>\n& you', event, link })
    expect(email.subject).toMatch(subject)
    expect(email.text).toContain(link)
    expect(email.text).toContain('Dr Ada')
    expect(email.html).toContain(`href="${link}"`)
    expect(email.html).toContain('Breast &lt;cancer&gt; &amp; you')
    expect(email.html).not.toContain('<cancer>')
  })

  it('a digest lists overdue and due-soon articles with their links', () => {
    const email = composeDigestEmail({
      items: [
        { link: `${link}`, nextReviewDue: '2026-10-01', reason: 'overdue', title: 'Old one' },
        { link: 'https://cms.example.org/admin/collections/articles/7', nextReviewDue: '2026-12-10', reason: 'due_soon', title: 'Soon one' },
      ],
      today: '2026-12-01',
    })
    expect(email.subject).toBe('Review digest: 1 overdue, 1 due soon')
    expect(email.text).toMatch(/Overdue \(1\)\n- Old one \(due 2026-10-01\)\n {2}https:\/\/cms\.example\.org\/admin\/collections\/articles\/42/)
    expect(email.text).toContain('Due soon (1)\n- Soon one (due 2026-12-10)')
    expect(email.html).toContain('href="https://cms.example.org/admin/collections/articles/7"')
  })
})

describe('smtpSettingsFromEnv', () => {
  it.each<[Record<string, string>, unknown]>([
    [{}, null],
    [{ SMTP_HOST: '  ' }, null],
    [
      { SMTP_HOST: 'mail.example.org' },
      { auth: null, fromAddress: 'cms@localhost', fromName: DEFAULT_FROM_NAME, host: 'mail.example.org', port: 587, secure: false },
    ],
    [
      { SMTP_FROM: 'Cancer CMS <cms@example.org>', SMTP_HOST: 'mail', SMTP_PASS: 's3cret', SMTP_PORT: '465', SMTP_USER: 'cms' },
      { auth: { pass: 's3cret', user: 'cms' }, fromAddress: 'cms@example.org', fromName: 'Cancer CMS', host: 'mail', port: 465, secure: true },
    ],
    [
      { SMTP_FROM: 'cms@example.org', SMTP_HOST: '127.0.0.1', SMTP_PORT: '2525' },
      { auth: null, fromAddress: 'cms@example.org', fromName: DEFAULT_FROM_NAME, host: '127.0.0.1', port: 2525, secure: false },
    ],
    [{ SMTP_HOST: 'mail', SMTP_PASS: 'ignored without a user' }, expect.objectContaining({ auth: null })],
  ])('%p', (env, settings) => {
    expect(smtpSettingsFromEnv(env)).toEqual(settings)
  })

  it.each([
    [{ SMTP_HOST: 'mail', SMTP_PORT: 'smtp' }, /SMTP_PORT/],
    [{ SMTP_HOST: 'mail', SMTP_PORT: '70000' }, /SMTP_PORT/],
    [{ SMTP_FROM: 'not an address', SMTP_HOST: 'mail' }, /SMTP_FROM/],
  ])('refuses %p', (env, message) => {
    expect(() => smtpSettingsFromEnv(env)).toThrow(message)
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

describe('notificationMailKey', () => {
  it.each([
    [{ event: 'submitted', eventId: 7 }, 'mail:submitted:7'],
    [{ event: 'approved', eventId: 7 }, 'mail:approved:7'],
    [{ event: 'changes_requested', eventId: 12 }, 'mail:changes_requested:12'],
  ])('%j -> %s', (input, expected) => {
    expect(notificationMailKey(input)).toBe(expected)
  })

  it('differs for another event of the same article, and for another event id', () => {
    expect(notificationMailKey({ event: 'submitted', eventId: 1 })).not.toBe(notificationMailKey({ event: 'submitted', eventId: 2 }))
  })
})
