import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'

import { LINKED_CHANGES_SLUG } from '../../collections/LinkedChanges/index.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { sqlRunnerOf } from '../records/articleLock.js'
import { newestVersionIdOf } from '../records/articleVersions.js'
import { latestChangeNote } from '../records/workflowEvents.js'
import type { Article } from '../../payload-types.js'
import { todayUtc, toStoredDate } from '../../rules/calendarDate.js'
import { appendApprovedChange, type ChangeEntry, readChanges } from '../../rules/changelog.js'
import { numericIdOf } from '../../rules/ids.js'
import { type ArticleLink, type LinkedMember, linkedMembers, noticesOnApproval } from '../../rules/linkedVersions.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { tableNameOf } from '../../rules/tableNames.js'

/** What an approval adds to the changelog, decided before the approval's write. */
export interface ApprovalChange {
  /** The entry appended, or `null` (no change note). */
  added: ChangeEntry | null
  /** Field data the approval writes with the publication (the whole changelog, when it grew). */
  data: { changes?: { date: string; note: string }[] }
  /** The version that was live before this approval (what the change is compared against). */
  previousVersionId: null | string
}

/**
 * The changelog entry an approval appends: the change note of the submission it approves (the
 * latest `submit` event of the article), dated today; nothing without a note. Also finds the
 * version live before the approval, which the change is compared against. In `req`'s transaction.
 */
