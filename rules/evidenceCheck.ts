import ipaddr from 'ipaddr.js'

import { addressProblem } from './webhooks.js'
import type { EvidenceKind, EvidenceStatus } from './vocabulary.js'

/**
 * The evidence checker's rules: which links it may fetch (SSRF policy and the host allowlist),
 * which are due today, and what an answer means for the reader.
 */

/** What one check of a link came to, as plain data. */
export interface CheckOutcome {
  /** Why there was no usable answer (timeout, DNS, connection, policy), or `null`. */
  error: null | string
  /** Redirects followed before the final answer. */
  redirects: number
  /** The final answer's status code, or `null` when there was none. */
  statusCode: null | number
}

// Answers that say "you may not look" or "not now" rather than "gone": the record may be fine.
const NOT_A_VERDICT = new Set([401, 403, 407, 408, 425, 429])

/**
 * What a reader should make of a check: `ok` (2xx), `redirected` (2xx after redirects: the link
 * works but has moved), `broken` (404, 410 or another client error: the record is gone or the
 * link is wrong) or `unreachable` (no answer, a server error, an answer that refuses robots or
 * asks to wait, a redirect that does not end, a target the policy refuses). Only `broken`
 * queues the article: a server having a bad day is not the article's fault.
 */
export const classifyEvidenceCheck = (outcome: CheckOutcome): EvidenceStatus => {
  const { error, redirects, statusCode } = outcome
  if (error !== null || statusCode === null) return 'unreachable'
  if (statusCode >= 200 && statusCode < 300) return redirects > 0 ? 'redirected' : 'ok'
  if (statusCode >= 400 && statusCode < 500 && !NOT_A_VERDICT.has(statusCode)) return 'broken'
  return 'unreachable'
}

/** A verdict of the fetch policy. */
export type FetchVerdict = { ok: false; reason: string } | { ok: true }

const lowerHost = (host: string): string => host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')

/** Whether a host is on the allowlist (compared without case, brackets or a trailing dot). */
export const isListedHost = (host: string, allowedHosts: readonly string[]): boolean =>
  allowedHosts.some((allowed) => lowerHost(allowed) === lowerHost(host))

/**
 * Whether the checker may fetch a URL (each redirect target is judged again): `http` or `https`,
 * no credentials. With an empty allowlist any public host; with one, only the hosts it lists
 * (which may then be private or loopback addresses: local test servers). Without the host on
 * the list, loopback, private, link-local (cloud metadata) and other non-public addresses and
 * `localhost` are refused; names are checked again on the addresses they resolve to.
 */
export const evidenceFetchVerdict = (value: string, allowedHosts: readonly string[]): FetchVerdict => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, reason: 'not an absolute URL' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `${url.protocol} links are not checked` }
  if (url.username || url.password) return { ok: false, reason: 'a URL with a user name or password is not checked' }
  const host = lowerHost(url.hostname)
  if (allowedHosts.length > 0) {
    return isListedHost(host, allowedHosts) ? { ok: true } : { ok: false, reason: `${host} is not on the checker's host allowlist` }
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return { ok: false, reason: 'localhost is not checked' }
  if (ipaddr.isValid(host)) {
    const problem = addressProblem(host)
    if (problem) return { ok: false, reason: `${problem}: not checked` }
  }
  return { ok: true }
}

/** Whether a resolved address may be connected to for `host` (the DNS answer is judged too). */
export const resolvedAddressVerdict = (host: string, address: string, allowedHosts: readonly string[]): FetchVerdict => {
  if (isListedHost(host, allowedHosts)) return { ok: true }
  const problem = addressProblem(address)
  return problem ? { ok: false, reason: `${host} resolves to ${problem}: not checked` } : { ok: true }
}

/** A link's last check, as the due rule needs it. */
export interface LastCheck {
  checkedAt: null | string
  url: string
}

const DAY_MS = 86_400_000

/**
 * The links to check in today's run: those never checked, then those whose last check is at
 * least `recheckDays` old, oldest first; a link checked more recently is never taken (so each
 * link is fetched at most once per `recheckDays`). A run takes about one `recheckDays`-th of
 * all links (at least one, at most `maxPerRun`), so a daily run spreads the work over the week.
 */
export const dueEvidenceUrls = ({
  checks,
  maxPerRun,
  now,
  recheckDays,
  urls,
}: {
  checks: readonly LastCheck[]
  maxPerRun: number
  now: Date
  recheckDays: number
  urls: readonly string[]
}): string[] => {
  const last = new Map(checks.map((check) => [check.url, check.checkedAt ? Date.parse(check.checkedAt) : Number.NaN]))
  const unique = [...new Set(urls)]
  const { checkedBy, limit } = evidenceDueWindow({ links: unique.length, maxPerRun, now, recheckDays })
  const due = unique
    .map((url) => ({ at: last.get(url) ?? Number.NaN, url }))
    .filter(({ at }) => Number.isNaN(at) || at <= checkedBy.getTime())
    .sort((a, b) => (Number.isNaN(a.at) ? -Infinity : a.at) - (Number.isNaN(b.at) ? -Infinity : b.at) || a.url.localeCompare(b.url))
  return due.slice(0, limit).map(({ url }) => url)
}

/**
 * The bounds of today's run that a database query applies (`dueEvidenceUrls` is the same rule
 * over rows in memory): a link is due when never checked or last checked at or before
 * `checkedBy` (`recheckDays` before `now`), and a run takes at most `limit` links: one
 * `recheckDays`-th of all `links` (at least one), at most `maxPerRun`.
 */
export const evidenceDueWindow = ({
  links,
  maxPerRun,
  now,
  recheckDays,
}: {
  links: number
  maxPerRun: number
  now: Date
  recheckDays: number
}): { checkedBy: Date; limit: number } => ({
  checkedBy: new Date(now.getTime() - recheckDays * DAY_MS),
  limit: Math.min(maxPerRun, Math.max(1, Math.ceil(links / Math.max(1, recheckDays)))),
})

// Identifier forms per kind of evidence.
const ID_FORMS: Partial<Record<EvidenceKind, { example: string; pattern: RegExp }>> = {
  clinical_trial: { example: 'NCT01234567, ISRCTN12345678 or EudraCT 2004-000123-45', pattern: /^(?:NCT\d{8}|ISRCTN\d{6,10}|EudraCT \d{4}-\d{6}-\d{2})$/ },
  doi: { example: '10.1200/JCO.2017.75.1234', pattern: /^10\.\d{4,9}\/\S+$/ },
  pmc: { example: 'PMC1234567', pattern: /^PMC\d{1,9}$/ },
  pubmed: { example: '17168428', pattern: /^[1-9]\d{0,8}$/ },
}

/**
 * Why an evidence entry's identifier is malformed for its kind, or `null`: a PubMed id is 1–9
 * digits (no leading zero), a trial id `NCT` and 8 digits (or an ISRCTN or EudraCT number), a
 * PMC id `PMC` and digits, a DOI `10.<registrant>/<suffix>`. An empty identifier is allowed
 * (the URL alone names the record); kind `other` takes any text.
 */
export const evidenceIdProblem = (kind: unknown, identifier: unknown): null | string => {
  if (identifier === null || identifier === undefined || identifier === '') return null
  if (typeof identifier !== 'string') return 'must be text'
  const form = ID_FORMS[kind as EvidenceKind]
  if (!form || form.pattern.test(identifier)) return null
  return `"${identifier.slice(0, 60)}" is not a ${String(kind).replace('_', ' ')} id (e.g. ${form.example})`
}
