import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { gql, request } from 'graphql-request'
import type { Payload } from 'payload'

import type { Article, Source } from '../../payload-types.js'
import { DEFAULT_READ_LIMITS } from '../../rules/limits.js'
import { AS_IMPORT, articleFields, createSource, lexicalBody, unique } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'
import { BASE_URL } from './helpers/app.js'

/**
 * The delivery API as a web app meets it: over real HTTP against the built app, on the bundled
 * corpus imported by the importer, with the official REST SDK (installed in a web app of its
 * own, as a patient site would) and a standard GraphQL client.
 */

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const webapp = path.join(root, 'tests/.tmp', `webapp-${process.pid}`)
const graphqlUrl = `${BASE_URL}/api/graphql`

/** What these tests use of the SDK (its own types live in the web app's install). */
interface Sdk {
  find: (args: {
    collection: 'articles'
    limit?: number
    select?: Record<string, true>
    sort?: string
    where?: Record<string, unknown>
  }) => Promise<{ docs: Partial<Article>[]; totalDocs: number }>
  request: (args: { init?: RequestInit; method: 'GET'; path: string }) => Promise<Response>
}

let sdk: Sdk
let payload: Payload
let spanish: Article
let spanishSource: Source
let draft: Article
const marker = `e2e${unique()}`

