/**
 * Read benchmark, side by side with plain Payload: our app (the plugin, production build) and a
 * plain Payload app with collections of the same shape and no plugin (bench/plain, production
 * build), both on 127.0.0.1, loaded with the same generated articles (bench/readsData.ts), and
 * measured with autocannon at concurrency 1 and 8 (medians of several rounds). Beside them, a
 * third app reads our database: plain Payload with the plugin's own data model and none of its
 * behaviour (bench/wide), so that the table tells what the plugin's behaviour costs ("ours / same
 * model") apart from what a data model of its size costs any Payload app. Then, on our
 * app only, the same articles copied to 100,000: the reviewers' queue, the overdue/due-soon and
 * cancer-type filters and search, each with its plan (EXPLAIN ANALYZE) and p95.
 *
 *   npm run bench:reads -- [--articles 10000] [--large 100000] [--rounds 3] [--processes 3] [--duration 4] [--warm 0] [--no-build] [--only built] [--hold]
 *
 * `--processes N`: server processes per app (each round is measured on the next pair; one
 * process of a build can be 10% faster or slower than another). `--hold`: after the 10,000-article
 * figures, keep the servers and their databases until stopped
 * (SIGINT, SIGTERM), to profile them by hand. `--warm N`: before the rounds, every process of every
 * app first answers N requests of each read (at concurrency 8, counted, so the slower app is not
 * warmed less): a fresh process reads up to a sixth slower than one that has answered some
 * 10,000 requests (README, Performance). Without it each read is warmed for 1 s. `--only <text>`: measure only the 10,000-article reads whose label contains the text (e.g.
 * `built`, `page endpoint`); `--large 0` skips the 100,000-article part.
 *
 * Database: DATABASE_URL names a server to use (two scratch databases are created and dropped);
 * without it an embedded PostgreSQL is started in a temporary folder. Prints one table and
 * writes it as JSON to bench/results/ (git-ignored). Not a test: it exits 0 whatever the figures.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import autocannon from 'autocannon'
import pg from 'pg'

import { freePort, startTemporaryPostgres } from '../scripts/embeddedPostgres.mjs'
import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'

import { searchCandidateBound } from '../rules/search.js'
import { rankedSearchSql, searchParamsSchema } from '../src/search/searchArticles.js'
import { articleSnapshotKeySql, snapshotHoldersSql, sourceFactsKeySql } from '../src/database/sourceSnapshotIndex.js'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PLAIN = path.join(ROOT, 'bench', 'plain')
const WIDE = path.join(ROOT, 'bench', 'wide')
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next')

const { values } = parseArgs({
  options: {
    articles: { default: '10000', type: 'string' },
    duration: { default: '4', type: 'string' },
    large: { default: '100000', type: 'string' },
    hold: { default: false, type: 'boolean' },
    'no-build': { default: false, type: 'boolean' },
    only: { type: 'string' },
    processes: { default: '3', type: 'string' },
    rounds: { default: '3', type: 'string' },
    warm: { default: '0', type: 'string' },
    templates: { default: '50', type: 'string' },
    terms: { default: '300', type: 'string' },
  },
})
const ROUNDS = Number(values.rounds)
// Server processes per app, each round measured on the next pair: one process of a build can be
// 10% faster or slower than another of the same build (README, Performance), so a median over one
// pair says little.
const PROCESSES = Math.max(1, Number(values.processes))
const DURATION = Number(values.duration)
// Requests of each read every process of every app answers before the rounds (0: 1 s of each).
const WARM = Number(values.warm)
if (!Number.isInteger(WARM) || WARM < 0) throw new Error(`--warm takes a whole number of requests (0 or more), not "${values.warm}"`)

const log = (message: string) => console.log(`[bench:reads] ${message}`)
const children: ChildProcess[] = []

/** Runs a command to its end (output shown), in its own process group; rejects on a non-zero exit. */
const run = (command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk
      if (!options.quiet) process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk))
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))))
  })

