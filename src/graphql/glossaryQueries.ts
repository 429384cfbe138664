import type { SanitizedOptions } from '../../rules/options.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'
import type { GraphQLExtension } from '../../collections/parts.js'
import { lookupGlossary, parseGlossaryLookup } from '../search/lookupGlossary.js'
import { costOf, defined, type DeliveryField, nonNullList } from './queryArgs.js'

/**
 * The glossary's delivery query in GraphQL, with the same rules and answers as its REST
 * endpoint: `glossaryLookup` (GET /api/glossary-terms/lookup). Declared by the glossary terms
 * collection (collections/GlossaryTerms).
 */
export const createGlossaryQueries =
  (options: SanitizedOptions): GraphQLExtension =>
  (graphQL, context) => {
    const { GraphQLBoolean, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = graphQL
    const termType = context.collections[options.collections.glossaryTerms]?.graphQL?.type
    if (!termType) throw new Error(`[${PLUGIN_NAME}] no GraphQL type for "${options.collections.glossaryTerms}"`)
    const termFields = termType.getFields()
    const list = (type: Parameters<typeof nonNullList>[1]) => nonNullList(graphQL, type)

    const articleRef = new GraphQLObjectType({
      name: 'GlossaryArticleRef',
      fields: {
        id: { type: new GraphQLNonNull(GraphQLInt) },
        title: { type: new GraphQLNonNull(GraphQLString) },
        url: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const glossaryHit = new GraphQLObjectType({
      name: 'GlossaryLookupHit',
      fields: {
        definitions: { type: termFields.definitions?.type ?? GraphQLString },
        id: { type: new GraphQLNonNull(GraphQLInt) },
        nciId: { type: new GraphQLNonNull(GraphQLString) },
        needsDefinition: { type: new GraphQLNonNull(GraphQLBoolean) },
        otherLanguages: { type: termFields.otherLanguages?.type ?? GraphQLString },
        term: { type: new GraphQLNonNull(GraphQLString) },
        usedBy: { type: list(articleRef) },
      },
    })
    const glossaryLookupQuery: DeliveryField = {
      extensions: costOf('glossaryLookup'),
      args: {
        audience: { type: GraphQLString },
        id: { type: GraphQLString },
        language: { type: GraphQLString },
        limit: { type: GraphQLInt },
        name: { type: GraphQLString },
        prefix: { type: GraphQLString },
      },
      description: 'Glossary terms by NCI id, by name (case- and accent-insensitive) or by prefix.',
      resolve: async (_source, args: Record<string, unknown>, { req }) =>
        lookupGlossary({ lookup: parseGlossaryLookup(defined(args), options.collections.glossaryTerms, req), options, req }),
      type: list(glossaryHit),
    }
    return { glossaryLookup: glossaryLookupQuery }
  }
