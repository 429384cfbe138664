import { createHash } from 'node:crypto'

import { convertLexicalToHTML, LinkHTMLConverter } from '@payloadcms/richtext-lexical/html'
import { NotFound, type PayloadRequest, type Where } from 'payload'
import { z } from 'zod'

import { loadSourceFacts } from '../records/sourceFacts.js'
import { knownReviewer, publicReviewerFields } from '../records/publicReviewer.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { parseOrBadRequest } from '../../rules/badRequest.js'
import type { Article, GlossaryTerm } from '../../payload-types.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { BoundedCache } from '../../rules/boundedCache.js'
import { numericIdOf } from '../../rules/ids.js'
import { type PageTrust, pageTrust } from '../trust/pageTrust.js'
import { loadLinks } from '../trust/linkedChanges.js'
import { versionScope } from '../http/versionScope.js'
import { EVIDENCE_CHECKS_SLUG } from '../../collections/EvidenceChecks/index.js'
import { isStaff } from '../../rules/roles.js'
import { tableNameOf } from '../../rules/tableNames.js'

// Converting Lexical to HTML costs about 10 ms on the largest article: at most 64 MB of HTML is kept.
const pageHtml = new BoundedCache<string>(64 * 1024 * 1024, (html) => html.length)

/** What identifies the article of a page: its id, or its canonical URL. */
export const pageParamsSchema = z.union([
  z.strictObject({
    // Digits only: Number() would read "0x10" or "1e1" as another article's id.
    id: z.coerce
      .string()
      .regex(/^[1-9]\d{0,9}$/, 'id must be a whole number')
      .transform(Number)
      .refine((id) => id <= 2_147_483_647, 'id must be a whole number'),
  }),
  z.strictObject({ url: z.url({ message: 'url must be an absolute URL' }) }),
])

/** A glossary term as a page's tooltips need it: the definition for the page's audience and language. */
export interface PageGlossaryTerm {
  definition: null | { html: null | string; pronunciation: null | { audio: null | string; key: null | string }; termName: null | string; text: string }
  id: number
  nciId: string
  term: string
}

/** Everything a web app needs to render an article page, in one answer. */
export type ArticlePage = Omit<
  Article,
  'bodyText' | 'changes' | 'counterparts' | 'evidence' | 'glossaryTerms' | 'lastEditedBy' | 'reviewHistory' | 'source' | 'submittedBy' | 'translationOf'
> &
  Omit<PageTrust, 'jsonLd'> & {
  /** The body as sanitised HTML (text escaped, URLs sanitised, glossary links to `glossaryPath`). */
  bodyHtml: string
  /** The body as plain text. */
  bodyText: string
  glossary: PageGlossaryTerm[]
  source: null | { homeUrl: null | string; label: string; name: null | string }
}

const chunksOf = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / Math.max(1, size)) }, (_, index) => items.slice(index * size, (index + 1) * size))

/** Picks the definition of a term for an audience and language, falling back to the patient one, then any in the language. */
export const pickDefinition = (term: Pick<GlossaryTerm, 'definitions'>, audience: string, language: string) => {
  const inLanguage = (term.definitions ?? []).filter((definition) => definition.language.toLowerCase() === language.toLowerCase())
  const audienceFor = audience === 'patient' || audience === 'caregiver' ? ['patient', 'caregiver'] : [audience, 'clinician', 'researcher']
  return (
    audienceFor.map((wanted) => inLanguage.find((definition) => definition.audience === wanted)).find(Boolean) ??
    inLanguage.find((definition) => definition.audience === 'patient') ??
    inLanguage[0] ??
    null
  )
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, index) => item === b[index])

