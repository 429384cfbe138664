import { APIError, type CollectionBeforeOperationHook, type CollectionSlug, type PayloadRequest } from 'payload'

import { type AccessDecision, decideDelete, decideEdit } from '../rules/articleAccess.js'
import type { SanitizedOptions } from '../rules/options.js'
import { roleOf } from '../rules/roles.js'
import { lockArticle, readArticlePast, readWorkingCopy } from '../records/articleLock.js'
import { governedWriter } from '../rules/governedWrite.js'
import { slugs } from '../rules/collectionSlugs.js'

/** A refusal of the write rules as the error the API answers: 403 for the role, 409 for the state. */
export const accessRefusalError = (decision: AccessDecision): APIError | null =>
  decision.ok ? null : new APIError(decision.refusal.message, decision.refusal.kind === 'forbidden' ? 403 : 409, null, true)

// The article a restore writes to is the parent of the version it names.
const parentOfVersion = async (req: PayloadRequest, slug: CollectionSlug, versionId: unknown): Promise<null | number | string> => {
  if ((typeof versionId !== 'number' && typeof versionId !== 'string') || !/^[1-9]\d{0,14}$/.test(String(versionId))) return null
  const { docs } = await req.payload.db.findVersions({
    collection: slug,
    limit: 1,
    pagination: false,
    req,
    where: { id: { equals: versionId } },
  })
  const parent: unknown = docs[0]?.parent
  return typeof parent === 'number' || typeof parent === 'string' ? parent : null
}

/**
 * Serialises the writes to one article: an update or delete by id and a version restore lock
 * the article's row in their transaction before Payload reads the document they change, so that
 * they act on the state the previous writer left. A signed-in user's write is then judged on that
 * working copy by the rules of rules/articleAccess.ts (409 for the state, 403 for the role, with
 * the reason); anonymous callers take no lock (access refuses them). Bulk writes lock each
 * article as they reach it (see protectWorkflowFieldsBeforeChange and refuseDeleteBeforeDelete).
 */
export const serialiseArticleWritesBeforeOperation =
  (options: SanitizedOptions): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    if (!req.user && !overrideAccess) return args
    if (operation !== 'update' && operation !== 'delete' && operation !== 'restoreVersion') return args
    const given: unknown = 'id' in args ? args.id : undefined
    if (given === undefined || given === null) return args
    const id = operation === 'restoreVersion' ? await parentOfVersion(req, collection.slug, given) : given
    if ((typeof id !== 'number' && typeof id !== 'string') || !(await lockArticle(req, collection.slug, id))) return args
    if (governedWriter(req.context) || !req.user) return args

    const working = await readWorkingCopy(req, collection.slug, id)
    if (!working) return args
    const role = roleOf(req.user)
    const decision =
      operation === 'delete'
        ? decideDelete({ role, status: working.status, ...(await readArticlePast(req, slugs(options), working)) })
        : decideEdit({ role, status: working.status })
    const refusal = accessRefusalError(decision)
    if (refusal) throw refusal
    return args
  }
