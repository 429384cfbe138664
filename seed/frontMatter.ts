import { z } from 'zod'

import { type CalendarDate, isCalendarDate, todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import { checkCitation } from '../rules/citation.js'
import { bcp47Problem, httpsUrlProblem, licenseProblem, sourceTypeProblem } from '../rules/formats.js'
import { lastReviewedProblem } from '../rules/reviewSchedule.js'
import { ARTICLE_STATUSES, AUDIENCES, REVIEW_FREQUENCIES } from '../rules/vocabulary.js'
import type { Checked, FieldError } from './problems.js'

/**
 * The input format of an article: YAML front matter of a Markdown document (SPEC.md, The
 * documents). `articleFrontMatterSchema` is the single source of truth for it: the importer's
 * types derive from it, and its enumerations derive from `rules/vocabulary.ts`.
 */

const describe = (value: unknown): string => {
  if (value === null) return 'empty'
  if (value instanceof Date) return 'a date'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return JSON.stringify(value)
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`
}

const requiredOr = (otherwise: (input: unknown) => string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : otherwise(issue.input)

/** A non-empty line of text; `problem` names what else is wrong with it. */
const text = (problem?: (value: string) => null | string) => {
  const base = z
    .string({ error: requiredOr((input) => `must be text, not ${describe(input)}`) })
    .trim()
    .min(1, 'must not be empty')
  return problem
    ? base.superRefine((value, context) => {
        const message = problem(value)
        if (message) context.addIssue({ code: 'custom', message })
      })
    : base
}

/** One of an `as const` list, with a message that names the allowed values. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: requiredOr((input) => `${describe(input)} is not one of ${values.join(', ')}`),
  })

/** A list of text; a single value is taken as a list of one. */
const textList = (minimum: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(text(), { error: requiredOr((input) => `must be a list of text, not ${describe(input)}`) })
      .min(minimum, `must name at least ${minimum}`),
  )

/**
 * A calendar day: a quoted `'2025-12-30'` or an unquoted YAML date (which some YAML parsers
 * turn into a `Date`). Times of day and impossible days are refused.
 */
const calendarDate = z.unknown().transform((value, context): CalendarDate => {
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
    context.addIssue({ code: 'custom', message: `${describe(value)} is not a date of the form YYYY-MM-DD` })
    return z.NEVER
  }
  return day
})

/** The one schema of an article's front matter. Unknown fields are ignored. */
export const articleFrontMatterSchema = z.object({
  audienceLevel: oneOf(AUDIENCES),
  cancerTypes: textList(1).optional(),
  citation: text().optional(),
  language: text(bcp47Problem),
  lastReviewed: calendarDate.optional(),
  license: text(licenseProblem).optional(),
  reviewFrequency: oneOf(REVIEW_FREQUENCIES),
  source: text(),
  sourceType: text(sourceTypeProblem),
  status: oneOf(ARTICLE_STATUSES),
  tags: textList(0).optional(),
  title: text(),
  url: text(httpsUrlProblem),
  version: z
    .union([z.string(), z.number()], { error: requiredOr((input) => `must be text such as v1, not ${describe(input)}`) })
    .transform((value) => String(value).trim())
    .pipe(z.string().min(1, 'must not be empty'))
    .optional(),
})

/** An article's front matter after validation. */
export type ArticleFrontMatter = z.output<typeof articleFrontMatterSchema>

const fieldOf = (path: readonly PropertyKey[]): string => (path.length > 0 ? path.map(String).join('.') : 'frontMatter')

const stringField = (raw: Record<string, unknown>, key: string): null | string => {
  const value = raw[key]
  if (typeof value === 'string') return value.trim() || null
  return typeof value === 'number' ? String(value) : null
}

/**
 * The rules an imported article must meet beyond its fields' shapes: no `lastReviewed` in the
 * future, and an `active` article meets the citation rule (rules/citation.ts). Read from the
 * raw mapping so that they are reported together with any field errors.
 */
export const articleRuleProblems = (raw: Record<string, unknown>, today: CalendarDate): FieldError[] => {
  const problems: FieldError[] = []
  const lastReviewed = calendarDate.safeParse(raw.lastReviewed)
  if (lastReviewed.success && raw.lastReviewed !== undefined) {
    const problem = lastReviewedProblem(lastReviewed.data, today)
    if (problem) problems.push({ field: 'lastReviewed', message: problem })
  }
  if (raw.status === 'active') {
    const source = stringField(raw, 'source')
    const citation = checkCitation(
      {
        citation: stringField(raw, 'citation'),
        lastReviewed: lastReviewed.success ? lastReviewed.data : null,
        license: stringField(raw, 'license'),
        url: stringField(raw, 'url'),
      },
      source ? { label: source } : null,
    )
    problems.push(...citation.map((problem) => ({ field: problem.path, message: problem.message })))
  }
  return problems
}

/**
 * Validates a parsed front-matter mapping: every field problem and every rule problem, each
 * field named once (a field with a shape error gets no rule error on top).
 */
export const validateFrontMatter = (raw: unknown, today: CalendarDate = todayUtc()): Checked<ArticleFrontMatter> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof Date) {
    return { errors: [{ field: 'frontMatter', message: `must be a mapping of fields (key: value), not ${describe(raw)}` }], ok: false }
  }
  const parsed = articleFrontMatterSchema.safeParse(raw)
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: fieldOf(issue.path), message: issue.message }))
  const named = new Set(errors.map((error) => error.field.split('.')[0]))
  for (const problem of articleRuleProblems(raw as Record<string, unknown>, today)) {
    const duplicate = errors.some((error) => error.field === problem.field && error.message === problem.message)
    if (!named.has(problem.field) && !duplicate) errors.push(problem)
  }
  if (errors.length > 0 || !parsed.success) return { errors, ok: false }
  return { ok: true, value: parsed.data }
}
