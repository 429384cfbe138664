import type { ClientField } from 'payload'

import { ARTICLE_STATUSES, type ArticleStatus, type Role, type WorkflowAction } from '../../../../rules/vocabulary.js'
import { decideAssignment } from '../../../../rules/assignment.js'
import type { CalendarDate } from '../../../../rules/calendarDate.js'
import { displayName } from '../../../../rules/displayName.js'
import { idOf } from '../../../../rules/ids.js'
import { roleOf } from '../../../../rules/roles.js'
import { allowedActions, decideTransition, TRANSITIONS } from '../../../../rules/workflow.js'
import type { ArticleChanges } from '../../../../rules/changes.js'

export type { ArticleChanges, BodyRun, FieldChange, VersionRef } from '../../../../rules/changes.js'

/** The button label of each workflow action. */
export const ACTION_LABELS: Readonly<Record<WorkflowAction, string>> = {
  approve: 'Approve',
  reaffirm: 'Reaffirm (no changes)',
  request_changes: 'Request changes',
  retire: 'Retire',
  submit: 'Submit for review',
}

/** What the panel says when an action went through. */
export const ACTION_DONE: Readonly<Record<WorkflowAction, string>> = {
  approve: 'Approved: this version is now live.',
  reaffirm: 'Reaffirmed: reviewed today, the live content is unchanged.',
  request_changes: 'Sent back to the editor with your comment.',
  retire: 'Retired: no longer served to the public.',
  submit: 'Submitted for review.',
}

// One reading of ids and states for the panel and the server: the same functions as the rules use.
export { idOf } from '../../../../rules/ids.js'
export { asArticleStatus as asStatus } from '../../../../rules/vocabulary.js'

/** What the panel offers one user on one article now. */
export interface PanelActions {
  actions: WorkflowAction[]
  /** Why an action the role would have is not offered (the four-eyes rule). */
  notes: string[]
}

/**
 * The actions this user may take now: the transitions their role may make from the current
 * state (`allowedActions`), less those the workflow rules would refuse them (four-eyes), asked
 * of `decideTransition` itself so the panel and the API never disagree.
 */
export const panelActions = ({
  everLive = false,
  fourEyes,
  lastEditedBy,
  lastReviewed = null,
  pendingUpdate = false,
  role,
  status,
  submittedBy,
  today,
  userId,
}: {
  /** Whether the article has a published version (an update then needs a change note). */
  everLive?: boolean
  fourEyes: boolean
  lastEditedBy: null | number | string
  /** The article's last review day (it is not reaffirmed twice a day). */
  lastReviewed?: CalendarDate | null
  /** Today (UTC calendar day), as the review rules read it. */
  today?: CalendarDate
  /** Whether the working copy holds changes that are not live (then it cannot be reaffirmed). */
  pendingUpdate?: boolean
  role: null | Role
  status: ArticleStatus
  submittedBy: null | number | string
  userId: null | number | string
}): PanelActions => {
  const notes: string[] = []
  const actions = allowedActions(status, role).filter((action) => {
    if (userId === null) return false
    const decision = decideTransition({
      action,
      actorId: userId,
      // The comment, change note and attestation are asked for in the panel; their absence
      // must not hide the button (the panel requires them before it sends the request).
      attestation: true,
      changeNote: 'change note',
      comment: TRANSITIONS[action].requiresComment ? 'comment' : null,
      everLive,
      from: status,
      fourEyes,
      lastEditedBy,
      lastReviewed,
      pendingUpdate,
      role,
      submittedBy,
      today,
    })
    // Reaffirm not offered because an update waits or the article was reviewed today: the panel
    // shows both already (pending update, last reviewed); only a four-eyes refusal needs saying.
    const reaffirmState = action === 'reaffirm' && !decision.ok && decision.refusal.kind === 'conflict'
    if (!decision.ok && !reaffirmState) notes.push(decision.refusal.message)
    return decision.ok
  })
  return { actions, notes }
}

/** Keys every document has that are not content. */
const SYSTEM_KEYS = new Set(['_status', 'createdAt', 'id', 'updatedAt'])

/** A content field of the form: its name (top-level data key) and a readable label. */
export interface ContentField {
  label: string
  name: string
}

const humanize = (name: string): string =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/^./, (first) => first.toUpperCase())

const labelOf = (field: { label?: unknown; name: string }): string => {
  if (typeof field.label === 'string' && field.label) return field.label
  if (field.label && typeof field.label === 'object') {
    const translated = (field.label as Record<string, unknown>).en ?? Object.values(field.label)[0]
    if (typeof translated === 'string' && translated) return translated
  }
  return humanize(field.name)
}

