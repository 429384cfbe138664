import { z } from 'zod'

import { ATTESTATION, attestationRequired } from './attestation.js'
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
  // Re-certifies an approved article as it is: its review dates move, its content does not.
  reaffirm: { from: ['active'], requiresComment: false, roles: ['reviewer', 'admin'], to: 'active' },
  request_changes: { from: ['in_review'], requiresComment: true, roles: ['reviewer', 'admin'], to: 'draft' },
  retire: { from: ['active'], requiresComment: false, roles: ['reviewer', 'admin'], to: 'retired' },
  submit: { from: ['draft', 'active'], requiresComment: false, roles: ['editor', 'admin'], to: 'in_review' },
}

/** What a transition request carries, as plain data. */
export interface TransitionRequest {
  action: WorkflowAction
  /** The id of the user asking. */
  actorId: number | string
  /** Whether the user attested `ATTESTATION` (approve and reaffirm need it). */
  attestation?: boolean
  /** The editor's note of what an update changes (a submit of an article that was ever live needs one). */
  changeNote?: null | string
  comment?: null | string
  /** Whether the article has ever been live (its published version exists). */
  everLive?: boolean
  /** The article's current workflow state (of its working copy). */
  from: ArticleStatus
  /** Whether four-eyes approval is on (plugin option). */
  fourEyes: boolean
  /** The user who last changed the content of the working copy, if known. */
  lastEditedBy?: null | number | string
  /** The article's last review day (reaffirm: not twice a day). */
  lastReviewed?: CalendarDate | null
  /** Whether the working copy holds changes that are not live (an unpublished draft of an active article). */
  pendingUpdate?: boolean
  role: null | Role
  /** The user who submitted the working copy for review, if known. */
  submittedBy?: null | number | string
  /** Today, as the review rules read it. */
  today?: CalendarDate
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
  reaffirm: 'reaffirm',
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

/** The longest change note, in characters. */
export const CHANGE_NOTE_MAX = 2000

/**
 * Whether a submission needs a change note: an update of an article that has ever been live
 * does (readers' changelog and the reviewer's summary build on it); a first submission does not.
 */
export const changeNoteRequired = ({ action, everLive }: { action: WorkflowAction; everLive: boolean }): boolean =>
  action === 'submit' && everLive

/** What `reaffirm` is judged on besides role and four-eyes. */
export interface ReaffirmState {
  from: ArticleStatus
  /** The article's last review day, if it has one. */
  lastReviewed?: CalendarDate | null
  pendingUpdate: boolean
  today?: CalendarDate
}

/**
 * Why an article may not be reaffirmed as it stands, or `null` when it may: it must be live
 * (`active`), its working copy must be the live version itself (no update waits, not even an
 * unsubmitted draft: reaffirming publishes the working copy, which must be exactly what readers
 * already have), and it must not have been reviewed today already (a second reaffirmation, e.g.
 * two reviewers at once, would certify nothing new).
 */
export const reaffirmRefusal = ({ from, lastReviewed, pendingUpdate, today }: ReaffirmState): null | string => {
  if (from !== 'active') return null
  if (pendingUpdate) return 'Cannot reaffirm an article with changes that are not live: review the update (or have it discarded) first.'
  if (lastReviewed && today && lastReviewed >= today) return `This article was already reviewed today (${today}): there is nothing to reaffirm.`
  return null
}

/** Whether an article may be reaffirmed as it stands (see `reaffirmRefusal`). */
export const reaffirmAllowed = (state: ReaffirmState): boolean => state.from === 'active' && reaffirmRefusal(state) === null

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
  const notNow =
    request.action === 'reaffirm'
      ? reaffirmRefusal({ from, lastReviewed: request.lastReviewed, pendingUpdate: request.pendingUpdate ?? false, today: request.today })
      : null
  if (notNow) return { ok: false, refusal: { kind: 'conflict', message: notNow } }
  if (changeNoteRequired({ action: request.action, everLive: request.everLive ?? false }) && !request.changeNote?.trim()) {
    return {
      ok: false,
      refusal: {
        kind: 'invalid',
        message: 'This article is live: say in a change note what this update changes (1 to 2000 characters).',
        path: 'changeNote',
      },
    }
  }
  if (attestationRequired(request.action) && request.attestation !== true) {
    return {
      ok: false,
      refusal: { kind: 'invalid', message: `Attest to continue: "${ATTESTATION.statement}"`, path: 'attestation' },
    }
  }
  if (request.action === 'reaffirm' && request.fourEyes && sameUser(request.actorId, request.lastEditedBy)) {
    return {
      ok: false,
      refusal: { kind: 'forbidden', message: 'Four-eyes rule: you last edited this content, so another reviewer must reaffirm it.' },
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
  assignee: z
    .number({ error: 'assignee must be the id of a reviewer (a number)' })
    .int('assignee must be the id of a reviewer (a number)')
    .positive('assignee must be the id of a reviewer (a number)')
    .nullish(),
  attestation: z.boolean({ error: 'attestation must be true or false' }).nullish(),
  changeNote: z.string({ error: 'changeNote must be text' }).max(CHANGE_NOTE_MAX, `changeNote must be at most ${CHANGE_NOTE_MAX} characters`).nullish(),
  comment: z.string().max(5000, 'comment must be at most 5000 characters').nullish(),
})

/** A parsed workflow request. */
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>

/**
 * The field changes a transition makes, besides the status: who submitted (and which reviewer
 * they named), who approved or reaffirmed and when. A decision ends the assignment.
 */
export const transitionChanges = <Id extends number | string>(
  action: WorkflowAction,
  actorId: Id,
  today: CalendarDate,
  assignee: Id | null = null,
): { assignee?: Id | null; lastReviewed?: CalendarDate; reviewedBy?: Id; submittedBy?: Id } => {
  if (action === 'submit') return { assignee, submittedBy: actorId }
  if (action === 'approve' || action === 'reaffirm') return { assignee: null, lastReviewed: today, reviewedBy: actorId }
  if (action === 'request_changes') return { assignee: null }
  return {}
}
