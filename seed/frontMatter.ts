import { z } from 'zod'

import { type CalendarDate, todayUtc } from '../rules/calendarDate.js'
import { checkCitation } from '../rules/citation.js'
import {
  articleFieldSchemas as fields,
  calendarDateSchema as calendarDate,
  describeValue as describe,
  oneOfSchema as oneOf,
  textSchema as text,
} from '../rules/fieldSchemas.js'
import { lastReviewedProblem } from '../rules/reviewSchedule.js'
import { ARTICLE_STATUSES } from '../rules/vocabulary.js'
import type { Checked, FieldError } from './problems.js'

/**
 * The input format of an article: YAML front matter of a Markdown document (SPEC.md, The
 * documents). `articleFrontMatterSchema` is the single source of truth for it: the importer's
 * types derive from it. Its field schemas are those of every write of an article
 * (rules/fieldSchemas.ts), and its enumerations derive from `rules/vocabulary.ts`.
 */

/** The one schema of an article's front matter. Unknown fields are ignored. */
export const articleFrontMatterSchema = z.object({
  audienceLevel: fields.audienceLevel,
  cancerTypes: fields.cancerTypes.optional(),
  citation: fields.citation.optional(),
  language: fields.language,
  lastReviewed: calendarDate.optional(),
  license: fields.license.optional(),
  reviewFrequency: fields.reviewFrequency,
  source: text(),
  sourceType: fields.sourceType,
  status: oneOf(ARTICLE_STATUSES),
  tags: fields.tags.optional(),
  title: fields.title,
  /** The canonical URL of the article this one translates (an English original of a Spanish summary). */
  translationOf: fields.url.optional(),
  url: fields.url,
  version: fields.version.optional(),
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
