import type { GraphQLEnumType, GraphQLFieldConfig, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType } from 'graphql'
import type { PayloadRequest } from 'payload'

import { type DeliveryQuery, deliveryQueryCost } from '../../rules/limits.js'

/** The context Payload hands a GraphQL resolver. */
export type ResolverContext = { req: PayloadRequest }

/** A delivery query's field config, resolved with the request. */
export type DeliveryField = GraphQLFieldConfig<unknown, ResolverContext>

/** Priced by what the query does, not by the default cost of one field (see DELIVERY_QUERY_COSTS). */
export const costOf = (query: DeliveryQuery) => ({
  complexity: ({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }) =>
    deliveryQueryCost(query, args, childComplexity),
})

/** Arguments as GraphQL hands them: undefined and null ones left out, as the REST query string would. */
export const defined = (args: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined && value !== null))

type ListItem = GraphQLEnumType | GraphQLObjectType | GraphQLScalarType
type ListMakers = { GraphQLList: typeof GraphQLList; GraphQLNonNull: typeof GraphQLNonNull }

/** `[T!]!` of the given type, made with the graphql module Payload hands the extension. */
export const nonNullList = ({ GraphQLList, GraphQLNonNull }: ListMakers, type: ListItem) =>
  new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))
