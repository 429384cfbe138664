import type { CollectionSlug, PayloadRequest, Where } from 'payload'

const newestOf = <TSlug extends CollectionSlug>(req: PayloadRequest, articles: TSlug, articleId: number | string, where: Where | undefined) => ({
  collection: articles,
  depth: 0,
  limit: 1,
  overrideAccess: true,
  pagination: false,
  req,
  sort: '-updatedAt',
  where: { and: [{ parent: { equals: articleId } }, ...(where ? [where] : [])] },
})

/**
 * An article's newest version (optionally the newest of those matching `where`, e.g. the
 * published ones), read without access checks in the request's transaction; `null` when it has
 * none. Shared by the workflow record, the changelog and the changes summary.
 */
export const newestVersionOf = async <TSlug extends CollectionSlug>(req: PayloadRequest, articles: TSlug, articleId: number | string, where?: Where) =>
  (await req.payload.findVersions(newestOf(req, articles, articleId, where))).docs[0] ?? null

/** The id of an article's newest version (of those matching `where`), as text, or `null`. */
export const newestVersionIdOf = async (req: PayloadRequest, articles: CollectionSlug, articleId: number | string, where?: Where): Promise<null | string> => {
  const { docs } = await req.payload.findVersions({ ...newestOf(req, articles, articleId, where), select: { id: true } })
  return docs[0] ? String(docs[0].id) : null
}
