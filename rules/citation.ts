import { type CalendarDate } from './calendarDate.js'
import { httpsUrlProblem } from './formats.js'

/** A short citation, "NCI, 2025": the source label and a year. */
export interface ShortCitation {
  label: string
  year: number
}

/** Parses a short citation; `null` when it is not `<label>, <four-digit year>`. */
export const parseShortCitation = (value: string): ShortCitation | null => {
  const match = /^\s*(.+?)\s*,\s*(\d{4})\s*$/.exec(value)
  return match ? { label: match[1] as string, year: Number(match[2]) } : null
}

/** What the citation rule needs of an article, as plain data. */
export interface CitableArticle {
  citation?: null | string
  lastReviewed?: CalendarDate | null
  license?: null | string
  url?: null | string
}

/** A field-level problem: the field's path and a sentence. */
export interface FieldProblem {
  message: string
  path: string
}

/**
 * The citation rule (SPEC.md, Citations): an article may become `active` only with a source,
 * an absolute https canonical `url`, a licence, and a citation whose label is its source's
 * label and whose year is not after the year of `lastReviewed`. Returns every problem found.
 */
export const checkCitation = (article: CitableArticle, source: { label: string } | null): FieldProblem[] => {
  const problems: FieldProblem[] = []
  if (!source) problems.push({ message: 'An approved article needs a source.', path: 'source' })
  if (!article.url) {
    problems.push({ message: 'An approved article needs a canonical URL.', path: 'url' })
  } else {
    const problem = httpsUrlProblem(article.url)
    if (problem) problems.push({ message: `The canonical URL ${problem}.`, path: 'url' })
  }
  if (!article.license?.trim()) problems.push({ message: 'An approved article needs a licence.', path: 'license' })
  if (!article.citation?.trim()) {
    problems.push({ message: 'An approved article needs a citation such as "NCI, 2025".', path: 'citation' })
    return problems
  }
  const citation = parseShortCitation(article.citation)
  if (!citation) {
    problems.push({ message: `"${article.citation}" is not a citation of the form "<source label>, <year>".`, path: 'citation' })
    return problems
  }
  if (source && citation.label !== source.label) {
    problems.push({
      message: `The citation names "${citation.label}" but the source is "${source.label}".`,
      path: 'citation',
    })
  }
  if (!article.lastReviewed) {
    problems.push({ message: 'An approved article needs a last-reviewed date.', path: 'lastReviewed' })
  } else {
    const reviewedYear = Number(article.lastReviewed.slice(0, 4))
    if (citation.year > reviewedYear) {
      problems.push({
        message: `The citation year ${citation.year} is after the year of the last review (${reviewedYear}).`,
        path: 'citation',
      })
    }
  }
  return problems
}
