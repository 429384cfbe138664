import type { CollectionSlug } from 'payload'
import { z } from 'zod'

import { type BodyLimits, DEFAULT_BODY_LIMITS } from './lexicalBody.js'
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits.js'
import { DEFAULT_REVIEW_INTERVAL_MONTHS, REVIEW_FREQUENCIES, type ReviewFrequency } from './vocabulary.js'

/** The plugin's name, used as the prefix of every error it raises at startup. */
export const PLUGIN_NAME = 'cancer-content'

/** Options of `cancerContentPlugin`. Every property is optional; defaults live in `DEFAULT_OPTIONS`. */
export interface CancerContentPluginOptions {
  /**
   * The budget of an article body that every write must keep: characters of its Lexical JSON
   * and nesting depth of its nodes. The defaults leave room for the largest PDQ summary
   * (2.8 MB of JSON).
   * @default { maxBytes: 8000000, maxDepth: 40 }
   */
  bodyLimits?: Partial<BodyLimits>
  /**
   * Slugs of the collections the plugin adds. Change them when the host app already has
   * collections of these names.
   * @default { articles: 'articles', glossaryTerms: 'glossary-terms', sources: 'sources', webhookDeliveries: 'webhook-deliveries', webhooks: 'webhooks', workflowEvents: 'workflow-events' }
   */
  collections?: Partial<Record<keyof CollectionSlugs, string>>
  /**
   * Days before `nextReviewDue` from which an article counts as due soon.
   * @default 14
   */
  dueSoonDays?: number
  /**
   * The evidence checker: a daily task on the jobs queue (`cron`, seconds first) that fetches
   * the evidence links of articles, about a `recheckDays`-th of them each day and each at most
   * once per `recheckDays` (at most `maxPerRun` a run), `concurrency` at a time, each within
   * `timeoutMs`, following up to `maxRedirects` redirects, with `userAgent`. `allowedHosts`
   * empty: any public host (private, loopback and link-local addresses are refused); non-empty:
   * only the hosts listed, which may then be private (local test servers). `autoRun` queues and
   * works it in the app process (with the review sweep's queue runner).
   * @default { allowedHosts: [], autoRun: true, concurrency: 4, cron: '0 30 4 * * *', maxPerRun: 2000, maxRedirects: 5, recheckDays: 7, timeoutMs: 10000, userAgent: 'GovernedCancerContent-EvidenceChecker/1.0 (link check of cited evidence)' }
   */
  evidenceCheck?: EvidenceCheckOptions
  /**
   * When `true`, a reviewer may not approve a submission they made or last edited themselves.
   * @default true
   */
  fourEyes?: boolean
  /**
   * Path prefix of the web app's glossary pages: a glossary link in an article body becomes
   * `<glossaryPath>/<NCI id>` in the HTML the delivery API renders.
   * @default '/glossary'
   */
  glossaryPath?: string
  /**
   * Bounds on what an anonymous read may cost (REST, GraphQL and the plugin's own queries);
   * staff reads are not bounded. Unnamed bounds keep their default.
   * @default { maxDepth: 1, maxJoinLimit: 20, maxLimit: 100, maxResponseBytes: 8388608, maxWhereConditions: 50, maxWhereDepth: 4 }
   */
  limits?: Partial<ReadLimits>
  /**
   * Email to staff through Payload's email adapter (configure one, e.g. `@payloadcms/email-nodemailer`;
   * without one Payload writes mail to the log): a submission to its assignee or every reviewer,
   * a decision to its author, and a weekly digest of overdue and due-soon articles to reviewers.
   * `appUrl` is where links in the mail point (the app's public origin; default the config's
   * `serverURL`). Mail is sent by a job on the jobs queue, queued in the transaction of the
   * change: `autoRun` works that queue in the app process on `cron` (seconds first); the digest
   * is scheduled by `digestCron` and sent once per slot, however many instances run.
   * @default { appUrl: serverURL, autoRun: true, cron: every 10 seconds, digestCron: '0 0 6 * * 1' (Mondays 06:00 UTC), enabled: true }
   */
  notifications?: NotificationOptions
  /**
   * The clock the review rules read "today" from. Tests and simulations inject one; production
   * leaves the default.
   * @default () => new Date()
   */
  now?: () => Date
  /**
   * Calendar months between reviews, per review frequency. Unnamed frequencies keep their
   * default (monthly 1, quarterly 3, semiannual 6, annual 12, biennial 24).
   * @default DEFAULT_REVIEW_INTERVAL_MONTHS
   */
  reviewIntervals?: Partial<Record<ReviewFrequency, number>>
  /**
   * The daily review sweep on Payload's jobs queue. `cron` (seconds first, as Payload's
   * schedules take it) says when it is queued; `autoRun` runs the queue inside the app process.
   * Turn `autoRun` off when a separate `payload jobs:run` process works the queue (several app
   * instances, serverless hosting).
   * @default { autoRun: true, cron: '0 0 5 * * *' } (daily at 05:00 UTC)
   */
  reviewSweep?: { autoRun?: boolean; cron?: string }
  /**
   * Slug of the host's auth collection that receives the `role` field.
   * @default 'users'
   */
  usersCollection?: string
  /**
   * Signed webhooks on approved changes. `allowedHosts` lists hosts that may receive over plain
   * http and may resolve to private or loopback addresses (development receivers); every other
   * target must be https to a public address. A delivery is tried `attempts` times, waiting
   * `firstRetryDelayMs` after the first failure and twice as long after each later one; each
   * try waits at most `timeoutMs` for an answer. `autoRun` works the delivery queue inside the
   * app process on `cron` (seconds first); turn it off when a separate `payload jobs:run`
   * process works the queue.
   * @default { allowedHosts: [], attempts: 5, autoRun: true, cron: every 5 seconds, firstRetryDelayMs: 240000, timeoutMs: 10000 } (5 tries over one hour)
   */
  webhooks?: WebhookOptions
}

