import type { PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import type { Article } from '../../payload-types.js'
import { newestFirst, readChanges, type ChangeEntry } from '../../rules/changelog.js'
import { type ArticleLink, linkedMembers } from '../../rules/linkedVersions.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { isStaff } from '../../rules/roles.js'
import type { EvidenceStatus } from '../../rules/vocabulary.js'
import { loadLinks } from './linkedChanges.js'
import { checksOf } from './trustQueue.js'

/** A linked article as a page links to it ("for health professionals", "en español"). */
export interface PageLink {
  audienceLevel: string
  id: number
  language: string
  title: string
  url: string
}

/** An evidence entry of a page, with its last check. */
export interface PageEvidence {
  checkedAt: null | string
  identifier: null | string
  kind: string
  label: null | string
  /** `null` until the checker has fetched it. */
  status: EvidenceStatus | null
  url: string
}

/** What a page carries for a reader's trust: changelog, linked versions, checked evidence. */
export interface PageTrust {
  changes: ChangeEntry[]
  counterparts: PageLink[]
  evidence: PageEvidence[]
  /** schema.org properties for the page's JSON-LD: `workTranslation`, `translationOfWork`. */
  jsonLd: Record<string, unknown>
  translations: PageLink[]
}

const asWork = (link: PageLink) => ({ '@type': 'MedicalWebPage', inLanguage: link.language, name: link.title, url: link.url })

/**
 * The trust parts of an article page: the changelog newest first; its counterparts and
 * translations (from the published links for anonymous readers, working copies for staff),
 * each only if the caller may read it (anonymous readers: approved, published articles); each
 * evidence entry with its last check; and JSON-LD `workTranslation` (articles translating this
 * one) and `translationOfWork` (the article this one translates). Two queries for an article
 * without links (the links, read in one indexed statement, beside the evidence checks), three
 * with; none for what the caller already read (`linksRead`, `checksRead`: the article page reads
 * them beside the article) but the linked articles' rows.
 */
export const pageTrust = async ({
  article,
  checksRead,
  linksRead,
  options,
  req,
}: {
  article: Pick<Article, 'changes' | 'evidence' | 'id'>
  /** The checks of the article's evidence URLs when already read (`checksOf`). */
  checksRead?: Awaited<ReturnType<typeof checksOf>>
  /** The links around the article when already read (`loadLinks`, working copies for staff). */
  linksRead?: ArticleLink[]
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<PageTrust> => {
  const evidence = article.evidence ?? []
  // The evidence checks do not depend on the links: both are read at once.
  const [{ links, members, readable }, checks] = await Promise.all([
    (linksRead ? Promise.resolve(linksRead) : loadLinks(req, options, article.id, isStaff(req.user))).then(async (links) => {
      const members = linkedMembers(article.id, links)
      const readable =
        members.length === 0
          ? []
          : (
              await req.payload.find({
                collection: slugs(options).articles,
                depth: 0,
                limit: members.length,
                overrideAccess: false,
                pagination: false,
                req,
                select: { audienceLevel: true, language: true, title: true, url: true },
                where: { id: { in: members.map((member) => member.id) } },
              })
            ).docs
      return { links, members, readable }
    }),
    checksRead ?? checksOf(req, evidence.map((entry) => entry.url)),
  ])
  const byId = new Map(
    readable.map((doc): [number, PageLink] => [
      doc.id,
      { audienceLevel: doc.audienceLevel, id: doc.id, language: doc.language, title: doc.title, url: doc.url },
    ]),
  )
  const linked = (kind: 'counterpart' | 'translation') =>
    members.flatMap((member) => {
      const link = member.kind === kind ? byId.get(member.id) : undefined
      return link ? [link] : []
    })
  const translationOf = links.find((link) => link.kind === 'translation' && link.from === article.id)
  const original = translationOf ? byId.get(translationOf.to) : undefined
  const translatedBy = links
    .filter((link) => link.kind === 'translation' && link.to === article.id)
    .flatMap((link) => {
      const found = byId.get(link.from)
      return found ? [found] : []
    })
  return {
    changes: newestFirst(readChanges(article.changes)),
    counterparts: linked('counterpart'),
    evidence: evidence.map((entry) => {
      const check = checks.get(entry.url)
      return {
        checkedAt: check?.checkedAt ?? null,
        identifier: entry.identifier ?? null,
        kind: entry.kind,
        label: entry.label ?? null,
        status: (check?.status as EvidenceStatus | undefined) ?? null,
        url: entry.url,
      }
    }),
    jsonLd: {
      ...(original ? { translationOfWork: asWork(original) } : {}),
      ...(translatedBy.length > 0 ? { workTranslation: translatedBy.map(asWork) } : {}),
    },
    translations: linked('translation'),
  }
}
