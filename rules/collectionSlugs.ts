import type { SanitizedOptions } from './options.js'

/**
 * The configured collection slugs, typed as the collections they name in the generated types.
 * A host may rename a collection, but its documents keep the plugin's shape, so the plugin's
 * own Local API calls are typed by the default slug's document type.
 */
export const slugs = (options: SanitizedOptions) => ({
  articles: options.collections.articles as 'articles',
  glossaryTerms: options.collections.glossaryTerms as 'glossary-terms',
  sources: options.collections.sources as 'sources',
  users: options.usersCollection as 'users',
  webhookDeliveries: options.collections.webhookDeliveries as 'webhook-deliveries',
  webhooks: options.collections.webhooks as 'webhooks',
  workflowEvents: options.collections.workflowEvents as 'workflow-events',
})
