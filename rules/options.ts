import type { CollectionSlug } from 'payload'
import { z } from 'zod'

import { DEFAULT_BODY_LIMITS } from './lexicalBody.js'
import { DEFAULT_READ_LIMITS } from './limits.js'
import { PLUGIN_NAME } from './pluginName.js'
import { DEFAULT_REVIEW_INTERVAL_MONTHS, REVIEW_FREQUENCIES, type ReviewFrequency } from './vocabulary.js'

export { PLUGIN_NAME } from './pluginName.js'

/**
 * The plugin's options: one zod schema holds every option, its check and its default. The
 * options a host gives are `z.input` of it (`CancerContentPluginOptions`), the options with
 * every default filled in are `z.output` of it (`SanitizedOptions`): there is no second list.
 * The README's options table is tested against it (tests/unit/options.test.ts).
 */

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens, starting with a letter')

// A collection slug with its default; typed as Payload's slug once validated.
const slugOption = (defaultSlug: string) =>
  slug.default(defaultSlug).transform((value) => value as CollectionSlug)

const cron = z.string().regex(/^\S+( \S+){4,5}$/, 'must be a cron expression of 5 or 6 fields')

const months = z.number().int().min(1).max(120)

const reviewIntervalsShape = Object.fromEntries(
  REVIEW_FREQUENCIES.map((frequency) => [frequency, months.default(DEFAULT_REVIEW_INTERVAL_MONTHS[frequency])]),
) as Record<ReviewFrequency, z.ZodDefault<typeof months>>

