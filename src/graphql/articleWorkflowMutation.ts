import type { Config, PayloadRequest } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { WORKFLOW_ACTIONS } from '../../rules/vocabulary.js'
import { performTransition } from '../workflow/performTransition.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

type GraphQLExtension = NonNullable<NonNullable<Config['graphQL']>['mutations']>

/** Name of the GraphQL mutation that moves an article through the workflow. */
export const ARTICLE_WORKFLOW_MUTATION = 'articleWorkflow'

/**
 * Adds `articleWorkflow(id, action, comment)` to the GraphQL schema: the same transition, rules
 * and errors as `POST /api/articles/:id/workflow`, answering the updated article.
 */
export const createArticleWorkflowMutation =
  (options: SanitizedOptions, hostMutations?: GraphQLExtension): GraphQLExtension =>
  (graphQL, context) => {
    const articleType = context.collections[options.collections.articles]?.graphQL?.type
    if (!articleType) throw new Error(`[${PLUGIN_NAME}] no GraphQL type for "${options.collections.articles}"`)
    const action = new graphQL.GraphQLEnumType({
      name: 'ArticleWorkflowAction',
      values: Object.fromEntries(WORKFLOW_ACTIONS.map((value) => [value, { value }])),
    })
    return {
      ...hostMutations?.(graphQL, context),
      [ARTICLE_WORKFLOW_MUTATION]: {
        args: {
          action: { type: new graphQL.GraphQLNonNull(action) },
          comment: { type: graphQL.GraphQLString },
          id: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLID) },
        },
        description: 'Move an article through the review workflow: submit, approve, request_changes (comment required) or retire.',
        resolve: async (
          _source: unknown,
          args: { action: string; comment?: null | string; id: number | string },
          { req }: { req: PayloadRequest },
        ) => performTransition({ body: { action: args.action, comment: args.comment }, id: args.id, options, req }),
        type: articleType,
      },
    }
  }
