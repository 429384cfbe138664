import { z } from 'zod'

import type { CalendarDate } from './calendarDate.js'
import { type ArticleStatus, type Role, WORKFLOW_ACTIONS, type WorkflowAction } from './vocabulary.js'

/** One transition of the status workflow: the states it leaves from, where it goes, who may make it. */
export interface Transition {
  from: readonly ArticleStatus[]
  /** A comment is required (changes requested must say what to change). */
  requiresComment: boolean
  roles: readonly Role[]
  to: ArticleStatus
}

/**
 * The status workflow (SPEC.md): `draft → in_review → active → retired`, `in_review → draft`
 * (changes requested) and `active → in_review` (an update submitted for review).
 */
export const TRANSITIONS: Readonly<Record<WorkflowAction, Transition>> = {
  approve: { from: ['in_review'], requiresComment: false, roles: ['reviewer', 'admin'], to: 'active' },
  request_changes: { from: ['in_review'], requiresComment: true, roles: ['reviewer', 'admin'], to: 'draft' },
  retire: { from: ['active'], requiresComment: false, roles: ['reviewer', 'admin'], to: 'retired' },
  submit: { from: ['draft', 'active'], requiresComment: false, roles: ['editor', 'admin'], to: 'in_review' },
}

/** What a transition request carries, as plain data. */
export interface TransitionRequest {
  action: WorkflowAction
  /** The id of the user asking. */
  actorId: number | string
  comment?: null | string
  /** The article's current workflow state (of its working copy). */
  from: ArticleStatus
  /** Whether four-eyes approval is on (plugin option). */
  fourEyes: boolean
  /** The user who last changed the content of the working copy, if known. */
  lastEditedBy?: null | number | string
  role: null | Role
  /** The user who submitted the working copy for review, if known. */
  submittedBy?: null | number | string
}

/** Why a transition is refused: `forbidden` (role, 403), `conflict` (state, 409) or `invalid` (a field, 400). */
export type TransitionRefusal =
  | { kind: 'conflict'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'invalid'; message: string; path: string }

/** The outcome of `decideTransition`. */
export type TransitionDecision = { ok: false; refusal: TransitionRefusal } | { ok: true; to: ArticleStatus }

const ACTIONS = WORKFLOW_ACTIONS

/** Each action as a verb phrase that takes "an article": "request changes on an article". */
const ACTION_VERBS: Readonly<Record<WorkflowAction, string>> = {
  approve: 'approve',
  request_changes: 'request changes on',
  retire: 'retire',
  submit: 'submit',
}

/** The actions `role` may take on an article in state `from`, in workflow order. */
export const allowedActions = (from: ArticleStatus, role: null | Role): WorkflowAction[] =>
  ACTIONS.filter((action) => {
    const transition = TRANSITIONS[action]
    return transition.from.includes(from) && role !== null && transition.roles.includes(role)
  })

const describeAllowed = (from: ArticleStatus, role: null | Role): string => {
  const allowed = allowedActions(from, role)
  return allowed.length > 0
    ? `From ${from} you may: ${allowed.join(', ')}.`
    : `From ${from} there is no transition you may make.`
}

const sameUser = (a: null | number | string | undefined, b: null | number | string | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)

/**
 * The one place that decides whether a workflow transition may happen: the transition must
 * exist from the current state, the role must be allowed to make it, changes requested need a
 * comment, and (four-eyes) nobody approves what they submitted or last edited themselves.
 */
export const decideTransition = (request: TransitionRequest): TransitionDecision => {
  const transition = TRANSITIONS[request.action]
  const { from, role } = request
  if (!transition.roles.includes(role ?? ('' as Role))) {
    const who = role ?? 'an anonymous user'
    return {
      ok: false,
      refusal: {
        kind: 'forbidden',
        message: `A user with role ${who} may not ${ACTION_VERBS[request.action]} an article (allowed: ${transition.roles.join(', ')}). ${describeAllowed(from, role)}`,
      },
    }
  }
  if (!transition.from.includes(from)) {
    return {
      ok: false,
      refusal: {
        kind: 'conflict',
        message: `Cannot ${ACTION_VERBS[request.action]} an article that is ${from}: it needs to be ${transition.from.join(' or ')}. ${describeAllowed(from, role)}`,
      },
    }
  }
  if (transition.requiresComment && !request.comment?.trim()) {
    return {
      ok: false,
      refusal: { kind: 'invalid', message: 'Say what needs to change: a comment is required.', path: 'comment' },
    }
  }
  if (request.action === 'approve' && request.fourEyes) {
    if (sameUser(request.actorId, request.submittedBy)) {
      return {
        ok: false,
        refusal: { kind: 'forbidden', message: 'Four-eyes rule: you submitted this version, so another reviewer must approve it.' },
      }
    }
    if (sameUser(request.actorId, request.lastEditedBy)) {
      return {
        ok: false,
        refusal: { kind: 'forbidden', message: 'Four-eyes rule: you last edited this version, so another reviewer must approve it.' },
      }
    }
  }
  return { ok: true, to: transition.to }
}

/** The body of a workflow request (REST and GraphQL alike). */
export const workflowRequestSchema = z.strictObject({
  action: z.enum(WORKFLOW_ACTIONS, {
    error: () => `action must be one of: ${WORKFLOW_ACTIONS.join(', ')}`,
  }),
  comment: z.string().max(5000, 'comment must be at most 5000 characters').nullish(),
})

/** A parsed workflow request. */
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>

/** The field changes a transition makes, besides the status: who submitted, who approved and when. */
export const transitionChanges = <Id extends number | string>(
  action: WorkflowAction,
  actorId: Id,
  today: CalendarDate,
): { lastReviewed?: CalendarDate; reviewedBy?: Id; submittedBy?: Id } => {
  if (action === 'submit') return { submittedBy: actorId }
  if (action === 'approve') return { lastReviewed: today, reviewedBy: actorId }
  return {}
}

/**
 * Whether an article in this workflow state is saved as published (Payload's `_status`):
 * `active` and `retired` are what readers get (a retired article is served as retired), a draft
 * or an article in review stays a draft of its working copy. The workflow and the importer both
 * decide publication by it.
 */
export const isPublishedStatus = (status: ArticleStatus): boolean => status === 'active' || status === 'retired'
