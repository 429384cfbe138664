import type { ArticleStatus, Role } from './vocabulary.js'

/**
 * Who may edit and who may delete an article, judged on its working copy (the latest version,
 * drafts included), never on the published row: an update of an approved article that waits in
 * review is `in_review` here although the public still reads `active`.
 */

/** Why a write is refused: `forbidden` (the role may not, 403) or `conflict` (not in this state, 409). */
export type AccessRefusal = { kind: 'conflict' | 'forbidden'; message: string }

/** The outcome of `decideEdit` and `decideDelete`. */
export type AccessDecision = { ok: false; refusal: AccessRefusal } | { ok: true }

/** What an edit is judged on. */
export interface EditRequest {
  role: null | Role
  /** The working copy's workflow state. */
  status: ArticleStatus
}

/** What a delete is judged on: the working copy and the article's whole past. */
export interface DeleteRequest extends EditRequest {
  /** Some version of the article was ever published (approved, or retired after approval). */
  everLive: boolean
  /** The article was ever submitted for review (a submit event, or a submitter on record). */
  everSubmitted: boolean
}

const ALLOWED: AccessDecision = { ok: true }

const refuse = (kind: AccessRefusal['kind'], message: string): AccessDecision => ({ ok: false, refusal: { kind, message } })

/**
 * Who may change an article's content: admins in every state; editors while the working copy
 * is a draft or approved (the change then waits for review as a pending update); nobody else.
 * An article in review is what a reviewer is judging, and a retired one is the record: editors
 * change neither.
 */
export const decideEdit = ({ role, status }: EditRequest): AccessDecision => {
  if (role === 'admin') return ALLOWED
  if (role !== 'editor') return refuse('forbidden', `A user with role ${role ?? 'none'} may not edit articles (editors and admins may).`)
  if (status === 'in_review') {
    return refuse('conflict', 'This article is in review: it cannot be edited until a reviewer approves it or requests changes.')
  }
  if (status === 'retired') return refuse('conflict', 'This article is retired: it cannot be edited.')
  return ALLOWED
}

/**
 * Who may delete an article. Nobody deletes what is in review (a reviewer is judging it) or
 * what was ever live (patients read it: retire it instead, so that the record stays). Editors
 * delete only drafts that were never submitted; admins also delete a draft that went through a
 * review and was sent back without ever going live. Its workflow events stay either way.
 */
export const decideDelete = ({ everLive, everSubmitted, role, status }: DeleteRequest): AccessDecision => {
  if (role !== 'admin' && role !== 'editor') {
    return refuse('forbidden', `A user with role ${role ?? 'none'} may not delete articles (editors may delete drafts never submitted).`)
  }
  if (status === 'in_review') {
    return refuse('conflict', 'This article is in review: it cannot be deleted while a reviewer is judging it.')
  }
  if (everLive || status === 'active' || status === 'retired') {
    return refuse('conflict', 'This article has been published: it cannot be deleted. Retire it instead, so that the record of what readers saw stays.')
  }
  if (role === 'editor' && everSubmitted) {
    return refuse('forbidden', 'This draft has been submitted for review before: only an admin may delete it.')
  }
  return ALLOWED
}
