/**
 * Search vocabulary: which PostgreSQL text-search configuration stems which language, and how
 * glossary names are normalised for case- and accent-insensitive lookup.
 */

/** PostgreSQL text-search configurations by the primary subtag of a BCP 47 language tag. */
export const SEARCH_CONFIGS = {
  da: 'danish',
  de: 'german',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  ru: 'russian',
  sv: 'swedish',
} as const

/** A text-search configuration name. */
export type SearchConfig = (typeof SEARCH_CONFIGS)[keyof typeof SEARCH_CONFIGS] | 'simple'

/** The configuration that stems `language` (`simple`, no stemming, for languages without one). */
export const searchConfigFor = (language: null | string | undefined): SearchConfig => {
  const primary = (language ?? '').toLowerCase().split('-')[0] ?? ''
  return primary in SEARCH_CONFIGS ? SEARCH_CONFIGS[primary as keyof typeof SEARCH_CONFIGS] : 'simple'
}

/**
 * A name as looked up: Unicode-normalised, accents removed, lower case, inner spaces collapsed.
 * "Túmor", "tumor" and "TUMOR " all become "tumor".
 */
export const lookupKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()

/** Every distinct lookup key of a term's names (its name, aliases and other-language names). */
export const lookupKeys = (names: readonly (null | string | undefined)[]): string[] => [
  ...new Set(names.filter((name): name is string => typeof name === 'string' && name.trim() !== '').map(lookupKey)),
]

const MARK_START = '\u0002'
const MARK_END = '\u0003'

/** The markers a search headline is asked to put around matches (control characters no text has). */
export const HEADLINE_MARKERS = { end: MARK_END, start: MARK_START } as const

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' })[char] ?? char)

/**
 * A search snippet made safe for HTML: the text is escaped, and only the matches, marked by
 * `HEADLINE_MARKERS`, become `<mark>` elements.
 */
export const snippetHtml = (headline: string): string =>
  escapeHtml(headline.replace(/\s+/g, ' ').trim())
    .split(MARK_START)
    .join('<mark>')
    .split(MARK_END)
    .join('</mark>')

/** The names of a glossary term that its lookup keys come from (each as stored or sent). */
export interface GlossaryTermNames {
  aliases?: unknown
  definitions?: unknown
  otherLanguages?: unknown
  term?: unknown
}

const namesIn = (rows: unknown, key: string): unknown[] =>
  Array.isArray(rows) ? rows.map((row: unknown) => (row && typeof row === 'object' && key in row ? (row as Record<string, unknown>)[key] : null)) : []

/**
 * A glossary term's `lookupKeys`: the keys of its name, aliases, other-language names and
 * definitions' term names, in that order (values that are not text are left out).
 */
export const glossaryLookupKeys = (term: GlossaryTermNames): string[] =>
  lookupKeys(
    [term.term, ...(Array.isArray(term.aliases) ? (term.aliases as unknown[]) : []), ...namesIn(term.otherLanguages, 'termName'), ...namesIn(term.definitions, 'termName')].filter(
      (name): name is string => typeof name === 'string',
    ),
  )

/**
 * How much of a body a snippet is cut from: a window around the first place a query word stands,
 * about 150 words for a snippet of at most 30 (a window of 4,000 characters made the snippets
 * of a page of 10 cost about 4 times as much).
 */
export const HEADLINE_WINDOW_CHARS = 1000
/** How far before that place the window starts, so the snippet can lead into the match. */
export const HEADLINE_LEAD_CHARS = 200
/** How many query words are looked for when placing the window. */
export const HEADLINE_MAX_WORDS = 8

/**
 * The words of a search query as typed (lowercased), to find where in a body the snippet's window
 * goes: what `websearch_to_tsquery` reads as words, without its operators (`or`, a leading `-`
 * that excludes a word, quotes), at least two characters, at most `HEADLINE_MAX_WORDS`. Building a
 * highlighted snippet reads the whole text it is given (about 0.8 ms per KB), so a snippet of a
 * 1 MB summary is cut from the window around the first match, never from the whole body; a
 * stemmed match the typed word does not find literally gets the body's opening.
 */
export const headlineWords = (query: string): string[] => {
  const words: string[] = []
  for (const token of query.toLowerCase().split(/\s+/)) {
    if (token.startsWith('-') || token === 'or') continue
    for (const word of token.split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2 && !words.includes(word)) words.push(word)
    }
  }
  return words.slice(0, HEADLINE_MAX_WORDS)
}

/** What a save is, as far as the search index cares. */
export interface SaveKind {
  /** Payload's `draft` argument of the operation. */
  draft?: boolean | null
  /** Payload's operation: `create` or `update` (by id or bulk). */
  operation: string
  /** The `_status` the save's data carries, if any. */
  status?: unknown
}

/**
 * Whether a save leaves the collection's row as it was, writing only a version: Payload saves a
 * draft of an existing document (an update with `draft` on a collection with drafts, whose data
 * does not publish it) to the versions table alone. The search index is built from the row, so
 * such a save leaves it as it is (a draft is never searched); a create, a publish or an update
 * without `draft` changes the row.
 */
export const savesOnlyAVersion = (save: SaveKind): boolean => save.operation === 'update' && save.draft === true && save.status !== 'published'

/**
 * How many matching articles a search ranks at most, from each of its two candidate sets: the
 * matches whose ranking vector (title or opening) holds the query, and the matches in the
 * order the index yields them. A query matching fewer articles is ranked whole, exactly; one
 * matching more (a common word such as "chemotherapy" in a large collection) ranks at most twice
 * this many, so an anonymous search costs the same however many articles match.
 */
export const SEARCH_MAX_CANDIDATES = 1000

/**
 * The step in which a search's candidate bound grows with the page asked for: the first pages
 * (up to this many hits) rank this many candidates, deeper pages the next multiple, up to
 * `SEARCH_MAX_CANDIDATES`. Ranking costs about 35 µs a candidate (reading its row and ranking
 * its vector), so a first page of a common word ranks 200, not 1,000.
 */
export const SEARCH_CANDIDATE_BLOCK = 200

/**
 * How many candidates a search ranks from each of its candidate sets for the page asked: enough
 * to fill the page (`page` × `limit` hits), rounded up to whole `block`s so that every page of
 * a block ranks the same set (paging within it neither repeats nor skips a hit), and never more
 * than `max`. A query matching fewer articles is ranked whole whatever the bound.
 */
export const searchCandidateBound = ({
  block = SEARCH_CANDIDATE_BLOCK,
  limit,
  max = SEARCH_MAX_CANDIDATES,
  page,
}: {
  block?: number
  limit: number
  max?: number
  page: number
}): number => Math.min(max, Math.max(block, Math.ceil((page * limit) / block) * block))

/**
 * The totals of a search page from the size of the ranked candidate set: `totalDocs` counts
 * what can be paged through (all matches, or the candidates when the set was bounded), and
 * `moreMatches` says that more articles match than were ranked (the reader should narrow the
 * query or filter).
 */
export const searchTotals = ({ candidates, bounded, limit }: { bounded: boolean; candidates: number; limit: number }) => ({
  moreMatches: bounded,
  totalDocs: candidates,
  totalPages: Math.ceil(candidates / limit),
})

/**
 * Whether a search query excludes a word (`-word`, as `websearch_to_tsquery` reads it). The
 * ranking vector (title and opening) holding such a query does not mean the whole document does
 * (the excluded word may stand further down), so that search also tests the whole document.
 */
export const queryExcludes = (query: string): boolean => query.split(/\s+/).some((token) => /^-[\p{L}\p{N}]/u.test(token))
