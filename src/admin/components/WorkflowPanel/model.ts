import type { ClientField } from 'payload'

import { ARTICLE_STATUSES, type ArticleStatus, type Role, type WorkflowAction } from '../../../../rules/vocabulary.js'
import { allowedActions, decideTransition, TRANSITIONS } from '../../../../rules/workflow.js'

/** The button label of each workflow action. */
export const ACTION_LABELS: Readonly<Record<WorkflowAction, string>> = {
  approve: 'Approve',
  reaffirm: 'Reaffirm',
  request_changes: 'Request changes',
  retire: 'Retire',
  submit: 'Submit for review',
}

/** What the panel says when an action went through. */
export const ACTION_DONE: Readonly<Record<WorkflowAction, string>> = {
  approve: 'Approved: this version is now live.',
  reaffirm: 'Reaffirmed: the review dates moved, the content is unchanged.',
  request_changes: 'Sent back to the editor with your comment.',
  retire: 'Retired: no longer served to the public.',
  submit: 'Submitted for review.',
}

/** A document id, or the id of a populated relationship. */
export const idOf = (value: unknown): null | number | string => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return null
}

/** A workflow state read from a document, or `draft` when it has none yet. */
export const asStatus = (value: unknown): ArticleStatus =>
  (ARTICLE_STATUSES as readonly unknown[]).includes(value) ? (value as ArticleStatus) : 'draft'

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
  fourEyes,
  lastEditedBy,
  role,
  status,
  submittedBy,
  userId,
}: {
  fourEyes: boolean
  lastEditedBy: null | number | string
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
      // The comment is asked for in the panel; its absence must not hide the button.
      comment: TRANSITIONS[action].requiresComment ? 'comment' : null,
      from: status,
      fourEyes,
      lastEditedBy,
      role,
      submittedBy,
    })
    if (!decision.ok) notes.push(decision.refusal.message)
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
