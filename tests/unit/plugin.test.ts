import type { CollectionBeforeChangeHook, CollectionConfig, Config } from 'payload'

import { ownSessionsOnly } from '../../collections/Users/index.js'
import { cancerContentPlugin } from '../../src/index.js'

const hostHook: CollectionBeforeChangeHook = ({ data }) => data

const hostConfig = (): Config =>
  ({
    collections: [
      {
        slug: 'users',
        access: { read: () => true },
        auth: true,
        fields: [{ name: 'name', type: 'text' }],
        hooks: { beforeChange: [hostHook] },
      },
      { slug: 'pages', fields: [{ name: 'title', type: 'text' }] },
    ],
    secret: 'x',
  }) as unknown as Config

const slugsOf = (config: Config): string[] => (config.collections ?? []).map((collection) => collection.slug)
const usersOf = (config: Config): CollectionConfig => {
  const users = config.collections?.find((collection) => collection.slug === 'users')
  if (!users) throw new Error('no users')
  return users
}

describe('cancerContentPlugin', () => {
  it('adds its collections and returns a new config, leaving the incoming one untouched', () => {
    const incoming = hostConfig()
    const before = JSON.stringify(incoming)
    const incomingUsers = usersOf(incoming)
    const result = cancerContentPlugin()(incoming) as Config
    expect(result).not.toBe(incoming)
    expect(JSON.stringify(incoming)).toBe(before)
    expect(usersOf(incoming)).toBe(incomingUsers)
    expect(incomingUsers.fields.map((field) => ('name' in field ? field.name : ''))).toEqual(['name'])
    expect(slugsOf(result)).toEqual([
      'users',
      'pages',
      'articles',
      'sources',
      'glossary-terms',
      'workflow-events',
      'review-sweep-runs',
      'webhooks',
      'webhook-deliveries',
      'evidence-checks',
      'linked-changes',
    ])
  })

  it('adds a role to the auth collection, keeps the host fields, access and hooks, and runs host hooks first', () => {
    const incoming = hostConfig()
    const hostRead = usersOf(incoming).access?.read
    const users = usersOf(cancerContentPlugin()(incoming) as Config)
    // `sessions` only narrows the read access of Payload's own sessions field (merged by name); the
    // host's own `name` is kept, the public record's other fields and the mail switches are added.
    expect(users.fields.map((field) => ('name' in field ? field.name : ''))).toEqual(['name', 'credentials', 'affiliation', 'role', 'notifications', 'sessions'])
    expect(hostRead).toEqual(expect.any(Function))
    expect(users.access?.read).toBe(hostRead)
    expect(users.access?.delete).toEqual(expect.any(Function))
    expect(users.hooks?.beforeChange?.[0]).toBe(hostHook)
    expect(users.hooks?.beforeChange).toHaveLength(2)
  })

  it('uses the slugs it is given, in its relationships too', () => {
    const result = cancerContentPlugin({
      collections: { articles: 'cancer-articles', glossaryTerms: 'terms', sources: 'orgs', workflowEvents: 'audit' },
    })(hostConfig()) as Config
    expect(slugsOf(result)).toEqual(['users', 'pages', 'cancer-articles', 'orgs', 'terms', 'audit', 'review-sweep-runs', 'webhooks', 'webhook-deliveries', 'evidence-checks', 'linked-changes'])
    const articles = result.collections?.find((collection) => collection.slug === 'cancer-articles')
    const relationTargets = articles?.fields.flatMap(function targets(field): string[] {
      if ('fields' in field) return field.fields.flatMap(targets)
      if (field.type === 'relationship') return [String(field.relationTo)]
      if (field.type === 'join') return [field.collection as string]
      return []
    })
    expect(relationTargets).toEqual(expect.arrayContaining(['orgs', 'terms', 'users', 'audit', 'cancer-articles']))
    // The linked-change notices point at the renamed articles too.
    const notices = result.collections?.find((collection) => collection.slug === 'linked-changes')
    expect(notices?.fields.flatMap((field) => (field.type === 'relationship' ? [String(field.relationTo)] : []))).toEqual(['cancer-articles', 'cancer-articles'])
  })

  it.each<[string, () => unknown, RegExp]>([
    ['a missing auth collection', () => cancerContentPlugin({ usersCollection: 'members' })(hostConfig()), /auth collection "members" not found/],
    ['a collection that is not an auth collection', () => cancerContentPlugin({ usersCollection: 'pages' })(hostConfig()), /"pages" is not an auth collection/],
    ['a slug the host already uses', () => cancerContentPlugin({ collections: { articles: 'pages' } })(hostConfig()), /already has a collection "pages"/],
    ['a bad option', () => cancerContentPlugin({ dueSoonDays: -3 })(hostConfig()), /invalid plugin options: dueSoonDays/],
  ])('fails at startup on %s, with the plugin name', (_, run, message) => {
    expect(run).toThrow(/^\[cancer-content\] /)
    expect(run).toThrow(message)
  })
})

describe('ownSessionsOnly: the read access of a user’s sessions', () => {
  const req = (user: unknown) => ({ user }) as unknown as Parameters<typeof ownSessionsOnly>[0]['req']
  it.each([
    ['anonymous, no document (a query being checked)', undefined, undefined, false],
    ['anonymous, a document', undefined, { id: 1 }, false],
    ['a user, no document (a query being checked)', { id: 1, role: 'admin' }, undefined, false],
    ['a user, another user’s document', { id: 1, role: 'admin' }, { id: 2 }, false],
    ['a user, their own document', { id: 1, role: 'editor' }, { id: 1 }, true],
  ])('%s → %p', (_label, user, doc, allowed) => {
    expect(ownSessionsOnly({ doc, req: req(user) } as Parameters<typeof ownSessionsOnly>[0])).toBe(allowed)
  })
})
