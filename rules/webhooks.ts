import { createHmac, timingSafeEqual } from 'node:crypto'

import ipaddr from 'ipaddr.js'

import { WEBHOOK_EVENTS, type WebhookEvent } from './vocabulary.js'
import { PLUGIN_NAME } from './pluginName.js'

// ---------------------------------------------------------------------------------------------
// Events

/** Workflow actions that announce approved content, and the event each one sends. */
const EVENT_OF_ACTION: Readonly<Record<string, WebhookEvent>> = {
  approve: 'article.approved',
  reaffirm: 'article.reaffirmed',
  retire: 'article.retired',
}

/**
 * The webhook event a workflow action sends, or `null` for actions that change nothing a
 * reader sees (submit, request changes: drafts are never announced).
 */
export const eventOfAction = (action: string): null | WebhookEvent =>
  Object.hasOwn(EVENT_OF_ACTION, action) ? (EVENT_OF_ACTION[action] ?? null) : null

/** Whether a string is one of the webhook events. */
export const isWebhookEvent = (value: unknown): value is WebhookEvent =>
  (WEBHOOK_EVENTS as readonly unknown[]).includes(value)

/** What the event matcher needs to know of a webhook. */
export interface WebhookSubscription {
  active?: boolean | null
  events?: null | readonly string[]
  id: number | string
}

/** The active webhooks subscribed to an event, in the order given. */
export const webhooksFor = <W extends WebhookSubscription>(webhooks: readonly W[], event: string): W[] =>
  webhooks.filter((webhook) => webhook.active !== false && (webhook.events ?? []).includes(event))

// ---------------------------------------------------------------------------------------------
// The body

/** The body of a delivery: what changed, never draft content. */
export interface WebhookBody {
  audienceLevel: null | string
  event: string
  id: number | string
  language: null | string
  lastReviewed: null | string
  occurredAt: string
  title: null | string
  url: null | string
}

/** The fields of a changed document the body is built from (an article, a term or a source). */
export interface EventSubject {
  audienceLevel?: null | string
  id: number | string
  language?: null | string
  lastReviewed?: null | string
  title?: null | string
  url?: null | string
}

/**
 * The JSON body of an event, with its keys in a fixed order so that the signed bytes of one
 * event are the same on every attempt.
 */
export const buildWebhookBody = (event: string, subject: EventSubject, occurredAt: Date): string => {
  const body: WebhookBody = {
    event,
    id: subject.id,
    url: subject.url ?? null,
    title: subject.title ?? null,
    language: subject.language ?? null,
    audienceLevel: subject.audienceLevel ?? null,
    lastReviewed: subject.lastReviewed ?? null,
    occurredAt: occurredAt.toISOString(),
  }
  return JSON.stringify(body)
}

// ---------------------------------------------------------------------------------------------
// Signature

/** Header names of a delivery. */
export const WEBHOOK_HEADERS = {
  event: 'X-Webhook-Event',
  id: 'X-Webhook-Id',
  signature: 'X-Webhook-Signature',
  timestamp: 'X-Webhook-Timestamp',
} as const

/** Version tag of the signature scheme, the prefix of the signature header. */
const SIGNATURE_VERSION = 'v1'

/**
 * The signature header's value: `v1=` and the hex HMAC-SHA256 of `${timestamp}.${body}` keyed
 * with the webhook's secret. The timestamp is in the signed text so a captured delivery cannot
 * be replayed later under a new timestamp.
 */
export const signWebhook = ({ body, secret, timestamp }: { body: string; secret: string; timestamp: number }): string =>
  `${SIGNATURE_VERSION}=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`

/** Why a received delivery is not accepted, or `null` when it is. */
export type SignatureProblem = 'bad-signature' | 'bad-timestamp' | 'stale' | null

/**
 * Checks a received delivery as a receiver should: the timestamp is a number within
 * `toleranceSeconds` of now (replay protection) and one of the header's `v1=` signatures matches,
 * compared in constant time.
 */
