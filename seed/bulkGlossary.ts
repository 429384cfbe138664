import { inArray } from '@payloadcms/db-postgres/drizzle'
import type { Payload } from 'payload'

import type { FieldProblem } from '../rules/citation.js'
import { slugs } from '../rules/collectionSlugs.js'
import type { SanitizedOptions } from '../rules/options.js'
import { glossaryLookupKeys } from '../rules/search.js'
import { tableNameOf } from '../rules/tableNames.js'
import type { WebhookEvent } from '../rules/vocabulary.js'
import { webhooksFor } from '../rules/webhooks.js'
import { checkWrite, GLOSSARY_TERM_WRITE_RULES } from '../rules/writeRules.js'
import { insert, insertSkippingConflicts, namedTable, type Row } from './tables.js'

/**
 * The bulk path of the importer for new glossary terms (the terms article links name that the
 * glossary data lacks, hundreds in the PDQ corpus): the rules a Payload create applies, as the
 * pure functions they are, then one multi-row insert of the terms and one of their texts, in a
 * transaction of their own. What it writes, row by row, is what Payload's `create` writes for the
 * same data (`tests/integration/seedBulk.test.ts` compares every table).
 */

/** The event a glossary term's save announces to webhooks (collections/GlossaryTerms). */
const GLOSSARY_EVENT: WebhookEvent = 'glossary.changed'

/** The rows-to-be of one new glossary term: its columns and its hasMany texts, by database name. */
export interface ApprovedGlossaryTerm {
  columns: Row
  nciId: string
  texts: { path: string; text: string }[]
}

/** The outcome of judging a new glossary term for the bulk path. */
export type GlossaryDecision = { ok: false; problems: FieldProblem[] } | { ok: true; term: ApprovedGlossaryTerm }

// Array fields have rows (and row ids) of their own: such terms go through Payload's create.
const ARRAY_FIELDS = ['definitions', 'otherLanguages'] as const

/**
 * Applies to a new glossary term the rules a Payload create of it applies: the write rules of
 * every field (normalising values as they do), the fields' defaults (`language` en,
 * `needsDefinition` false) and the `lookupKeys` its beforeChange hook derives. A problem, or a
 * definition or other-language row, means: not for the bulk path (Payload's create handles it).
 */
export const judgeNewGlossaryTerm = (data: Record<string, unknown>): GlossaryDecision => {
  const checked = checkWrite(GLOSSARY_TERM_WRITE_RULES, data, 'create')
  if (!checked.ok) return checked
  const term = checked.data
  const withRows = ARRAY_FIELDS.filter((field) => Array.isArray(term[field]) && term[field].length > 0)
  if (withRows.length > 0) return { ok: false, problems: withRows.map((path) => ({ message: 'has rows: written through Payload', path })) }
  const aliases = Array.isArray(term.aliases) ? (term.aliases as unknown[]).filter((alias): alias is string => typeof alias === 'string') : []
  return {
    ok: true,
    term: {
      columns: {
        language: term.language ?? 'en',
        media: term.media ?? null,
        nci_id: term.nciId,
        needs_definition: term.needsDefinition ?? false,
        related_resources: term.relatedResources ?? null,
        term: term.term,
      },
      nciId: String(term.nciId),
      texts: [...aliases.map((text) => ({ path: 'aliases', text })), ...glossaryLookupKeys(term).map((text) => ({ path: 'lookupKeys', text }))],
    },
  }
}

/**
 * Creates new glossary terms with two multi-row inserts in one transaction, and returns the id
 * of each NCI id asked for (one a concurrent import stored meanwhile included). Returns `null`,
 * writing nothing, when the bulk path cannot write what Payload's create would: a term the rules
 * refuse or with array rows, or an active webhook announcing glossary changes (Payload's create
 * queues a delivery per term).
 */
export const createGlossaryTermsInBulk = async (
  payload: Payload,
  options: SanitizedOptions,
  terms: readonly Record<string, unknown>[],
): Promise<Map<string, number> | null> => {
  if (terms.length === 0) return new Map()
  const approved: ApprovedGlossaryTerm[] = []
  for (const term of terms) {
    const decision = judgeNewGlossaryTerm(term)
    if (!decision.ok) return null
    approved.push(decision.term)
  }
  const { docs: webhooks } = await payload.find({
    collection: slugs(options).webhooks,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    select: { active: true, events: true },
    where: { active: { equals: true } },
  })
  if (webhooksFor(webhooks, GLOSSARY_EVENT).length > 0) return null

  const name = tableNameOf(options.collections.glossaryTerms)
  const table = namedTable(payload, name)
  const texts = namedTable(payload, `${name}_texts`)
  const now = new Date().toISOString()
  return payload.db.drizzle.transaction(async (tx) => {
    const inserted = await insertSkippingConflicts(
      tx,
      table,
      approved.map((term) => ({ ...term.columns, created_at: now, updated_at: now })),
      ['nci_id'],
    )
    const ids = new Map(inserted.map((row) => [String(row.nci_id), Number(row.id)]))
    await insert(
      tx,
      texts,
      approved.flatMap((term) => {
        const parent = ids.get(term.nciId)
        if (parent === undefined) return []
        // Payload numbers a hasMany text field's values from 1, per field.
        const order = new Map<string, number>()
        return term.texts.map(({ path, text }) => {
          order.set(path, (order.get(path) ?? 0) + 1)
          return { order: order.get(path), parent_id: parent, path, text }
        })
      }),
    )
    // Terms a concurrent import stored first: their ids.
    const skipped = approved.filter((term) => !ids.has(term.nciId)).map((term) => term.nciId)
    if (skipped.length > 0) {
      const nciId = table.table[table.keyOf.get('nci_id') ?? 'nciId']
      const id = table.table[table.keyOf.get('id') ?? 'id']
      if (!nciId || !id) throw new Error(`The table "${name}" has no nci_id or id column`)
      const stored = (await tx.select({ id, nciId }).from(table.table).where(inArray(nciId, skipped))) as { id: number; nciId: string }[]
      for (const row of stored) ids.set(row.nciId, row.id)
    }
    return ids
  })
}
