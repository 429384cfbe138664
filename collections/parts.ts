import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'
import type { CollectionConfig, Config } from 'payload'

import { PLUGIN_NAME } from '../rules/pluginName.js'

/** A function that adds fields to the GraphQL schema's queries or mutations (Payload's `graphQL.queries`). */
export type GraphQLExtension = NonNullable<NonNullable<Config['graphQL']>['queries']>

/** An `afterSchemaInit` hook of the Postgres adapter: adds tables or indexes to the generated schema. */
export type SchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

/**
 * What a collection adds outside its own config: parts of the config-wide GraphQL schema and of
 * the database schema. The collection factory declares them (`declareParts`), beside its fields,
 * hooks, endpoints and admin components; the plugin entry only composes what its collections
 * declare (`partsOf`). Renaming or dropping a collection takes its parts with it.
 */
export interface CollectionParts {
  /** GraphQL mutations the collection adds (e.g. the articles' workflow). */
  graphQLMutations?: GraphQLExtension
  /** GraphQL queries the collection adds (e.g. the articles' search and page). */
  graphQLQueries?: GraphQLExtension
  /**
   * The collection's own list and single GraphQL queries read only the fields a query asks for
   * (Payload's `select` argument, on by default; a client may still pass `select: false`).
   */
  graphQLSelectByDefault?: boolean
  /** Tables the collection needs beside the ones Payload generates for it (e.g. the search index). */
  schemaHooks?: SchemaHook[]
}

/** The key under which a collection's parts are kept on its `custom` (server-only). */
export const COLLECTION_PARTS = `${PLUGIN_NAME}:parts`

/** A collection's `custom` that declares its parts: `custom: declareParts({ … })`. */
export const declareParts = (parts: CollectionParts): Record<string, unknown> => ({ [COLLECTION_PARTS]: parts })

/** The parts a collection declared (none when it declared nothing). */
export const partsOf = (collection: CollectionConfig): CollectionParts => {
  const parts: unknown = collection.custom?.[COLLECTION_PARTS]
  return typeof parts === 'object' && parts !== null ? (parts as CollectionParts) : {}
}
