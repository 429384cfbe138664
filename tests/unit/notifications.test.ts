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
