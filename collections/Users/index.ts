import type { CollectionConfig } from 'payload'

import { makeFirstUserAdminBeforeChange } from '../../hooks/makeFirstUserAdminBeforeChange.js'
import { admins, adminsOrSelf, staff, staffPanel } from '../access/index.js'
import { createRoleField } from './roleField.js'

/**
 * The host's auth collection with what the plugin needs: a `role` field, role-based access
 * where the host set none, and the first registered user made an admin. Returns a new config;
 * the host's fields, access functions and hooks are kept and run first.
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
  fields: [...users.fields.filter((field) => !('name' in field && field.name === 'role')), createRoleField()],
  hooks: {
    ...users.hooks,
    beforeChange: [...(users.hooks?.beforeChange ?? []), makeFirstUserAdminBeforeChange],
  },
})
