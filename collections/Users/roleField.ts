import type { Field } from 'payload'

import { ROLES, toSelectOptions } from '../../rules/vocabulary.js'
import { adminsField } from '../access/index.js'
import { clientComponent } from '../adminComponents.js'

/** The `role` field the plugin adds to the host's auth collection. Only admins set it. */
export const createRoleField = (): Field => ({
  name: 'role',
  type: 'select',
  access: { create: adminsField, update: adminsField },
  admin: {
    // On the first-register screen the role reads "Admin" (the plugin makes the first user an admin).
    components: { Field: clientComponent('RoleField') },
    description: 'Editors write, reviewers approve, admins administer.',
    position: 'sidebar',
  },
  // Not `required`: the default fills it, and API clients other than admins cannot send it.
  defaultValue: 'editor',
  index: true,
  options: toSelectOptions(ROLES),
  saveToJWT: true,
})
