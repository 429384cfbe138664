import type { PayloadRequest } from 'payload'

import type { GraphQLExtension } from '../../collections/parts.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { WORKFLOW_ACTIONS } from '../../rules/vocabulary.js'
import { assignReviewer } from '../workflow/assignReviewer.js'
import { performTransition } from '../workflow/performTransition.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** Name of the GraphQL mutation that moves an article through the workflow. */
export const ARTICLE_WORKFLOW_MUTATION = 'articleWorkflow'

/** Name of the GraphQL mutation that assigns the reviewer of a submission. */
export const ASSIGN_REVIEWER_MUTATION = 'assignArticleReviewer'

type WorkflowArgs = {
  action: string
  assignee?: null | number
  attestation?: boolean | null
  changeNote?: null | string
  comment?: null | string
  id: number | string
}

// GraphQL sends absent arguments as undefined; the REST body schema takes them the same way.
const definedArgs = (args: Omit<WorkflowArgs, 'id'>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined))

/**
 * Adds `articleWorkflow(id, action, comment, changeNote, assignee, attestation)` and
 * `assignArticleReviewer(id, assignee)` to the GraphQL schema: the same rules and errors as
 * `POST /api/articles/:id/workflow` and `POST /api/articles/:id/assignment`, answering the
 * updated article. Declared by the articles collection (collections/Articles).
 */
export const createArticleWorkflowMutation =
  (options: SanitizedOptions): GraphQLExtension =>
  (graphQL, context) => {
    const articleType = context.collections[options.collections.articles]?.graphQL?.type
    if (!articleType) throw new Error(`[${PLUGIN_NAME}] no GraphQL type for "${options.collections.articles}"`)
    const action = new graphQL.GraphQLEnumType({
      name: 'ArticleWorkflowAction',
      values: Object.fromEntries(WORKFLOW_ACTIONS.map((value) => [value, { value }])),
    })
    return {
      [ARTICLE_WORKFLOW_MUTATION]: {
        args: {
          action: { type: new graphQL.GraphQLNonNull(action) },
          assignee: { type: graphQL.GraphQLInt },
          attestation: { type: graphQL.GraphQLBoolean },
          changeNote: { type: graphQL.GraphQLString },
          comment: { type: graphQL.GraphQLString },
          id: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLID) },
        },
        description:
          'Move an article through the review workflow: submit (changeNote required once the article has been live; assignee optional), approve and reaffirm (attestation: true required), request_changes (comment required) or retire.',
        resolve: async (_source: unknown, { id, ...args }: WorkflowArgs, { req }: { req: PayloadRequest }) =>
          performTransition({ body: definedArgs(args), id, options, req }),
        type: articleType,
      },
      [ASSIGN_REVIEWER_MUTATION]: {
        args: {
          assignee: { type: graphQL.GraphQLInt },
          id: { type: new graphQL.GraphQLNonNull(graphQL.GraphQLID) },
        },
        description:
          'Assign the reviewer of a submission waiting for review (null to unassign): a reviewer takes an unassigned one for themself, an admin assigns any reviewer; never its submitter or last editor.',
        resolve: async (
          _source: unknown,
          args: { assignee?: null | number; id: number | string },
          { req }: { req: PayloadRequest },
        ) => {
          await assignReviewer({ body: { assignee: args.assignee ?? null }, id: args.id, options, req })
          return req.payload.findByID({
            collection: options.collections.articles as 'articles',
            depth: 0,
            draft: true,
            id: args.id,
            overrideAccess: false,
            req,
            user: req.user,
          })
        },
        type: articleType,
      },
    }
  }