/**
 * The content fields of a collection (what editors write): named data fields at the top level
 * of the document, looking through rows, collapsibles and unnamed tabs, leaving out read-only
 * fields (workflow and derived values), joins, virtual fields and UI fields.
 */
export const contentFields = (fields: readonly ClientField[]): ContentField[] =>
  fields.flatMap((field): ContentField[] => {
    if (field.type === 'tabs') {
      return field.tabs.flatMap((tab) => ('name' in tab && tab.name ? [] : contentFields(tab.fields)))
    }
    if (!('name' in field) || !field.name) {
      return 'fields' in field && Array.isArray(field.fields) ? contentFields(field.fields) : []
    }
    // Payload's own `_status` and friends are not content.
    if (field.name.startsWith('_') || SYSTEM_KEYS.has(field.name)) return []
    if (field.type === 'join' || field.type === 'ui') return []
    if (field.admin?.readOnly || ('virtual' in field && field.virtual)) return []
    if (field.hidden || field.admin?.hidden) return []
    return [{ label: labelOf(field), name: field.name }]
  })

// Relationship values compare by id, whatever depth they were read at; key order never matters.
const normalize = (value: unknown): unknown => {
  if (value === undefined || value === '') return null
  if (Array.isArray(value)) return value.map(normalize)
  // A populated document (it has timestamps, array rows do not) is the same relation as its id.
  if (value && typeof value === 'object' && 'id' in value && 'updatedAt' in value) return normalize(value.id)
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SYSTEM_KEYS.has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, normalize(inner)])
    return Object.fromEntries(entries)
  }
  return value
}

/** The labels of the content fields whose values differ between the live version and the pending one. */
export const changedFields = (
  live: Record<string, unknown>,
  pending: Record<string, unknown>,
  fields: readonly ContentField[],
): string[] =>
  fields
    .filter(({ name }) => JSON.stringify(normalize(live[name])) !== JSON.stringify(normalize(pending[name])))
    .map(({ label }) => label)

/** A rule error of the workflow API, made readable: a message and the field errors by path. */
export interface WorkflowFailure {
  fieldErrors: { message: string; path: string }[]
  message: string
}

interface ErrorBody {
  errors?: { data?: { errors?: { message?: unknown; path?: unknown }[] }; message?: unknown }[]
  message?: unknown
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  401: 'Your session has ended: sign in again to continue.',
  403: 'You may not do this.',
  404: 'This article no longer exists.',
  409: 'This is not allowed from the article’s current state.',
}

/**
 * Turns an error answer of `POST /api/<articles>/:id/workflow` into a readable failure: the
 * server's own message (four-eyes, forbidden transition with the allowed ones), and for a 400
 * each field error with its path (`source`, `url`, `license`, `citation`, `comment`, …).
 */
export const readWorkflowFailure = (status: number, body: unknown): WorkflowFailure => {
  const errors = (body && typeof body === 'object' ? (body as ErrorBody).errors : undefined) ?? []
  const fieldErrors = errors.flatMap((error) =>
    (error.data?.errors ?? []).flatMap((item) =>
      typeof item.path === 'string' && typeof item.message === 'string'
        ? [{ message: item.message, path: item.path }]
        : [],
    ),
  )
  const messages = errors.flatMap((error) =>
    typeof error.message === 'string' && error.message ? [error.message] : [],
  )
  const bodyMessage = body && typeof body === 'object' ? (body as ErrorBody).message : undefined
  if (fieldErrors.length > 0) {
    const paths = [...new Set(fieldErrors.map((error) => error.path))]
    const count = paths.length
    return {
      fieldErrors,
      message: `This cannot go ahead yet: ${count === 1 ? 'one field needs' : `${count} fields need`} attention (${paths.join(', ')}).`,
    }
  }
  const message =
    messages.join(' ') ||
    (typeof bodyMessage === 'string' && bodyMessage) ||
    STATUS_MESSAGES[status] ||
    `The workflow request failed (HTTP ${status}). Try again, or reload the page.`
  return { fieldErrors: [], message }
}

/** Reads an answer of the changes endpoint, or `null` when it does not have the expected shape. */
export const asArticleChanges = (value: unknown): ArticleChanges | null => {
  if (!value || typeof value !== 'object') return null
  const record = value as Partial<ArticleChanges>
  if (!Array.isArray(record.fields) || !Array.isArray(record.body)) return null
  return {
    body: record.body,
    changeNote: typeof record.changeNote === 'string' && record.changeNote.trim() ? record.changeNote : null,
    fields: record.fields,
    pending: record.pending ?? null,
    published: record.published ?? null,
    truncated: record.truncated === true,
  }
}

