import type { SanitizedOptions } from '../../rules/options.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'
import type { GraphQLExtension } from '../../collections/parts.js'
import { articlePage } from '../delivery/articlePage.js'
import { parseSearchParams, searchArticles } from '../search/searchArticles.js'
import { costOf, defined, type DeliveryField, nonNullList } from './queryArgs.js'

type PageDefinitionSource = { pronunciation?: null | { audio?: null | string; key?: null | string } }

/**
 * The articles' delivery queries in GraphQL, with the same rules and answers as their REST
 * endpoints: `searchArticles` (GET /api/articles/search) and `articlePage` (GET
 * /api/articles/page). Declared by the articles collection (collections/Articles).
 */
export const createArticleQueries =
  (options: SanitizedOptions): GraphQLExtension =>
  (graphQL, context) => {
    const { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLString } = graphQL
    const articleType = context.collections[options.collections.articles]?.graphQL?.type
    if (!articleType) throw new Error(`[${PLUGIN_NAME}] no GraphQL type for "${options.collections.articles}"`)
    const list = (type: Parameters<typeof nonNullList>[1]) => nonNullList(graphQL, type)

    const hit = new GraphQLObjectType({
      name: 'ArticleSearchHit',
      fields: {
        article: { type: new GraphQLNonNull(articleType) },
        rank: { type: new GraphQLNonNull(GraphQLFloat) },
        snippet: { description: 'A passage with the matches in <mark>, safe to insert as HTML.', type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const searchResult = new GraphQLObjectType({
      name: 'ArticleSearchResult',
      fields: {
        docs: { type: list(hit) },
        limit: { type: new GraphQLNonNull(GraphQLInt) },
        moreMatches: {
          description: 'More articles match than a search ranks (1,000 from each candidate set): totalDocs counts the ranked ones. Narrow the query.',
          type: new GraphQLNonNull(GraphQLBoolean),
        },
        page: { type: new GraphQLNonNull(GraphQLInt) },
        totalDocs: { description: 'The hits one can page through: every match, or the ranked candidates when moreMatches.', type: new GraphQLNonNull(GraphQLInt) },
        totalPages: { type: new GraphQLNonNull(GraphQLInt) },
      },
    })
    const pageDefinition = new GraphQLObjectType<PageDefinitionSource>({
      name: 'ArticlePageDefinition',
      fields: {
        html: { type: GraphQLString },
        pronunciationAudio: { resolve: (definition: PageDefinitionSource) => definition.pronunciation?.audio ?? null, type: GraphQLString },
        pronunciationKey: { resolve: (definition: PageDefinitionSource) => definition.pronunciation?.key ?? null, type: GraphQLString },
        termName: { type: GraphQLString },
        text: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const pageTerm = new GraphQLObjectType({
      name: 'ArticlePageGlossaryTerm',
      fields: {
        definition: { type: pageDefinition },
        id: { type: new GraphQLNonNull(GraphQLInt) },
        nciId: { type: new GraphQLNonNull(GraphQLString) },
        term: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const pageSource = new GraphQLObjectType({
      name: 'ArticlePageSource',
      fields: {
        homeUrl: { type: GraphQLString },
        label: { type: new GraphQLNonNull(GraphQLString) },
        name: { type: GraphQLString },
      },
    })
    const pageLink = new GraphQLObjectType({
      name: 'ArticlePageLink',
      fields: {
        audienceLevel: { type: new GraphQLNonNull(GraphQLString) },
        id: { type: new GraphQLNonNull(GraphQLInt) },
        language: { type: new GraphQLNonNull(GraphQLString) },
        title: { type: new GraphQLNonNull(GraphQLString) },
        url: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const pageChange = new GraphQLObjectType({
      name: 'ArticlePageChange',
      fields: { date: { type: new GraphQLNonNull(GraphQLString) }, note: { type: new GraphQLNonNull(GraphQLString) } },
    })
    const pageEvidence = new GraphQLObjectType({
      name: 'ArticlePageEvidence',
      fields: {
        checkedAt: { type: GraphQLString },
        identifier: { type: GraphQLString },
        kind: { type: new GraphQLNonNull(GraphQLString) },
        label: { type: GraphQLString },
        status: { description: 'ok, redirected, broken or unreachable; null until checked.', type: GraphQLString },
        url: { type: new GraphQLNonNull(GraphQLString) },
      },
    })
    const page = new GraphQLObjectType({
      name: 'ArticlePage',
      fields: {
        changes: { description: 'The changelog, newest first.', type: list(pageChange) },
        counterparts: { description: 'The same topic for the other audience (approved ones only for anonymous readers).', type: list(pageLink) },
        evidence: { description: 'The evidence links with their last check.', type: list(pageEvidence) },
        translations: { description: 'The same article in other languages (approved ones only for anonymous readers).', type: list(pageLink) },
        article: { description: 'The article (its source is given beside it).', type: new GraphQLNonNull(articleType) },
        bodyHtml: { type: new GraphQLNonNull(GraphQLString) },
        bodyText: { type: new GraphQLNonNull(GraphQLString) },
        glossary: { type: list(pageTerm) },
        source: { type: pageSource },
      },
    })

    const searchArticlesQuery: DeliveryField = {
      extensions: costOf('searchArticles'),
      args: {
        audience: { type: GraphQLString },
        cancerType: { type: GraphQLString },
        language: { type: GraphQLString },
        limit: { type: GraphQLInt },
        maxTier: { type: GraphQLInt },
        page: { type: GraphQLInt },
        q: { type: new GraphQLNonNull(GraphQLString) },
        source: { type: GraphQLID },
        tag: { type: GraphQLString },
      },
      description: 'Full-text search of approved articles, ranked, with highlighted snippets.',
      resolve: async (_source, args: Record<string, unknown>, { req }) =>
        searchArticles({ options, params: parseSearchParams(defined(args), options.collections.articles, req), req }),
      type: new GraphQLNonNull(searchResult),
    }
    const articlePageQuery: DeliveryField = {
      extensions: costOf('articlePage'),
      args: { id: { type: GraphQLID }, url: { type: GraphQLString } },
      description: 'Everything an article page needs, in one answer.',
      resolve: async (_source, args: Record<string, unknown>, { req }) => {
        const result = await articlePage({ options, params: defined(args), req })
        const { bodyHtml, bodyText, changes, counterparts, evidence, glossary, source, translations, ...article } = result
        return {
          article: { ...article, changes, evidence, source: null },
          bodyHtml,
          bodyText,
          changes,
          counterparts,
          evidence,
          glossary,
          source,
          translations,
        }
      },
      type: new GraphQLNonNull(page),
    }
    return { articlePage: articlePageQuery, searchArticles: searchArticlesQuery }
  }
