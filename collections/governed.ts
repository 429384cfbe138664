import type { CollectionConfig } from 'payload'

import { awaitContentVersionBeforeOperation } from '../hooks/awaitContentVersionBeforeOperation.js'
import { checkLocksInTransactionBeforeOperation } from '../hooks/checkLocksInTransactionBeforeOperation.js'
import { checkRequestInputBeforeOperation, withVersionQueryChecks } from '../hooks/checkRequestInputBeforeOperation.js'
import { chargeResponseBudgetAfterOperation, guardReadsBeforeOperation } from '../hooks/guardReadsBeforeOperation.js'
import type { SanitizedOptions } from '../rules/options.js'

/**
 * The hooks the plugin adds to collections it does not declare itself: the checks of every
 * collection it adds or governs, and the guards every collection of the app gets, the host's
 * included. Each returns a new collection config and appends to the collection's own hooks.
 */

/**
 * Query and write input is checked before SQL on every collection the plugin adds or governs;
 * it runs first (after waiting for a content version `withHttpCaching` is reading), so later
 * hooks only ever see well-formed input.
 */
export const withInputChecks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  access: collection.access?.readVersions
    ? {
        ...collection.access,
        readVersions: withVersionQueryChecks(collection.access.readVersions, collection.slug),
      }
    : collection.access,
  hooks: {
    ...collection.hooks,
    beforeOperation: [awaitContentVersionBeforeOperation, checkRequestInputBeforeOperation, ...(collection.hooks?.beforeOperation ?? [])],
  },
})

/**
 * Payload's lock check queries outside the request's transaction; every collection makes it
 * inside instead (hooks/checkLocksInTransactionBeforeOperation.ts), after the host's own hooks.
 */
export const withLockCheckInTransaction = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    beforeOperation: [...(collection.hooks?.beforeOperation ?? []), checkLocksInTransactionBeforeOperation],
  },
})

/** Every collection, the host's included, gets the one guard of reads and the response budget. */
export const withReadGuards = (collection: CollectionConfig, options: SanitizedOptions): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterOperation: [...(collection.hooks?.afterOperation ?? []), chargeResponseBudgetAfterOperation(options.limits)],
    beforeOperation: [...(collection.hooks?.beforeOperation ?? []), guardReadsBeforeOperation(options.limits)],
  },
})
