import { z } from 'zod'

import { type CalendarDate, isCalendarDate, toCalendarDate } from './calendarDate.js'
import { evidenceIdProblem } from './evidenceCheck.js'
import { bcp47Problem, httpsUrlProblem, httpUrlProblem, licenseProblem, sourceTypeProblem } from './formats.js'
import { AUDIENCES, EVIDENCE_KINDS, REVIEW_FREQUENCIES } from './vocabulary.js'

/**
 * The zod schemas of every field value an editor or an import may write: the single source of
 * truth that the importer's front-matter schema (seed/frontMatter.ts) and the write hooks of
 * the collections (hooks/validateWriteBeforeOperation.ts) share. Each schema names what is
 * wrong in a sentence that can be shown on the field.
 */

/** Bounds of what one field may hold: a 20 MB title or a 100,000-item list is refused. */
export const FIELD_LIMITS = {
  /** Items in a list of ids (glossary terms of one article). */
  maxIds: 5_000,
  /** Items in a list of text (cancer types, tags, aliases). */
  maxListItems: 100,
  /** Rows of an array field (evidence, definitions). */
  maxRows: 5_000,
  /** Characters of a one-line text field. */
  maxText: 1_000,
  /** Characters of a long text (a definition). */
  maxLongText: 100_000,
  /** Characters of a URL. */
  maxUrl: 2_048,
  /** Characters of a JSON field's serialisation. */
  maxJson: 200_000,
} as const