/** Options of the plugin's webhooks (see `CancerContentPluginOptions.webhooks`). */
export interface WebhookOptions {
  /** @default [] */
  allowedHosts?: string[]
  /** @default 5 */
  attempts?: number
  /** @default true */
  autoRun?: boolean
  /** @default every 5 seconds */
  cron?: string
  /** @default 240000 (4 minutes) */
  firstRetryDelayMs?: number
  /** @default 10000 */
  timeoutMs?: number
}

/** Options of the evidence checker (see `CancerContentPluginOptions.evidenceCheck`). */
export interface EvidenceCheckOptions {
  /** @default [] (any public host) */
  allowedHosts?: string[]
  /** @default true */
  autoRun?: boolean
  /** @default 4 */
  concurrency?: number
  /** @default '0 30 4 * * *' (daily at 04:30 UTC) */
  cron?: string
  /** @default 2000 */
  maxPerRun?: number
  /** @default 5 */
  maxRedirects?: number
  /** @default 7 */
  recheckDays?: number
  /** @default 10000 */
  timeoutMs?: number
  /** @default 'GovernedCancerContent-EvidenceChecker/1.0 (link check of cited evidence)' */
  userAgent?: string
}

/** Options of the plugin's email notifications (see `CancerContentPluginOptions.notifications`). */
export interface NotificationOptions {
  /** @default the config's serverURL (links are relative without one) */
  appUrl?: string
  /** @default true */
  autoRun?: boolean
  /** @default every 10 seconds */
  cron?: string
  /** @default '0 0 6 * * 1' (Mondays at 06:00 UTC) */
  digestCron?: string
  /** @default true */
  enabled?: boolean
}

/** Slugs of the collections the plugin adds. */
export interface CollectionSlugs {
  articles: CollectionSlug
  glossaryTerms: CollectionSlug
  sources: CollectionSlug
  webhookDeliveries: CollectionSlug
  webhooks: CollectionSlug
  workflowEvents: CollectionSlug
}

