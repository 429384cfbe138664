import type { Field } from 'payload'

import { NOTIFICATION_KINDS, type NotificationKind } from '../../rules/vocabulary.js'

/** What each notification checkbox says in the admin. */
const NOTIFICATION_LABELS: Readonly<Record<NotificationKind, string>> = {
  decided: 'Email me when my submission is approved or sent back',
  digest: 'Weekly email of overdue and due-soon articles (reviewers)',
  submitted: 'Email me when a submission waits for my review',
}

/**
 * The public record of a reviewer: `name`, `credentials` and `affiliation`. Only these three
 * leave the users collection, in the JSON-LD `reviewedBy` of the articles a user approved.
 */
export const createProfileFields = (): Field[] => [
  { name: 'name', type: 'text', admin: { description: 'Shown to staff and, for a reviewer, on the articles they approve.' }, maxLength: 200 },
  {
    name: 'credentials',
    type: 'text',
    admin: { description: 'Public with the name on approved articles, e.g. "MD, medical oncology".' },
    maxLength: 200,
  },
  {
    name: 'affiliation',
    type: 'text',
    admin: { description: 'Public with the name on approved articles, e.g. "Oncology Department, City Hospital".' },
    maxLength: 200,
  },
]

/** Per-user switches of each kind of email (on by default). */
export const createNotificationsField = (): Field => ({
  name: 'notifications',
  type: 'group',
  admin: { description: 'Which emails you receive.', position: 'sidebar' },
  fields: NOTIFICATION_KINDS.map((kind) => ({
    name: kind,
    type: 'checkbox' as const,
    defaultValue: true,
    label: NOTIFICATION_LABELS[kind],
  })),
})
