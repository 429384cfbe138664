import { ROLES, type Role } from './vocabulary.js'

/**
 * The role of a user object as Payload hands it to access functions and hooks, or `null` for
 * an anonymous request or a user of another auth collection without a valid role.
 */
export const roleOf = (user: unknown): Role | null => {
  if (typeof user !== 'object' || user === null || !('role' in user)) return null
  const { role } = user
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as Role) : null
}

/** True when `user` holds one of `roles`. */
export const hasRole = (user: unknown, ...roles: Role[]): boolean => {
  const role = roleOf(user)
  return role !== null && roles.includes(role)
}

/** True for any signed-in member of staff: admin, editor or reviewer. */
export const isStaff = (user: unknown): boolean => roleOf(user) !== null
