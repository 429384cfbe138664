import { addDataAndFileToRequest, APIError, type Endpoint, Forbidden, type PayloadRequest, ValidationError } from 'payload'

import type { SanitizedOptions } from '../../rules/options.js'
import { parseQueueFilter, parseQueuePage } from '../../rules/reviewQueueOrder.js'
import { hasRole } from '../../rules/roles.js'
import { articlePage } from '../delivery/articlePage.js'
import { READS_CONTENT_VERSION } from '../http/versionScope.js'
import { sweepReviewStates } from '../jobs/sweepReviewStates.js'
import { parseSearchParams, searchArticles } from '../search/searchArticles.js'
import { articleChanges } from '../workflow/articleChanges.js'
import { assignReviewer } from '../workflow/assignReviewer.js'
import { performTransition } from '../workflow/performTransition.js'
import { reviewQueue } from '../workflow/reviewQueue.js'
import { approvalWarnings, articleTrust, evidenceCheckNow } from '../trust/articleTrust.js'

// The article a `POST /:id/…` names and the JSON body sent with it.
const articleRequest = async (req: PayloadRequest): Promise<{ body: Record<string, unknown>; id: number | string }> => {
  await addDataAndFileToRequest(req)
  const id = req.routeParams?.id
  if (typeof id !== 'string' && typeof id !== 'number') throw new APIError('Missing article id.', 400)
  return { body: req.data ?? {}, id }
}

// A `GET /:id/…` answering what `read` makes of the article the route names.
const readOfArticle = (
  path: `/:id/${string}`,
  read: (args: { id: unknown; options: SanitizedOptions; req: PayloadRequest }) => Promise<unknown>,
  options: SanitizedOptions,
): Endpoint => ({
  handler: async (req) => Response.json(await read({ id: req.routeParams?.id, options, req })),
  method: 'get',
  path,
})

/**
 * The REST endpoints the plugin adds to the articles collection:
 * - `POST /:id/workflow` `{ action, comment?, changeNote?, assignee?, attestation? }`: a workflow
 *   transition (200 with the article; 400 field errors, 401, 403 role or four-eyes, 404, 409
 *   transition not allowed from here)
 * - `POST /:id/assignment` `{ assignee: id | null }`: assign the reviewer of a submission
 * - `GET /:id/changes`: what the pending update changes against the live version (staff)
 * - `GET /review-queue?filter=in_review|mine|overdue|due_soon&limit=50&page=1`: the reviewers' queue, a page at a time
 * - `POST /review-sweep`: run the review sweep now (reviewers and admins)
 * - `GET /search?q=…`: full-text search of published articles, ranked, with snippets
 * - `GET /page?url=…` and `GET /:id/page`: everything an article page needs, in one answer
 * - `GET /:id/trust` (staff): checked evidence and open linked-change notices of an article
 * - `POST /evidence-check` `{ article? }` (reviewers, admins): run the evidence checker now
 */
export const createArticleEndpoints = (options: SanitizedOptions): Endpoint[] => [
  {
    handler: async (req) => {
      const { body, id } = await articleRequest(req)
      const article = await performTransition({ body, id, options, req })
      // Broken evidence warns, never blocks (src/trust).
      const warnings = body.action === 'approve' ? await approvalWarnings({ article, req }) : []
      return Response.json({ doc: article, message: `Article moved to ${String(article.status)}.`, ...(warnings.length > 0 ? { warnings } : {}) })
    },
    method: 'post',
    path: '/:id/workflow',
  },
  {
    handler: async (req) => {
      const params = parseSearchParams(Object.fromEntries(req.searchParams), options.collections.articles, req)
      return Response.json(await searchArticles({ options, params, req }))
    },
    method: 'get',
    path: '/search',
  },
  {
    handler: async (req) =>
      Response.json(await articlePage({ options, params: Object.fromEntries(req.searchParams), req })),
    // It reads the content version with its first statement when `withHttpCaching` asks it to.
    custom: { [READS_CONTENT_VERSION]: true },
    method: 'get',
    path: '/page',
  },
  {
    handler: async (req) => Response.json(await articlePage({ options, params: { id: req.routeParams?.id }, req })),
    custom: { [READS_CONTENT_VERSION]: true },
    method: 'get',
    path: '/:id/page',
  },
  readOfArticle('/:id/trust', articleTrust, options),
  {
    handler: async (req) => {
      await addDataAndFileToRequest(req)
      return Response.json(await evidenceCheckNow({ body: req.data ?? {}, options, req }))
    },
    method: 'post',
    path: '/evidence-check',
  },
  {
    handler: async (req) => {
      const { body, id } = await articleRequest(req)
      const state = await assignReviewer({ body, id, options, req })
      return Response.json({ doc: state, message: state.assignee === null ? 'Submission unassigned.' : 'Reviewer assigned.' })
    },
    method: 'post',
    path: '/:id/assignment',
  },
  readOfArticle('/:id/changes', articleChanges, options),
  {
    handler: async (req) => {
      if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
      const parsed = parseQueueFilter(req.searchParams.get('filter'))
      const pageOf = parseQueuePage(req.searchParams.get('limit'), req.searchParams.get('page'))
      const errors = [...('error' in parsed ? [{ message: parsed.error, path: 'filter' }] : []), ...('errors' in pageOf ? pageOf.errors : [])]
      if ('error' in parsed || 'errors' in pageOf) throw new ValidationError({ collection: options.collections.articles, errors, req })
      return Response.json(await reviewQueue({ filter: parsed.filter, limit: pageOf.limit, options, page: pageOf.page, req }))
    },
    method: 'get',
    path: '/review-queue',
  },
  {
    handler: async (req) => {
      if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
      return Response.json(await sweepReviewStates({ options, req }))
    },
    method: 'post',
    path: '/review-sweep',
  },
]
