import { Forbidden, NotFound, type PayloadRequest, type Where } from 'payload'

import { slugs } from '../../hooks/slugs.js'
import { type BodyRun, bodyChanges, type FieldChange, fieldChanges } from '../../rules/changes.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { isStaff } from '../../rules/roles.js'

/** A version of an article as the summary names it. */
export interface VersionRef {
  updatedAt: string
  versionId: string
}

/** What `GET /api/articles/:id/changes` answers. */
export interface ArticleChanges {
  body: BodyRun[]
  /** The change note of the submission of the pending update, if it has one. */
  changeNote: null | string
  fields: FieldChange[]
  /** The pending update (the working copy when it is not the live version), or `null`. */
  pending: null | VersionRef
  /** The live version, or `null` for an article never published. */
  published: null | VersionRef
  /** True when the body runs were cut to the answer's bounds. */
  truncated: boolean
}

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
  const versionsOf = (where: Where) =>
    req.payload.findVersions({
      collection: articles,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      sort: '-updatedAt',
      where: { and: [{ parent: { equals: Number(id) } }, where] },
    })
  const [latest, live] = await Promise.all([versionsOf({}), versionsOf({ 'version._status': { equals: 'published' } })])
  const working = latest.docs[0]
  if (!working) throw new NotFound(req.t)
  const published = live.docs[0] ?? null
  const ref = (doc: { id: number | string; updatedAt: string }): VersionRef => ({ updatedAt: doc.updatedAt, versionId: String(doc.id) })
  const pendingDoc = working.version._status === 'published' ? null : working
  if (!pendingDoc) {
    return { body: [], changeNote: null, fields: [], pending: null, published: published ? ref(published) : null, truncated: false }
  }
  const before = published ? (published.version as unknown as Record<string, unknown>) : null
  const after = pendingDoc.version as unknown as Record<string, unknown>
  const { runs, truncated } = bodyChanges(before ? textOf(before) : null, textOf(after))
  const { docs: submits } = await req.payload.find({
    collection: workflowEvents,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { changeNote: true, createdAt: true },
    sort: '-createdAt',
    where: {
      and: [
        { article: { equals: Number(id) } },
        { action: { equals: 'submit' } },
        ...(published ? [{ createdAt: { greater_than_equal: published.updatedAt } }] : []),
      ],
    },
  })
  return {
    body: runs,
    changeNote: submits[0]?.changeNote ?? null,
    fields: fieldChanges(before, after),
    pending: ref(pendingDoc),
    published: published ? ref(published) : null,
    truncated,
  }
}