/** The options schema: every option of `cancerContentPlugin`, with its default. */
export const optionsSchema = z.strictObject({
  /**
   * The budget of an article body that every write must keep: characters of its Lexical JSON
   * and nesting depth of its nodes. The defaults leave room for the largest PDQ summary
   * (2.8 MB of JSON).
   * @default { maxBytes: 8000000, maxDepth: 40 }
   */
  bodyLimits: z
    .strictObject({
      maxBytes: z.number().int().min(1_000).max(100_000_000).default(DEFAULT_BODY_LIMITS.maxBytes),
      maxDepth: z.number().int().min(3).max(1_000).default(DEFAULT_BODY_LIMITS.maxDepth),
    })
    .prefault({}),
  /**
   * Slugs of the collections the plugin adds. Change them when the host app already has
   * collections of these names.
   * @default { articles: 'articles', glossaryTerms: 'glossary-terms', sources: 'sources', webhookDeliveries: 'webhook-deliveries', webhooks: 'webhooks', workflowEvents: 'workflow-events' }
   */
  collections: z
    .strictObject({
      articles: slugOption('articles'),
      glossaryTerms: slugOption('glossary-terms'),
      sources: slugOption('sources'),
      webhookDeliveries: slugOption('webhook-deliveries'),
      webhooks: slugOption('webhooks'),
      workflowEvents: slugOption('workflow-events'),
    })
    .prefault({}),
  /**
   * Days before `nextReviewDue` from which an article counts as due soon.
   * @default 14
   */
  dueSoonDays: z.number().int().min(0).max(365).default(14),
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
  evidenceCheck: z
    .strictObject({
      allowedHosts: z.array(z.string().trim().min(1)).default([]),
      autoRun: z.boolean().default(true),
      concurrency: z.number().int().min(1).max(32).default(4),
      cron: cron.default('0 30 4 * * *'),
      maxPerRun: z.number().int().min(1).max(100_000).default(2000),
      maxRedirects: z.number().int().min(0).max(20).default(5),
      recheckDays: z.number().int().min(1).max(365).default(7),
      timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      userAgent: z.string().trim().min(3).max(300).default('GovernedCancerContent-EvidenceChecker/1.0 (link check of cited evidence)'),
    })
    .prefault({}),
  /**
   * When `true`, a reviewer may not approve a submission they made or last edited themselves.
   * @default true
   */
  fourEyes: z.boolean().default(true),
  /**
   * Path prefix of the web app's glossary pages: a glossary link in an article body becomes
   * `<glossaryPath>/<NCI id>` in the HTML the delivery API renders. A trailing `/` is dropped.
   * @default '/glossary'
   */
  glossaryPath: z
    .string()
    .regex(/^(\/|https:\/\/)[^\s"'<>]*$/, 'must be a path starting with / or an https URL')
    .default('/glossary')
    .transform((path) => path.replace(/\/$/, '')),
  /**
   * Bounds on what an anonymous read may cost (REST, GraphQL and the plugin's own queries);
   * staff reads are not bounded. Unnamed bounds keep their default.
   * @default { maxDepth: 1, maxJoinLimit: 20, maxLimit: 100, maxResponseBytes: 8388608, maxWhereConditions: 50, maxWhereDepth: 4 }
   */
  limits: z
    .strictObject({
      maxDepth: z.number().int().min(0).max(10).default(DEFAULT_READ_LIMITS.maxDepth),
      maxJoinLimit: z.number().int().min(1).max(1000).default(DEFAULT_READ_LIMITS.maxJoinLimit),
      maxLimit: z.number().int().min(1).max(10_000).default(DEFAULT_READ_LIMITS.maxLimit),
      maxResponseBytes: z.number().int().min(1024).default(DEFAULT_READ_LIMITS.maxResponseBytes),
      maxWhereConditions: z.number().int().min(1).max(10_000).default(DEFAULT_READ_LIMITS.maxWhereConditions),
      maxWhereDepth: z.number().int().min(1).max(50).default(DEFAULT_READ_LIMITS.maxWhereDepth),
    })
    .prefault({}),
  /**
   * Email to staff through Payload's email adapter (configure one; without one Payload writes
   * mail to the log): a submission to its assignee or every reviewer, a decision to its author,
   * and a weekly digest of overdue and due-soon articles to reviewers. `appUrl` is where links in
   * mail point (the app's public origin; `null`: the config's `serverURL`, else relative links).
   * Mail is sent by a job on the jobs queue, queued in the transaction of the change: `autoRun`
   * works that queue in the app process on `cron` (seconds first); the digest is scheduled by
   * `digestCron` and sent once per slot, however many instances run. A trailing `/` of `appUrl`
   * is dropped.
   * @default { appUrl: null, autoRun: true, cron: '*\/10 * * * * *', digestCron: '0 0 6 * * 1', enabled: true } (digest Mondays 06:00 UTC)
   */
  notifications: z
    .strictObject({
      appUrl: z
        .string()
        .regex(/^https?:\/\/[^\s"'<>]+$/, 'must be an http(s) URL')
        .nullable()
        .default(null)
        .transform((url) => (url === null ? null : url.replace(/\/$/, ''))),
      autoRun: z.boolean().default(true),
      cron: cron.default('*/10 * * * * *'),
      digestCron: cron.default('0 0 6 * * 1'),
      enabled: z.boolean().default(true),
    })
    .prefault({}),
  /**
   * The clock the review rules read "today" from. Tests and simulations inject one; production
   * leaves the default.
   * @default () => new Date()
   */
  now: z
    .custom<() => Date>((value) => typeof value === 'function', 'must be a function returning a Date')
    // zod calls a function default to get the value: this one returns the clock.
    .default(() => () => new Date()),
  /**
   * Calendar months between reviews, per review frequency. Unnamed frequencies keep their
   * default.
   * @default { monthly: 1, quarterly: 3, semiannual: 6, annual: 12, biennial: 24 }
   */
  reviewIntervals: z.strictObject(reviewIntervalsShape).prefault({}),
  /**
   * The daily review sweep on Payload's jobs queue. `cron` (seconds first, as Payload's
   * schedules take it) says when it is queued; `autoRun` runs the queue inside the app process.
   * Turn `autoRun` off when a separate `payload jobs:run` process works the queue (several app
   * instances, serverless hosting).
   * @default { autoRun: true, cron: '0 0 5 * * *' } (daily at 05:00 UTC)
   */
  reviewSweep: z
    .strictObject({
      autoRun: z.boolean().default(true),
      cron: cron.default('0 0 5 * * *'),
    })
    .prefault({}),
  /**
   * Slug of the host's auth collection that receives the `role` field.
   * @default 'users'
   */
  usersCollection: slugOption('users'),
  /**
   * Signed webhooks on approved changes. `allowedHosts` lists hosts that may receive over plain
   * http and may resolve to private or loopback addresses (development receivers); every other
   * target must be https to a public address. A delivery is tried `attempts` times, waiting
   * `firstRetryDelayMs` after the first failure and twice as long after each later one; each
   * try waits at most `timeoutMs` for an answer. `autoRun` works the delivery queue inside the
   * app process on `cron` (seconds first); turn it off when a separate `payload jobs:run`
   * process works the queue.
   * @default { allowedHosts: [], attempts: 5, autoRun: true, cron: '*\/5 * * * * *', firstRetryDelayMs: 240000, timeoutMs: 10000 } (5 tries over one hour)
   */
  webhooks: z
    .strictObject({
      allowedHosts: z.array(z.string().trim().min(1)).default(() => []),
      attempts: z.number().int().min(1).max(20).default(5),
      autoRun: z.boolean().default(true),
      cron: cron.default('*/5 * * * * *'),
      firstRetryDelayMs: z.number().int().min(0).default(4 * 60_000),
      timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
    })
    .prefault({}),
})

/** Options of `cancerContentPlugin`, as a host gives them: every property is optional. */
export type CancerContentPluginOptions = z.input<typeof optionsSchema>

/** Options with every default filled in: what collections, hooks, endpoints and jobs read. */
export type SanitizedOptions = z.output<typeof optionsSchema>

/** Slugs of the collections the plugin adds. */
export type CollectionSlugs = SanitizedOptions['collections']

/** Options of the plugin's webhooks (see `CancerContentPluginOptions.webhooks`). */
export type WebhookOptions = NonNullable<CancerContentPluginOptions['webhooks']>

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
  const slugs = [...Object.values(parsed.data.collections), parsed.data.usersCollection]
  const repeated = slugs.find((value, index) => slugs.indexOf(value) !== index)
  if (repeated) {
    throw new Error(`[${PLUGIN_NAME}] invalid plugin options: collection slug "${repeated}" is used twice`)
  }
  return parsed.data
}

/** The defaults, in one place: the schema's own, filled in from no options at all. */
export const DEFAULT_OPTIONS: SanitizedOptions = sanitizeOptions({})

/**
 * The sanitised options of the plugin as it stored them on a config (`config.custom`), for code
 * that runs outside the plugin factory (the seed command, `withHttpCaching`, jobs run by hand);
 * `null` when the plugin is not in that config.
 */
export const pluginOptionsOf = (config: { custom?: Record<string, unknown> } | null | undefined): null | SanitizedOptions => {
  const stored = config?.custom?.[PLUGIN_NAME]
  return stored && typeof stored === 'object' && 'collections' in stored ? (stored as SanitizedOptions) : null
}