/** Options with every default filled in: what collections, hooks and endpoints receive. */
export interface SanitizedOptions {
  bodyLimits: BodyLimits
  collections: CollectionSlugs
  dueSoonDays: number
  evidenceCheck: Required<EvidenceCheckOptions>
  fourEyes: boolean
  glossaryPath: string
  limits: ReadLimits
  notifications: Required<Omit<NotificationOptions, 'appUrl'>> & { appUrl: null | string }
  now: () => Date
  reviewIntervals: Record<ReviewFrequency, number>
  reviewSweep: { autoRun: boolean; cron: string }
  usersCollection: CollectionSlug
  webhooks: Required<WebhookOptions>
}

/** The defaults, in one place. */
export const DEFAULT_OPTIONS: SanitizedOptions = {
  bodyLimits: { ...DEFAULT_BODY_LIMITS },
  collections: {
    articles: 'articles' as CollectionSlug,
    glossaryTerms: 'glossary-terms' as CollectionSlug,
    sources: 'sources' as CollectionSlug,
    webhookDeliveries: 'webhook-deliveries' as CollectionSlug,
    webhooks: 'webhooks' as CollectionSlug,
    workflowEvents: 'workflow-events' as CollectionSlug,
  },
  dueSoonDays: 14,
  evidenceCheck: {
    allowedHosts: [],
    autoRun: true,
    concurrency: 4,
    cron: '0 30 4 * * *',
    maxPerRun: 2000,
    maxRedirects: 5,
    recheckDays: 7,
    timeoutMs: 10_000,
    userAgent: 'GovernedCancerContent-EvidenceChecker/1.0 (link check of cited evidence)',
  },
  fourEyes: true,
  glossaryPath: '/glossary',
  limits: { ...DEFAULT_READ_LIMITS },
  notifications: { appUrl: null, autoRun: true, cron: '*/10 * * * * *', digestCron: '0 0 6 * * 1', enabled: true },
  now: () => new Date(),
  reviewIntervals: { ...DEFAULT_REVIEW_INTERVAL_MONTHS },
  reviewSweep: { autoRun: true, cron: '0 0 5 * * *' },
  usersCollection: 'users' as CollectionSlug,
  webhooks: {
    allowedHosts: [],
    attempts: 5,
    autoRun: true,
    cron: '*/5 * * * * *',
    firstRetryDelayMs: 4 * 60_000,
    timeoutMs: 10_000,
  },
}

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens, starting with a letter')

