import config from '@payload-config'
import { REST_GET } from '@payloadcms/next/routes'
import type { Payload } from 'payload'

import type { Article } from '../../payload-types.js'
import { bodyEtag, etagOfAnswer } from '../../rules/httpCache.js'
import { contentVersion } from '../../src/http/contentVersion.js'
import { withHttpCaching } from '../../src/http/withHttpCaching.js'
import { statementsOf } from '../helpers/sqlStatements.js'
import { graphql, rest } from '../helpers/api.js'
import { createActiveArticle, createSource, lexicalBody, nciIdForTest, unique } from '../helpers/fixtures.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

let payload: Payload
let article: Article
const marker = `dl${unique()}`

beforeAll(async () => {
  payload = await bootPayload()
  article = await createActiveArticle(payload, { body: lexicalBody(`A long body ${marker}.`), title: `Delivery ${marker}` })
})

afterAll(async () => {
  await shutdownPayload(payload)
})

describe('lists carry what a list needs', () => {
  it('a REST list leaves the body out unless a select asks for it; a single read keeps it', async () => {
    const list = await rest<{ docs: Record<string, unknown>[] }>('GET', `/articles?where[id][equals]=${article.id}`)
    expect(list.body.docs[0]).toMatchObject({ id: article.id, title: article.title })
    expect(list.body.docs[0]).not.toHaveProperty('body')
    expect(list.body.docs[0]).not.toHaveProperty('bodyText')
    for (const pageOnly of ['glossaryTerms', 'evidence', 'reviewHistory']) expect(list.body.docs[0]).not.toHaveProperty(pageOnly)
    const selected = await rest<{ docs: Record<string, unknown>[] }>('GET', `/articles?where[id][equals]=${article.id}&select[body]=true`)
    expect(selected.body.docs[0]).toHaveProperty('body')
    const single = await rest<Record<string, unknown>>('GET', `/articles/${article.id}`)
    expect(single.body).toHaveProperty('body')
  })

  it('a REST list leaves the citation outputs out unless a select asks for them; a single read and the page carry them', async () => {
    const outputs = ['citationText', 'citationCsl', 'jsonLd']
    const list = await rest<{ docs: Record<string, unknown>[] }>('GET', `/articles?where[id][equals]=${article.id}`)
    expect(list.body.docs[0]).toMatchObject({ id: article.id, reviewState: expect.any(String), url: article.url })
    for (const output of outputs) expect(list.body.docs[0]).not.toHaveProperty(output)
    const selected = await rest<{ docs: Record<string, unknown>[] }>(
      'GET',
      `/articles?where[id][equals]=${article.id}&select[title]=true&select[citationText]=true&select[jsonLd]=true`,
    )
    expect(selected.body.docs[0]).toMatchObject({ citationText: expect.stringContaining(article.title), jsonLd: { '@type': 'MedicalWebPage' } })
    expect(selected.body.docs[0]).not.toHaveProperty('citationCsl')
    const single = await rest<Record<string, unknown>>('GET', `/articles/${article.id}`)
    const page = await rest<Record<string, unknown>>('GET', `/articles/${article.id}/page`)
    for (const output of outputs) {
      expect(single.body[output]).toBeTruthy()
      expect(page.body[output]).toBeTruthy()
    }
    expect(page.body.citationText).toBe(single.body.citationText)
  })

  it('a GraphQL list reads only what the query asks for', async () => {
    const pool = payload.db.pool
    const original = pool.query.bind(pool)
    const statements: string[] = []
    pool.query = ((...args: Parameters<typeof original>) => {
      const [text] = args as unknown as [string | { text?: string }]
      statements.push(typeof text === 'string' ? text : (text.text ?? ''))
      return original(...args)
    }) as typeof pool.query
    try {
      const { body } = await graphql<{ Articles: { docs: { id: number; title: string }[] } }>(
        `{ Articles(where: { id: { equals: ${article.id} } }) { docs { id title } } }`,
      )
      expect(body.data?.Articles.docs).toEqual([{ id: article.id, title: article.title }])
    } finally {
      pool.query = original
    }
    const read = statements.find((text) => /from "articles"/.test(text) && /"title"/.test(text))
    expect(read).toBeDefined()
    expect(read).not.toMatch(/"body"|"body_text"/)
  })
})

