import type { NotificationKind, Role } from './vocabulary.js'

/** What happened, as a notification sees it. */
export const NOTIFICATION_EVENTS = ['submitted', 'changes_requested', 'approved', 'digest'] as const
/** A notification event. */
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number]

/** The switch (users' `notifications` group) that turns off each event's email. */
export const NOTIFICATION_KIND_OF: Readonly<Record<NotificationEvent, NotificationKind>> = {
  approved: 'decided',
  changes_requested: 'decided',
  digest: 'digest',
  submitted: 'submitted',
}

/** The notification event of a workflow action, or `null` for actions that notify nobody. */
export const notificationEventOf = (action: string): NotificationEvent | null => {
  if (action === 'submit') return 'submitted'
  if (action === 'approve') return 'approved'
  if (action === 'request_changes') return 'changes_requested'
  return null
}

/** What the recipient rule reads of a user. */
export interface Recipient {
  email?: null | string
  id: number
  notifications?: null | Partial<Record<NotificationKind, boolean | null>>
  role?: null | Role | string
}

/**
 * Who gets the email of an event: a submission goes to its assignee, or to every reviewer when
 * nobody is assigned; changes requested and approval go to the submission's author; the digest
 * goes to every reviewer. Never the user who acted, never a user without an email, never a user
 * who turned that kind off (a switch left empty counts as on).
 */
export const notificationRecipients = <U extends Recipient>({
  actorId,
  assigneeId,
  authorId,
  event,
  users,
}: {
  actorId: null | number
  assigneeId: null | number
  authorId: null | number
  event: NotificationEvent
  users: readonly U[]
}): U[] => {
  const wanted = (user: U): boolean => {
    if (event === 'submitted') return assigneeId !== null ? user.id === assigneeId : user.role === 'reviewer'
    if (event === 'digest') return user.role === 'reviewer'
    return authorId !== null && user.id === authorId
  }
  const kind = NOTIFICATION_KIND_OF[event]
  return users.filter(
    (user) =>
      wanted(user) &&
      user.id !== actorId &&
      typeof user.email === 'string' &&
      user.email.includes('@') &&
      user.notifications?.[kind] !== false,
  )
}

/** An email as the adapter takes it. */
export interface ComposedEmail {
  html: string
  subject: string
  text: string
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' })[char] ?? char)

// A title goes into a subject line: one line, bounded.
const oneLine = (text: string, max = 120): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

const SIGNATURE = 'You receive this because of your notification settings in the content admin; change them on your account page.'

/**
 * The email of a workflow event about one article. It names the article by its title only and
 * links to it in the admin: no draft content (body, change note, comments) ever leaves by mail.
 */
export const composeTransitionEmail = ({
  actorName,
  articleTitle,
  event,
  link,
}: {
  actorName: string
  articleTitle: string
  event: Exclude<NotificationEvent, 'digest'>
  link: string
}): ComposedEmail => {
  const title = oneLine(articleTitle)
  const { lead, subject } = {
    approved: { lead: `${actorName} approved your submission; it is now live.`, subject: `Approved: ${title}` },
    changes_requested: {
      lead: `${actorName} sent your submission back with changes requested. The comment is in the review history.`,
      subject: `Changes requested: ${title}`,
    },
    submitted: { lead: `${actorName} submitted an article that waits for your review.`, subject: `Review requested: ${title}` },
  }[event]
  return {
    html: `<p>${escapeHtml(lead)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(title)}</a></p><p style="color:#666">${escapeHtml(SIGNATURE)}</p>`,
    subject,
    text: `${lead}\n\n${title}\n${link}\n\n${SIGNATURE}\n`,
  }
}

/** One line of the weekly digest. */
export interface DigestItem {
  link: string
  nextReviewDue: string
  reason: 'due_soon' | 'overdue'
  title: string
}

/** The weekly digest of overdue and due-soon articles: titles, due days and links only. */
export const composeDigestEmail = ({ items, today }: { items: readonly DigestItem[]; today: string }): ComposedEmail => {
  const overdue = items.filter((item) => item.reason === 'overdue')
  const dueSoon = items.filter((item) => item.reason === 'due_soon')
  const section = (heading: string, list: readonly DigestItem[]) =>
    list.length === 0
      ? { html: '', text: '' }
      : {
          html: `<h3>${escapeHtml(heading)}</h3><ul>${list
            .map((item) => `<li><a href="${escapeHtml(item.link)}">${escapeHtml(oneLine(item.title))}</a> (due ${escapeHtml(item.nextReviewDue)})</li>`)
            .join('')}</ul>`,
          text: `${heading}\n${list.map((item) => `- ${oneLine(item.title)} (due ${item.nextReviewDue})\n  ${item.link}`).join('\n')}\n\n`,
        }
  const parts = [section(`Overdue (${overdue.length})`, overdue), section(`Due soon (${dueSoon.length})`, dueSoon)]
  return {
    html: `<p>Articles due for review as of ${escapeHtml(today)}:</p>${parts.map((part) => part.html).join('')}<p style="color:#666">${escapeHtml(SIGNATURE)}</p>`,
    subject: `Review digest: ${overdue.length} overdue, ${dueSoon.length} due soon`,
    text: `Articles due for review as of ${today}:\n\n${parts.map((part) => part.text).join('')}${SIGNATURE}\n`,
  }
}

/** The admin page of an article: where every email links. */
export const articleAdminLink = ({
  adminRoute,
  appUrl,
  collection,
  id,
}: {
  adminRoute: string
  appUrl: null | string
  collection: string
  id: number | string
}): string => `${appUrl ?? ''}${adminRoute.replace(/\/$/, '')}/collections/${collection}/${String(id)}`

/**
 * The key under which the mail of one workflow event is recorded as sent, unique in the runs
 * ledger: a job the runners of two processes both claimed (Payload's claim is a read and a
 * separate write), or the same event queued twice, mails once.
 */
export const notificationMailKey = ({ event, eventId }: { event: string; eventId: number }): string => `mail:${event}:${eventId}`
