import { sql } from '@payloadcms/db-postgres/drizzle'
import type { CollectionAfterChangeHook, CollectionBeforeOperationHook, RequestContext } from 'payload'

import { savesOnlyAVersion } from '../rules/search.js'
import { sqlRunnerOf } from '../src/records/articleLock.js'
import { refreshSearchVectorsSql } from '../src/search/searchIndex.js'

/** Where a request notes the articles whose current save writes only a version: id → true. */
const VERSION_ONLY_SAVES = 'cancerContentVersionOnlySaves'

const versionOnlySaves = (context: RequestContext): Record<string, true> => {
  const noted = context[VERSION_ONLY_SAVES]
  if (typeof noted === 'object' && noted !== null) return noted as Record<string, true>
  const fresh: Record<string, true> = {}
  context[VERSION_ONLY_SAVES] = fresh
  return fresh
}

/**
 * Notes, for `indexArticleForSearchAfterChange`, whether an update by id writes only a version
 * (rules/search.ts, `savesOnlyAVersion`): Payload's afterChange hooks are not told whether the
 * save was a draft. Each update of the article decides anew.
 */
export const noteVersionOnlySavesBeforeOperation: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'update' || !('id' in args) || (typeof args.id !== 'number' && typeof args.id !== 'string')) return args
  const data: unknown = 'data' in args ? args.data : undefined
  const status = typeof data === 'object' && data !== null && '_status' in data ? data._status : undefined
  const draft = 'draft' in args && typeof args.draft === 'boolean' ? args.draft : null
  const noted = versionOnlySaves(req.context)
  if (savesOnlyAVersion({ draft, operation, status })) noted[String(args.id)] = true
  else delete noted[String(args.id)]
  return args
}

/**
 * Stores the article's weighted search vector after every save that changes its row (create,
 * update, publish, transition), parsed once from the row as stored, in the save's transaction.
 * A draft saved over an existing article leaves the row, hence its vector, as it was: skipped.
 */
export const indexArticleForSearchAfterChange =
  (articlesTable: string): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    const noted = versionOnlySaves(req.context)
    const key = String(doc.id)
    if (operation === 'update' && noted[key]) {
      delete noted[key]
      return doc
    }
    // In the save's transaction: the vector commits (or rolls back) with the save.
    const db = await sqlRunnerOf(req)
    await db.execute(refreshSearchVectorsSql(articlesTable, sql`a.id = ${doc.id}`))
    return doc
  }