/** A value described for a message: never the value whole when it is long. */
export const describeValue = (value: unknown): string => {
  if (value === null) return 'empty'
  if (value instanceof Date) return 'a date'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return value.length > 60 ? `a text of ${value.length} characters` : JSON.stringify(value)
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(JSON.stringify(value)).slice(0, 40)}`
}

const requiredOr = (otherwise: (input: unknown) => string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : otherwise(issue.input)

/** A non-empty line of text of at most `max` characters; `problem` names what else is wrong. */
export const textSchema = (problem?: (value: string) => null | string, max: number = FIELD_LIMITS.maxText) => {
  const base = z
    .string({ error: requiredOr((input) => `must be text, not ${describeValue(input)}`) })
    .max(max, `must be at most ${max} characters`)
    .trim()
    .min(1, 'must not be empty')
  return problem
    ? base.superRefine((value, context) => {
        // Format checks of over-long values would only repeat the length error.
        if (value.length > max) return
        const message = problem(value)
        if (message) context.addIssue({ code: 'custom', message })
      })
    : base
}

/** One of an `as const` list, with a message that names the allowed values. */
export const oneOfSchema = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: requiredOr((input) => `${describeValue(input)} is not one of ${values.join(', ')}`),
  })

/** A list of text of at least `minimum` items; a single value is taken as a list of one. */
export const textListSchema = (minimum: number, maxItems: number = FIELD_LIMITS.maxListItems) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(textSchema(), { error: requiredOr((input) => `must be a list of text, not ${describeValue(input)}`) })
      .min(minimum, `must name at least ${minimum}`)
      .max(maxItems, `must name at most ${maxItems}`),
  )

/**
 * A calendar day: a quoted `'2025-12-30'` or an unquoted YAML date (which some YAML parsers
 * turn into a `Date`). Times of day and impossible days are refused.
 */
export const calendarDateSchema = z.unknown().transform((value, context): CalendarDate => {
  if (value === undefined) {
    context.addIssue({ code: 'custom', message: 'is required' })
    return z.NEVER
  }
  const day =
    value instanceof Date
      ? toCalendarDate(value)
      : typeof value === 'string' && isCalendarDate(value.trim())
        ? (value.trim() as CalendarDate)
        : null
  if (!day || (value instanceof Date && value.getTime() % 86_400_000 !== 0)) {
    context.addIssue({ code: 'custom', message: `${describeValue(value)} is not a date of the form YYYY-MM-DD` })
    return z.NEVER
  }
  return day
})

/** A content version such as `v1` (a bare number is taken as text). */
export const versionSchema = z
  .union([z.string(), z.number()], { error: requiredOr((input) => `must be text such as v1, not ${describeValue(input)}`) })
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'must not be empty').max(FIELD_LIMITS.maxText, `must be at most ${FIELD_LIMITS.maxText} characters`))

/**
 * The article fields of the input format, one schema each: the importer's front matter and
 * every write of an article use exactly these.
 */
export const articleFieldSchemas = {
  audienceLevel: oneOfSchema(AUDIENCES),
  cancerTypes: textListSchema(1),
  citation: textSchema(),
  language: textSchema(bcp47Problem),
  license: textSchema(licenseProblem),
  reviewFrequency: oneOfSchema(REVIEW_FREQUENCIES),
  sourceType: textSchema(sourceTypeProblem),
  tags: textListSchema(0),
  title: textSchema(),
  url: textSchema(httpsUrlProblem, FIELD_LIMITS.maxUrl),
  version: versionSchema,
} as const

/** The id of a stored document (Postgres serial ids): a positive integer or its digits. */
export const documentIdSchema = z
  .union([z.number(), z.string()], { error: (issue) => `must be the id of a document, not ${describeValue(issue.input)}` })
  .transform((value, context) => {
    const id = typeof value === 'number' ? value : /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
    if (!Number.isSafeInteger(id) || id < 1) {
      context.addIssue({ code: 'custom', message: `must be the id of a document, not ${describeValue(value)}` })
      return z.NEVER
    }
    return id
  })

/** A list of document ids without repeats. */
export const documentIdListSchema = z
  .array(documentIdSchema, { error: (issue) => `must be a list of document ids, not ${describeValue(issue.input)}` })
  .max(FIELD_LIMITS.maxIds, `must name at most ${FIELD_LIMITS.maxIds}`)

/** `schema`, or empty: `null` (an empty text is taken as `null`). Issues keep their paths. */
export const emptyOr = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema.nullable()).optional()

/**
 * An array field's rows, or empty. Payload's admin form sends an array field without rows as
 * its row count, `0`: that is an empty list, not a bad value.
 */
export const rowsOr = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === 0 || value === '' ? [] : value), schema.nullable()).optional()

const optionalText = (problem?: (value: string) => null | string, max?: number) => emptyOr(textSchema(problem, max))

// Payload keeps a row id on array rows; a client may echo it back.
const rowId = z.union([z.string().max(64), z.number(), z.null()]).optional()

// Link text and ids as found in a body: kept as they are, only bounded.
const looseText = z
  .string({ error: (issue) => `must be text, not ${describeValue(issue.input)}` })
  .max(FIELD_LIMITS.maxText, `must be at most ${FIELD_LIMITS.maxText} characters`)
  .nullable()
  .optional()

/** One evidence link of an article. */
export const evidenceRowSchema = z
  .object({
    id: rowId,
    identifier: looseText,
    kind: oneOfSchema(EVIDENCE_KINDS),
    label: looseText,
    url: textSchema(httpUrlProblem, FIELD_LIMITS.maxUrl),
  })
  // PubMed, PMC, trial and DOI ids have a form (rules/evidenceCheck.ts).
  .superRefine((row, context) => {
    const problem = evidenceIdProblem(row.kind, row.identifier)
    if (problem) context.addIssue({ code: 'custom', message: problem, path: ['identifier'] })
  })

/** A JSON value whose serialisation stays within the budget of a JSON field. */
export const boundedJsonSchema = z.unknown().superRefine((value, context) => {
  let size: number
  try {
    size = JSON.stringify(value ?? null).length
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON' })
    return
  }
  if (size > FIELD_LIMITS.maxJson) context.addIssue({ code: 'custom', message: `must be at most ${FIELD_LIMITS.maxJson} characters of JSON` })
})

/** The fields of a source, as an editor writes them (sources have no front matter of their own). */
export const sourceFieldSchemas = {
  defaultLicense: optionalText(licenseProblem),
  homeUrl: optionalText(httpUrlProblem, FIELD_LIMITS.maxUrl),
  label: textSchema(),
  name: optionalText(),
  tierKey: optionalText((value) => (/^[a-z][a-z0-9_]*$/.test(value) ? null : `"${value}" must be a key such as nci_core`)),
  tierRank: emptyOr(
    z
      .number({ error: (issue) => `must be a whole number from 0 to 99, not ${describeValue(issue.input)}` })
      .int('must be a whole number')
      .min(0, 'must be at least 0')
      .max(99, 'must be at most 99'),
  ),
} as const

const definitionRowSchema = z.object({
  audience: oneOfSchema(AUDIENCES),
  dictionary: textSchema(),
  html: optionalText(undefined, FIELD_LIMITS.maxLongText),
  id: rowId,
  language: textSchema(bcp47Problem),
  prettyUrlName: optionalText(),
  pronunciation: emptyOr(z.object({ audio: optionalText(httpUrlProblem, FIELD_LIMITS.maxUrl), key: optionalText() })),
  termName: optionalText(),
  text: textSchema(undefined, FIELD_LIMITS.maxLongText),
})

const otherLanguageRowSchema = z.object({
  id: rowId,
  language: textSchema(bcp47Problem),
  prettyUrlName: optionalText(),
  termName: textSchema(),
})

/** The fields of a glossary term, with the same text, language and URL rules as articles. */
export const glossaryTermFieldSchemas = {
  aliases: emptyOr(textListSchema(0)),
  definitions: rowsOr(
    z.array(definitionRowSchema, { error: (issue) => `must be a list of definitions, not ${describeValue(issue.input)}` }).max(FIELD_LIMITS.maxRows),
  ),
  language: textSchema(bcp47Problem),
  media: boundedJsonSchema.optional(),
  nciId: textSchema((value) => (/^\d{1,12}$/.test(value) ? null : `"${value}" must be an NCI dictionary id (digits)`)),
  needsDefinition: emptyOr(z.boolean({ error: (issue) => `must be true or false, not ${describeValue(issue.input)}` })),
  otherLanguages: rowsOr(
    z.array(otherLanguageRowSchema, { error: (issue) => `must be a list, not ${describeValue(issue.input)}` }).max(FIELD_LIMITS.maxRows),
  ),
  relatedResources: boundedJsonSchema.optional(),
  term: textSchema(),
} as const

/**
 * What an article write may hold beyond the front-matter fields: its source, glossary terms
 * and evidence. The body has a rule of its own (rules/lexicalBody.ts).
 */
export const articleRelationSchemas = {
  evidence: rowsOr(
    z
      .array(evidenceRowSchema, { error: (issue) => `must be a list of evidence links, not ${describeValue(issue.input)}` })
      .max(FIELD_LIMITS.maxRows, `must hold at most ${FIELD_LIMITS.maxRows} links`),
  ),
  counterparts: emptyOr(documentIdListSchema),
  glossaryTerms: emptyOr(documentIdListSchema),
  source: emptyOr(documentIdSchema),
  translationOf: emptyOr(documentIdSchema),
} as const
