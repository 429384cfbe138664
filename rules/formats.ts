/**
 * Shape checks of the input format's scalar fields. Each returns `null` when the value is
 * acceptable, or a sentence saying what is wrong with it.
 */

/** An absolute http(s) URL. */
export const httpUrlProblem = (value: string): string | null => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not an absolute URL`
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? null : `"${value}" must be an http(s) URL`
}

/** An absolute https URL: what a canonical article URL must be before approval. */
export const httpsUrlProblem = (value: string): string | null => {
  const problem = httpUrlProblem(value)
  if (problem) return problem
  return new URL(value).protocol === 'https:' ? null : `"${value}" must use https`
}

// language-script-region-variant, the part of BCP 47 that content tags use.
const BCP47 = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*$/i

/** A BCP 47 language tag such as `en`, `es-419` or `zh-Hant-TW`. */
export const bcp47Problem = (value: string): string | null => {
  if (!BCP47.test(value)) return `"${value}" is not a BCP 47 language tag (e.g. en, es, pt-BR)`
  try {
    Intl.getCanonicalLocales(value)
    return null
  } catch {
    return `"${value}" is not a BCP 47 language tag (e.g. en, es, pt-BR)`
  }
}

/** A source tier: a two-digit rank and a key, e.g. `02_nci_core`. */
export const SOURCE_TYPE_PATTERN = /^(\d{2})_([a-z][a-z0-9_]*)$/

/** The rank and key of a `NN_key` source type, or `null` when it is not one. */
export const parseSourceType = (value: string): { key: string; rank: number } | null => {
  const match = SOURCE_TYPE_PATTERN.exec(value)
  return match ? { key: match[2] as string, rank: Number(match[1]) } : null
}

/** A source type of the `NN_key` shape. */
export const sourceTypeProblem = (value: string): string | null =>
  parseSourceType(value) ? null : `"${value}" must be a two-digit rank and a key, e.g. 02_nci_core`

/** A licence identifier: letters, digits, dots, hyphens and underscores (public_domain, CC-BY-4.0). */
export const licenseProblem = (value: string): string | null =>
  /^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(value)
    ? null
    : `"${value}" is not a licence identifier (e.g. public_domain, CC-BY-4.0)`
