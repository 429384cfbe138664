import { Forbidden, NotFound, type PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { newestVersionOf } from '../records/articleVersions.js'
import { latestChangeNote } from '../records/workflowEvents.js'
import { type ArticleChanges, bodyChanges, fieldChanges, type VersionRef } from '../../rules/changes.js'

export type { ArticleChanges, VersionRef } from '../../rules/changes.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { isStaff } from '../../rules/roles.js'

const SERIAL_ID = /^[1-9]\d{0,14}$/

const textOf = (version: Record<string, unknown> | undefined): string =>
  typeof version?.bodyText === 'string' ? version.bodyText : ''

/**
 * What a pending update changes against the live version: the fields that differ and the body's
 * word diff with a little context (rules/changes.ts), with the submission's change note. A
 * first submission shows everything as new; an article without a pending update has no changes.
 * Staff only.
 * @throws Forbidden (403) for anyone but staff, NotFound (404) for an unknown article
 */
export const articleChanges = async ({
  id,
  options,
  req,
}: {
  id: unknown
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<ArticleChanges> => {
  if (!isStaff(req.user)) throw new Forbidden(req.t)
  if ((typeof id !== 'string' && typeof id !== 'number') || !SERIAL_ID.test(String(id))) throw new NotFound(req.t)
  const { articles, workflowEvents } = slugs(options)
  const [working, published] = await Promise.all([
    newestVersionOf(req, articles, Number(id)),
    newestVersionOf(req, articles, Number(id), { 'version._status': { equals: 'published' } }),
  ])
  if (!working) throw new NotFound(req.t)
  const ref = (doc: { id: number | string; updatedAt: string }): VersionRef => ({ updatedAt: doc.updatedAt, versionId: String(doc.id) })
  const pendingDoc = working.version._status === 'published' ? null : working
  if (!pendingDoc) {
    return { body: [], changeNote: null, fields: [], pending: null, published: published ? ref(published) : null, truncated: false }
  }
  const before = published ? (published.version as unknown as Record<string, unknown>) : null
  const after = pendingDoc.version as unknown as Record<string, unknown>
  const { runs, truncated } = bodyChanges(before ? textOf(before) : null, textOf(after))
  const changeNote = await latestChangeNote(req, workflowEvents, Number(id), published?.updatedAt)
  return {
    body: runs,
    changeNote,
    fields: fieldChanges(before, after),
    pending: ref(pendingDoc),
    published: published ? ref(published) : null,
    truncated,
  }
}
