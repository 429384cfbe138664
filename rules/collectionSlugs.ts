import type { CollectionSlugs, SanitizedOptions } from './options.js'

/**
 * The slugs of the plugin's collections, typed as the collections they name in the generated
 * types. A host may rename a collection, but its documents keep the plugin's shape, so the
 * plugin's own Local API calls are typed by the default slug's document type.
 */
export const typedCollectionSlugs = (collections: CollectionSlugs) => ({
  articles: collections.articles as 'articles',
  glossaryTerms: collections.glossaryTerms as 'glossary-terms',
  sources: collections.sources as 'sources',
  webhookDeliveries: collections.webhookDeliveries as 'webhook-deliveries',
  webhooks: collections.webhooks as 'webhooks',
  workflowEvents: collections.workflowEvents as 'workflow-events',
})

/** The configured collection slugs (the plugin's and the host's auth collection), typed as above. */
export const slugs = (options: Pick<SanitizedOptions, 'collections' | 'usersCollection'>) => ({
  ...typedCollectionSlugs(options.collections),
  users: options.usersCollection as 'users',
})
