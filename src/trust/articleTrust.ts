import { Forbidden, NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { parseOrBadRequest } from '../../rules/badRequest.js'
import { slugs } from '../../rules/collectionSlugs.js'
import type { Article } from '../../payload-types.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { hasRole, isStaff } from '../../rules/roles.js'
import type { LinkedChangeReason } from '../../rules/vocabulary.js'
import { type EvidenceCheckRun, runEvidenceCheck } from './evidenceChecker.js'
import type { PageEvidence } from './pageTrust.js'
import { checksOf, type LinkedChangeRef, openLinkedChanges } from './trustQueue.js'

/** What the workflow panel shows of an article's trust: its checked evidence and the linked changes it waits for. */
export interface ArticleTrust {
  /** How many evidence links the last checks found broken. */
  broken: number
  evidence: (PageEvidence & { finalUrl: null | string; statusCode: null | number })[]
  notices: (LinkedChangeRef & { reason: LinkedChangeReason })[]
}

const idSchema = z.coerce
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'id must be a whole number')
  .transform(Number)
  .refine((id) => id <= 2_147_483_647, 'id must be a whole number')

/** The evidence of an article's working copy with the last check of each link. */
const checkedEvidence = async (req: PayloadRequest, evidence: Article['evidence']): Promise<ArticleTrust['evidence']> => {
  const entries = evidence ?? []
  const checks = await checksOf(req, entries.map((entry) => entry.url))
  return entries.map((entry) => {
    const check = checks.get(entry.url)
    return {
      checkedAt: check?.checkedAt ?? null,
      finalUrl: check?.finalUrl ?? null,
      identifier: entry.identifier ?? null,
      kind: entry.kind,
      label: entry.label ?? null,
      status: (check?.status as PageEvidence['status']) ?? null,
      statusCode: check?.statusCode ?? null,
      url: entry.url,
    }
  })
}

/**
 * `GET /api/articles/:id/trust` (staff): the working copy's evidence with each link's last check
 * and the number broken, and the open linked-change notices (a counterpart or translation was
 * approved with a change: date, note, links to its diff). 400 for a bad id, 403 anonymous, 404.
 */
export const articleTrust = async ({ id, options, req }: { id: unknown; options: SanitizedOptions; req: PayloadRequest }): Promise<ArticleTrust> => {
  if (!isStaff(req.user)) throw new Forbidden(req.t)
  const articleId = parseOrBadRequest(idSchema, id, {
    collection: slugs(options).articles,
    errorsOf: () => [{ message: 'id must be a whole number', path: 'id' }],
    fallbackPath: 'id',
    req,
  })
  const article = await req.payload.findByID({
    collection: slugs(options).articles,
    depth: 0,
    disableErrors: true,
    draft: true,
    id: articleId,
    overrideAccess: true,
    req,
    select: { evidence: true },
  })
  if (!article) throw new NotFound(req.t)
  const [evidence, notices] = await Promise.all([checkedEvidence(req, article.evidence), openLinkedChanges(req, options, [articleId])])
  return {
    broken: evidence.filter((entry) => entry.status === 'broken').length,
    evidence,
    notices: notices.map((notice) => ({ ...notice.change, reason: notice.reason })),
  }
}

/**
 * Warnings an approval answers with (it is never refused for them): the approved article cites
 * evidence links the checker found broken.
 */
export const approvalWarnings = async ({ article, req }: { article: Pick<Article, 'evidence'>; req: PayloadRequest }): Promise<string[]> => {
  const evidence = await checkedEvidence(req, article.evidence)
  const broken = evidence.filter((entry) => entry.status === 'broken')
  if (broken.length === 0) return []
  const shown = broken.slice(0, 5).map((entry) => entry.url)
  return [
    `Approved, but ${broken.length} evidence link${broken.length === 1 ? ' is' : 's are'} broken (${shown.join(', ')}${broken.length > shown.length ? ', …' : ''}): check the citations.`,
  ]
}

/** The body of `POST /api/articles/evidence-check`: optionally one article to check now. */
export const evidenceCheckBodySchema = z.strictObject({ article: idSchema.optional() })

/**
 * `POST /api/articles/evidence-check` (reviewers, admins): runs the evidence checker now, on the
 * links due today or, with `{ article: id }`, on every link of that article. Bounded like the
 * daily run (`maxPerRun`, `concurrency`, `timeoutMs`).
 */
export const evidenceCheckNow = async ({ body, options, req }: { body: unknown; options: SanitizedOptions; req: PayloadRequest }): Promise<EvidenceCheckRun> => {
  if (!hasRole(req.user, 'reviewer', 'admin')) throw new Forbidden(req.t)
  const { article } = parseOrBadRequest(evidenceCheckBodySchema, body ?? {}, {
    collection: slugs(options).articles,
    fallbackPath: 'article',
    req,
  })
  return runEvidenceCheck({ articleId: article, options, req })
}