const optionsSchema = z.strictObject({
  bodyLimits: z
    .strictObject({
      maxBytes: z.number().int().min(1_000).max(100_000_000).optional(),
      maxDepth: z.number().int().min(3).max(1_000).optional(),
    })
    .optional(),
  collections: z
    .strictObject({
      articles: slug.optional(),
      glossaryTerms: slug.optional(),
      sources: slug.optional(),
      webhookDeliveries: slug.optional(),
      webhooks: slug.optional(),
      workflowEvents: slug.optional(),
    })
    .optional(),
  dueSoonDays: z.number().int().min(0).max(365).optional(),
  evidenceCheck: z
    .strictObject({
      allowedHosts: z.array(z.string().trim().min(1)).optional(),
      autoRun: z.boolean().optional(),
      concurrency: z.number().int().min(1).max(32).optional(),
      cron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')
        .optional(),
      maxPerRun: z.number().int().min(1).max(100_000).optional(),
      maxRedirects: z.number().int().min(0).max(20).optional(),
      recheckDays: z.number().int().min(1).max(365).optional(),
      timeoutMs: z.number().int().min(100).max(120_000).optional(),
      userAgent: z.string().trim().min(3).max(300).optional(),
    })
    .optional(),
  fourEyes: z.boolean().optional(),
  glossaryPath: z
    .string()
    .regex(/^(\/|https:\/\/)[^\s"'<>]*$/, 'must be a path starting with / or an https URL')
    .optional(),
  limits: z
    .strictObject({
      maxDepth: z.number().int().min(0).max(10).optional(),
      maxJoinLimit: z.number().int().min(1).max(1000).optional(),
      maxLimit: z.number().int().min(1).max(10_000).optional(),
      maxResponseBytes: z.number().int().min(1024).optional(),
      maxWhereConditions: z.number().int().min(1).max(10_000).optional(),
      maxWhereDepth: z.number().int().min(1).max(50).optional(),
    })
    .optional(),
  notifications: z
    .strictObject({
      appUrl: z
        .string()
        .regex(/^https?:\/\/[^\s"'<>]+$/, 'must be an http(s) URL')
        .optional(),
      autoRun: z.boolean().optional(),
      cron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')
        .optional(),
      digestCron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')
        .optional(),
      enabled: z.boolean().optional(),
    })
    .optional(),
  now: z.custom<() => Date>((value) => typeof value === 'function', 'must be a function returning a Date').optional(),
  reviewIntervals: z
    .strictObject(
      Object.fromEntries(
        REVIEW_FREQUENCIES.map((frequency) => [frequency, z.number().int().min(1).max(120).optional()]),
      ),
    )
    .optional(),
  reviewSweep: z
    .strictObject({
      autoRun: z.boolean().optional(),
      cron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')
        .optional(),
    })
    .optional(),
  usersCollection: slug.optional(),
  webhooks: z
    .strictObject({
      allowedHosts: z.array(z.string().trim().min(1)).optional(),
      attempts: z.number().int().min(1).max(20).optional(),
      autoRun: z.boolean().optional(),
      cron: z
        .string()
        .regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')
        .optional(),
      firstRetryDelayMs: z.number().int().min(0).optional(),
      timeoutMs: z.number().int().min(100).max(120_000).optional(),
    })
    .optional(),
})

/**
 * Validates the plugin options and fills in the defaults.
 * @throws Error prefixed with the plugin's name, listing every bad option by path.
 */
export const sanitizeOptions = (options: unknown = {}): SanitizedOptions => {
  const parsed = optionsSchema.safeParse(options ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.length ? issue.path.join('.') : 'options'}: ${issue.message}`)
      .join('; ')
    throw new Error(`[${PLUGIN_NAME}] invalid plugin options: ${problems}`)
  }
  const given = parsed.data
  // Slugs are validated strings here; Payload's generated types name them once the host regenerates.
  const collections = { ...DEFAULT_OPTIONS.collections, ...definedOnly(given.collections ?? {}) } as CollectionSlugs
  const usersCollection = (given.usersCollection ?? DEFAULT_OPTIONS.usersCollection) as CollectionSlug
  const slugs = [...Object.values(collections), usersCollection]
  const repeated = slugs.find((value, index) => slugs.indexOf(value) !== index)
  if (repeated) {
    throw new Error(`[${PLUGIN_NAME}] invalid plugin options: collection slug "${repeated}" is used twice`)
  }
  return {
    bodyLimits: { ...DEFAULT_OPTIONS.bodyLimits, ...definedOnly(given.bodyLimits ?? {}) },
    collections,
    dueSoonDays: given.dueSoonDays ?? DEFAULT_OPTIONS.dueSoonDays,
    evidenceCheck: { ...DEFAULT_OPTIONS.evidenceCheck, ...definedOnly(given.evidenceCheck ?? {}) },
    fourEyes: given.fourEyes ?? DEFAULT_OPTIONS.fourEyes,
    glossaryPath: (given.glossaryPath ?? DEFAULT_OPTIONS.glossaryPath).replace(/\/$/, ''),
    limits: { ...DEFAULT_OPTIONS.limits, ...definedOnly(given.limits ?? {}) },
    notifications: {
      ...DEFAULT_OPTIONS.notifications,
      ...definedOnly(given.notifications ?? {}),
      appUrl: given.notifications?.appUrl?.replace(/\/$/, '') ?? null,
    },
    now: given.now ?? DEFAULT_OPTIONS.now,
    reviewIntervals: { ...DEFAULT_OPTIONS.reviewIntervals, ...definedOnly(given.reviewIntervals ?? {}) },
    reviewSweep: { ...DEFAULT_OPTIONS.reviewSweep, ...definedOnly(given.reviewSweep ?? {}) },
    usersCollection,
    webhooks: { ...DEFAULT_OPTIONS.webhooks, ...definedOnly(given.webhooks ?? {}) },
  }
}

// An option given as `undefined` must not override its default.
const definedOnly = <T>(record: Record<string, T | undefined>): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== undefined))
