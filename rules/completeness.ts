import type { CalendarDate } from './calendarDate.js'
import { checkCitation, type FieldProblem } from './citation.js'
import { articleFieldSchemas } from './fieldSchemas.js'
import { bodyHasText } from './lexicalBody.js'

/** What completeness needs of an article, as plain data (the whole working copy). */
export interface CompletenessInput {
  audienceLevel?: unknown
  body?: unknown
  cancerTypes?: unknown
  citation?: null | string
  language?: unknown
  /** The last-review date the article will carry once approved (today, at submit and approval). */
  lastReviewed: CalendarDate | null
  license?: null | string
  reviewFrequency?: unknown
  title?: unknown
  url?: null | string
}

// The fields an approved article must hold, each valid by the same schema as every write.
const NEEDED = ['title', 'url', 'audienceLevel', 'language', 'reviewFrequency', 'cancerTypes'] as const

/**
 * Everything an approved article needs (SPEC.md, The documents and Citations): a title, a
 * canonical https URL, an audience, a language, a review frequency, at least one cancer type,
 * a body with text, and the citation rule (source, licence, a citation naming the source with
 * a year not after the review). Checked at submit and again, on the whole document, at
 * approval. Returns every problem, one per field.
 */
export const completenessProblems = (article: CompletenessInput, source: { label: string } | null): FieldProblem[] => {
  const problems: FieldProblem[] = []
  for (const field of NEEDED) {
    const value = article[field]
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    if (empty) {
      problems.push({ message: `An approved article needs ${field === 'cancerTypes' ? 'at least one cancer type' : `a ${field}`}.`, path: field })
      continue
    }
    const parsed = articleFieldSchemas[field].safeParse(value)
    if (!parsed.success) problems.push({ message: parsed.error.issues[0]?.message ?? 'is not valid', path: field })
  }
  if (!bodyHasText(article.body)) problems.push({ message: 'An approved article needs a body with text.', path: 'body' })
  for (const problem of checkCitation(
    { citation: article.citation, lastReviewed: article.lastReviewed, license: article.license, url: article.url },
    source,
  )) {
    if (!problems.some((known) => known.path === problem.path)) problems.push(problem)
  }
  return problems
}