/** What a page reads of its article's stored row before the article itself. */
interface PageFacts {
  /** The stored checks of its evidence URLs, as `checksOf` answers them. */
  checks: Map<string, { checkedAt: string; finalUrl: null | string; status: string; statusCode: null | number }>
  evidenceUrls: string[]
  id: number
  termIds: number[]
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * The article's id, glossary term ids, evidence URLs and their checks, and its reviewer's public
 * record (given to the citation outputs' `reviewerOf`), from its stored row (the
 * collection's table, what `find` reads), without access checks, in one prepared statement; with
 * the content version when the request's `versionScope` asks for it (then the whole answer is
 * read no earlier than its ETag says). `null` when no article has that id or URL.
 */
const pageFacts = async (req: PayloadRequest, options: SanitizedOptions, page: { id: number } | { url: string }): Promise<null | PageFacts> => {
  const { articles, glossaryTerms } = slugs(options)
  const db = req.payload.db
  const schema = quoted(db.schemaName || 'public')
  const name = tableNameOf(articles)
  const table = `${schema}.${quoted(db.tableNameMap?.get(name) ?? name)}`
  const tableOf = (suffix: string) => `${schema}.${quoted(`${db.tableNameMap?.get(name) ?? name}${suffix}`)}`
  const checksName = tableNameOf(EVIDENCE_CHECKS_SLUG)
  const checksTable = `${schema}.${quoted(db.tableNameMap?.get(checksName) ?? checksName)}`
  const termColumn = quoted(`${tableNameOf(glossaryTerms)}_id`)
  const columns = `a.id,
    array(select r.${termColumn} from ${tableOf('_rels')} r where r.parent_id = a.id and r.path = 'glossaryTerms' and r.${termColumn} is not null order by r."order") as term_ids,
    array(select e.url from ${tableOf('_evidence')} e where e._parent_id = a.id order by e._order) as evidence_urls,
    (select json_agg(json_build_object('url', c.url, 'status', c.status, 'checkedAt', c.checked_at, 'finalUrl', c.final_url, 'statusCode', c.status_code))
      from ${checksTable} c where c.url in (select e.url from ${tableOf('_evidence')} e where e._parent_id = a.id)) as checks`
  // The reviewer's public record, which the citation outputs name (`reviewerOf`), when its fields are in the users table.
  const reviewerFields = publicReviewerFields(req, options)
  const withReviewer = reviewerFields.length > 0 && reviewerFields.every((field) => field.local)
  const usersName = tableNameOf(slugs(options).users)
  const reviewerColumns = withReviewer
    ? `, a.reviewed_by_id, (select json_build_object(${reviewerFields.map((field) => `'${field.name}', u.${quoted(tableNameOf(field.name))}`).join(', ')})
      from ${schema}.${quoted(db.tableNameMap?.get(usersName) ?? usersName)} u where u.id = a.reviewed_by_id) as reviewer`
    : ''
  const rest = `from ${table} a where a.${'id' in page ? 'id' : 'url'} = $1 limit 1`
  const values = ['id' in page ? page.id : page.url]
  type Row = {
    checks: null | { checkedAt: string; finalUrl: null | string; status: string; statusCode: null | number; url: string }[]
    evidence_urls: string[]
    id: number
    reviewed_by_id?: null | number
    reviewer?: unknown
    term_ids: number[]
  }
  const scope = versionScope.get(req)
  let rows: Row[]
  if (scope && scope.version === null) {
    const read = await scope.read<Row>({ columns: columns + reviewerColumns, name: 'article-page-facts', rest, values })
    scope.version = read.version
    rows = read.rows
  } else {
    const text = `select ${columns}${reviewerColumns} ${rest}`
    rows = (await db.pool.query<Row>({ name: `article-page-facts-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text, values })).rows
  }
  const row = rows[0]
  if (!row) return null
  if (withReviewer && row.reviewed_by_id !== null && row.reviewed_by_id !== undefined) knownReviewer(req, row.reviewed_by_id, row.reviewer ?? null)
  return {
    checks: new Map(
      (row.checks ?? []).map((check) => [
        check.url,
        { checkedAt: new Date(check.checkedAt).toISOString(), finalUrl: check.finalUrl, status: check.status, statusCode: check.statusCode === null ? null : Number(check.statusCode) },
      ]),
    ),
    evidenceUrls: row.evidence_urls,
    id: Number(row.id),
    termIds: row.term_ids.map(Number),
  }
}

/**
 * One approved article as a page: body (Lexical, HTML, plain text), source, the glossary terms
 * the body links to with their definitions for the article's audience and language, evidence,
 * review dates and state, and the citation outputs. For an anonymous reader of an article without
 * links, four SQL statements in two rounds: first its stored row's term ids, evidence URLs and
 * their checks and its reviewer's public record (`pageFacts`, with the content version when
 * `withHttpCaching` asks for it: no round trip of its own), then at once the article row through
 * `find` (its arrays joined laterally, with access checks), its glossary terms (one `id in (…)`
 * query per page of ids, with their definitions) and the linked set around it (one indexed
 * statement). One more for the source of an article without an approval snapshot and for linked
 * articles' rows; what a change committed between the rounds touched is read again.
 */
export const articlePage = async ({
  options,
  params,
  req,
}: {
  options: SanitizedOptions
  params: Record<string, unknown>
  req: PayloadRequest
}): Promise<ArticlePage> => {
  const { articles, glossaryTerms, sources } = slugs(options)
  const page = parseOrBadRequest(pageParamsSchema, params, {
    collection: articles,
    errorsOf: () => [{ message: 'give the article id or its canonical url', path: 'url' in params ? 'url' : 'id' }],
    fallbackPath: 'id',
    req,
  })
  const where: Where = 'id' in page ? { id: { equals: page.id } } : { url: { equals: page.url } }
  // What the page reads besides the article depends only on the article's stored row: read first,
  // in one statement (with the content version when `withHttpCaching` asks the page to read it),
  // so the article, its terms and its linked set are then read at once. Used only once `find`
  // below has given this reader the article, and only while it says the same.
  const early = await pageFacts(req, options, page)
  if (!early) throw new NotFound(req.t)
  const readTerms = (ids: number[]) =>
    // In pages of at most `limits.maxLimit` ids and `limits.maxWhereConditions` conditions: an
    // anonymous read may not ask for more at once
    // (a PDQ summary links a few hundred terms).
    Promise.all(
      chunksOf(ids, Math.min(options.limits.maxLimit, options.limits.maxWhereConditions)).map((chunk) =>
        req.payload
          .find({
            collection: glossaryTerms,
            depth: 0,
            limit: chunk.length,
            overrideAccess: false,
            pagination: false,
            req,
            select: { definitions: true, nciId: true, term: true },
            where: { id: { in: chunk } },
          })
          .then((result) => result.docs),
      ),
    ).then((pages) => pages.flat())
  const [found, earlyTerms, earlyLinks] = await Promise.all([
    req.payload.find({
      collection: articles,
      depth: 0,
      limit: 1,
      overrideAccess: false,
      pagination: false,
      req,
      select: { lastEditedBy: false, reviewHistory: false, submittedBy: false },
      where,
    }),
    readTerms(early.termIds),
    // Changelog, linked versions and checked evidence (src/trust): the links (working copies for staff).
    loadLinks(req, options, early.id, isStaff(req.user)),
  ])
  const article = found.docs[0]
  if (!article) throw new NotFound(req.t)

  const termIds = (article.glossaryTerms ?? []).map(numericIdOf).filter((id): id is number => id !== null)
  // A change committed between the two reads: read again what it touched.
  const evidenceUrls = (article.evidence ?? []).map((entry) => entry.url)
  const [source, terms, trust] = await Promise.all([
    loadSourceFacts(sources, req, article.source, article.citationSnapshot),
    sameItems(termIds, early.termIds) ? earlyTerms : readTerms(termIds),
    pageTrust({
      article,
      checksRead: sameItems(evidenceUrls, early.evidenceUrls) ? early.checks : undefined,
      linksRead: article.id === early.id ? earlyLinks : undefined,
      options,
      req,
    }),
  ])
  const nciIds = new Map(terms.map((term) => [term.id, term.nciId]))
  // The HTML is a pure function of the stored body (one per `updatedAt`) and the terms' dictionary
  // ids: kept by those, so only the first page request after a change converts the body.
  const htmlKey = `${article.id}|${article.updatedAt}|${options.glossaryPath}|${JSON.stringify([...nciIds])}`
  let bodyHtml = pageHtml.get(htmlKey)
  if (bodyHtml === undefined) {
    bodyHtml = article.body
      ? convertLexicalToHTML({
          converters: ({ defaultConverters }) => ({
            ...defaultConverters,
            ...LinkHTMLConverter({
              internalDocToHref: ({ linkNode }) => {
                const nciId = nciIds.get(numericIdOf(linkNode.fields.doc?.value) ?? -1)
                return nciId ? `${options.glossaryPath}/${nciId}` : '#'
              },
            }),
          }),
          data: article.body as Parameters<typeof convertLexicalToHTML>[0]['data'],
          disableContainer: true,
        })
      : ''
    pageHtml.set(htmlKey, bodyHtml)
  }
  const { bodyText, counterparts: _counterparts, glossaryTerms: _linked, source: _source, translationOf: _original, ...rest } = article
  return {
    ...rest,
    changes: trust.changes,
    counterparts: trust.counterparts,
    evidence: trust.evidence,
    jsonLd: rest.jsonLd && typeof rest.jsonLd === 'object' && !Array.isArray(rest.jsonLd) ? { ...rest.jsonLd, ...trust.jsonLd } : rest.jsonLd,
    translations: trust.translations,
    bodyHtml,
    bodyText: bodyText ?? '',
    glossary: terms
      .map((term) => {
        const definition = pickDefinition(term, article.audienceLevel, article.language)
        return {
          definition: definition
            ? {
                html: definition.html ?? null,
                pronunciation: definition.pronunciation?.key || definition.pronunciation?.audio
                  ? { audio: definition.pronunciation.audio ?? null, key: definition.pronunciation.key ?? null }
                  : null,
                termName: definition.termName ?? null,
                text: definition.text,
              }
            : null,
          id: term.id,
          nciId: term.nciId,
          term: term.term,
        }
      })
      .sort((a, b) => a.term.localeCompare(b.term)),
    source,
  }
}
