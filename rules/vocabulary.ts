/**
 * The product's vocabulary: every enumerated value is defined here once, as an `as const`
 * array. Payload `select` options, zod enums and TypeScript types all derive from these.
 */

/** Workflow states of an article, in lifecycle order. */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'active', 'retired'] as const
/** A workflow state of an article. */
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

/** A workflow state read from a document, or `draft` when it has none (yet) or an unknown one. */
export const asArticleStatus = (value: unknown): ArticleStatus =>
  (ARTICLE_STATUSES as readonly unknown[]).includes(value) ? (value as ArticleStatus) : 'draft'

/** Actions that move an article between workflow states. */
export const WORKFLOW_ACTIONS = ['submit', 'approve', 'request_changes', 'reaffirm', 'retire'] as const
/** A workflow action. */
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number]

/** How often an article must be re-reviewed. */
export const REVIEW_FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial'] as const
/** A review frequency. */
export type ReviewFrequency = (typeof REVIEW_FREQUENCIES)[number]

/** The default interval, in calendar months, of each review frequency (SPEC.md). */
export const DEFAULT_REVIEW_INTERVAL_MONTHS: Readonly<Record<ReviewFrequency, number>> = {
  annual: 12,
  biennial: 24,
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
}

/** Where an article stands against its review schedule. */
export const REVIEW_STATES = ['current', 'due_soon', 'overdue'] as const
/** A review state. */
export type ReviewState = (typeof REVIEW_STATES)[number]

/** Who an article (or a glossary definition) is written for. */
export const AUDIENCES = ['patient', 'caregiver', 'clinician', 'researcher'] as const
/** An audience. */
export type Audience = (typeof AUDIENCES)[number]

/** Kinds of email a user can receive, each of which the user can turn off. */
export const NOTIFICATION_KINDS = ['submitted', 'decided', 'digest'] as const
/** A kind of notification: a submission waits for me, my submission was decided, the weekly digest. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Roles a user can hold. */
export const ROLES = ['admin', 'editor', 'reviewer'] as const
/** A user role. */
export type Role = (typeof ROLES)[number]

/** Kinds of evidence link found in an article body. */
export const EVIDENCE_KINDS = ['pubmed', 'pmc', 'doi', 'clinical_trial', 'other'] as const
/** A kind of evidence link. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

/** Turns an `as const` list into Payload `select` options with readable labels. */
export const toSelectOptions = <T extends string>(values: readonly T[]): { label: string; value: T }[] =>
  values.map((value) => ({
    label: value
      .split('_')
      .map((word, index) => (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word))
      .join(' '),
    value,
  }))

/** Events a webhook can subscribe to: approved content changed. */
export const WEBHOOK_EVENTS = [
  'article.approved',
  'article.retired',
  'article.reaffirmed',
  'glossary.changed',
  'source.changed',
] as const
/** A webhook event. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** The event of the admin's "send test event" action: sent only to the webhook tested. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

/** States of one webhook delivery (one event to one webhook). */
export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'failed', 'skipped'] as const
/** A delivery state. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * What the evidence checker found at an evidence link: `ok` (answered 2xx), `redirected`
 * (answered 2xx after one or more redirects), `broken` (the record is gone: 404, 410, another
 * client error) or `unreachable` (no usable answer: timeout, DNS, connection, 5xx, 401/403/429,
 * too many redirects, a host the policy refuses).
 */
export const EVIDENCE_STATUSES = ['ok', 'redirected', 'broken', 'unreachable'] as const
/** An evidence link's checked status. */
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number]

/**
 * How two articles are linked: `counterpart` (the patient and the health-professional version
 * of one topic) or `translation` (the same summary in another language).
 */
export const LINK_KINDS = ['counterpart', 'translation'] as const
/** A kind of link between articles. */
export type LinkKind = (typeof LINK_KINDS)[number]

/** The reviewers'-queue reason of a linked article whose other version changed, per link kind. */
export const LINKED_CHANGE_REASONS = {
  counterpart: 'counterpart_changed',
  translation: 'translation_outdated',
} as const satisfies Record<LinkKind, string>
/** A queue reason of a linked change. */
export type LinkedChangeReason = (typeof LINKED_CHANGE_REASONS)[LinkKind]
