import type { GraphQLExtension } from '../../collections/parts.js'

/**
 * GraphQL list and single queries of the given collections read only the fields the query asks
 * for: Payload's `select` argument, turned on by default (a client may still pass
 * `select: false`). Without it, a list asking for `id title` reads every body in full.
 */
export const selectByDefault =
  (collections: string[]): GraphQLExtension =>
  (graphQL, context) => {
    const own: Record<string, unknown> = {}
    for (const slug of collections) {
      const types = context.collections[slug]?.graphQL
      const queryNames = types ? [types.type.name, types.paginatedType.name] : []
      for (const name of queryNames) {
        const query = name ? (context.Query.fields[name] as undefined | { args?: Record<string, unknown> }) : undefined
        if (!name || !query?.args || !('select' in query.args)) continue
        own[name] = { ...query, args: { ...query.args, select: { defaultValue: true, type: graphQL.GraphQLBoolean } } }
      }
    }
    return own
  }