/**
 * The path (below the admin route) of Payload's version compare of the pending update against
 * the published version: `/collections/<slug>/<id>/versions/<pending>?versionFrom=<published>`
 * (Payload's VersionView reads the version to show from the last route segment and the one to
 * compare it with from `versionFrom`; without it, it compares with the previous draft, which
 * differs only in workflow fields). A first submission has nothing published: the version alone.
 */
export const comparePath = (
  collectionSlug: string,
  id: number | string,
  changes: Pick<ArticleChanges, 'pending' | 'published'>,
): `/${string}` | null => {
  if (!changes.pending) return null
  const base = `/collections/${collectionSlug}/${encodeURIComponent(String(id))}/versions/${encodeURIComponent(String(changes.pending.versionId))}` as const
  return changes.published && String(changes.published.versionId) !== String(changes.pending.versionId)
    ? `${base}?versionFrom=${encodeURIComponent(String(changes.published.versionId))}`
    : base
}

/** The longest value the summary shows of a field, in characters. */
const VALUE_CHARS = 120

/** A field value as a short line of text for the changes summary ("—" for none). */
export const shortValue = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—'
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(shortValue).join(', ')
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number)
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text
}

/** The label of a changed field: the form's own label where the path names a content field. */
export const fieldLabel = (path: string, fields: readonly ContentField[]): string =>
  fields.find((field) => field.name === path)?.label ?? humanize(path.split('.')[0] ?? path)

/** A user as the panel shows them: the fields it reads of `GET /api/<users>`. */
export interface Person {
  email?: null | string
  id: number | string
  name?: null | string
  role: null | Role
}

/** Reads a users list answer into people (unknown roles become `null`). */
export const asPeople = (docs: unknown): Person[] =>
  (Array.isArray(docs) ? docs : []).flatMap((doc: unknown): Person[] => {
    if (!doc || typeof doc !== 'object' || !('id' in doc)) return []
    const record = doc as { email?: unknown; id: unknown; name?: unknown }
    if (typeof record.id !== 'number' && typeof record.id !== 'string') return []
    return [
      {
        email: typeof record.email === 'string' ? record.email : null,
        id: record.id,
        name: typeof record.name === 'string' ? record.name : null,
        role: roleOf(doc),
      },
    ]
  })

/** A user's name as people read it (`displayName`: name, else email, else "User #id"). */
export const nameOf = (user: unknown): string => displayName(user)

/**
 * The reviewers an editor may name when submitting: reviewers and admins the assignment rule
 * accepts for a submission by this user (never themself, nor the last editor under four-eyes),
 * sorted by name.
 */
export const submitAssignees = ({
  fourEyes,
  lastEditedBy,
  people,
  status,
  userId,
  userRole,
}: {
  fourEyes: boolean
  lastEditedBy: null | number | string
  people: readonly Person[]
  status: ArticleStatus
  userId: number | string
  userRole: null | Role
}): Person[] =>
  people
    .filter(
      (person) =>
        decideAssignment({
          actorId: userId,
          actorRole: userRole,
          assignee: person.id,
          assigneeRole: person.role,
          current: null,
          fourEyes,
          from: status,
          lastEditedBy,
          submittedBy: userId,
          via: 'submit',
        }).ok,
    )
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))

/** The failure of a workflow request that never got an answer (network down, server gone). */
export const unreachableFailure = (error: unknown): WorkflowFailure => ({
  fieldErrors: [],
  message: `The request did not reach the server: ${error instanceof Error ? error.message : String(error)}`,
})

/**
 * The fields of the working copy that only a workflow transition sets (its status, its published
 * state, and who submitted, reviewed or is assigned, and when it was last reviewed), as one
 * comparable string. A save of the form leaves it as it is; a transition, the panel's or another
 * person's, changes it (a reaffirmation moves `lastReviewed`, an approval the status): when it is
 * unchanged after a save, the live version and the last workflow event the panel shows still stand.
 */
export const workflowFingerprint = (doc: Record<string, unknown>): string =>
  JSON.stringify(['status', '_status', 'assignee', 'lastReviewed', 'reviewedBy', 'submittedBy'].map((field) => idOf(doc[field]))) // ids of related users, the other values as they are
