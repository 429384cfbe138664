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

/** The people of a workflow test: two editors, two reviewers and an admin. */
export interface WorkflowCast {
  admin: User
  editor: User
  otherEditor: User
  otherReviewer: User
  reviewer: User
}

/**
 * Boots Payload and signs up the cast of a workflow test, each with a REST token (by the same
 * names), for suites that move articles through the workflow as different people.
 */
export const bootWithWorkflowCast = async (): Promise<{
  payload: Payload
  tokens: Record<keyof WorkflowCast, string>
  users: WorkflowCast
}> => {
  const payload = await bootPayload()
  const users: WorkflowCast = {
    admin: await createUser(payload, 'admin'),
    editor: await createUser(payload, 'editor'),
    otherEditor: await createUser(payload, 'editor'),
    reviewer: await createUser(payload, 'reviewer'),
    otherReviewer: await createUser(payload, 'reviewer'),
  }
  const tokens = {} as Record<keyof WorkflowCast, string>
  for (const [name, user] of Object.entries(users) as [keyof WorkflowCast, User][]) tokens[name] = await tokenOf(payload, user)
  return { payload, tokens, users }
}