describe('finding articles', () => {
  it('filters by source tier through the source relationship, and by tag', async () => {
    const tierTwo = await createSource(payload, { tierKey: 'nci_core', tierRank: 2 })
    const tierSeven = await createSource(payload, { tierKey: 'external', tierRank: 7 })
    const core = await createActiveArticle(payload, { citation: `${tierTwo.label}, 2026`, source: tierTwo.id, tags: [marker], title: `Core ${marker}` })
    const external = await createActiveArticle(payload, {
      citation: `${tierSeven.label}, 2026`,
      source: tierSeven.id,
      tags: [marker],
      title: `External ${marker}`,
    })
    const ids = async (query: string) =>
      (await rest<{ docs: { id: number }[] }>('GET', `/articles?${query}&where[tags][equals]=${marker}&sort=title`)).body.docs.map((doc) => doc.id)
    expect(await ids('where[source.tierRank][less_than_equal]=2')).toEqual([core.id])
    expect(await ids('where[source.tierRank][greater_than]=2')).toEqual([external.id])
    expect(await ids('limit=10')).toEqual([core.id, external.id])
  })
})

describe.each([
  ['a hash of the body', {}],
  ['the content version', { version: contentVersion(config) }],
] as const)('HTTP caching of anonymous reads, ETag from %s', (_mode, cachingOptions) => {
  const cached = withHttpCaching(REST_GET(config), cachingOptions)
  const get = (path: string, headers: Record<string, string> = {}) => {
    const url = new URL(`http://localhost/api${path}`)
    return cached(new Request(url, { headers }), { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) })
  }

  it('answers ETag and Cache-Control, and 304 to a matching If-None-Match', async () => {
    const first = await get(`/articles/${article.id}`)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600')
    const again = await get(`/articles/${article.id}`, { 'If-None-Match': etag ?? '' })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    const list = await get('/glossary-terms?limit=1')
    expect(list.headers.get('etag')).toBeTruthy()
  })

  it('changes the ETag when an approval changes the article', async () => {
    const before = (await get(`/articles/${article.id}`)).headers.get('etag')
    const editor = await createUser(payload, 'editor')
    const reviewer = await createUser(payload, 'reviewer')
    await rest('PATCH', `/articles/${article.id}`, { body: { title: `Delivery ${marker} updated` }, token: await tokenOf(payload, editor) })
    expect((await get(`/articles/${article.id}`)).headers.get('etag')).toBe(before)
    await rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit', changeNote: 'New title.' }, token: await tokenOf(payload, editor) })
    await rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'approve', attestation: true }, token: await tokenOf(payload, reviewer) })
    const after = await get(`/articles/${article.id}`, { 'If-None-Match': before ?? '' })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
  })

  it('keeps answers to signed-in users private', async () => {
    const token = await tokenOf(payload, await createUser(payload, 'editor'))
    const response = await get(`/articles/${article.id}`, { Authorization: `JWT ${token}` })
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('etag')).toBeNull()
  })
})

