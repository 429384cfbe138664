import http from 'node:http'
import https from 'node:https'

import {
  commitTransaction,
  initTransaction,
  killTransaction,
  type PayloadRequest,
  type TaskConfig,
} from 'payload'

// The adapter's type augmentation gives `payload.db` its `sessions`.
import type {} from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres/drizzle'

import { EVIDENCE_CHECKS_SLUG } from '../../collections/EvidenceChecks/index.js'
import { slugs } from '../../rules/collectionSlugs.js'
import {
  type CheckOutcome,
  classifyEvidenceCheck,
  evidenceDueWindow,
  evidenceFetchVerdict,
  isListedHost,
} from '../../rules/evidenceCheck.js'
import type { SanitizedOptions } from '../../rules/options.js'
import type { EvidenceStatus } from '../../rules/vocabulary.js'
import { sqlRunnerOf, transactionOf } from '../records/articleLock.js'
import { tableNameOf } from '../../rules/tableNames.js'
import { guardedLookup } from '../webhooks/sendSigned.js'
import { taskOutputSchema } from '../jobs/taskOutputSchema.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** Slug of the evidence-check task on Payload's jobs queue. */
export const EVIDENCE_CHECK_TASK = 'cancerContentEvidenceCheck'

/** Queue the evidence check is scheduled on (its own: a long run never delays the review sweep). */
export const EVIDENCE_CHECK_QUEUE = `${PLUGIN_NAME}-evidence`

/** One link's check, as stored in `evidence-checks`. */
export interface EvidenceCheckResult extends CheckOutcome {
  checkedAt: string
  finalUrl: null | string
  status: EvidenceStatus
  url: string
}

/** What the fetch needs of the options. */
type FetchOptions = Pick<SanitizedOptions['evidenceCheck'], 'allowedHosts' | 'maxRedirects' | 'timeoutMs' | 'userAgent'>

/** One GET of one URL: the status and the redirect target, never the body (the socket is closed at the headers). */
const getOnce = (url: URL, options: FetchOptions): Promise<{ error: null | string; location: null | string; statusCode: null | number }> =>
  new Promise((resolve) => {
    let settled = false
    const finish = (result: { error: null | string; location: null | string; statusCode: null | number }) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const client = url.protocol === 'https:' ? https : http
    const request = client.request(
      url,
      {
        headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'User-Agent': options.userAgent },
        // Every address a name resolves to is judged before the socket connects (DNS rebinding included).
        lookup: guardedLookup(options.allowedHosts),
        method: 'GET',
      },
      (response) => {
        const location = typeof response.headers.location === 'string' ? response.headers.location : null
        finish({ error: null, location, statusCode: response.statusCode ?? null })
        response.destroy()
      },
    )
    const timer = setTimeout(() => {
      request.destroy()
      finish({ error: `No answer within ${options.timeoutMs} ms`, location: null, statusCode: null })
    }, options.timeoutMs)
    request.on('error', (error) => finish({ error: error.message, location: null, statusCode: null }))
    request.end()
  })

/**
 * Checks one evidence link: GET (the body is not read), redirects followed up to `maxRedirects`
 * (each target judged by the fetch policy again: a redirect to an internal address is refused),
 * each hop within `timeoutMs`, with the checker's User-Agent. Never throws.
 */
