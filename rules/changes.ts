import { type ChangeObject, diffSentences, diffWords } from 'diff'

/** One field that differs between the published version and the pending update. */
export interface FieldChange {
  after: unknown
  before: unknown
  path: string
}

/** One run of the body's word diff: unchanged context, inserted or deleted text. */
export interface BodyRun {
  op: 'delete' | 'equal' | 'insert'
  text: string
}

/** A version of an article as the summary names it (the API answers its id as a string). */
export interface VersionRef {
  updatedAt: string
  versionId: number | string
}

/** What `GET /api/articles/:id/changes` answers. */
export interface ArticleChanges {
  body: BodyRun[]
  /** The change note of the submission of the pending update, if it has one. */
  changeNote: null | string
  fields: FieldChange[]
  /** The pending update (the working copy when it is not the live version), or `null`. */
  pending: null | VersionRef
  /** The live version, or `null` for an article never published. */
  published: null | VersionRef
  /** True when the body runs were cut to the answer's bounds. */
  truncated: boolean
}

/** Bounds of a body diff: its cost and the size of its answer. */
export interface BodyDiffLimits {
  /** Words of unchanged context kept on each side of a change. */
  contextWords: number
  /** Characters kept of one inserted or deleted run. */
  maxRunChars: number
  /** Runs in the answer; past it the answer says it was cut. */
  maxRuns: number
  /** Milliseconds the word diff may take before a coarser (sentence) diff is used. */
  timeoutMs: number
}

/** The default bounds: ~12 words of context, answers of at most a few hundred KB. */
export const DEFAULT_BODY_DIFF_LIMITS: BodyDiffLimits = { contextWords: 12, maxRunChars: 4000, maxRuns: 400, timeoutMs: 2000 }

/** The content fields a reviewer compares, in the order the summary lists them. */
export const COMPARED_FIELDS = [
  'title',
  'url',
  'source',
  'sourceType',
  'audienceLevel',
  'language',
  'cancerTypes',
  'tags',
  'license',
  'citation',
  'version',
  'reviewFrequency',
  'glossaryTerms',
  'evidence',
] as const

// Relationship values compare (and show) as ids; array rows without their generated row ids.
const normalise = (value: unknown): unknown => {
  if (value === undefined || value === '') return null
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(normalise)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if ('id' in record && ('createdAt' in record || 'updatedAt' in record)) return record.id
    return Object.fromEntries(
      Object.entries(record)
        .filter(([key]) => key !== 'id')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, normalise(inner)]),
    )
  }
  return value
}

/**
 * The compared fields that differ between two versions (`before` null: a first submission,
 * where every field that has a value is new).
 */
export const fieldChanges = (
  before: null | Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[] = COMPARED_FIELDS,
): FieldChange[] =>
  fields.flatMap((path) => {
    const was = before ? normalise(before[path]) : null
    const now = normalise(after[path])
    return JSON.stringify(was) === JSON.stringify(now) ? [] : [{ after: now, before: was, path }]
  })

const ELLIPSIS = '…'

// The first `count` words of a text (with the whitespace before each), and the last `count`
// (with the whitespace after each), so that joining slices gives the text back.
const head = (text: string, count: number): { cut: boolean; text: string } => {
  const words = text.match(/\s*\S+/g) ?? []
  return { cut: words.length > count, text: words.slice(0, count).join('') }
}
const tail = (text: string, count: number): { cut: boolean; text: string } => {
  const words = text.match(/\S+\s*/g) ?? []
  return { cut: words.length > count, text: words.slice(-count).join('') }
}

const trimEqual = (text: string, position: 'first' | 'last' | 'middle' | 'only', context: number): string => {
  if (position === 'only') return ''
  if (position === 'first') {
    const end = tail(text, context)
    return end.cut ? `${ELLIPSIS} ${end.text}` : text
  }
  const start = head(text, context)
  if (position === 'last') return start.cut ? `${start.text} ${ELLIPSIS}` : text
  const words = text.match(/\S+/g) ?? []
  return words.length > context * 2 ? `${start.text} ${ELLIPSIS} ${tail(text, context).text}` : text
}

const capRun = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}${ELLIPSIS}` : text)

const toRuns = (changes: readonly ChangeObject<string>[]): BodyRun[] =>
  changes.map((change) => ({ op: change.added ? 'insert' : change.removed ? 'delete' : 'equal', text: change.value }))

/**
 * The body's changes as runs of plain text: a word diff (jsdiff) of the published text against
 * the pending one, unchanged stretches cut to a little context on each side. A first
 * submission (`before` null) is one insertion. Bounded: a diff that would take longer than
 * `timeoutMs` falls back to a sentence diff (then to replacing the whole text), long runs are
 * cut, and at most `maxRuns` runs are returned (`truncated` says so).
 */
export const bodyChanges = (
  before: null | string,
  after: string,
  limits: BodyDiffLimits = DEFAULT_BODY_DIFF_LIMITS,
): { runs: BodyRun[]; truncated: boolean } => {
  const cap = (runs: BodyRun[]) => ({
    runs: runs.slice(0, limits.maxRuns).map((run) => (run.op === 'equal' ? run : { ...run, text: capRun(run.text, limits.maxRunChars) })),
    truncated: runs.length > limits.maxRuns || runs.some((run) => run.op !== 'equal' && run.text.length > limits.maxRunChars),
  })
  if (before === null) return after ? cap([{ op: 'insert', text: after }]) : { runs: [], truncated: false }
  if (before === after) return { runs: [], truncated: false }
  const changes =
    diffWords(before, after, { timeout: limits.timeoutMs }) ??
    diffSentences(before, after, { timeout: limits.timeoutMs }) ?? [
      { added: false, count: 1, removed: true, value: before },
      { added: true, count: 1, removed: false, value: after },
    ]
  const runs = toRuns(changes)
  const trimmed = runs
    .map((run, index): BodyRun => {
      if (run.op !== 'equal') return run
      const position = runs.length === 1 ? 'only' : index === 0 ? 'first' : index === runs.length - 1 ? 'last' : 'middle'
      return { op: 'equal', text: trimEqual(run.text, position, limits.contextWords) }
    })
    .filter((run) => run.text !== '')
  return cap(trimmed)
}
