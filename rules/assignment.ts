import type { ArticleStatus, Role } from './vocabulary.js'

type Id = number | string

/** What an assignment is judged on, as plain data. */
export interface AssignmentRequest {
  /** The user asking. */
  actorId: Id
  actorRole: null | Role
  /** The reviewer asked for, or `null` to leave the submission unassigned. */
  assignee: Id | null
  /** The role of the user asked for (`null` for an unknown user). Ignored when `assignee` is null. */
  assigneeRole: null | Role
  /** Who the submission is assigned to now. */
  current: Id | null
  /** Whether four-eyes approval is on (plugin option). */
  fourEyes: boolean
  /** The article's workflow state (of its working copy). */
  from: ArticleStatus
  /** The user who last changed the content of the working copy. */
  lastEditedBy: Id | null
  /** Who submitted it for review. */
  submittedBy: Id | null
  /** `submit` when the editor names a reviewer on submitting; `assign` for a later assignment. */
  via: 'assign' | 'submit'
}

/** Why an assignment is refused, with the HTTP class the API gives it (as the workflow's refusals). */
export type AssignmentDecision =
  | { ok: false; refusal: { kind: 'conflict' | 'forbidden'; message: string } | { kind: 'invalid'; message: string; path: string } }
  | { ok: true }

const same = (a: Id | null | undefined, b: Id | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)

/** Roles that can decide a submission, so can be assigned one. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['reviewer', 'admin']

/**
 * Whether a reviewer may be assigned to a submission:
 * - on submit, the editor (or admin) submitting may name any reviewer or admin but themself;
 * - later, only while the article waits in review: an admin assigns anyone who can review (or
 *   nobody); a reviewer takes an unassigned submission for themself, or gives back their own;
 * - four-eyes: never the submitter or the last editor, who could not approve it anyway.
 */
export const decideAssignment = (request: AssignmentRequest): AssignmentDecision => {
  const { actorId, actorRole, assignee } = request
  if (request.via === 'assign') {
    if (actorRole !== 'admin' && actorRole !== 'reviewer') {
      return { ok: false, refusal: { kind: 'forbidden', message: 'Only reviewers and admins assign reviewers to submissions.' } }
    }
    if (request.from !== 'in_review') {
      return {
        ok: false,
        refusal: { kind: 'conflict', message: `Only a submission waiting for review can be assigned; this article is ${request.from}.` },
      }
    }
    if (actorRole === 'reviewer') {
      const takesFreeItem = same(assignee, actorId) && (request.current === null || same(request.current, actorId))
      const givesBackOwn = assignee === null && same(request.current, actorId)
      if (!takesFreeItem && !givesBackOwn) {
        return {
          ok: false,
          refusal: {
            kind: 'forbidden',
            message: request.current === null || same(request.current, actorId)
              ? 'A reviewer may take a submission only for themself; an admin assigns other reviewers.'
              : 'This submission is assigned to another reviewer; an admin may reassign it.',
          },
        }
      }
    }
  }
  if (assignee === null) return { ok: true }
  if (request.assigneeRole === null || !ASSIGNABLE_ROLES.includes(request.assigneeRole)) {
    return { ok: false, refusal: { kind: 'invalid', message: 'The assignee must be a user with the reviewer or admin role.', path: 'assignee' } }
  }
  if (request.via === 'submit' && same(assignee, actorId)) {
    return { ok: false, refusal: { kind: 'invalid', message: 'Four-eyes rule: you cannot assign your own submission to yourself.', path: 'assignee' } }
  }
  if (request.fourEyes && (same(assignee, request.submittedBy) || same(assignee, request.lastEditedBy))) {
    const message = 'Four-eyes rule: the submitter or last editor of this version cannot be its reviewer.'
    // Taking it for oneself is refused as the approval would be (403); naming someone else is bad input (400).
    return {
      ok: false,
      refusal: same(assignee, actorId) ? { kind: 'forbidden', message } : { kind: 'invalid', message, path: 'assignee' },
    }
  }
  return { ok: true }
}
