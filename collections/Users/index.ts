import type { CollectionConfig, Field, FieldAccess } from 'payload'

import { makeFirstUserAdminBeforeChange } from '../../hooks/makeFirstUserAdminBeforeChange.js'
import { admins, adminsOrSelf, staff, staffPanel } from '../access/index.js'
import { createNotificationsField, createProfileFields } from './profileFields.js'
import { createRoleField } from './roleField.js'

/**
 * Read access of the sessions Payload keeps on each user: a user's own, on their own document.
 * Payload's default compares `user?.id === doc?.id`, which is true when a query is checked
 * without a document and without a user: it let anonymous callers filter and sort on session
 * ids and times through any relationship to users.
 */
export const ownSessionsOnly: FieldAccess = ({ doc, req }) =>
  Boolean(req.user && doc && typeof doc === 'object' && 'id' in doc && doc.id === req.user.id)

// Merged by Payload into its own `sessions` field (same name): only the access changes.
const sessionsAccess = (users: CollectionConfig): Field[] => {
  const auth = users.auth
  const useSessions = auth === true || (typeof auth === 'object' && auth.useSessions !== false)
  return useSessions
    ? [{ name: 'sessions', type: 'array', access: { read: ownSessionsOnly, update: () => false }, admin: { disabled: true }, fields: [] }]
    : []
}

// The profile fields the host lacks (a host's own `name` field is kept as it is).
const missingProfileFields = (users: CollectionConfig): Field[] =>
  createProfileFields().filter((field) => 'name' in field && !users.fields.some((own) => 'name' in own && own.name === field.name))

/**
 * The host's auth collection with what the plugin needs: a `role` field, role-based access
 * where the host set none, the reviewer's public record (`name`, `credentials`, `affiliation`,
 * added where the host lacks them), the user's email switches (`notifications`), and the first
 * registered user made an admin. Returns a new config; the host's fields, access functions and
 * hooks are kept and run first.
 */
export const withGovernedUsers = (users: CollectionConfig): CollectionConfig => ({
  ...users,
  access: {
    admin: staffPanel,
    create: admins,
    delete: admins,
    read: staff,
    unlock: admins,
    update: adminsOrSelf,
    ...users.access,
  },
  fields: [
    ...users.fields.filter(
      (field) => !('name' in field && (field.name === 'role' || field.name === 'sessions' || field.name === 'notifications')),
    ),
    ...missingProfileFields(users),
    createRoleField(),
    createNotificationsField(),
    ...sessionsAccess(users),
  ],
  hooks: {
    ...users.hooks,
    beforeChange: [...(users.hooks?.beforeChange ?? []), makeFirstUserAdminBeforeChange],
  },
})
