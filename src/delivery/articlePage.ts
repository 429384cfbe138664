import { convertLexicalToHTML, LinkHTMLConverter } from '@payloadcms/richtext-lexical/html'
import { NotFound, type PayloadRequest, type Where } from 'payload'
import { z } from 'zod'

import { loadSourceFacts } from '../records/sourceFacts.js'
import { slugs } from '../../rules/collectionSlugs.js'
import { parseOrBadRequest } from '../../rules/badRequest.js'
import type { Article, GlossaryTerm } from '../../payload-types.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { BoundedCache } from '../../rules/boundedCache.js'
import { numericIdOf } from '../../rules/ids.js'
import { type PageTrust, pageTrust } from '../trust/pageTrust.js'

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

/**
 * One approved article as a page: body (Lexical, HTML, plain text), source, the glossary terms
 * the body links to with their definitions for the article's audience and language, evidence,
 * review dates and state, and the citation outputs. For an anonymous reader of an article without
 * links, four SQL statements: the article row (its arrays joined laterally), its glossary terms
 * (one `id in (…)` query per page of ids, with their definitions), the linked set around it (one
 * indexed statement) and its evidence checks; one more for the source of an article without an
 * approval snapshot, for its reviewer's public name, and for linked articles' rows. After the
 * article row, the others run at once.
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
  const found = await req.payload.find({
    collection: articles,
    depth: 0,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    select: { lastEditedBy: false, reviewHistory: false, submittedBy: false },
    where,
  })
  const article = found.docs[0]
  if (!article) throw new NotFound(req.t)

  const termIds = (article.glossaryTerms ?? []).map(numericIdOf).filter((id): id is number => id !== null)
  const [source, terms, trust] = await Promise.all([
    loadSourceFacts(sources, req, article.source, article.citationSnapshot),
    // In pages of at most `limits.maxLimit` ids and `limits.maxWhereConditions` conditions: an
    // anonymous read may not ask for more at once
    // (a PDQ summary links a few hundred terms).
    Promise.all(
      chunksOf(termIds, Math.min(options.limits.maxLimit, options.limits.maxWhereConditions)).map((ids) =>
        req.payload
          .find({
            collection: glossaryTerms,
            depth: 0,
            limit: ids.length,
            overrideAccess: false,
            pagination: false,
            req,
            select: { definitions: true, nciId: true, term: true },
            where: { id: { in: ids } },
          })
          .then((result) => result.docs),
      ),
    ).then((pages) => pages.flat()),
    // Changelog, linked versions and checked evidence (src/trust).
    pageTrust({ article, options, req }),
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
