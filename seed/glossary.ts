import { z } from 'zod'

import { bcp47Problem, httpUrlProblem } from '../rules/formats.js'
import type { Audience } from '../rules/vocabulary.js'
import { checkWrite, GLOSSARY_TERM_WRITE_RULES } from '../rules/writeRules.js'
import type { GlossaryTerm } from '../payload-types.js'
import type { FieldError, FileFailure } from './problems.js'

/**
 * NCI Dictionary of Cancer Terms entries (the JSON-lines shape of NCI's public glossary API)
 * → glossary-term documents: one document per NCI term id, one definition per language +
 * audience + dictionary. Pure: parsing, grouping and merging with a stored document.
 */

/** NCI's audiences and ours. */
export const NCI_AUDIENCES = { HealthProfessional: 'clinician', Patient: 'patient' } as const satisfies Record<string, Audience>

const nciAudiences = Object.keys(NCI_AUDIENCES) as [keyof typeof NCI_AUDIENCES, ...(keyof typeof NCI_AUDIENCES)[]]

const checked = (problem: (value: string) => null | string) =>
  z.string().superRefine((value, context) => {
    const message = problem(value)
    if (message) context.addIssue({ code: 'custom', message })
  })

const nonEmpty = z.string().trim().min(1, 'must not be empty')

/** One line of NCI glossary data: the single schema of that input format. */
export const nciGlossaryEntrySchema = z.object({
  audience: z.enum(nciAudiences, { error: (issue) => `${JSON.stringify(issue.input)} is not one of ${nciAudiences.join(', ')}` }),
  definition: z.object({ html: z.string().nullish(), text: nonEmpty }),
  dictionary: nonEmpty,
  firstLetter: z.string().nullish(),
  language: checked(bcp47Problem),
  media: z.array(z.unknown()).nullish(),
  otherLanguages: z
    .array(z.object({ language: checked(bcp47Problem), prettyUrlName: z.string().nullish(), termName: nonEmpty }))
    .nullish(),
  prettyUrlName: z.string().nullish(),
  pronunciation: z
    .object({ audio: checked(httpUrlProblem).nullish(), key: z.string().nullish() })
    .nullish(),
  relatedResources: z.array(z.unknown()).nullish(),
  termId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'must be a number')]).transform((id) => String(Number(id))),
  termName: nonEmpty,
})

/** One NCI glossary entry after validation. */
export type NciGlossaryEntry = z.output<typeof nciGlossaryEntrySchema>

/** The JSON-lines file parsed: valid entries, and a failure per bad line (`file:line`). */
export interface GlossaryFileContent {
  entries: NciGlossaryEntry[]
  failures: FileFailure[]
}

