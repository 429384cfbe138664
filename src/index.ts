import type { CollectionConfig, Config, Plugin } from 'payload'

import { createArticlesCollection } from '../collections/Articles/index.js'
import { createGlossaryTermsCollection } from '../collections/GlossaryTerms/index.js'
import { createSourcesCollection } from '../collections/Sources/index.js'
import { withGovernedUsers } from '../collections/Users/index.js'
import { createWorkflowEventsCollection } from '../collections/WorkflowEvents/index.js'
import { type CancerContentPluginOptions, PLUGIN_NAME, sanitizeOptions } from '../rules/options.js'

export type { CancerContentPluginOptions, SanitizedOptions } from '../rules/options.js'
export { DEFAULT_OPTIONS, PLUGIN_NAME, sanitizeOptions } from '../rules/options.js'
export * from '../rules/vocabulary.js'

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

    const added: CollectionConfig[] = [
      createArticlesCollection(options),
      createSourcesCollection(options),
      createGlossaryTermsCollection(options),
      createWorkflowEventsCollection(options),
    ]
    const taken = added.find((collection) => hostCollections.some((host) => host.slug === collection.slug))
    if (taken) {
      throw new Error(
        `[${PLUGIN_NAME}] the host config already has a collection "${taken.slug}": choose another slug in the collections option`,
      )
    }

    return {
      ...incomingConfig,
      admin: {
        ...incomingConfig.admin,
        user: incomingConfig.admin?.user ?? options.usersCollection,
      },
      collections: [
        ...hostCollections.map((collection) => (collection === users ? withGovernedUsers(collection) : collection)),
        ...added,
      ],
    }
  }

/** Document types of the plugin's collections, as `payload generate:types` writes them. */
export type { Article, GlossaryTerm, Source, WorkflowEvent } from '../payload-types.js'
