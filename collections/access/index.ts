import type { Access, FieldAccess, Where } from 'payload'

import { readArticlePast, readWorkingCopy } from '../../src/records/articleLock.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { decideDelete, decideEdit } from '../../rules/articleAccess.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { hasRole, isStaff, roleOf } from '../../rules/roles.js'

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
 * Reference data (sources, glossary terms): anyone reads it, editors and admins write it, only
 * admins delete it.
 */
export const referenceDataAccess = { create: editorsAndAdmins, delete: admins, read: anyone, update: editorsAndAdmins }

/** A record the system keeps (workflow events, sweep runs, evidence checks, linked changes): staff read it, nobody writes it through the API. */
export const systemRecordAccess = { create: nobody, delete: nobody, read: staff, update: nobody }

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
 * Who may change an article's content, judged on its working copy (rules/articleAccess.ts):
 * admins always; editors while it is a draft or an approved article (where the change waits for
 * review as a pending update). Without an id (bulk updates, list permissions) editors get the
 * working copies in those states, and each write is judged again under the article's lock.
 */
export const articleEditors =
  (options: SanitizedOptions): Access =>
  async ({ id, req }) => {
    const role = roleOf(req.user)
    if (role !== 'admin' && role !== 'editor') return false
    if (id === undefined || id === null) {
      const editable: Where = { status: { in: ['draft', 'active'] } }
      return role === 'admin' ? true : editable
    }
    const working = await readWorkingCopy(req, options.collections.articles, id)
    return working ? decideEdit({ role, status: working.status }).ok : true
  }

/**
 * Who may delete an article, judged on its working copy and its past (rules/articleAccess.ts):
 * nobody deletes what is in review or was ever live (retire it instead); editors delete drafts
 * never submitted, admins also drafts sent back from review. Without an id (bulk deletes) editors
 * reach drafts only, and each article is judged again under its lock before it goes.
 */
export const articleDeleters =
  (options: SanitizedOptions): Access =>
  async ({ id, req }) => {
    const role = roleOf(req.user)
    if (role !== 'admin' && role !== 'editor') return false
    if (id === undefined || id === null) {
      const drafts: Where = { status: { equals: 'draft' } }
      return role === 'admin' ? true : drafts
    }
    const working = await readWorkingCopy(req, options.collections.articles, id)
    if (!working) return true
    const past = await readArticlePast(req, slugs(options), working)
    return decideDelete({ role, status: working.status, ...past }).ok
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

/** Field access: any signed-in member of staff. */
export const staffField: FieldAccess = ({ req }) => isStaff(req.user)

/** Field access: admins only. */
export const adminsField: FieldAccess = ({ req }) => hasRole(req.user, 'admin')