export const verifyWebhook = ({
  body,
  now = new Date(),
  secret,
  signature,
  timestamp,
  toleranceSeconds = 300,
}: {
  body: string
  now?: Date
  secret: string
  signature: null | string | undefined
  timestamp: null | string | undefined
  toleranceSeconds?: number
}): SignatureProblem => {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return 'bad-timestamp'
  const sent = Number(timestamp)
  if (Math.abs(now.getTime() / 1000 - sent) > toleranceSeconds) return 'stale'
  const expected = Buffer.from(signWebhook({ body, secret, timestamp: sent }))
  const given = (signature ?? '').split(/[\s,]+/).filter(Boolean)
  const matches = given.some((candidate) => {
    const bytes = Buffer.from(candidate)
    return bytes.length === expected.length && timingSafeEqual(bytes, expected)
  })
  return matches ? null : 'bad-signature'
}

// ---------------------------------------------------------------------------------------------
// URL policy

/** A verdict of the URL policy: allowed, or refused with a reason an admin can act on. */
export type UrlVerdict = { ok: false; reason: string } | { ok: true }

const ALLOWED: UrlVerdict = { ok: true }

const lowerHost = (host: string): string => host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '')

const isAllowedHost = (host: string, allowedHosts: readonly string[]): boolean =>
  allowedHosts.some((allowed) => lowerHost(allowed) === lowerHost(host))

/**
 * Why an IP address may not receive deliveries (`null` when it may): only public unicast
 * addresses do. Loopback, private, link-local (the cloud metadata service at 169.254.169.254),
 * unique-local, carrier-grade NAT, multicast and reserved ranges are refused, as are IPv6
 * addresses that embed one of them.
 */
export const addressProblem = (address: string): null | string => {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
  const parsed = ipaddr.process(address)
  const range = parsed.range()
  return range === 'unicast' ? null : `${parsed.toString()} is a ${range} address`
}

/**
 * The URL policy at write time: an absolute `https` URL, or `http` only to a host in
 * `allowedHosts` (development receivers); no credentials in the URL; an IP-literal host must be
 * a public address unless it is allowed by name. Host names are checked again against what
 * they resolve to at delivery time (`checkResolvedAddress`).
 */
export const checkWebhookUrl = (value: unknown, allowedHosts: readonly string[] = []): UrlVerdict => {
  if (typeof value !== 'string' || !value.trim()) return { ok: false, reason: 'A target URL is required.' }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, reason: 'Not an absolute URL.' }
  }
  const allowed = isAllowedHost(url.hostname, allowedHosts)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) {
    return {
      ok: false,
      reason:
        url.protocol === 'http:'
          ? `http is allowed only to hosts in the allowed list (${allowedHosts.join(', ') || 'empty'}); use https.`
          : 'The URL must use https.',
    }
  }
  if (url.username || url.password) return { ok: false, reason: 'The URL must not carry a user name or password.' }
  const host = lowerHost(url.hostname)
  if (!allowed && ipaddr.isValid(host)) {
    const problem = addressProblem(host)
    if (problem) return { ok: false, reason: `Deliveries to ${problem} are not allowed.` }
  }
  if (!allowed && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { ok: false, reason: 'Deliveries to localhost are not allowed.' }
  }
  return ALLOWED
}

/**
 * The URL policy at delivery time, for the address a host name resolved to: a private,
 * loopback or link-local answer is refused unless the host is allowed by name (a DNS name that
 * points at the metadata service must not get through).
 */
export const checkResolvedAddress = (
  host: string,
  address: string,
  allowedHosts: readonly string[] = [],
): UrlVerdict => {
  if (isAllowedHost(host, allowedHosts) || isAllowedHost(address, allowedHosts)) return ALLOWED
  const problem = addressProblem(address)
  return problem ? { ok: false, reason: `${host} resolves to ${problem}: not allowed.` } : ALLOWED
}

