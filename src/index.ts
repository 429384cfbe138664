import type { CollectionConfig, Config, JobsConfig, Payload, Plugin } from 'payload'

import { createArticlesCollection } from '../collections/Articles/index.js'
import { createGlossaryTermsCollection } from '../collections/GlossaryTerms/index.js'
import { createSourcesCollection } from '../collections/Sources/index.js'
import { createWebhookDeliveriesCollection } from '../collections/WebhookDeliveries/index.js'
import { createWebhooksCollection } from '../collections/Webhooks/index.js'
import { withGovernedUsers } from '../collections/Users/index.js'
import { createReviewSweepRunsCollection } from '../collections/ReviewSweepRuns/index.js'
import { createWorkflowEventsCollection } from '../collections/WorkflowEvents/index.js'
import { withInputChecks, withLockCheckInTransaction, withReadGuards } from '../collections/governed.js'
import { listenToPoolErrors } from './database/poolErrors.js'
import { requireRealTransactions } from './database/requireRealTransactions.js'
import { type CancerContentPluginOptions, PLUGIN_NAME, type SanitizedOptions, sanitizeOptions } from '../rules/options.js'
import { classifyErrorAfterError } from './http/classifyErrorAfterError.js'
import { WEBHOOK_QUEUE } from '../rules/webhooks.js'
import { withAdminComponents } from './admin/withAdminComponents.js'
import { hideSuggestionsAfterError, hideSuggestionsRule } from './graphql/hideSuggestions.js'
import { boundedLogger } from './logging/boundedLogger.js'
import { createReviewSweepTask, REVIEW_SWEEP_QUEUE } from './jobs/reviewSweepTask.js'
import { indexArticlesForSearch, indexUnindexedArticles } from './search/indexArticlesForSearch.js'
import { IMPORT_SUPPORT, type ImportSupport } from '../seed/bulk.js'
import { searchTableOf, tableNameOf } from './search/searchIndex.js'
import { composeGraphQL } from './graphql/composeGraphQL.js'
import { withSchemaHooks } from './database/withSchemaHooks.js'
import { partsOf } from '../collections/parts.js'
import { createOpenApiEndpoint } from './openapi/openApiEndpoint.js'
import { createReviewDigestTask } from './notifications/digestTask.js'
import { createNotifyTask } from './notifications/notifyTask.js'
import { NOTIFY_QUEUE } from './notifications/queueNotification.js'
import { createWebhookDeliveryTask } from './webhooks/deliveryTask.js'
import { createEvidenceChecksCollection } from '../collections/EvidenceChecks/index.js'
import { createLinkedChangesCollection } from '../collections/LinkedChanges/index.js'
import { createEvidenceCheckTask, EVIDENCE_CHECK_QUEUE } from './trust/evidenceChecker.js'

type AutoRun = NonNullable<JobsConfig['autoRun']>

// The host's own auto-run crons, whether it gave a list or a function.
const resolveAutoRun = async (autoRun: AutoRun | undefined, payload: Payload) =>
  typeof autoRun === 'function' ? await autoRun(payload) : (autoRun ?? [])

export type { CancerContentPluginOptions, SanitizedOptions } from '../rules/options.js'
export { DEFAULT_OPTIONS, PLUGIN_NAME, pluginOptionsOf, sanitizeOptions } from '../rules/options.js'
export * from '../rules/vocabulary.js'
export { GOVERNED_WRITE } from '../rules/governedWrite.js'
export { ARTICLE_WORKFLOW_MUTATION, ASSIGN_REVIEWER_MUTATION } from './graphql/articleWorkflowMutation.js'
export { NOTIFY_QUEUE, NOTIFY_TASK, REVIEW_DIGEST_TASK } from './notifications/queueNotification.js'
export { ATTESTATION } from '../rules/attestation.js'
export { displayName, displayTitle } from '../rules/displayName.js'
export { type ArticleChanges, articleChanges } from './workflow/articleChanges.js'
export { assignReviewer } from './workflow/assignReviewer.js'
export { REVIEW_SWEEP_QUEUE, REVIEW_SWEEP_TASK } from './jobs/reviewSweepTask.js'
export { sweepReviewStates, type SweepResult } from './jobs/sweepReviewStates.js'
export { type HttpCachingOptions, withHttpCaching } from './http/withHttpCaching.js'
export { type ContentVersionOptions, contentVersion } from './http/contentVersion.js'
export { withErrorBoundary } from './http/withErrorBoundary.js'
export { withAnswerBudget } from './http/withAnswerBudget.js'
export { type AdmissionOptions, AnonymousLine, withAdmission } from './http/withAdmission.js'
export { boundedLogger } from './logging/boundedLogger.js'
export { boundErrorForLog } from '../rules/logBounds.js'
export { classifyError, type ErrorClass } from '../rules/errorClass.js'
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
export { EVIDENCE_CHECK_QUEUE, EVIDENCE_CHECK_TASK, runEvidenceCheck, type EvidenceCheckRun } from './trust/evidenceChecker.js'
export { type QueueEntry, type QueueFilter, type QueueReason, reviewQueue } from './workflow/reviewQueue.js'