export const changelogOnApproval = async ({
  current,
  options,
  req,
}: {
  current: Pick<Article, 'changes' | 'id'>
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<ApprovalChange> => {
  const { articles, workflowEvents } = slugs(options)
  const [changeNote, previousVersionId] = await Promise.all([
    latestChangeNote(req, workflowEvents, current.id),
    newestVersionIdOf(req, articles, current.id, { 'version._status': { equals: 'published' } }),
  ])
  const { added, changes } = appendApprovedChange(readChanges(current.changes), changeNote, todayUtc(options.now()))
  return {
    added,
    data: added ? { changes: changes.map((entry) => ({ date: toStoredDate(entry.date), note: entry.note })) } : {},
    previousVersionId,
  }
}

/** At most this many articles are read per round of `loadLinks`. */
const LINKS_PER_ROUND = 200

/** One article of a linked set as `linksAround` reads it. */
interface LinkRow {
  counterparts: number[]
  id: number
  translationOf: null | number
}

/**
 * The articles among `ids` or naming one of them as counterpart or original, with their
 * counterparts and translation, in one statement that reads indexes: the published rows (the
 * collection's table, as `find` answers them) or, with `draft`, the working copies (the latest
 * version of each article, as `find` with `draft` answers them: a link an editor just made
 * counts). Both read without access checks: the caller filters what a reader may see. Payload's
 * `find` joins the relations table for that `or` and made PostgreSQL read every article (a
 * sequential scan per page request, two statements per round).
 */
const linksAround = async (req: PayloadRequest, articlesSlug: string, ids: number[], draft: boolean): Promise<LinkRow[]> => {
  const name = tableNameOf(articlesSlug)
  const tableName = req.payload.db.tableNameMap?.get(name) ?? name
  // The relations tables name their column after the related collection (here the articles themselves).
  const target = sql.identifier(`${name}_id`)
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `)
  const db = await sqlRunnerOf(req)
  let statement
  if (draft) {
    // Payload's versions table of the collection (`_articles_v`) and its relations; the version's
    // fields are prefixed `version_`, its relation paths `version.`.
    const versionsName = `_${name}${req.payload.db.versionsSuffix ?? '_v'}`
    const versionsTable = req.payload.db.tableNameMap?.get(versionsName) ?? versionsName
    const versions = sql.identifier(versionsTable)
    const rels = sql.identifier(`${versionsTable}_rels`)
    statement = sql`
      select v.parent_id as id, v.version_translation_of_id as translation_of_id,
        (select array_agg(r.${target} order by r."order") from ${rels} r
          where r.parent_id = v.id and r.path = 'version.counterparts' and r.${target} is not null) as counterparts
      from ${versions} v
      where v.latest and v.id in (
        select v2.id from ${versions} v2 where v2.parent_id in (${list})
        union select r.parent_id from ${rels} r where r.path = 'version.counterparts' and r.${target} in (${list})
        union select t.id from ${versions} t where t.version_translation_of_id in (${list}))
      order by v.parent_id
      limit ${LINKS_PER_ROUND}`
  } else {
    const table = sql.identifier(tableName)
    const rels = sql.identifier(`${tableName}_rels`)
    statement = sql`
      select a.id, a.translation_of_id,
        (select array_agg(r.${target} order by r."order") from ${rels} r
          where r.parent_id = a.id and r.path = 'counterparts' and r.${target} is not null) as counterparts
      from ${table} a
      where a.id in (
        select a2.id from ${table} a2 where a2.id in (${list})
        union select r.parent_id from ${rels} r where r.path = 'counterparts' and r.${target} in (${list})
        union select t.id from ${table} t where t.translation_of_id in (${list}))
      order by a.id
      limit ${LINKS_PER_ROUND}`
  }
  const { rows } = await db.execute<{ counterparts: null | number[]; id: number; translation_of_id: null | number }>(statement)
  return rows.map((row) => ({
    counterparts: (row.counterparts ?? []).map(Number),
    id: Number(row.id),
    translationOf: row.translation_of_id === null ? null : Number(row.translation_of_id),
  }))
}

/**
 * The links around `id`: its own counterparts and translation, and those of every article that
 * names it (and, one step further, their neighbours: a French and a Spanish translation of one
 * English original are one set). `draft`: read working copies (a link an editor just made
 * counts) rather than the published versions readers see. One indexed statement per round
 * (one round for an article without links), read without access checks: callers show a reader
 * only the members they may read.
 */
export const loadLinks = async (req: PayloadRequest, options: SanitizedOptions, id: number, draft: boolean): Promise<ArticleLink[]> => {
  const { articles } = slugs(options)
  const links: ArticleLink[] = []
  const seen = new Set<number>()
  let frontier = [id]
  for (let round = 0; round < 3 && frontier.length > 0; round += 1) {
    for (const item of frontier) seen.add(item)
    const docs = await linksAround(req, articles, frontier, draft)
    for (const doc of docs) {
      for (const to of doc.counterparts) {
        if (!links.some((link) => link.kind === 'counterpart' && link.from === doc.id && link.to === to)) {
          links.push({ from: doc.id, kind: 'counterpart', to })
        }
      }
      const original = doc.translationOf
      if (original !== null && !links.some((link) => link.kind === 'translation' && link.from === doc.id)) {
        links.push({ from: doc.id, kind: 'translation', to: original })
      }
    }
    const next = new Set<number>()
    for (const link of links) for (const end of [link.from, link.to]) if (!seen.has(end)) next.add(end)
    frontier = [...next]
  }
  return links
}

/** The articles linked to `id` (working copies), with how each is linked. */
export const loadLinkedMembers = async (req: PayloadRequest, options: SanitizedOptions, id: number): Promise<LinkedMember[]> =>
  linkedMembers(id, await loadLinks(req, options, id, true))

/**
 * After a transition, in its transaction: an approval or a reaffirm clears the article's own
 * linked-change notices (it was looked at); an approval that appended a changelog entry puts
 * every linked article in the reviewers' queue with a notice pointing at the change (except
 * the articles whose change this approval answers).
 */
export const settleLinkedChanges = async ({
  action,
  article,
  change,
  options,
  req,
  versionId,
}: {
  action: string
  article: Pick<Article, 'id'>
  change: ApprovalChange | null
  options: SanitizedOptions
  req: PayloadRequest
  versionId: null | string
}): Promise<void> => {
  if (action !== 'approve' && action !== 'reaffirm') return
  const open = await req.payload.find({
    collection: LINKED_CHANGES_SLUG as 'linked-changes',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { changedArticle: true },
    where: { and: [{ article: { equals: article.id } }, { clearedAt: { exists: false } }] },
  })
  if (open.docs.length > 0) {
    await req.payload.update({
      collection: LINKED_CHANGES_SLUG as 'linked-changes',
      data: { clearedAt: options.now().toISOString(), clearedBy: action },
      depth: 0,
      overrideAccess: true,
      req,
      where: { id: { in: open.docs.map((doc) => doc.id) } },
    })
  }
  if (action !== 'approve' || !change?.added) return
  const members = await loadLinkedMembers(req, options, article.id)
  const notices = noticesOnApproval({
    answering: open.docs.map((doc) => numericIdOf(doc.changedArticle)).filter((id): id is number => id !== null),
    approved: article.id,
    changed: true,
    members,
  })
  for (const notice of notices) {
    await req.payload.create({
      collection: LINKED_CHANGES_SLUG as 'linked-changes',
      data: {
        article: notice.article,
        changedArticle: article.id,
        date: toStoredDate(change.added.date),
        kind: notice.kind,
        note: change.added.note,
        previousVersionId: change.previousVersionId,
        reason: notice.reason,
        versionId,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
  }
}
