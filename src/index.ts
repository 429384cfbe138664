import type { CollectionConfig, Config, JobsConfig, Payload, Plugin } from 'payload'

import { createArticlesCollection } from '../collections/Articles/index.js'
import { createGlossaryTermsCollection } from '../collections/GlossaryTerms/index.js'
import { createSourcesCollection } from '../collections/Sources/index.js'
import { createWebhookDeliveriesCollection } from '../collections/WebhookDeliveries/index.js'
import { createWebhooksCollection } from '../collections/Webhooks/index.js'
import { withGovernedUsers } from '../collections/Users/index.js'
import { createWorkflowEventsCollection } from '../collections/WorkflowEvents/index.js'
import { type CancerContentPluginOptions, PLUGIN_NAME, sanitizeOptions } from '../rules/options.js'
import { WEBHOOK_QUEUE } from '../rules/webhooks.js'
import { withAdminComponents } from './admin/withAdminComponents.js'
import { createArticleEndpoints } from './endpoints/articleEndpoints.js'
import { createGlossaryEndpoints } from './endpoints/glossaryEndpoints.js'
import { createArticleWorkflowMutation } from './graphql/articleWorkflowMutation.js'
import { createDeliveryQueries } from './graphql/deliveryQueries.js'
import { selectByDefault } from './graphql/selectByDefault.js'
import { createReviewSweepTask, REVIEW_SWEEP_QUEUE } from './jobs/reviewSweepTask.js'
import { tableNameOf, withArticleSearchIndex } from './search/searchIndex.js'
import { createOpenApiEndpoint } from './openapi/openApiEndpoint.js'
import { createWebhookDeliveryTask } from './webhooks/deliveryTask.js'
import { createWebhookEndpoints } from './webhooks/webhookEndpoints.js'

type AutoRun = NonNullable<JobsConfig['autoRun']>

// The host's own auto-run crons, whether it gave a list or a function.
const resolveAutoRun = async (autoRun: AutoRun | undefined, payload: Payload) =>
  typeof autoRun === 'function' ? await autoRun(payload) : (autoRun ?? [])

export type { CancerContentPluginOptions, SanitizedOptions } from '../rules/options.js'
export { DEFAULT_OPTIONS, PLUGIN_NAME, sanitizeOptions } from '../rules/options.js'
export * from '../rules/vocabulary.js'
export { GOVERNED_WRITE } from '../hooks/context.js'
export { ARTICLE_WORKFLOW_MUTATION } from './graphql/articleWorkflowMutation.js'
export { REVIEW_SWEEP_QUEUE, REVIEW_SWEEP_TASK } from './jobs/reviewSweepTask.js'
export { sweepReviewStates, type SweepResult } from './jobs/sweepReviewStates.js'
export { type HttpCachingOptions, withHttpCaching } from './http/withHttpCaching.js'
export { buildOpenApi } from './openapi/buildOpenApi.js'
export { performTransition } from './workflow/performTransition.js'
export {
  signWebhook,
  verifyWebhook,
  WEBHOOK_DELIVERY_TASK,
  WEBHOOK_HEADERS,
  WEBHOOK_QUEUE,
  type WebhookBody,
} from '../rules/webhooks.js'
export { type QueueEntry, reviewQueue } from './workflow/reviewQueue.js'

/**
 * Adds governed cancer-information content to a Payload config: articles, sources, glossary
 * terms, an append-only workflow record and roles on the host's auth collection. Returns a new
 * config and leaves the incoming one untouched.
 *
 * @example
 * buildConfig({ plugins: [cancerContentPlugin({ dueSoonDays: 30 })], ... })
 * @throws Error prefixed with the plugin's name when an option is invalid, a slug is taken, or
 * the auth collection is missing.
 */
export const cancerContentPlugin =
  (pluginOptions: CancerContentPluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    const options = sanitizeOptions(pluginOptions)
    const hostCollections = incomingConfig.collections ?? []

    const users = hostCollections.find((collection) => collection.slug === options.usersCollection)
    if (!users) {
      throw new Error(
        `[${PLUGIN_NAME}] auth collection "${options.usersCollection}" not found: add it to the config or set the usersCollection option`,
      )
    }
    if (!users.auth) {
      throw new Error(`[${PLUGIN_NAME}] collection "${options.usersCollection}" is not an auth collection (auth: true)`)
    }

    const articles = createArticlesCollection(options)
    const glossaryTerms = createGlossaryTermsCollection(options)
    const webhooks = createWebhooksCollection(options)
    const added: CollectionConfig[] = [
      { ...articles, endpoints: [...createArticleEndpoints(options), ...(articles.endpoints || [])] },
      createSourcesCollection(options),
      { ...glossaryTerms, endpoints: [...createGlossaryEndpoints(options), ...(glossaryTerms.endpoints || [])] },
      createWorkflowEventsCollection(options),
      { ...webhooks, endpoints: [...createWebhookEndpoints(options), ...(webhooks.endpoints || [])] },
      createWebhookDeliveriesCollection(options),
    ]
    const taken = added.find((collection) => hostCollections.some((host) => host.slug === collection.slug))
    if (taken) {
      throw new Error(
        `[${PLUGIN_NAME}] the host config already has a collection "${taken.slug}": choose another slug in the collections option`,
      )
    }

    return withAdminComponents(options, {
      ...incomingConfig,
      admin: {
        ...incomingConfig.admin,
        user: incomingConfig.admin?.user ?? options.usersCollection,
      },
      db: withArticleSearchIndex(incomingConfig.db, tableNameOf(options.collections.articles)),
      endpoints: [...(incomingConfig.endpoints ?? []), createOpenApiEndpoint(options)],
      collections: [
        ...hostCollections.map((collection) => (collection === users ? withGovernedUsers(collection) : collection)),
        ...added,
      ],
      graphQL: {
        ...incomingConfig.graphQL,
        mutations: createArticleWorkflowMutation(options, incomingConfig.graphQL?.mutations),
        queries: selectByDefault(
          [options.collections.articles, options.collections.glossaryTerms],
          createDeliveryQueries(options, incomingConfig.graphQL?.queries),
        ),
      },
      jobs: {
        ...incomingConfig.jobs,
        autoRun:
          options.reviewSweep.autoRun || options.webhooks.autoRun
            ? async (payload) => [
                ...(await resolveAutoRun(incomingConfig.jobs?.autoRun, payload)),
                // Every 10 minutes the queue is worked; the schedule decides when a sweep is due.
                ...(options.reviewSweep.autoRun ? [{ cron: '0 */10 * * * *', limit: 5, queue: REVIEW_SWEEP_QUEUE }] : []),
                ...(options.webhooks.autoRun ? [{ cron: options.webhooks.cron, limit: 20, queue: WEBHOOK_QUEUE }] : []),
              ]
            : incomingConfig.jobs?.autoRun,
        tasks: [...(incomingConfig.jobs?.tasks ?? []), createReviewSweepTask(options), createWebhookDeliveryTask(options)],
      },
    })
  }

/** Document types of the plugin's collections, as `payload generate:types` writes them. */
export type { Article, GlossaryTerm, Source, Webhook, WebhookDelivery, WorkflowEvent } from '../payload-types.js'
