import { type CalendarDate, isCalendarDate, toCalendarDate } from './calendarDate.js'

/**
 * The reader-facing changelog of an article: entries `{ date, note }`, newest first. Approval of
 * an update with a change note appends one; the importer reads the first one from a document's
 * "Changes to This Summary (MM/DD/YYYY)" section. Entries are never edited once written.
 */

/** One changelog entry as readers get it. */
export interface ChangeEntry {
  date: CalendarDate
  /** What changed, as Markdown text (links kept, absolute). */
  note: string
}

/** Longest note an entry keeps (an imported PDQ section runs to a few thousand characters). */
export const MAX_CHANGE_NOTE = 20_000

// "## Changes to This Summary (08/17/2018)" and the Spanish "## Cambios en este resumen (08/17/2018)".
const HEADING = /^(#{1,6})[ \t]+(?:changes to this summary|cambios (?:en|a) este resumen)[ \t]*\([ \t]*(\d{1,2})\/(\d{1,2})\/(\d{4})[ \t]*\)[ \t]*#*[ \t]*$/i

// Paragraphs every PDQ section carries, which say nothing about this change.
const BOILERPLATE = [
  /^the pdq cancer information summaries are reviewed regularly/i,
  /^this summary is written and maintained by/i,
  /^los resúmenes del pdq con información sobre el cáncer se revisan/i,
  /^este resumen (?:lo redacta|se redacta|está redactado)/i,
]

/** A calendar date from month, day and year as the PDQ heading writes them, or `null`. */
export const usDate = (month: string, day: string, year: string): CalendarDate | null => {
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return isCalendarDate(value) ? value : null
}

// A paragraph's words: links as their text, emphasis marks dropped (PDQ links glossary terms inside its boilerplate).
const plainText = (markdown: string): string => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '')

// Markdown link targets: `](target)` or `](target "title")`; the title (the URL again, in PDQ) is dropped.
const LINK_TARGET = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g

const absolute = (href: string, base: string): string => {
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : href
  } catch {
    return href
  }
}

/**
 * Reads the "Changes to This Summary (MM/DD/YYYY)" section of a Markdown document into a
 * changelog entry: the date from the heading, the note from the section's text up to the next
 * heading of the same or a higher level, without the two paragraphs every PDQ summary repeats,
 * with its links kept and made absolute against `baseUrl` (the article's URL). Returns `null`
 * when the document has no such section, its date is no calendar date, or it says nothing.
 */
export const parseChangesSection = (markdown: string, baseUrl: string): ChangeEntry | null => {
  const lines = markdown.split('\n')
  const start = lines.findIndex((line) => HEADING.test(line.trim()))
  if (start < 0) return null
  const match = HEADING.exec((lines[start] as string).trim()) as RegExpExecArray
  const level = (match[1] as string).length
  const date = usDate(match[2] as string, match[3] as string, match[4] as string)
  if (!date) return null
  const endPattern = new RegExp(`^#{1,${level}}[ \\t]`)
  const after = lines.slice(start + 1)
  const end = after.findIndex((line) => endPattern.test(line))
  const section = (end < 0 ? after : after.slice(0, end)).join('\n')
  const paragraphs = section
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph && !BOILERPLATE.some((pattern) => pattern.test(plainText(paragraph))))
  const note = paragraphs
    .join('\n\n')
    .replace(LINK_TARGET, (_all, href: string) => `](${absolute(href, baseUrl)})`)
    .slice(0, MAX_CHANGE_NOTE)
    .trim()
  return note ? { date, note } : null
}

/** Entries as stored (rows with ids, dates as timestamps) read back as plain entries. */
export const readChanges = (rows: unknown): ChangeEntry[] => {
  if (!Array.isArray(rows)) return []
  return rows.flatMap((row) => {
    if (typeof row !== 'object' || row === null) return []
    const { date, note } = row as { date?: unknown; note?: unknown }
    const day = toCalendarDate(date)
    return day && typeof note === 'string' && note.trim() ? [{ date: day, note }] : []
  })
}

/** Newest first; entries of one day keep their order (the later-appended first). */
export const newestFirst = (entries: readonly ChangeEntry[]): ChangeEntry[] =>
  entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => b.entry.date.localeCompare(a.entry.date) || a.index - b.index)
    .map(({ entry }) => entry)

/**
 * The changelog after an approval whose submission carried `changeNote`: a new entry dated
 * `today` on top; the others untouched. A missing or blank note (a first publication without
 * one, a reaffirm) appends nothing.
 */
export const appendApprovedChange = (
  existing: readonly ChangeEntry[],
  changeNote: null | string | undefined,
  today: CalendarDate,
): { added: ChangeEntry | null; changes: ChangeEntry[] } => {
  const note = changeNote?.trim()
  if (!note) return { added: null, changes: newestFirst(existing) }
  const added = { date: today, note: note.slice(0, MAX_CHANGE_NOTE) }
  return { added, changes: newestFirst([added, ...existing]) }
}

/**
 * The changelog after an import: the stored entries stay as they are (never edited), and the
 * imported entry is added when no stored entry has its date (a second import of the same file
 * adds nothing; a newer section adds a newer entry).
 */
export const mergeImportedChange = (existing: readonly ChangeEntry[], imported: ChangeEntry | null): ChangeEntry[] => {
  if (!imported || existing.some((entry) => entry.date === imported.date)) return newestFirst(existing)
  return newestFirst([...existing, imported])
}

/** The same entries (dates and notes), whatever row ids or timestamp forms they are written in. */
export const sameChanges = (a: unknown, b: unknown): boolean => {
  const left = readChanges(a)
  const right = readChanges(b)
  return left.length === right.length && left.every((entry, index) => entry.date === right[index]?.date && entry.note === right[index]?.note)
}

/**
 * Why a client's write of `changes` is refused, or `null`: the changelog is written only by
 * approval and the importer. Sending it back unchanged (the admin form sends every field) is
 * allowed; any other value is refused.
 */
export const changesWriteProblem = (sent: unknown, stored: unknown): null | string =>
  sent === undefined || sameChanges(sent, stored)
    ? null
    : 'The changelog is written only by approval (the change note of the submission) and is never edited afterwards.'

/**
 * What the changelog adds to an article's schema.org JSON-LD: `dateModified`, the date of the
 * latest change (schema.org has no property for a change note; readers get the notes from the
 * `changes` field). Nothing for an article without entries.
 */
export const changelogJsonLd = (changes: unknown): { dateModified?: CalendarDate } => {
  const latest = newestFirst(readChanges(changes))[0]
  return latest ? { dateModified: latest.date } : {}
}

/**
 * What a create's field validation says of changelog entries (the `changes` array: a date and a
 * note, required, the note at most MAX_CHANGE_NOTE characters), as field problems.
 */
export const changeEntryProblems = (entries: readonly ChangeEntry[]): { message: string; path: string }[] =>
  entries.flatMap((entry, index) => [
    ...(isCalendarDate(entry.date) ? [] : [{ message: 'is not a date', path: `changes.${index}.date` }]),
    ...(entry.note === ''
      ? [{ message: 'This field is required.', path: `changes.${index}.note` }]
      : entry.note.length > MAX_CHANGE_NOTE
        ? [{ message: `must be at most ${MAX_CHANGE_NOTE} characters`, path: `changes.${index}.note` }]
        : []),
  ])
