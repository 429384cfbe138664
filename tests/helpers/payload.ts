import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import type { Role } from '../../rules/vocabulary.js'
import type { User } from '../../payload-types.js'

export { shutdownPayload } from './shutdown.js'

/** Boots Payload on this run's database (see tests/setup/globalSetup.ts). */
export const bootPayload = (): Promise<Payload> => getPayload({ config })

let counter = 0

/** Creates a user with a role, as the system would, and returns it. */
export const createUser = async (payload: Payload, role: Role): Promise<User> => {
  counter += 1
  return payload.create({
    collection: 'users',
    data: {
      email: `${role}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`,
      password: 'correct horse battery staple',
      role,
    },
  })
}

/** The JWT of a user, for REST and GraphQL calls. */
export const tokenOf = async (payload: Payload, user: User): Promise<string> => {
  const { token } = await payload.login({
    collection: 'users',
    data: { email: user.email, password: 'correct horse battery staple' },
  })
  if (!token) throw new Error(`no token for ${user.email}`)
  return token
}