const json = async <T>(response: Response): Promise<T> => {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

interface SearchAnswer {
  docs: { article: Article; snippet: string }[]
  totalDocs: number
}

beforeAll(async () => {
  // The bundled corpus, imported by the importer into the app's database.
  const seeded = await run(process.execPath, ['--import', 'tsx', 'seed/cli.ts', '--json'], {
    cwd: root,
    env: { ...process.env, PAYLOAD_DB_PUSH: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const summary = JSON.parse(seeded.stdout) as { failed: unknown[] }
  expect(summary.failed).toEqual([])

  // A web app of its own with the official SDK.
  await mkdir(webapp, { recursive: true })
  await writeFile(path.join(webapp, 'package.json'), JSON.stringify({ name: 'webapp', private: true, type: 'module' }))
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '@payloadcms/sdk@3.90.1'], {
    cwd: webapp,
    maxBuffer: 16 * 1024 * 1024,
  })
  const { PayloadSDK } = (await import(pathToFileURL(path.join(webapp, 'node_modules/@payloadcms/sdk/dist/index.js')).href)) as {
    PayloadSDK: new (args: { baseURL: string }) => Sdk
  }
  sdk = new PayloadSDK({ baseURL: `${BASE_URL}/api` })

  // A Spanish article, approved, and a draft that must never show.
  payload = await bootPayload()
  spanishSource = await createSource(payload, { label: `ES${unique()}` })
  spanish = await payload.create({
    collection: 'articles',
    context: AS_IMPORT,
    data: articleFields({
      _status: 'published',
      body: lexicalBody(`La quimioterapia ${marker} y las radioterapias ayudan a las pacientes con tumores de mama.`),
      cancerTypes: ['breast'],
      citation: `${spanishSource.label}, 2026`,
      language: 'es',
      lastReviewed: '2026-06-01',
      license: 'public_domain',
      source: spanishSource.id,
      status: 'active',
      title: `Tratamiento del cáncer de mama ${marker}`,
    }),
  })
  draft = await payload.create({
    collection: 'articles',
    data: articleFields({ body: lexicalBody(`Borrador ${marker} radioterapias mammogram hydrazine.`), language: 'es', title: `Borrador ${marker}` }),
  })
}, 600_000)

afterAll(async () => {
  if (payload) await shutdownPayload(payload)
  await rm(webapp, { force: true, recursive: true })
})

describe('finding articles', () => {
  it('lists by cancer type, audience and language with the SDK, without bodies, only approved', async () => {
    const { docs, totalDocs } = await sdk.find({
      collection: 'articles',
      limit: 50,
      sort: 'title',
      where: { audienceLevel: { equals: 'patient' }, cancerTypes: { equals: 'breast' }, language: { equals: 'en' } },
    })
    expect(totalDocs).toBeGreaterThanOrEqual(1)
    expect(docs.map((doc) => doc.title)).toEqual(expect.arrayContaining(['Breast Cancer Screening (PDQ®)–Patient Version']))
    expect(docs.every((doc) => doc.status === 'active' && doc.audienceLevel === 'patient')).toBe(true)
    expect(docs.some((doc) => 'body' in doc)).toBe(false)
    expect(docs.map((doc) => doc.title)).toEqual([...docs.map((doc) => doc.title)].sort((a, b) => (a ?? '').localeCompare(b ?? '')))
  })

  it.each([
    ['hydrazine sulfate', 'https://www.cancer.gov/about-cancer/treatment/cam/patient/hydrazine-sulfate-pdq'],
    ['mistletoe extracts', 'https://www.cancer.gov/about-cancer/treatment/cam/patient/mistletoe-pdq'],
    ['retinoblastoma enucleation', 'https://www.cancer.gov/types/retinoblastoma/hp/retinoblastoma-treatment-pdq'],
    ['acupuncture needles', 'https://www.cancer.gov/about-cancer/treatment/cam/hp/acupuncture-pdq'],
  ])('full-text search for "%s" ranks the right PDQ summary first', async (query, url) => {
    const hits = await json<SearchAnswer>(await sdk.request({ method: 'GET', path: `/articles/search?q=${encodeURIComponent(query)}&language=en` }))
    expect(hits.docs[0]?.article.url).toBe(url)
    expect(hits.docs[0]?.snippet).toContain('<mark>')
  })

  it('a Spanish query finds the Spanish article through Spanish stemming, over GraphQL too', async () => {
    const rest = await json<SearchAnswer>(await sdk.request({ method: 'GET', path: `/articles/search?q=${marker}+radioterapia&language=es` }))
    expect(rest.docs.map((hit) => hit.article.id)).toEqual([spanish.id])
    const { searchArticles } = await request<{ searchArticles: { docs: { article: { id: number } }[] } }>(
      graphqlUrl,
      gql`query ($q: String!) { searchArticles(q: $q, language: "es") { docs { article { id } } } }`,
      { q: `${marker} tumor` },
    )
    expect(searchArticles.docs.map((hit) => hit.article.id)).toEqual([spanish.id])
  })
})

describe('an article page', () => {
  it('needs one request (two with a glossary tooltip lookup) and has everything a page shows', async () => {
    const url = 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis'
    const page = await json<{
      bodyHtml: string
      citationText: string
      evidence: { kind: string }[]
      glossary: { definition: { text: string } | null; nciId: string; term: string }[]
      jsonLd: { '@type': string }
      reviewState: string
      source: { label: string }
    }>(await sdk.request({ method: 'GET', path: `/articles/page?url=${encodeURIComponent(url)}` }))
    expect(page.source.label).toBe('NCI')
    expect(page.glossary.map((term) => term.nciId)).toContain('44817')
    expect(page.bodyHtml).toContain('<h2')
    expect(page.evidence.map((entry) => entry.kind)).toContain('pubmed')
    expect(page).toMatchObject({ jsonLd: { '@type': 'MedicalWebPage' }, reviewState: expect.any(String) })
    expect(page.citationText).toContain('National Cancer Institute')

    const { glossaryLookup } = await request<{ glossaryLookup: { term: string }[] }>(
      graphqlUrl,
      gql`{ glossaryLookup(id: "44817", language: "en", audience: "patient") { term definitions { text } } }`,
    )
    // 44817 is not in the bundled glossary data: the importer made it from the link text, to be defined.
    expect(glossaryLookup.map((term) => term.term.toLowerCase())).toEqual(['bisphosphonates'])
  })

  it('of the largest summary is served whole to an anonymous reader, its answer within the response budget', async () => {
    // The REST route counts an anonymous answer as serialised (withAnswerBudget): the page's body,
    // HTML and text together, where the budget once counted only the documents it read.
    const url = 'https://www.cancer.gov/types/breast/hp/breast-ovarian-genetics-pdq'
    const response = await fetch(`${BASE_URL}/api/articles/page?url=${encodeURIComponent(url)}`)
    const text = await response.text()
    expect(response.status).toBe(200)
    const bytes = Buffer.byteLength(text)
    expect(bytes).toBeGreaterThan(1_000_000)
    expect(bytes).toBeLessThanOrEqual(DEFAULT_READ_LIMITS.maxResponseBytes)
    const page = JSON.parse(text) as { bodyHtml: string; bodyText: string; url: string }
    expect(page.url).toBe(url)
    expect(page.bodyHtml.length).toBeGreaterThan(page.bodyText.length)
  })
})

describe('the glossary', () => {
  it.each(['úlcera péptica', 'ulcera peptica', 'ÚLCERA PÉPTICA'])('finds the Spanish term "%s" with and without accents', async (name) => {
    const answer = await json<{ docs: { nciId: string }[] }>(
      await sdk.request({ method: 'GET', path: `/glossary-terms/lookup?name=${encodeURIComponent(name)}` }),
    )
    expect(answer.docs.map((term) => term.nciId)).toEqual(['650040'])
  })

  it('suggests by prefix', async () => {
    const answer = await json<{ docs: { term: string }[] }>(await sdk.request({ method: 'GET', path: '/glossary-terms/lookup?prefix=ulc' }))
    expect(answer.docs.length).toBeGreaterThan(0)
  })
})

describe('a draft never appears', () => {
  it('in lists, search, pages or GraphQL', async () => {
    const listed = await sdk.find({ collection: 'articles', limit: 100, where: { title: { contains: marker } } })
    expect(listed.docs.map((doc) => doc.id)).not.toContain(draft.id)
    const searched = await json<SearchAnswer>(await sdk.request({ method: 'GET', path: `/articles/search?q=${marker}` }))
    expect(searched.docs.map((hit) => hit.article.id)).not.toContain(draft.id)
    // The SDK throws on an error answer; the status is read with plain fetch.
    expect((await fetch(`${BASE_URL}/api/articles/${draft.id}/page`)).status).toBe(404)
    expect((await fetch(`${BASE_URL}/api/articles/${draft.id}?draft=true`)).status).toBe(404)
    const { Articles } = await request<{ Articles: { docs: { id: number }[] } }>(
      graphqlUrl,
      gql`query ($marker: String!) { Articles(where: { title: { contains: $marker } }, draft: true) { docs { id } } }`,
      { marker },
    )
    expect(Articles.docs.map((doc) => doc.id)).toEqual([spanish.id])
  })
})

describe('HTTP caching', () => {
  it('serves 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${BASE_URL}/api/articles/${spanish.id}`)
    const etag = first.headers.get('etag')
    expect(first.headers.get('cache-control')).toContain('public')
    expect(etag).toBeTruthy()
    const second = await fetch(`${BASE_URL}/api/articles/${spanish.id}`, { headers: { 'If-None-Match': etag ?? '' } })
    expect(second.status).toBe(304)
  })

  it('tags a reload by id with the version it was read at: reloads racing a change of its source never pair the new tag with the old body', async () => {
    const route = `${BASE_URL}/api/articles/${spanish.id}`
    const reload = async () => {
      const response = await fetch(route, { headers: { 'Cache-Control': 'no-cache' } })
      const body = (await response.json()) as { source: { name: string } }
      return { etag: response.headers.get('etag'), name: body.source.name, status: response.status }
    }
    const before = await reload()
    const renamed = `Renamed source ${unique()}`
    // Six reloads sent before the rename starts, six after, all under way at once.
    const early = Array.from({ length: 6 }, reload)
    const renaming = payload.update({ collection: 'sources', data: { name: renamed }, id: spanishSource.id })
    const late = Array.from({ length: 6 }, reload)
    const [answers] = await Promise.all([Promise.all([...early, ...late]), renaming])
    const after = await reload()
    expect(before.status).toBe(200)
    expect(after.name).toBe(renamed)
    expect(after.etag).not.toBe(before.etag)
    for (const answer of answers) {
      expect(answer.status).toBe(200)
      // A body may be newer than its tag (a later revalidation costs a 200), never older.
      if (answer.etag === after.etag) expect(answer.name).toBe(renamed)
    }
    // The tag a reload gets is the one a revalidation decides. The version also counts deletions from
    // the server's statistics, which trail by seconds: ask again until it stands.
    let revalidated = 0
    for (let attempt = 0; attempt < 5 && revalidated !== 304; attempt++) {
      const { etag } = await reload()
      revalidated = (await fetch(route, { headers: { 'If-None-Match': etag ?? '' } })).status
    }
    expect(revalidated).toBe(304)
  })

  it('keeps anonymous answers of sources too: the second is replayed (no turn taken), a matching If-None-Match is a 304', async () => {
    // The content version counts deletions from the server's statistics, which trail by seconds:
    // an earlier test's deletion may move it between two requests. Ask again until it stands.
    let first: Response
    let replayed: Response
    let attempt = 0
    do {
      attempt += 1
      const route = `${BASE_URL}/api/sources?limit=1&depth=0&where[label][like]=replayed-${Date.now()}-${attempt}`
      first = await fetch(route)
      replayed = await fetch(route)
    } while (replayed.headers.get('etag') !== first.headers.get('etag') && attempt < 5)
    const route = first.url
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toContain('public')
    // Built: it took a turn among the anonymous requests.
    expect(first.headers.get('server-timing')).toMatch(/anon-queue;dur=/)
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    expect(replayed.status).toBe(200)
    expect(replayed.headers.get('etag')).toBe(etag)
    expect(replayed.headers.get('server-timing')).toBeNull()
    expect(await replayed.text()).toBe(await first.text())
    expect((await fetch(route, { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304)
  })
})
