// The adapter's type augmentation gives `payload.db` its `drizzle`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'
import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { parseOrBadRequest } from '../../rules/badRequest.js'
import { slugs } from '../../rules/collectionSlugs.js'
import type { GlossaryTerm } from '../../payload-types.js'
import { MAX_QUERY_TEXT_LENGTH } from '../../rules/limits.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { lookupKey } from '../../rules/search.js'
import { AUDIENCES } from '../../rules/vocabulary.js'
import { tableNameOf } from './searchIndex.js'

/** How a glossary term is looked up: by NCI id, by exact name, or by name prefix (autosuggest). */
export const glossaryLookupSchema = z
  .strictObject({
    audience: z.enum(AUDIENCES).optional(),
    id: z.string().trim().min(1).max(40).optional(),
    language: z.string().trim().min(2).max(35).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    name: z.string().trim().min(1).max(MAX_QUERY_TEXT_LENGTH).optional(),
    prefix: z.string().trim().min(1).max(100).optional(),
  })
  .refine((value) => [value.id, value.name, value.prefix].filter(Boolean).length === 1, {
    message: 'give exactly one of id, name or prefix',
    path: ['name'],
  })

/** Parsed lookup parameters. */
export type GlossaryLookup = z.infer<typeof glossaryLookupSchema>

/** A term as a lookup answers it: its definitions for the asked language and audience, and where it is used. */
export interface GlossaryHit {
  definitions: NonNullable<GlossaryTerm['definitions']>
  id: number
  nciId: string
  needsDefinition: boolean
  otherLanguages: NonNullable<GlossaryTerm['otherLanguages']>
  term: string
  /** Approved articles whose body links to the term. */
  usedBy: { id: number; title: string; url: string }[]
}

/** Parses raw lookup parameters, answering a field error for each bad one. */
export const parseGlossaryLookup = (raw: Record<string, unknown>, collection: string, req: PayloadRequest): GlossaryLookup =>
  parseOrBadRequest(glossaryLookupSchema, raw, { collection, fallbackPath: 'name', req })

const likePrefix = (text: string): string => `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

/**
 * Looks glossary terms up by NCI id, by name (case- and accent-insensitive: "tumor" finds
 * "Tumor" and "túmor") or by name prefix, with each term's definitions (narrowed to a language
 * and audience when asked), its other-language names and the approved articles that use it.
 */
export const lookupGlossary = async ({
  lookup,
  options,
  req,
}: {
  lookup: GlossaryLookup
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<GlossaryHit[]> => {
  const { articles, glossaryTerms } = slugs(options)
  let ids: number[] | undefined
  if (lookup.prefix) {
    const table = `${tableNameOf(glossaryTerms)}_texts`
    const { rows } = await req.payload.db.drizzle.execute<{ id: number }>(sql`
      select parent_id as id, min(length(text)) as shortest from ${sql.raw(`"${table}"`)}
      where path = 'lookupKeys' and text like ${likePrefix(lookupKey(lookup.prefix))}
      group by parent_id order by shortest, parent_id limit ${lookup.limit}`)
    ids = rows.map((row) => Number(row.id))
    if (ids.length === 0) return []
  }
  const terms = await req.payload.find({
    collection: glossaryTerms,
    depth: 0,
    limit: lookup.limit,
    overrideAccess: false,
    pagination: false,
    req,
    select: { definitions: true, needsDefinition: true, nciId: true, otherLanguages: true, term: true },
    sort: 'term',
    where: lookup.id
      ? { nciId: { equals: lookup.id } }
      : lookup.name
        ? { lookupKeys: { equals: lookupKey(lookup.name) } }
        : { id: { in: ids ?? [] } },
  })
  if (terms.docs.length === 0) return []

  const termIds = terms.docs.map((term) => term.id)
  const using = await req.payload.find({
    collection: articles,
    depth: 0,
    // Bounded like every anonymous list: a term's most-used-by list is a page, not a fan-out.
    limit: options.limits.maxLimit,
    overrideAccess: false,
    pagination: false,
    req,
    select: { glossaryTerms: true, title: true, url: true },
    sort: 'title',
    where: { and: [{ glossaryTerms: { in: termIds } }, { status: { equals: 'active' } }] },
  })
  const language = lookup.language?.toLowerCase()
  const ordered = ids ? ids.flatMap((id) => terms.docs.filter((term) => term.id === id)) : terms.docs
  return ordered.map((term) => ({
    definitions: (term.definitions ?? []).filter(
      (definition) =>
        (!language || definition.language.toLowerCase() === language) && (!lookup.audience || definition.audience === lookup.audience),
    ),
    id: term.id,
    nciId: term.nciId,
    needsDefinition: Boolean(term.needsDefinition),
    otherLanguages: term.otherLanguages ?? [],
    term: term.term,
    usedBy: using.docs
      .filter((article) => (article.glossaryTerms ?? []).some((linked) => (typeof linked === 'number' ? linked : linked.id) === term.id))
      .map((article) => ({ id: article.id, title: article.title, url: article.url })),
  }))
}