describe('an ETag decided from the content version', () => {
  const cached = withHttpCaching(REST_GET(config), { version: contentVersion(config) })
  const get = (path: string, headers: Record<string, string> = {}) => {
    const url = new URL(`http://localhost/api${path}`)
    return cached(new Request(url, { headers }), { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) })
  }

  it('answers a matching If-None-Match with one SQL statement and builds no body', async () => {
    const path = `/articles/${article.id}/page`
    const etag = (await get(path)).headers.get('etag') ?? ''
    const { result, statements } = await statementsOf(payload, () => get(path, { 'If-None-Match': etag }))
    expect(result.status).toBe(304)
    expect(statements).toHaveLength(1)
    expect(statements[0]).toMatch(/max\(updated_at\)/)
  })

  it('reads the version with the page\'s first statement when nothing is decided before the build (a reload)', async () => {
    const path = `/articles/${article.id}/page`
    const { result, statements } = await statementsOf(payload, () => get(path, { 'Cache-Control': 'no-cache' }))
    expect(result.status).toBe(200)
    // The version is read once, in the first statement: everything else the page reads comes after it.
    expect(statements[0]).toMatch(/max\(updated_at\)[\s\S]*as term_ids/)
    expect(statements.filter((statement) => /max\(updated_at\)/.test(statement))).toHaveLength(1)
    expect(statements.length).toBeLessThanOrEqual(4)
    const etag = result.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[\w-]{20,}"$/)
    // The same tag a revalidation decides from the version read alone.
    expect((await get(path, { 'If-None-Match': etag })).status).toBe(304)
    // A page that does not exist reads no version and gets no tag.
    const missing = await get('/articles/2147483000/page', { 'Cache-Control': 'no-cache' })
    expect(missing.status).toBe(404)
    expect(missing.headers.get('etag')).toBeNull()
  })

  it('replays a kept anonymous answer with one SQL statement while the version stands, and builds it anew after a change', async () => {
    const path = `/articles/${article.id}/page`
    const first = await get(path)
    expect(first.status).toBe(200)
    const text = await first.text()
    const { result: again, statements } = await statementsOf(payload, () => get(path))
    expect(again.status).toBe(200)
    expect(statements).toHaveLength(1)
    expect(statements[0]).toMatch(/max\(updated_at\)/)
    expect(await again.text()).toBe(text)
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(again.headers.get('content-type')).toMatch(/application\/json/)
    expect(again.headers.get('cache-control')).toMatch(/^public/)

    // A reload asks for a fresh answer: built anew, the same content.
    const reload = await statementsOf(payload, () => get(path, { 'Cache-Control': 'no-cache' }))
    expect(reload.statements.length).toBeGreaterThan(1)
    expect(await reload.result.text()).toBe(text)
    expect(reload.result.headers.get('etag')).toBe(first.headers.get('etag'))
    // The answer kept for that tag (not kept a second time) is still replayed.
    const afterReload = await statementsOf(payload, () => get(path))
    expect(afterReload.statements).toHaveLength(1)
    expect(await afterReload.result.text()).toBe(text)

    // A signed-in reader never gets a kept answer.
    const token = await tokenOf(payload, await createUser(payload, 'editor'))
    const signedIn = await statementsOf(payload, () => get(path, { Authorization: `JWT ${token}` }))
    expect(signedIn.statements.length).toBeGreaterThan(1)
    expect(signedIn.result.headers.get('cache-control')).toBe('private, no-store')

    // An evidence check (which a page shows) is part of the version: the page is built anew.
    await payload.create({
      collection: 'evidence-checks',
      data: { checkedAt: new Date().toISOString(), status: 'ok', statusCode: 200, url: `https://example.org/${marker}/evidence` },
    })
    const changed = await statementsOf(payload, () => get(path))
    expect(changed.result.status).toBe(200)
    expect(changed.statements.length).toBeGreaterThan(1)
    expect(changed.result.headers.get('etag')).not.toBe(first.headers.get('etag'))
  })

  it('gives each request its own tag, and a new one when a glossary term changes', async () => {
    const byId = (await get(`/articles/${article.id}`)).headers.get('etag')
    const list = (await get('/articles?limit=1')).headers.get('etag')
    expect(byId).not.toBe(list)
    await payload.create({
      collection: 'glossary-terms',
      data: { definitions: [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en', text: 'A definition.' }], nciId: nciIdForTest(), term: `t${marker}` },
    })
    const after = await get(`/articles/${article.id}`, { 'If-None-Match': byId ?? '' })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(byId)
  })
})

describe('a list or a by-id read built while its content version is read', () => {
  // With the config, the plugin's lists and by-id reads read the version while the request is
  // prepared; their first statement waits for it (hooks/awaitContentVersionBeforeOperation.ts).
  const cached = withHttpCaching(REST_GET(config), { config, version: contentVersion(config) })
  const get = (path: string, headers: Record<string, string> = {}) => {
    const url = new URL(`http://localhost/api${path}`)
    return cached(new Request(url, { headers }), { params: Promise.resolve({ slug: url.pathname.replace(/^\/api\//, '').split('/') }) })
  }

  it.each(['/articles?limit=2&select[title]=true', '/glossary-terms?limit=2', '/sources?limit=2', 'the article by id', 'its source by id'])(
    '%s: the version is read before the answer, and the tag is the one a revalidation decides',
    async (which) => {
      const path =
        which === 'the article by id'
          ? `/articles/${article.id}`
          : which === 'its source by id'
            ? `/sources/${typeof article.source === 'object' && article.source !== null ? article.source.id : article.source}`
            : which
      const { result, statements } = await statementsOf(payload, () => get(path, { 'Cache-Control': 'no-cache' }))
      expect(result.status).toBe(200)
      expect(statements[0]).toMatch(/max\(updated_at\)/)
      expect(statements.filter((statement) => /max\(updated_at\)/.test(statement))).toHaveLength(1)
      const etag = result.headers.get('etag') ?? ''
      expect(etag).toMatch(/^"v[\w-]{20,}"$/)
      expect((await get(path, { 'If-None-Match': etag })).status).toBe(304)
    },
  )

  it.each(['/articles?limit=2&select[title]=true', 'the article by id'])('%s: prepares the request while the version is read, and sends no statement before it is read', async (which) => {
    const path = which === 'the article by id' ? `/articles/${article.id}` : which
    const events: string[] = []
    // The request's statements as it sends them: none may go while the version is being read.
    const statements: string[] = []
    const reader = contentVersion(config)
    // A slow version read: the request is prepared meanwhile (50 ms is ample), and sends nothing.
    const slowVersion = async () => {
      events.push('version asked')
      await new Promise((resolve) => setTimeout(resolve, 50))
      const version = await reader()
      events.push(`statements while reading: ${statements.filter((statement) => !/max\(updated_at\)/.test(statement)).length}`)
      return version
    }
    const rest = REST_GET(config)
    const traced = withHttpCaching<{ params: Promise<{ slug: string[] }> }>(
      (request, context) => {
        events.push('handler started')
        return rest(request, context)
      },
      { config, version: slowVersion },
    )
    const { result } = await statementsOf(
      payload,
      () =>
        traced(new Request(`http://localhost/api${path}`, { headers: { 'Cache-Control': 'no-cache' } }), {
          params: Promise.resolve({ slug: new URL(`http://localhost/api${path}`).pathname.replace(/^\/api\//, '').split('/') }),
        }),
      statements,
    )
    expect(result.status).toBe(200)
    expect(events).toEqual(['version asked', 'handler started', 'statements while reading: 0'])
    expect(statements[0]).toMatch(/max\(updated_at\)/)
    expect(statements.length).toBeGreaterThan(1)
  })

  it('an answer whose handler waited for no version (not Payload\'s read after all) is tagged from its body, never from the version', async () => {
    let asked = 0
    const reader = contentVersion(config)
    const counted = async () => {
      asked += 1
      return reader()
    }
    // Answers the by-id path itself, from a read that waits for nothing: it may be newer than the version read meanwhile.
    const body = JSON.stringify({ id: article.id, title: `answered without Payload ${marker}` })
    const own = withHttpCaching<unknown>(async () => new Response(body, { headers: { 'Content-Type': 'application/json' } }), { config, version: counted })
    const answer = await own(new Request(`http://localhost/api/articles/${article.id}`, { headers: { 'Cache-Control': 'no-cache' } }), {})
    expect(answer.status).toBe(200)
    expect(asked).toBe(1)
    // The tag of its body (a hash of the bytes), not the one its version would decide.
    const etag = answer.headers.get('etag')
    expect(etag).toBe(bodyEtag(body))
    expect(etag).not.toBe(etagOfAnswer(await reader(), 'GET', `/api/articles/${article.id}`))
    expect(await answer.text()).toBe(body)
  })

  it('a change committed before the request gives the list a new tag', async () => {
    const path = '/articles?limit=2&select[title]=true'
    const before = (await get(path, { 'Cache-Control': 'no-cache' })).headers.get('etag')
    await createActiveArticle(payload, { body: lexicalBody(`Gate ${marker}.`), title: `Gate ${marker}` })
    const after = await get(path, { 'Cache-Control': 'no-cache' })
    expect(after.headers.get('etag')).not.toBe(before)
  })
})
