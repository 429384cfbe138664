import type { CollectionBeforeDeleteHook } from 'payload'

import { decideDelete } from '../rules/articleAccess.js'
import type { SanitizedOptions } from '../rules/options.js'
import { roleOf } from '../rules/roles.js'
import { lockArticle, readArticlePast, readWorkingCopy } from '../records/articleLock.js'
import { accessRefusalError } from './serialiseArticleWritesBeforeOperation.js'
import { slugs } from '../rules/collectionSlugs.js'

/**
 * The delete rule of rules/articleAccess.ts for every article a delete reaches, bulk deletes
 * (`DELETE /api/articles?where…`) included: the article is locked, then judged on its working
 * copy and its past (nobody deletes what is in review or was ever live; editors only drafts
 * never submitted). Server code without a user is not judged.
 */
export const refuseDeleteBeforeDelete =
  (options: SanitizedOptions): CollectionBeforeDeleteHook =>
  async ({ collection, id, req }) => {
    if ((await lockArticle(req, collection.slug, id)) === false || !req.user) return
    const working = await readWorkingCopy(req, collection.slug, id)
    if (!working) return
    const past = await readArticlePast(req, slugs(options), working)
    const refusal = accessRefusalError(decideDelete({ role: roleOf(req.user), status: working.status, ...past }))
    if (refusal) throw refusal
  }