/** Parses NCI glossary JSON lines; blank lines are skipped, every bad line is reported. */
export const parseGlossaryLines = (text: string, file: string): GlossaryFileContent => {
  const entries: NciGlossaryEntry[] = []
  const failures: FileFailure[] = []
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return
    const where = `${file}:${index + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      failures.push({ errors: [{ field: 'line', message: `not JSON: ${(error as Error).message}` }], file: where })
      return
    }
    const parsed = nciGlossaryEntrySchema.safeParse(value)
    if (parsed.success) entries.push(parsed.data)
    else {
      const errors: FieldError[] = parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'line',
        message: issue.message,
      }))
      failures.push({ errors, file: where })
    }
  })
  return { entries, failures }
}

/** A glossary-term document as the importer writes it. */
export interface GlossaryTermData {
  definitions: NonNullable<GlossaryTerm['definitions']>
  language: string
  media: TaggedList[]
  nciId: string
  needsDefinition: boolean
  otherLanguages: NonNullable<GlossaryTerm['otherLanguages']>
  relatedResources: TaggedList[]
  term: string
}

/** Related resources or media of one definition (language + audience + dictionary). */
export interface TaggedList {
  audience: Audience
  dictionary: string
  items: unknown[]
  language: string
}

type Definition = NonNullable<GlossaryTerm['definitions']>[number]
type OtherLanguage = NonNullable<GlossaryTerm['otherLanguages']>[number]

const keyOf = (item: { audience: string; dictionary: string; language: string }): string =>
  `${item.language}\u0000${item.audience}\u0000${item.dictionary}`

const byKey = <T extends { audience: string; dictionary: string; language: string }>(a: T, b: T): number =>
  keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0

const definitionOf = (entry: NciGlossaryEntry): Definition => ({
  audience: NCI_AUDIENCES[entry.audience],
  dictionary: entry.dictionary,
  html: entry.definition.html ?? null,
  language: entry.language,
  prettyUrlName: entry.prettyUrlName ?? null,
  pronunciation: { audio: entry.pronunciation?.audio ?? null, key: entry.pronunciation?.key ?? null },
  termName: entry.termName,
  text: entry.definition.text,
})

// The name a term is known by: the English patient entry's, else the first entry's.
const preferred = (entries: NciGlossaryEntry[]): NciGlossaryEntry =>
  entries.find((entry) => entry.language === 'en' && entry.audience === 'Patient') ??
  entries.find((entry) => entry.language === 'en') ??
  (entries[0] as NciGlossaryEntry)

/**
 * Groups entries into one glossary-term document per NCI term id, definitions sorted by
 * language, audience and dictionary. A later entry for the same key replaces an earlier one.
 */
export const glossaryTermsFromEntries = (entries: NciGlossaryEntry[]): GlossaryTermData[] => {
  const byTerm = new Map<string, Map<string, NciGlossaryEntry>>()
  for (const entry of entries) {
    const definitions = byTerm.get(entry.termId) ?? new Map<string, NciGlossaryEntry>()
    definitions.set(keyOf({ ...entry, audience: NCI_AUDIENCES[entry.audience] }), entry)
    byTerm.set(entry.termId, definitions)
  }
  return [...byTerm].map(([nciId, keyed]) => {
    const termEntries = [...keyed.values()]
    const main = preferred(termEntries)
    const otherLanguages = new Map<string, OtherLanguage>()
    for (const entry of termEntries) {
      for (const other of entry.otherLanguages ?? []) {
        if (other.language !== main.language && !otherLanguages.has(other.language)) {
          otherLanguages.set(other.language, { language: other.language, prettyUrlName: other.prettyUrlName ?? null, termName: other.termName })
        }
      }
    }
    const tagged = (pick: (entry: NciGlossaryEntry) => unknown[] | null | undefined): TaggedList[] =>
      termEntries
        .map((entry) => ({ audience: NCI_AUDIENCES[entry.audience], dictionary: entry.dictionary, items: pick(entry) ?? [], language: entry.language }))
        .filter((list) => list.items.length > 0)
        .sort(byKey)
    return {
      definitions: termEntries.map(definitionOf).sort(byKey),
      language: main.language,
      media: tagged((entry) => entry.media),
      nciId,
      needsDefinition: false,
      otherLanguages: [...otherLanguages.values()].sort((a, b) => (a.language < b.language ? -1 : 1)),
      relatedResources: tagged((entry) => entry.relatedResources),
      term: main.termName,
    }
  })
}

/** A stored glossary-term document, as far as the merge reads it. */
export type StoredGlossaryTerm = Pick<
  GlossaryTerm,
  'definitions' | 'language' | 'media' | 'needsDefinition' | 'nciId' | 'otherLanguages' | 'relatedResources' | 'term'
>

const withoutIds = <T extends { id?: null | string }>(items: T[] | null | undefined): Omit<T, 'id'>[] =>
  (items ?? []).map(({ id: _id, ...rest }) => rest)

const asTaggedLists = (value: unknown): TaggedList[] =>
  Array.isArray(value)
    ? value.filter(
        (item): item is TaggedList =>
          typeof item === 'object' && item !== null && 'language' in item && 'audience' in item && 'dictionary' in item && 'items' in item,
      )
    : []

const mergeKeyed = <T extends { audience: string; dictionary: string; language: string }>(stored: T[], incoming: T[]): T[] => {
  const merged = new Map(stored.map((item) => [keyOf(item), item]))
  for (const item of incoming) merged.set(keyOf(item), item)
  return [...merged.values()].sort(byKey)
}

/**
 * Merges imported data into a stored term (upsert by NCI id): definitions, related resources
 * and media are replaced per language + audience + dictionary and kept otherwise (an editor's
 * own definition survives), other-language names are replaced per language.
 */
export const mergeGlossaryTerm = (stored: StoredGlossaryTerm, incoming: GlossaryTermData): GlossaryTermData => {
  const otherLanguages = new Map(withoutIds(stored.otherLanguages).map((item) => [item.language, item]))
  for (const item of incoming.otherLanguages) otherLanguages.set(item.language, item)
  otherLanguages.delete(incoming.language)
  return {
    ...incoming,
    definitions: mergeKeyed(withoutIds(stored.definitions).map(normalizeDefinition), incoming.definitions),
    media: mergeKeyed(asTaggedLists(stored.media), incoming.media),
    otherLanguages: [...otherLanguages.values()].map(normalizeOtherLanguage).sort((a, b) => (a.language < b.language ? -1 : 1)),
    relatedResources: mergeKeyed(asTaggedLists(stored.relatedResources), incoming.relatedResources),
  }
}

const normalizeDefinition = (definition: Omit<Definition, 'id'>): Definition => ({
  audience: definition.audience,
  dictionary: definition.dictionary,
  html: definition.html ?? null,
  language: definition.language,
  prettyUrlName: definition.prettyUrlName ?? null,
  pronunciation: { audio: definition.pronunciation?.audio ?? null, key: definition.pronunciation?.key ?? null },
  termName: definition.termName ?? null,
  text: definition.text,
})

const normalizeOtherLanguage = (item: Omit<OtherLanguage, 'id'>): OtherLanguage => ({
  language: item.language,
  prettyUrlName: item.prettyUrlName ?? null,
  termName: item.termName,
})

/** The stored term in the importer's form, for comparison with what an import would write. */
export const normalizeStoredTerm = (stored: StoredGlossaryTerm): GlossaryTermData => ({
  definitions: withoutIds(stored.definitions).map(normalizeDefinition).sort(byKey),
  language: stored.language ?? 'en',
  media: asTaggedLists(stored.media),
  nciId: stored.nciId,
  needsDefinition: stored.needsDefinition ?? false,
  otherLanguages: withoutIds(stored.otherLanguages).map(normalizeOtherLanguage).sort((a, b) => (a.language < b.language ? -1 : 1)),
  relatedResources: asTaggedLists(stored.relatedResources),
  term: stored.term,
})

/** True when writing `next` over `stored` would change nothing. */
export const sameGlossaryTerm = (stored: StoredGlossaryTerm, next: GlossaryTermData): boolean =>
  canonicalJson(normalizeStoredTerm(stored)) === canonicalJson(asWritten(next))

/**
 * A term as the write rules would store it (text trimmed: rules/writeRules.ts), so that data
 * which differs from what is stored only in what a write normalises compares equal.
 */
const asWritten = (term: GlossaryTermData): unknown => {
  const checked = checkWrite(GLOSSARY_TERM_WRITE_RULES, term, 'update')
  return checked.ok ? checked.data : term
}

/** JSON with object keys sorted, so that equal data compares equal. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  )

/**
 * A term created for a glossary link that the glossary data does not define: named by the
 * link text, marked as needing a definition.
 */
export const glossaryStub = (nciId: string, linkText: string, language: string): GlossaryTermData => ({
  definitions: [],
  language,
  media: [],
  nciId,
  needsDefinition: true,
  otherLanguages: [],
  relatedResources: [],
  term: linkText.trim() || `NCI term ${nciId}`,
})