/** Starts a server process in its own group and waits until `readyPath` answers 200. */
const startServer = async (name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, baseUrl: string) => {
  const logFile = path.join(os.tmpdir(), `bench-reads-${name}-${process.pid}.log`)
  const out = fs.openSync(logFile, 'w')
  const child = spawn(command, args, { cwd, detached: true, env, stdio: ['ignore', out, out] })
  children.push(child)
  const started = Date.now()
  while (Date.now() - started < 600_000) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}); see ${logFile}`)
    try {
      const response = await fetch(`${baseUrl}/api/articles?limit=1`, { signal: AbortSignal.timeout(30_000) })
      if (response.ok) {
        log(`${name} ready on ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${logFile})`)
        return child
      }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${name} did not answer within 10 minutes; see ${logFile}`)
}

/** Peak resident memory (VmHWM) of a process tree, in MB. */
const peakRssMb = (pid: number): number => {
  const all = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  const parentOf = new Map<number, number>()
  for (const entry of all) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {}
  }
  const inTree = (candidate: number): boolean => {
    for (let current: number | undefined = candidate; current && current > 1; current = parentOf.get(current)) if (current === pid) return true
    return false
  }
  let peak = 0
  for (const [candidate] of parentOf) {
    if (!inTree(candidate)) continue
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${candidate}/status`, 'utf8'))
      if (match) peak = Math.max(peak, Number(match[1]) / 1024)
    } catch {}
  }
  return Math.round(peak)
}

interface Request {
  body?: string
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  path: string
}

interface Figures {
  errors: number
  p50: number
  p95: number
  p99: number
  rps: number
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

/** What autocannon sends for `request` to the app at `baseUrl`. */
const target = (baseUrl: string, request: Request) => ({
  body: request.body,
  headers: { ...(request.body ? { 'content-type': 'application/json' } : {}), ...request.headers },
  method: request.method ?? 'GET',
  url: `${baseUrl}${request.path}`,
})

/** Sends `amount` requests at concurrency 8 and waits for every answer: a warm-up counted, not timed. */
const warmUp = (baseUrl: string, request: Request, amount: number): Promise<void> =>
  new Promise((resolve, reject) => {
    autocannon({ ...target(baseUrl, request), amount, connections: 8 }, (error) => (error ? reject(error) : resolve()))
  })

/** Before the rounds: `WARM` requests of the read, or 1 s of it at concurrency 2 without `--warm`. */
const warm = async (baseUrl: string, request: Request): Promise<void> => {
  if (WARM) await warmUp(baseUrl, request, WARM)
  else await measure(baseUrl, request, 2, 1)
}

/** One autocannon run: req/s and latency percentiles (ms) from every response's time. */
const measure = async (baseUrl: string, request: Request, connections: number, duration: number): Promise<Figures> => {
  const times: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { ...target(baseUrl, request), connections, duration },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
  times.sort((a, b) => a - b)
  return {
    errors: result.errors + result.timeouts + result.non2xx - (request.headers?.['if-none-match'] ? result['3xx'] : 0),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: times.length / duration,
  }
}

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b)
  return sorted.length % 2 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2
}
const medianFigures = (runs: Figures[]): Figures => ({
  errors: runs.reduce((sum, run) => sum + run.errors, 0),
  p50: median(runs.map((run) => run.p50)),
  p95: median(runs.map((run) => run.p95)),
  p99: median(runs.map((run) => run.p99)),
  rps: median(runs.map((run) => run.rps)),
})

const NO_CACHE = { 'cache-control': 'no-cache' }

const graphqlList = (fields: string) => ({
  body: JSON.stringify({ query: `{ Articles(limit: 20) { docs { ${fields} } } }` }),
  method: 'POST' as const,
  path: '/api/graphql',
})

const main = async () => {
  const started = Date.now()
  let embedded: null | { port: number; stop: () => Promise<void>; url: string } = null
  const serverUrl = process.env.DATABASE_URL ?? (embedded = await startTemporaryPostgres({ log, prefix: 'bench-reads-pg-' })).url
  const databaseUrl = (name: string) => {
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    return url.toString()
  }
  const names = { ours: `bench_reads_ours_${process.pid}`, plain: `bench_reads_plain_${process.pid}` }
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    client.on('error', () => {})
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  const cleanup = async () => {
    for (const child of children) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM')
      } catch {}
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
    for (const name of Object.values(names)) await admin(`drop database if exists "${name}" with (force)`).catch(() => {})
    await embedded?.stop()
  }
  // One stop, whatever signals follow: a second SIGINT (a terminal's Ctrl-C reaches npm, timeout and
  // this process alike) used to kill the process mid-cleanup, leaving a server and the embedded
  // database's folder (2.6 GB at 10,000 articles) behind.
  let stopping: null | Promise<void> = null
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void (stopping ??= cleanup().then(() => process.exit(130))))

  try {
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
    if (!values['no-build']) {
      log('building our app (npm run build)')
      await run('npm', ['run', 'build'], { env, quiet: true })
      log('building the plain Payload app (bench/plain: next build)')
      await run(process.execPath, [NEXT_BIN, 'build', '--webpack'], {
        cwd: PLAIN,
        env: { ...env, DATABASE_URL: 'postgres://placeholder@127.0.0.1:1/placeholder', NODE_ENV: 'production' },
        quiet: true,
      })
      log('building the same data model without the plugin\'s behaviour (bench/wide: next build)')
      await run(process.execPath, [NEXT_BIN, 'build', '--webpack'], {
        cwd: WIDE,
        env: { ...env, DATABASE_URL: 'postgres://placeholder@127.0.0.1:1/placeholder', NODE_ENV: 'production' },
        quiet: true,
      })
    }
    for (const name of Object.values(names)) await admin(`create database "${name}"`)
    const secret = randomBytes(24).toString('hex')
    const urlsOf = async (count: number) => {
      const urls: string[] = []
      for (let index = 0; index < count; index++) urls.push(`http://127.0.0.1:${await freePort()}`)
      return urls
    }
    const [oursUrls, plainUrls, wideUrls] = [await urlsOf(PROCESSES), await urlsOf(PROCESSES), await urlsOf(PROCESSES)]
    // The first of each: where everything but the compared rounds is read (ETags, logins, 100k rows).
    const [oursUrl = '', plainUrl = ''] = [oursUrls[0], plainUrls[0]]
    const common = { ...env, JOBS_AUTORUN: 'false', PAYLOAD_SECRET: secret, PAYLOAD_TYPES_AUTOGENERATE: 'false', SEED_ON_FIRST_BOOT: 'false' }

    // Ours: `npm start` migrates the empty database, then the data goes in through the Local API.
    const startOurs = (index: number) => {
      const url = oursUrls[index] ?? ''
      return startServer(`ours-${index + 1}`, 'npm', ['start'], ROOT, { ...common, DATABASE_URL: databaseUrl(names.ours), PORT: new URL(url).port }, url)
    }
    const startPlain = (index: number) => {
      const url = plainUrls[index] ?? ''
      return startServer(`plain-${index + 1}`, process.execPath, [NEXT_BIN, 'start', '--port', new URL(url).port], PLAIN, { ...common, DATABASE_URL: databaseUrl(names.plain), PAYLOAD_DB_PUSH: 'false' }, url)
    }
    // The same data model reads our database (the same tables; it never writes or changes the schema).
    const startWide = (index: number) => {
      const url = wideUrls[index] ?? ''
      return startServer(`wide-${index + 1}`, process.execPath, [NEXT_BIN, 'start', '--port', new URL(url).port], WIDE, { ...common, DATABASE_URL: databaseUrl(names.ours), PAYLOAD_DB_PUSH: 'false' }, url)
    }
    const ours = await startOurs(0)
    const load = async (app: 'ours' | 'plain', extra: string[] = []) => {
      const loadStarted = Date.now()
      const out = await run(process.execPath, ['--import', 'tsx', 'bench/readsData.ts', '--app', app, '--articles', String(values.articles), '--templates', String(values.templates), '--terms', String(values.terms), ...extra], {
        env: { ...common, DATABASE_URL: databaseUrl(names[app]), PAYLOAD_DB_PUSH: app === 'ours' ? 'false' : 'true' },
        quiet: true,
      })
      const summary = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { articles: number; ids: { largest: number; mid: number } }
      log(`${app}: ${summary.articles} articles loaded in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`)
      return summary
    }
    const oursData = await load('ours')
    // Plain: the loader pushes its schema (a plain app's development habit), then next start.
    const plainData = await load('plain')
    // The other processes of ours start on the loaded (migrated) database, one after another.
    const oursServers = [ours]
    for (let index = 1; index < PROCESSES; index++) oursServers.push(await startOurs(index))
    const plainServers: ChildProcess[] = []
    for (let index = 0; index < PROCESSES; index++) plainServers.push(await startPlain(index))
    const wideServers: ChildProcess[] = []
    for (let index = 0; index < PROCESSES; index++) wideServers.push(await startWide(index))

    const etagOf = async (url: string) => (await fetch(url)).headers.get('etag') ?? ''
    const largestEtag = await etagOf(`${oursUrl}/api/articles/${oursData.ids.largest}`)
    // The page carries its glossary terms with their definitions; both apps populate only a term's
    // name, NCI id and definition flag by default (`defaultPopulate`), so plain's by id at depth 1 is
    // asked for the definitions too: the same relations, populated as the page gives them.
    const pageLike = (id: number | string) => `/api/articles/${id}?depth=1&populate[glossary-terms][term]=true&populate[glossary-terms][nciId]=true&populate[glossary-terms][definitions]=true`
    // `wide`: plain's request on our articles, for the same data model (which reads our database).
    const cases: { label: string; ours: Request; plain: null | Request; plainLabel: string; target: string; wide: null | Request }[] = [
      { label: 'by id, mid-sized', ours: { path: `/api/articles/${oursData.ids.mid}` }, plain: { path: `/api/articles/${plainData.ids.mid}` }, wide: { path: `/api/articles/${oursData.ids.mid}` }, plainLabel: 'by id', target: '≥ 0.95×' },
      { label: 'by id, largest', ours: { path: `/api/articles/${oursData.ids.largest}` }, plain: { path: `/api/articles/${plainData.ids.largest}` }, wide: { path: `/api/articles/${oursData.ids.largest}` }, plainLabel: 'by id', target: '≥ 0.95×' },
      { label: 'page endpoint, mid-sized', ours: { path: `/api/articles/${oursData.ids.mid}/page` }, plain: { path: pageLike(plainData.ids.mid) }, wide: { path: pageLike(oursData.ids.mid) }, plainLabel: 'by id depth 1, terms with definitions', target: '≥ 1.0×' },
      { label: 'page endpoint, largest', ours: { path: `/api/articles/${oursData.ids.largest}/page` }, plain: { path: pageLike(plainData.ids.largest) }, wide: { path: pageLike(oursData.ids.largest) }, plainLabel: 'by id depth 1, terms with definitions', target: '≥ 1.0×' },
      // The same reads with `Cache-Control: no-cache` (a browser's reload): built anew, not
      // replayed from the answers our app keeps by ETag; the plain app has no such store.
      { label: 'by id, mid-sized, built (no-cache)', ours: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.mid}` }, plain: { headers: NO_CACHE, path: `/api/articles/${plainData.ids.mid}` }, wide: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.mid}` }, plainLabel: 'by id', target: '≥ 0.95×' },
      { label: 'by id, largest, built (no-cache)', ours: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.largest}` }, plain: { headers: NO_CACHE, path: `/api/articles/${plainData.ids.largest}` }, wide: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.largest}` }, plainLabel: 'by id', target: '≥ 0.95×' },
      { label: 'page endpoint, mid-sized, built (no-cache)', ours: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.mid}/page` }, plain: { headers: NO_CACHE, path: pageLike(plainData.ids.mid) }, wide: { headers: NO_CACHE, path: pageLike(oursData.ids.mid) }, plainLabel: 'by id depth 1, terms with definitions', target: '≥ 1.0×' },
      { label: 'page endpoint, largest, built (no-cache)', ours: { headers: NO_CACHE, path: `/api/articles/${oursData.ids.largest}/page` }, plain: { headers: NO_CACHE, path: pageLike(plainData.ids.largest) }, wide: { headers: NO_CACHE, path: pageLike(oursData.ids.largest) }, plainLabel: 'by id depth 1, terms with definitions', target: '≥ 1.0×' },
      { label: 'REST list of 20, default', ours: { path: '/api/articles?limit=20' }, plain: { path: '/api/articles?limit=20' }, wide: { path: '/api/articles?limit=20' }, plainLabel: 'same', target: '≥ 5×' },
      { label: 'REST list of 20, select title+url', ours: { path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, plain: { path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, wide: { path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, plainLabel: 'same', target: '≥ 0.9×' },
      { label: 'REST list of 20, default, built (no-cache)', ours: { headers: NO_CACHE, path: '/api/articles?limit=20' }, plain: { headers: NO_CACHE, path: '/api/articles?limit=20' }, wide: { headers: NO_CACHE, path: '/api/articles?limit=20' }, plainLabel: 'same', target: '≥ 5×' },
      { label: 'REST list of 20, select title+url, built (no-cache)', ours: { headers: NO_CACHE, path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, plain: { headers: NO_CACHE, path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, wide: { headers: NO_CACHE, path: '/api/articles?limit=20&select[title]=true&select[url]=true' }, plainLabel: 'same', target: '≥ 0.9×' },
      { label: 'GraphQL list of 20 { id title url }', ours: graphqlList('id title url'), plain: graphqlList('id title url'), wide: graphqlList('id title url'), plainLabel: 'same', target: '≥ 4×' },
      // A revalidation against a full 200, one our app builds (no-cache): a repeated 200 without
      // no-cache is replayed from the answers kept by ETag and costs about what a 304 does.
      { label: 'If-None-Match hit, largest (vs our built 200)', ours: { headers: { 'if-none-match': largestEtag }, path: `/api/articles/${oursData.ids.largest}` }, plain: null, wide: null, plainLabel: 'our 200, built (no-cache)', target: '≥ 5×' },
      // Searches are built anew each time (no-cache), as a stream of different queries would be.
      { label: 'search, one word', ours: { headers: NO_CACHE, path: '/api/articles/search?q=chemotherapy' }, plain: null, wide: null, plainLabel: '–', target: 'p95 < 50 ms' },
      { label: 'search, two words', ours: { headers: NO_CACHE, path: '/api/articles/search?q=breast%20surgery' }, plain: null, wide: null, plainLabel: '–', target: 'p95 < 50 ms' },
    ]
    if (values.only) cases.splice(0, cases.length, ...cases.filter((entry) => entry.label.includes(values.only ?? '')))
    log(`measuring: ${cases.length} reads × 2 concurrencies × ${ROUNDS} rounds × ${DURATION} s, round by round on ${PROCESSES} process(es) of each app${WARM ? `, each process first given ${WARM} requests of each read` : ''}`)
    const runs = new Map<string, Figures[]>()
    const add = (key: string, figures: Figures) => runs.set(key, [...(runs.get(key) ?? []), figures])
    for (let index = 0; index < PROCESSES; index++) {
      const [oursAt = oursUrl, plainAt = plainUrl, wideAt = wideUrls[0] ?? ''] = [oursUrls[index], plainUrls[index], wideUrls[index]]
      for (const { ours: request, plain: plainRequest, label, wide: wideRequest } of cases) {
        await warm(oursAt, request)
        if (plainRequest) await warm(plainAt, plainRequest)
        if (wideRequest) await warm(wideAt, wideRequest)
        if (label.startsWith('If-None-Match')) await warm(oursAt, { headers: NO_CACHE, path: request.path })
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      const [oursAt = oursUrl, plainAt = plainUrl, wideAt = wideUrls[0] ?? ''] = [oursUrls[round % PROCESSES], plainUrls[round % PROCESSES], wideUrls[round % PROCESSES]]
      for (const connections of [1, 8]) {
        for (const { label, ours: request, plain: plainRequest, wide: wideRequest } of cases) {
          add(`${label}|${connections}|ours`, await measure(oursAt, request, connections, DURATION))
          if (plainRequest) add(`${label}|${connections}|plain`, await measure(plainAt, plainRequest, connections, DURATION))
          if (wideRequest) add(`${label}|${connections}|wide`, await measure(wideAt, wideRequest, connections, DURATION))
          if (label.startsWith('If-None-Match')) add(`${label}|${connections}|plain`, await measure(oursAt, { headers: NO_CACHE, path: request.path }, connections, DURATION))
        }
      }
      log(`round ${round + 1} of ${ROUNDS} done`)
    }
    const rows = cases.flatMap(({ label, plainLabel, target }) =>
      [1, 8].map((connections) => {
        const oursFigures = medianFigures(runs.get(`${label}|${connections}|ours`) ?? [])
        const plainRuns = runs.get(`${label}|${connections}|plain`)
        const plainFigures = plainRuns ? medianFigures(plainRuns) : null
        const wideRuns = runs.get(`${label}|${connections}|wide`)
        const wideFigures = wideRuns ? medianFigures(wideRuns) : null
        return {
          connections,
          label,
          ours: oursFigures,
          plain: plainFigures,
          plainLabel,
          ratio: plainFigures ? oursFigures.rps / plainFigures.rps : null,
          // What the plugin's behaviour costs: ours against the same data model without it.
          ratioToWide: wideFigures ? oursFigures.rps / wideFigures.rps : null,
          target,
          wide: wideFigures,
        }
      }),
    )
    // The highest of each app's processes.
    const memory = {
      oursPeakRssMb: Math.max(...oursServers.map((server) => peakRssMb(server.pid ?? 0))),
      plainPeakRssMb: Math.max(...plainServers.map((server) => peakRssMb(server.pid ?? 0))),
      widePeakRssMb: Math.max(...wideServers.map((server) => peakRssMb(server.pid ?? 0))),
    }
    // The 10k search plans, as the planner runs them at this size.
    const explainClient = new pg.Client({ connectionString: databaseUrl(names.ours) })
    explainClient.on('error', () => {})
    await explainClient.connect()
    const explain = async (statement: string, params: unknown[] = []) =>
      (await explainClient.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers off, costs off) ${statement}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n')
    // The ranked statement of src/search/searchArticles.ts exactly as the endpoint sends it for a
    // first page without a language, with its bounded candidate sets.
    const searchStatement = (q: string) => {
      const params = searchParamsSchema.parse({ q })
      return new PgDialect().sqlToQuery(
        rankedSearchSql({ articlesTable: 'articles', maxCandidates: searchCandidateBound({ limit: params.limit, page: params.page }), params, sourcesTable: 'sources' }),
      )
    }
    const explainSearch = (q: string) => {
      const { params, sql } = searchStatement(q)
      return explain(sql, params)
    }
    const plans10k = { search: await explainSearch('chemotherapy') }

    let large: null | Record<string, unknown> = null
    const report = () => {
      // The table: both systems, the ratio, the target.
      const format = (figures: Figures | null) => (figures ? `${figures.rps.toFixed(1)} | ${figures.p50.toFixed(0)}/${figures.p95.toFixed(0)}/${figures.p99.toFixed(0)}` : '– | –')
      const lines = [
        `| read | conc. | ours req/s | ours p50/p95/p99 ms | plain (what) | plain req/s | plain p50/p95/p99 ms | ratio | target | same model req/s | ours / same model |`,
        `|---|---|---|---|---|---|---|---|---|---|---|`,
        ...rows.map(
          (row) =>
            `| ${row.label} | ${row.connections} | ${format(row.ours)} | ${row.plainLabel} | ${format(row.plain)} | ${row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`} | ${row.target} | ${row.wide ? row.wide.rps.toFixed(1) : '–'} | ${row.ratioToWide === null ? '–' : `${row.ratioToWide.toFixed(2)}×`} |`,
        ),
      ]
      const largeLines = large
        ? [
            '',
            `At ${(large as { articles: number }).articles} articles (ours, concurrency 1, ${DURATION * 2} s):`,
            '| read | HTTP status | req/s | p50/p95/p99 ms | target |',
            '|---|---|---|---|---|',
            ...Object.entries((large as { figures: Record<string, Figures & { status: number }> }).figures).map(
              ([label, figures]) => `| ${label} | ${figures.status} | ${format(figures)} | p95 < 100 ms |`,
            ),
          ]
        : []
      const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')}`
      console.log(`\n${lines.join('\n')}\n${largeLines.join('\n')}\n\nPeak RSS: ours ${memory.oursPeakRssMb} MB, plain ${memory.plainPeakRssMb} MB, same model ${memory.widePeakRssMb} MB. ${oursData.articles} articles each; medians of ${ROUNDS} rounds of ${DURATION} s, round by round on ${PROCESSES} server process(es) of each app${WARM ? `, each first given ${WARM} requests of each read` : ''}. ${machine}.`)
      console.log(`\nPlans at ${oursData.articles} articles:\n${plans10k.search}`)
      if (large) for (const [label, figures] of Object.entries((large as { figures: Record<string, { plan: string }> }).figures)) console.log(`\nPlan at 100k, ${label}:\n${figures.plan}`)
      const results = path.join(ROOT, 'bench', 'results')
      fs.mkdirSync(results, { recursive: true })
      const file = path.join(results, `reads-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
      fs.writeFileSync(file, JSON.stringify({ articles: oursData.articles, large, machine, memory, plans10k, rounds: ROUNDS, processes: PROCESSES, duration: DURATION, warm: WARM, rows, seconds: (Date.now() - started) / 1000 }, null, 2))
      log(`results written to ${path.relative(ROOT, file)}; took ${((Date.now() - started) / 60000).toFixed(1)} min`)
    }
    // The 10,000-article figures are reported before the long copy to 100,000 starts.
    report()
    if (values.hold) {
      // For profiling by hand (e.g. `kill -USR1 <pid>` and the inspector): the servers stay up with their data until stopped.
      log(`holding: ours ${oursUrls.join(' ')} (pids ${oursServers.map((server) => server.pid).join(' ')}, database ${names.ours}), plain ${plainUrls.join(' ')} (pids ${plainServers.map((server) => server.pid).join(' ')}, database ${names.plain}), same model ${wideUrls.join(' ')} (pids ${wideServers.map((server) => server.pid).join(' ')}, database ${names.ours}); ids ours ${JSON.stringify(oursData.ids)}, plain ${JSON.stringify(plainData.ids)}; stop with SIGINT or SIGTERM`)
      await new Promise(() => {})
    }
    // 100,000 articles (ours): copies in SQL, then the queue, filters and search with their plans.
    const largeCount = Number(values.large)
    if (largeCount > oursData.articles) {
      const loadStarted = Date.now()
      const templates = Number(values.templates)
      await run(process.execPath, ['--import', 'tsx', 'bench/readsData.ts', '--app', 'ours', '--articles', String(largeCount), '--templates', String(templates), '--from', String(Math.ceil(Number(values.articles) / templates) - 1)], {
        env: { ...common, DATABASE_URL: databaseUrl(names.ours), PAYLOAD_DB_PUSH: 'false' },
        quiet: true,
      })
      const count = (await explainClient.query<{ count: string }>('select count(*) from articles')).rows[0]?.count
      log(`ours: ${count} articles after copying, in ${((Date.now() - loadStarted) / 1000).toFixed(0)} s`)
      const login = (await (
        await fetch(`${oursUrl}/api/users/login`, {
          body: JSON.stringify({ email: 'reviewer@bench.test', password: 'bench-password-1234' }),
          headers: { 'content-type': 'application/json' },
          method: 'POST',
        })
      ).json()) as { token?: string }
      const auth = { authorization: `JWT ${login.token ?? ''}` }
      const today = new Date().toISOString().slice(0, 10)
      const soon = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
      // The end of the queue's due-soon window (30 days, the default), as the queue asks for it.
      const soonEnd = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 10)
      // Anonymous reads built anew each time (no-cache): measured, not replayed from the answers kept by ETag.
      const largeCases: [string, Request, string, unknown[]][] = [
        // The queue's page of scheduled re-reviews (the part that grows with the collection) and its count.
        ['reviewers\' queue, first page', { headers: auth, path: '/api/articles/review-queue' }, `select a.id from articles a where a.status = 'active' and a.next_review_due < $1 order by a.next_review_due, a.id limit 50`, [soonEnd]],
        ['reviewers\' queue, page 20', { headers: auth, path: '/api/articles/review-queue?page=20' }, `select a.id from articles a where a.status = 'active' and a.next_review_due < $1 order by a.next_review_due, a.id limit 50 offset 950`, [soonEnd]],
        ['reviewers\' queue, source changes', { headers: auth, path: '/api/articles/review-queue?filter=in_review' }, `select c.id from sources s cross join lateral (select a.id from articles a where a.source_id = s.id and ${snapshotHoldersSql('a')} and ${articleSnapshotKeySql('a')} < ${sourceFactsKeySql('s')} union all select a.id from articles a where a.source_id = s.id and ${snapshotHoldersSql('a')} and ${articleSnapshotKeySql('a')} > ${sourceFactsKeySql('s')}) c`, []],
        ['overdue filter', { headers: NO_CACHE, path: `/api/articles?limit=20&where[reviewState][equals]=overdue&select[title]=true` }, `select id from articles where review_state = 'overdue' and _status = 'published' order by next_review_due limit 20`, []],
        ['due-soon filter (next review ≤ 14 days)', { headers: NO_CACHE, path: `/api/articles?limit=20&where[nextReviewDue][greater_than_equal]=${today}&where[nextReviewDue][less_than_equal]=${soon}&select[title]=true` }, `select id from articles where next_review_due between $1 and $2 and _status = 'published' order by next_review_due limit 20`, [today, soon]],
        ['cancer-type filter', { headers: NO_CACHE, path: '/api/articles?limit=20&where[cancerTypes][in]=lung&select[title]=true' }, `select a.id from articles a where exists (select 1 from articles_texts t where t.parent_id = a.id and t.path = 'cancerTypes' and t.text = 'lung') and a._status = 'published' order by a.next_review_due limit 20`, []],
        // The same lists as a web app pages them without Payload's count of all matches (`pagination=false`: the
        // limit and page still apply; totalDocs is then the page's length).
        ['overdue filter, pagination=false', { headers: NO_CACHE, path: `/api/articles?pagination=false&limit=20&where[reviewState][equals]=overdue&select[title]=true` }, `select id from articles where review_state = 'overdue' and _status = 'published' order by next_review_due limit 20`, []],
        ['cancer-type filter, pagination=false', { headers: NO_CACHE, path: '/api/articles?pagination=false&limit=20&where[cancerTypes][in]=lung&select[title]=true' }, `select a.id from articles a where exists (select 1 from articles_texts t where t.parent_id = a.id and t.path = 'cancerTypes' and t.text = 'lung') and a._status = 'published' order by a.next_review_due limit 20`, []],
        ['search, one word', { headers: NO_CACHE, path: '/api/articles/search?q=chemotherapy' }, 'search', ['chemotherapy']],
        ['search, two words', { headers: NO_CACHE, path: '/api/articles/search?q=breast%20surgery' }, 'search', ['breast surgery']],
      ]
      const figures: Record<string, Figures & { plan: string; status: number }> = {}
      for (const [label, request, statement, params] of largeCases) {
        const status = (await fetch(`${oursUrl}${request.path}`, { headers: request.headers })).status
        await measure(oursUrl, request, 1, 1)
        const plan = statement === 'search' ? await explainSearch(String(params[0])) : await explain(statement, params)
        figures[label] = { ...(await measure(oursUrl, request, 1, DURATION * 2)), plan, status }
      }
      large = { articles: Number(count), figures }
      report()
    }
    await explainClient.end()
  } finally {
    await cleanup()
  }
}

await main()
process.exit(0)
