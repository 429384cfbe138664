/**
 * Delivery benchmark: requests per second of the reads a web app makes, through Payload's own
 * REST and GraphQL route handlers (in process, no HTTP server), on the imported bundled corpus.
 * Each figure is compared with a baseline measured in the same run: the same read the way plain
 * Payload answers it, reading whole documents (a REST list with the bodies, a GraphQL list with
 * `select: false`).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/delivery.ts [--requests 60]
 *
 * DATABASE_URL names the server: a scratch database is created there and dropped at the end.
 * Not a test: it prints figures and exits 0.
 */
import { parseArgs } from 'node:util'

import { GRAPHQL_POST, REST_GET } from '@payloadcms/next/routes'
import pg from 'pg'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import { importBundledCorpus } from '../seed/index.js'
import { shutdownPayload } from '../tests/helpers/shutdown.js'

const { values } = parseArgs({ options: { requests: { default: '60', type: 'string' } } })
const REQUESTS = Number(values.requests)
const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const name = `cancer_content_bench_delivery_${process.pid}`
const databaseUrl = (() => {
  const url = new URL(server)
  url.pathname = `/${name}`
  return url.toString()
})()

const admin = async (statement: string): Promise<void> => {
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Requests per second of `request`, after a short warm-up, one request at a time. */
const rate = async (request: () => Promise<Response>): Promise<number> => {
  for (let i = 0; i < 5; i++) await (await request()).arrayBuffer()
  const started = performance.now()
  for (let i = 0; i < REQUESTS; i++) {
    const response = await request()
    if (!response.ok) throw new Error(`request failed: ${response.status} ${await response.text()}`)
    await response.arrayBuffer()
  }
  return REQUESTS / ((performance.now() - started) / 1000)
}

const main = async (): Promise<void> => {
  await admin(`create database "${name}"`)
  let payload: Payload | undefined
  try {
    process.env.DATABASE_URL = databaseUrl
    process.env.PAYLOAD_TYPES_AUTOGENERATE = 'false'
    process.env.SEED_ON_FIRST_BOOT = 'false'
    const { default: configPromise } = (await import('../payload.config.js')) as { default: Promise<SanitizedConfig> }
    const config = await configPromise
    payload = await getPayload({ config })
    const summary = await importBundledCorpus(payload)
    if (summary.failed.length > 0) throw new Error(`the corpus import failed for ${summary.failed.length} files`)

    const restGet = REST_GET(config)
    const graphqlPost = GRAPHQL_POST(config)
    const rest = (query: string) => () => {
      const url = new URL(`http://localhost/api/articles${query}`)
      return restGet(new Request(url), { params: Promise.resolve({ slug: ['articles'] }) })
    }
    const graphql = (query: string) => () =>
      graphqlPost(
        new Request('http://localhost/api/graphql', {
          body: JSON.stringify({ query }),
          headers: { 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      )

    const cases: [string, () => Promise<Response>, () => Promise<Response>][] = [
      ['REST list of 20, no select (body left out)', rest('?limit=20'), rest('?limit=20&select[body]=true&select[bodyText]=true&select[title]=true')],
      ['REST list of 20, select title', rest('?limit=20&select[title]=true'), rest('?limit=20&select[body]=true&select[bodyText]=true&select[title]=true')],
      ['GraphQL list of 20, { id title }', graphql('{ Articles(limit: 20) { docs { id title } } }'), graphql('{ Articles(limit: 20, select: false) { docs { id title } } }')],
    ]
    const lines = [['read', 'req/s', 'baseline req/s', 'ratio'].join(' | ')]
    for (const [label, ours, baseline] of cases) {
      const oursRate = await rate(ours)
      const baselineRate = await rate(baseline)
      lines.push([label, oursRate.toFixed(1), baselineRate.toFixed(1), `${(oursRate / baselineRate).toFixed(2)}×`].join(' | '))
    }
    console.log(`\n${lines.join('\n')}\n\n${REQUESTS} sequential requests each, on the bundled corpus (17 articles, up to 2.8 MB of Lexical JSON each); baseline reads whole documents.`)
  } finally {
    await shutdownPayload(payload)
    await admin(`drop database if exists "${name}" with (force)`)
  }
}

await main()