// ---------------------------------------------------------------------------------------------
// Retries

/** The retry policy of deliveries. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number
  /** Wait before the second try; each later wait doubles. */
  firstRetryDelayMs: number
}

/**
 * How long to wait after failed try number `attempt` (1-based) before the next one:
 * `firstRetryDelayMs × 2^(attempt − 1)`. With 5 tries and 4 minutes: 4, 8, 16 and 32 minutes,
 * one hour in all.
 */
export const retryDelayMs = (attempt: number, policy: RetryPolicy): number =>
  policy.firstRetryDelayMs * 2 ** Math.max(0, attempt - 1)

/** What a receiver's answer (or its absence) means for a delivery. */
export type AttemptOutcome = 'delivered' | 'gone' | 'failed'

/**
 * A status code's meaning: any 2xx delivers; 410 Gone says the receiver is gone for good (the
 * webhook is paused); everything else, and no answer at all, is a failure worth retrying.
 */
export const outcomeOfStatus = (status: null | number): AttemptOutcome => {
  if (status !== null && status >= 200 && status < 300) return 'delivered'
  if (status === 410) return 'gone'
  return 'failed'
}

/** The next step after a try: done, retry after a wait, or give up (and pause the webhook). */
export type NextStep =
  | { kind: 'delivered' }
  | { kind: 'give-up'; pauseReason: string }
  | { delayMs: number; kind: 'retry' }

/** Decides what follows try number `attempt` (1-based) given its outcome and the policy. */
export const nextStep = ({
  attempt,
  error,
  outcome,
  policy,
}: {
  attempt: number
  error: string
  outcome: AttemptOutcome
  policy: RetryPolicy
}): NextStep => {
  if (outcome === 'delivered') return { kind: 'delivered' }
  if (outcome === 'gone') return { kind: 'give-up', pauseReason: `The receiver answered 410 Gone: ${error}` }
  if (attempt >= policy.attempts) {
    return { kind: 'give-up', pauseReason: `${policy.attempts} tries failed; the last: ${error}` }
  }
  return { delayMs: retryDelayMs(attempt, policy), kind: 'retry' }
}

// ---------------------------------------------------------------------------------------------
// Names on the jobs queue

/** Slug of the delivery task on Payload's jobs queue: one job per try of one delivery. */
export const WEBHOOK_DELIVERY_TASK = 'cancerContentWebhookDelivery'

/** Queue the delivery jobs run on. */
export const WEBHOOK_QUEUE = `${PLUGIN_NAME}-webhooks`

/** The subject key of a document: deliveries of one subject to one webhook go out in order. */
export const subjectKey = (collection: string, id: number | string): string => `${collection}:${id}`

const text = (value: unknown): null | string => (typeof value === 'string' && value ? value : null)

const idOfDoc = (doc: Record<string, unknown>): number | string =>
  typeof doc.id === 'number' || typeof doc.id === 'string' ? doc.id : ''

/** The body fields of an article: its approved, published state. */
export const articleSubject = (doc: Record<string, unknown>): EventSubject => ({
  audienceLevel: text(doc.audienceLevel),
  id: idOfDoc(doc),
  language: text(doc.language),
  lastReviewed: text(doc.lastReviewed)?.slice(0, 10) ?? null,
  title: text(doc.title),
  url: text(doc.url),
})

/** The body fields of a glossary term: its name is the title. */
export const glossarySubject = (doc: Record<string, unknown>): EventSubject => ({
  id: idOfDoc(doc),
  language: text(doc.language),
  title: text(doc.term),
})

/** The body fields of a source: its label is the title, its home page the URL. */
export const sourceSubject = (doc: Record<string, unknown>): EventSubject => ({
  id: idOfDoc(doc),
  title: text(doc.label),
  url: text(doc.homeUrl),
})
