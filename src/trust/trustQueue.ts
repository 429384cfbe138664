import type { PayloadRequest } from 'payload'

import { EVIDENCE_CHECKS_SLUG } from '../../collections/EvidenceChecks/index.js'
import { LINKED_CHANGES_SLUG } from '../../collections/LinkedChanges/index.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { toCalendarDate } from '../../rules/calendarDate.js'
import { numericIdOf } from '../../rules/ids.js'
import { changeLinks } from '../../rules/linkedVersions.js'
import type { SanitizedOptions } from '../../rules/options.js'
import type { LinkedChangeReason } from '../../rules/vocabulary.js'

/** The change a linked article is queued for: what changed, where, and where to see the diff. */
export interface LinkedChangeRef {
  article: { id: number; title: string }
  date: null | string
  links: { api: string; compare: null | string }
  note: string
}

/** A queue entry of the trust rules: a linked version changed, or cited evidence is broken. */
export interface TrustQueueEntry {
  /** The changes the article must be checked against (a `counterpart_changed` or `translation_outdated` entry). */
  changes?: LinkedChangeRef[]
  /** The broken evidence links (an `evidence_broken` entry). */
  evidence?: { checkedAt: string; statusCode: null | number; url: string }[]
  id: number
  nextReviewDue: null | string
  reason: 'evidence_broken' | LinkedChangeReason
  since: string
  status: string
  submittedBy: null | number
  title: string
}

/** The open linked-change notices of some articles (or all), with links to each change. */
export const openLinkedChanges = async (
  req: PayloadRequest,
  options: SanitizedOptions,
  articleIds?: number[],
): Promise<{ article: number; change: LinkedChangeRef; createdAt: string; reason: LinkedChangeReason }[]> => {
  const { docs } = await req.payload.find({
    collection: LINKED_CHANGES_SLUG as 'linked-changes',
    depth: 0,
    limit: 1000,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: {
      and: [{ clearedAt: { exists: false } }, ...(articleIds ? [{ article: { in: articleIds } }] : [])],
    },
  })
  const changedIds = [...new Set(docs.map((doc) => numericIdOf(doc.changedArticle)).filter((id): id is number => id !== null))]
  const titles =
    changedIds.length === 0
      ? new Map<number, string>()
      : new Map(
          (
            await req.payload.find({
              collection: slugs(options).articles,
              depth: 0,
              draft: true,
              limit: changedIds.length,
              overrideAccess: true,
              pagination: false,
              req,
              select: { title: true },
              where: { id: { in: changedIds } },
            })
          ).docs.map((doc) => [doc.id, doc.title]),
        )
  const config = req.payload.config
  return docs.flatMap((doc) => {
    const article = numericIdOf(doc.article)
    const changed = numericIdOf(doc.changedArticle)
    if (article === null || changed === null) return []
    return [
      {
        article,
        change: {
          article: { id: changed, title: titles.get(changed) ?? `Untitled article #${changed}` },
          date: toCalendarDate(doc.date),
          links: changeLinks({
            adminRoute: config.routes.admin,
            apiRoute: config.routes.api,
            articleId: changed,
            collection: slugs(options).articles,
            previousVersionId: doc.previousVersionId,
            versionId: doc.versionId,
          }),
          note: doc.note,
        },
        createdAt: doc.createdAt,
        reason: doc.reason,
      },
    ]
  })
}

/** The stored checks of some URLs, by URL. */
export const checksOf = async (req: PayloadRequest, urls: readonly string[]) => {
  if (urls.length === 0) return new Map<string, { checkedAt: string; finalUrl: null | string; status: string; statusCode: null | number }>()
  const { docs } = await req.payload.find({
    collection: EVIDENCE_CHECKS_SLUG as 'evidence-checks',
    depth: 0,
    limit: urls.length,
    overrideAccess: true,
    pagination: false,
    req,
    where: { url: { in: [...new Set(urls)] } },
  })
  return new Map(
    docs.map((doc) => [doc.url, { checkedAt: doc.checkedAt, finalUrl: doc.finalUrl ?? null, status: doc.status, statusCode: doc.statusCode ?? null }]),
  )
}

/**
 * The reviewers'-queue entries of the trust rules, each article once and not those in `listed`:
 * articles with an open linked-change notice (`counterpart_changed`, `translation_outdated`,
 * since the change was approved, with every change it waits for), then approved articles that
 * cite a broken evidence link (`evidence_broken`, since its check).
 */
export const trustQueueEntries = async (req: PayloadRequest, options: SanitizedOptions, listed: ReadonlySet<number>): Promise<TrustQueueEntry[]> => {
  const { articles } = slugs(options)
  const notices = await openLinkedChanges(req, options)
  const { docs: brokenChecks } = await req.payload.find({
    collection: EVIDENCE_CHECKS_SLUG as 'evidence-checks',
    depth: 0,
    limit: 5000,
    overrideAccess: true,
    pagination: false,
    req,
    select: { checkedAt: true, statusCode: true, url: true },
    where: { status: { equals: 'broken' } },
  })
  const noticed = [...new Set(notices.map((notice) => notice.article))].filter((id) => !listed.has(id))
  const select = { evidence: true, nextReviewDue: true, status: true, submittedBy: true, title: true } as const
  const [noticedDocs, citing] = await Promise.all([
    noticed.length === 0
      ? Promise.resolve([])
      : req.payload
          .find({ collection: articles, depth: 0, draft: true, limit: noticed.length, overrideAccess: true, pagination: false, req, select, where: { id: { in: noticed } } })
          .then((result) => result.docs),
    brokenChecks.length === 0
      ? Promise.resolve([])
      : req.payload
          .find({
            collection: articles,
            depth: 0,
            limit: 1000,
            overrideAccess: true,
            pagination: false,
            req,
            select,
            where: { and: [{ status: { equals: 'active' } }, { 'evidence.url': { in: brokenChecks.map((check) => check.url) } }] },
          })
          .then((result) => result.docs),
  ])
  const entries: TrustQueueEntry[] = []
  const seen = new Set(listed)
  for (const doc of noticedDocs) {
    if (seen.has(doc.id) || doc.status === 'retired') continue
    seen.add(doc.id)
    const mine = notices.filter((notice) => notice.article === doc.id)
    entries.push({
      changes: mine.map((notice) => notice.change),
      id: doc.id,
      nextReviewDue: doc.nextReviewDue ?? null,
      reason: (mine[0] as (typeof mine)[number]).reason,
      since: (mine[0] as (typeof mine)[number]).createdAt,
      status: doc.status ?? 'active',
      submittedBy: numericIdOf(doc.submittedBy),
      title: doc.title || `Untitled article #${doc.id}`,
    })
  }
  const broken = new Map(brokenChecks.map((check) => [check.url, check]))
  for (const doc of citing) {
    if (seen.has(doc.id)) continue
    seen.add(doc.id)
    const links = (doc.evidence ?? []).flatMap((entry) => {
      const check = broken.get(entry.url)
      return check ? [{ checkedAt: check.checkedAt, statusCode: check.statusCode ?? null, url: entry.url }] : []
    })
    if (links.length === 0) continue
    entries.push({
      evidence: links,
      id: doc.id,
      nextReviewDue: doc.nextReviewDue ?? null,
      reason: 'evidence_broken',
      since: links.map((link) => link.checkedAt).sort()[0] as string,
      status: doc.status ?? 'active',
      submittedBy: numericIdOf(doc.submittedBy),
      title: doc.title || `Untitled article #${doc.id}`,
    })
  }
  return entries
}