// The articles collection with what the importer's bulk path (seed/bulk.ts) reads of the plugin:
// its options and the search indexing of articles, so it applies the same rules and indexing as
// the collection's hooks. Added here, not by the factory: the importer stands above the collections.
const withImportSupport = (articles: CollectionConfig, options: SanitizedOptions, articlesTable: string): CollectionConfig => {
  const support: ImportSupport = {
    indexForSearch: (db, ids) => indexArticlesForSearch(db, articlesTable, ids),
    options,
    searchTable: searchTableOf(articlesTable),
  }
  return { ...articles, custom: { ...articles.custom, [IMPORT_SUPPORT]: support } }
}

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

    const articlesTable = tableNameOf(options.collections.articles)
    // Each factory declares its own parts: fields, admin components, hooks, endpoints.
    const added: CollectionConfig[] = [
      withImportSupport(createArticlesCollection(options), options, articlesTable),
      createSourcesCollection(options),
      createGlossaryTermsCollection(options),
      createWorkflowEventsCollection(options),
      createReviewSweepRunsCollection(),
      createWebhooksCollection(options),
      createWebhookDeliveriesCollection(options),
      createEvidenceChecksCollection(),
      createLinkedChangesCollection(options.collections.articles),
    ].map(withInputChecks)
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
      // The sanitised options, for code that runs outside this factory (pluginOptionsOf).
      custom: { ...incomingConfig.custom, [PLUGIN_NAME]: options },
      hooks: {
        ...incomingConfig.hooks,
        // One classification of escaped errors for every route: bad input 400, database down 503.
        afterError: [...(incomingConfig.hooks?.afterError ?? []), classifyErrorAfterError, hideSuggestionsAfterError],
      },
      logger: incomingConfig.logger ?? boundedLogger(),
      // What the collections declared beside their own config: tables and GraphQL pieces.
      db: withSchemaHooks(incomingConfig.db, added.flatMap((collection) => partsOf(collection).schemaHooks ?? [])),
      endpoints: [...(incomingConfig.endpoints ?? []), createOpenApiEndpoint(options)],
      collections: [
        ...hostCollections.map((collection) => (collection === users ? withInputChecks(withGovernedUsers(collection)) : collection)),
        ...added,
      ].map((collection) => withLockCheckInTransaction(withReadGuards(collection, options))),
      graphQL: {
        ...incomingConfig.graphQL,
        validationRules: (args) => [...(incomingConfig.graphQL?.validationRules?.(args) ?? []), hideSuggestionsRule],
        ...composeGraphQL(added, incomingConfig.graphQL),
      },
      onInit: async (payload) => {
        // First: a connection lost while idle must never be an uncaught exception.
        listenToPoolErrors(payload)
        // Nothing is served on transactions that are not real (two copies of `pg`).
        await requireRealTransactions(payload)
        await incomingConfig.onInit?.(payload)
        // Articles saved before the search table existed (a pushed development database) get
        // their vectors once; a migrated database got them from its migration.
        await indexUnindexedArticles(payload, articlesTable).catch((error: unknown) =>
          payload.logger.warn(`[${PLUGIN_NAME}] could not index older articles for search: ${String(error)}`),
        )
      },
      jobs: {
        ...incomingConfig.jobs,
        autoRun:
          options.reviewSweep.autoRun ||
          options.webhooks.autoRun ||
          options.evidenceCheck.autoRun ||
          (options.notifications.enabled && options.notifications.autoRun)
            ? async (payload) => [
                ...(await resolveAutoRun(incomingConfig.jobs?.autoRun, payload)),
                // Every 10 minutes the queues are worked; the schedules decide when a sweep or an evidence check is due.
                ...(options.reviewSweep.autoRun ? [{ cron: '0 */10 * * * *', limit: 5, queue: REVIEW_SWEEP_QUEUE }] : []),
                ...(options.evidenceCheck.autoRun ? [{ cron: '0 */10 * * * *', limit: 1, queue: EVIDENCE_CHECK_QUEUE }] : []),
                ...(options.webhooks.autoRun ? [{ cron: options.webhooks.cron, limit: 20, queue: WEBHOOK_QUEUE }] : []),
                ...(options.notifications.enabled && options.notifications.autoRun
                  ? [{ cron: options.notifications.cron, limit: 20, queue: NOTIFY_QUEUE }]
                  : []),
              ]
            : incomingConfig.jobs?.autoRun,
        tasks: [
          ...(incomingConfig.jobs?.tasks ?? []),
          createReviewSweepTask(options),
          createWebhookDeliveryTask(options),
          createEvidenceCheckTask(options),
          createNotifyTask(options),
          createReviewDigestTask(options),
        ],
      },
    })
  }

/** Document types of the plugin's collections, as `payload generate:types` writes them. */
export type { Article, GlossaryTerm, Source, Webhook, WebhookDelivery, WorkflowEvent } from '../payload-types.js'
