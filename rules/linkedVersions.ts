import { LINKED_CHANGE_REASONS, type LinkedChangeReason, type LinkKind } from './vocabulary.js'

/**
 * Articles that say the same thing to another audience or in another language: the patient and
 * the health-professional version of a PDQ topic (counterparts) and translations. When one of
 * them is approved with a change, the others must be looked at again.
 */

// Audience folders in PDQ URLs: English `/hp/` ↔ `/patient/`, Spanish `/pro/` ↔ `/paciente/`.
const AUDIENCE_SEGMENTS: Readonly<Record<string, string>> = { hp: 'patient', paciente: 'pro', patient: 'hp', pro: 'paciente' }

/**
 * The URL of an article's counterpart for the other audience, by cancer.gov's PDQ conventions,
 * or `null` when the URL follows none: `/types/x/hp/y-pdq` ↔ `/types/x/patient/y-pdq` (Spanish
 * `/pro/` ↔ `/paciente/`), and, for summaries kept in one folder, `.../y-hp-pdq` ↔ `.../y-pdq`.
 * Query and fragment are dropped; only PDQ summaries (a last segment ending in `-pdq`) pair.
 */
export const counterpartUrl = (url: string): null | string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const segments = parsed.pathname.split('/')
  const last = segments.at(-1) ?? ''
  if (!/-pdq$/i.test(last)) return null
  // The audience folder nearest the end wins (`/types/x/hp/y-pdq`).
  for (let index = segments.length - 2; index > 0; index -= 1) {
    const other = AUDIENCE_SEGMENTS[(segments[index] as string).toLowerCase()]
    if (other) {
      const swapped = [...segments]
      swapped[index] = other
      return `${parsed.origin}${swapped.join('/')}`
    }
  }
  const swappedLast = /-hp-pdq$/i.test(last) ? last.replace(/-hp-pdq$/i, '-pdq') : last.replace(/-pdq$/i, '-hp-pdq')
  return `${parsed.origin}${[...segments.slice(0, -1), swappedLast].join('/')}`
}

/** A link between two articles, as stored: `from` names `to` in its field of that kind. */
export interface ArticleLink {
  from: number
  kind: LinkKind
  to: number
}

/** A linked article and how it is linked. */
export interface LinkedMember {
  id: number
  kind: LinkKind
}

/**
 * The members linked to `self`: counterparts are the articles linked to it in either direction;
 * translations are every article reachable over translation links (an English summary, its
 * Spanish translation and a French one form one set). An article linked both ways counts once,
 * as a counterpart. Ordered by id.
 */
export const linkedMembers = (self: number, links: readonly ArticleLink[]): LinkedMember[] => {
  const counterparts = new Set<number>()
  for (const link of links) {
    if (link.kind !== 'counterpart') continue
    if (link.from === self && link.to !== self) counterparts.add(link.to)
    if (link.to === self && link.from !== self) counterparts.add(link.from)
  }
  const translations = new Set<number>()
  const seen = new Set([self])
  let frontier = [self]
  while (frontier.length > 0) {
    const next: number[] = []
    for (const link of links) {
      if (link.kind !== 'translation') continue
      for (const [here, there] of [[link.from, link.to], [link.to, link.from]] as const) {
        if (frontier.includes(here) && !seen.has(there)) {
          seen.add(there)
          next.push(there)
          if (!counterparts.has(there)) translations.add(there)
        }
      }
    }
    frontier = next
  }
  return [
    ...[...counterparts].map((id) => ({ id, kind: 'counterpart' as const })),
    ...[...translations].map((id) => ({ id, kind: 'translation' as const })),
  ].sort((a, b) => a.id - b.id)
}

/** A linked article put in the reviewers' queue by another's approved change. */
export interface LinkedNotice {
  article: number
  kind: LinkKind
  reason: LinkedChangeReason
}

/**
 * Who enters the reviewers' queue when `approved` is approved: every linked member, with the
 * reason of its link (`counterpart_changed`, `translation_outdated`), if the approval added a
 * changelog entry; nobody otherwise (a reaffirm, an approval without a change note). Members
 * whose own change this approval answers (their notices it clears) are not queued back: bringing
 * a translation in step does not make the original outdated.
 */
export const noticesOnApproval = ({
  answering,
  approved,
  changed,
  members,
}: {
  /** Articles whose changes the approved article was queued for and this approval clears. */
  answering: readonly number[]
  approved: number
  /** Whether the approval appended a changelog entry. */
  changed: boolean
  members: readonly LinkedMember[]
}): LinkedNotice[] => {
  if (!changed) return []
  const seen = new Set<number>([approved, ...answering])
  return members.flatMap((member) => {
    if (seen.has(member.id)) return []
    seen.add(member.id)
    return [{ article: member.id, kind: member.kind, reason: LINKED_CHANGE_REASONS[member.kind] }]
  })
}

/**
 * Where a reviewer sees a change: Payload's version compare of the approved version against the
 * one live before it (`/admin/collections/<slug>/<id>/versions/<version>?versionFrom=<previous>`),
 * and the article's changes endpoint. The admin link is `null` without a version id.
 */
export const changeLinks = ({
  adminRoute,
  apiRoute,
  articleId,
  collection,
  previousVersionId,
  versionId,
}: {
  adminRoute: string
  apiRoute: string
  articleId: number | string
  collection: string
  previousVersionId: null | string | undefined
  versionId: null | string | undefined
}): { api: string; compare: null | string } => {
  const admin = adminRoute.replace(/\/$/, '')
  const compare = versionId
    ? `${admin}/collections/${collection}/${articleId}/versions/${versionId}${previousVersionId ? `?versionFrom=${encodeURIComponent(previousVersionId)}` : ''}`
    : null
  return { api: `${apiRoute.replace(/\/$/, '')}/${collection}/${articleId}/changes`, compare }
}