export const checkEvidenceUrl = async (url: string, options: FetchOptions, now: () => Date): Promise<EvidenceCheckResult> => {
  let current = url
  let redirects = 0
  const result = (outcome: CheckOutcome, finalUrl: null | string): EvidenceCheckResult => ({
    ...outcome,
    checkedAt: now().toISOString(),
    finalUrl,
    status: classifyEvidenceCheck(outcome),
    url,
  })
  for (;;) {
    const verdict = evidenceFetchVerdict(current, options.allowedHosts)
    if (!verdict.ok) return result({ error: verdict.reason, redirects, statusCode: null }, redirects > 0 ? current : null)
    const answer = await getOnce(new URL(current), options)
    const isRedirect = answer.statusCode !== null && answer.statusCode >= 300 && answer.statusCode < 400 && answer.location !== null
    if (!isRedirect) return result({ error: answer.error, redirects, statusCode: answer.statusCode }, redirects > 0 ? current : null)
    if (redirects >= options.maxRedirects) {
      return result({ error: `More than ${options.maxRedirects} redirects`, redirects, statusCode: answer.statusCode }, current)
    }
    let next: URL
    try {
      next = new URL(answer.location as string, current)
    } catch {
      return result({ error: 'A redirect to no URL', redirects, statusCode: answer.statusCode }, current)
    }
    redirects += 1
    current = next.href
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
const inPool = async <T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next
      next += 1
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}

/**
 * The cited links due today, as the database finds them: the rule of `dueEvidenceUrls` (never
 * checked first, then the oldest check, each at most once per `recheckDays`, one
 * `recheckDays`-th of the links a run) in one statement bounded by the run's size
 * (`evidenceDueWindow`), which reads the check rows of the cited links through the unique `url`
 * index and answers at most `limit` rows, never every check row.
 */
const dueUrls = async (
  req: PayloadRequest,
  urls: readonly string[],
  settings: Pick<SanitizedOptions['evidenceCheck'], 'maxPerRun' | 'recheckDays'>,
  now: Date,
): Promise<string[]> => {
  if (urls.length === 0) return []
  const { checkedBy, limit } = evidenceDueWindow({ links: urls.length, maxPerRun: settings.maxPerRun, now, recheckDays: settings.recheckDays })
  const db = await sqlRunnerOf(req)
  const { rows } = await db.execute<{ url: string }>(sql`
    select u.url from jsonb_array_elements_text(${JSON.stringify(urls)}::jsonb) as u(url)
    left join ${sql.raw(`"${tableNameOf(EVIDENCE_CHECKS_SLUG)}"`)} c on c.url = u.url
    where c.id is null or c.checked_at <= ${checkedBy.toISOString()}
    order by c.checked_at asc nulls first, u.url
    limit ${limit}`)
  return rows.map((row) => row.url)
}

/** What a run of the checker did. */
export interface EvidenceCheckRun {
  checked: number
  counts: Record<EvidenceStatus, number>
  /** Links cited by articles in all. */
  links: number
}

/**
 * One run of the evidence checker: the links cited by articles (working copies and published
 * versions alike), the ones due today (rules/evidenceCheck.ts, `dueEvidenceUrls`, found by one
 * bounded query: `dueUrls`; or every
 * link of `articleId`, when a reviewer asks for one article now), fetched `concurrency` at a
 * time outside any transaction, then every result written in one short transaction of `req`.
 */
export const runEvidenceCheck = async ({
  articleId,
  options,
  req,
}: {
  /** Check this article's links now, whenever they were last checked. */
  articleId?: number
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<EvidenceCheckRun> => {
  const settings = options.evidenceCheck
  const { docs: articles } = await req.payload.find({
    collection: slugs(options).articles,
    depth: 0,
    draft: true,
    overrideAccess: true,
    pagination: false,
    req,
    select: { evidence: true },
    ...(articleId === undefined ? {} : { where: { id: { equals: articleId } } }),
  })
  // With an allowlist, the links to other hosts are not checked at all (nor recorded).
  const urls = [...new Set(articles.flatMap((article) => (article.evidence ?? []).map((entry) => entry.url)))].filter(
    (url) => settings.allowedHosts.length === 0 || isListedHost(hostOf(url), settings.allowedHosts),
  )
  const due = articleId === undefined ? await dueUrls(req, urls, settings, options.now()) : urls.slice(0, settings.maxPerRun)
  const results = await inPool(due, settings.concurrency, (url) => checkEvidenceUrl(url, settings, options.now))
  const shouldCommit = await initTransaction(req)
  try {
    // One writer of check rows at a time (two instances' daily runs, two reviewers' checks of one
    // article): without it both would find a new link unrecorded and both create its row, and the
    // second would fail on the unique url. Inside the lock, which rows exist is read again.
    const transaction = await transactionOf(req)
    if (transaction) await transaction.db.execute(sql`select pg_advisory_xact_lock(hashtext(${EVIDENCE_CHECKS_SLUG}))`)
    const { docs: current } =
      results.length === 0
        ? { docs: [] }
        : await req.payload.find({
            collection: EVIDENCE_CHECKS_SLUG as 'evidence-checks',
            depth: 0,
            limit: results.length,
            overrideAccess: true,
            pagination: false,
            req,
            select: { url: true },
            where: { url: { in: results.map((check) => check.url) } },
          })
    const stored = new Map(current.map((check) => [check.url, check.id]))
    for (const check of results) {
      const data = {
        checkedAt: check.checkedAt,
        error: check.error?.slice(0, 500) ?? null,
        finalUrl: check.finalUrl,
        redirects: check.redirects,
        status: check.status,
        statusCode: check.statusCode,
        url: check.url,
      }
      const id = stored.get(check.url)
      if (id === undefined) await req.payload.create({ collection: EVIDENCE_CHECKS_SLUG as 'evidence-checks', data, depth: 0, overrideAccess: true, req })
      else await req.payload.update({ collection: EVIDENCE_CHECKS_SLUG as 'evidence-checks', data, depth: 0, id, overrideAccess: true, req })
    }
    if (shouldCommit) await commitTransaction(req)
  } catch (error) {
    await killTransaction(req)
    throw error
  }
  const counts: Record<EvidenceStatus, number> = { broken: 0, ok: 0, redirected: 0, unreachable: 0 }
  for (const check of results) counts[check.status] += 1
  return { checked: results.length, counts, links: urls.length }
}

/** The checker's task input (none) and output (counts). */
export interface EvidenceCheckTaskIO {
  input: Record<string, never>
  output: { broken: number; checked: number; links: number }
}

/**
 * The daily evidence check as a Payload task on the review sweep's queue, scheduled by
 * `options.evidenceCheck.cron`. Each link is fetched at most once per `recheckDays`, so a second
 * run on the same day (several instances) finds little or nothing due.
 */
export const createEvidenceCheckTask = (options: SanitizedOptions): TaskConfig<EvidenceCheckTaskIO> => ({
  slug: EVIDENCE_CHECK_TASK,
  handler: async ({ req }) => {
    const run = await runEvidenceCheck({ options, req })
    return { output: { broken: run.counts.broken, checked: run.checked, links: run.links } }
  },
  label: 'Evidence check: fetch the evidence links due today',
  outputSchema: taskOutputSchema({ checked: 'number', broken: 'number', links: 'number' }),
  retries: 1,
  schedule: [{ cron: options.evidenceCheck.cron, queue: EVIDENCE_CHECK_QUEUE }],
})
