import type { CollectionConfig, Config } from 'payload'

import { type GraphQLExtension, partsOf } from '../../collections/parts.js'
import { selectByDefault } from './selectByDefault.js'

type GraphQLConfig = NonNullable<Config['graphQL']>

// One extension that adds what each of the given ones adds, later ones winning a name.
const all =
  (extensions: GraphQLExtension[]): GraphQLExtension =>
  (graphQL, context) =>
    Object.assign({}, ...extensions.map((extend) => extend(graphQL, context))) as Record<string, unknown>

/**
 * The GraphQL queries and mutations of the host and of what the collections declared
 * (`CollectionParts`): the `select`-by-default list and single queries of the collections that
 * ask for it, then the host's own, then the collections' queries and mutations.
 */
export const composeGraphQL = (
  collections: CollectionConfig[],
  host: GraphQLConfig | undefined,
): Required<Pick<GraphQLConfig, 'mutations' | 'queries'>> => {
  const declared = collections.map((collection) => ({ parts: partsOf(collection), slug: collection.slug }))
  const lean = declared.filter(({ parts }) => parts.graphQLSelectByDefault).map(({ slug }) => slug)
  return {
    mutations: all([...(host?.mutations ? [host.mutations] : []), ...declared.flatMap(({ parts }) => parts.graphQLMutations ?? [])]),
    queries: all([
      selectByDefault(lean),
      ...(host?.queries ? [host.queries] : []),
      ...declared.flatMap(({ parts }) => parts.graphQLQueries ?? []),
    ]),
  }
}
