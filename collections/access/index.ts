import type { Access, FieldAccess, Where } from 'payload'

import { hasRole, isStaff } from '../../rules/roles.js'

/** Anyone, signed in or not. */
export const anyone: Access = () => true

/** Nobody through the API: only server code with `overrideAccess` (hooks, jobs, the importer). */
export const nobody: Access = () => false

/** Admins only. */
export const admins: Access = ({ req }) => hasRole(req.user, 'admin')

/** Editors and admins: the people who write content. */
export const editorsAndAdmins: Access = ({ req }) => hasRole(req.user, 'editor', 'admin')

/** Admin-panel access (a boolean, not a query): every signed-in member of staff. */
export const staffPanel = ({ req }: { req: { user: unknown } }): boolean => isStaff(req.user)

/** Any signed-in member of staff. */
export const staff: Access = ({ req }) => isStaff(req.user)

/**
 * What the public may read of articles: approved (`active`) and published content only.
 * Staff read everything, including drafts and pending updates.
 */
export const publishedOrStaff: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  const published: Where = {
    and: [{ status: { equals: 'active' } }, { _status: { equals: 'published' } }],
  }
  return published
}

/**
 * Who may change an article's content: admins always; editors while it is a draft or an
 * approved article (where the change waits for review as a pending update). Nobody edits an
 * article that is in review or retired through this path.
 */
export const articleEditors: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'editor')) return false
  const editable: Where = { status: { in: ['draft', 'active'] } }
  return editable
}

/** Who may delete an article: admins always, editors only drafts (approved content is retired, not deleted). */
export const articleDeleters: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) return true
  if (!hasRole(req.user, 'editor')) return false
  const drafts: Where = { status: { equals: 'draft' } }
  return drafts
}

/** Admins, or a user acting on their own account. */
export const adminsOrSelf: Access = ({ req }) => {
  if (hasRole(req.user, 'admin')) return true
  if (!req.user) return false
  const self: Where = { id: { equals: req.user.id } }
  return self
}

/** Field access: nobody writes this field through the API; server code sets it. */
export const serverOnlyField: FieldAccess = () => false

/** Field access: admins only. */
export const adminsField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')
