import type { Payload } from 'payload'

import { DEFAULT_READ_LIMITS, MAX_QUERY_TEXT_LENGTH } from '../../../rules/limits.js'
import type { Article, GlossaryTerm } from '../../../payload-types.js'
import { articleFields, AS_IMPORT, createSource, lexicalBody, nciIdForTest, unique } from '../../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../../helpers/payload.js'
import { type Answer, call, createUser, graphql, type TestUser } from './harness.js'

/**
 * Class 7 of issue 9, bounded cost for anonymous callers: page sizes (`limit=0` is "all" in
 * Payload: refused), join pages, `where` size and depth, population depth, `q` length, the
 * GraphQL cost of the plugin's own queries (aliases), a response-size budget per request, and
 * no field suggestions in production GraphQL errors. Sizes and counts are asserted, never times.
 */

const { maxDepth, maxJoinLimit, maxLimit, maxResponseBytes, maxWhereConditions, maxWhereDepth } = DEFAULT_READ_LIMITS
const marker = `cost${unique()}`
let payload: Payload
let editor: TestUser
let terms: GlossaryTerm[] = []
let articles: Article[] = []
let bigArticles: Article[] = []

const docsOf = (answer: Answer): Record<string, unknown>[] => (answer.json as { docs?: Record<string, unknown>[] } | undefined)?.docs ?? []
const errorsOf = (answer: Answer) =>
  (answer.json as { errors?: { extensions?: { statusCode?: number }; message: string }[] } | undefined)?.errors ?? []

// A paragraph of ~50 KB of distinct words, so the body is large as JSON and as text.
const bigParagraph = (seed: number): string =>
  Array.from({ length: 5000 }, (_, index) => `w${seed}x${index}`).join(' ').slice(0, 50_000)

beforeAll(async () => {
  editor = await createUser('editor', 'cost-editor')
  payload = await bootPayload()
  const source = await createSource(payload, { label: `COST${unique()}` })
  const published = (extra: Partial<Article>) =>
    payload.create({
      collection: 'articles',
      context: AS_IMPORT,
      data: articleFields({
        _status: 'published',
        citation: `${source.label}, 2026`,
        lastReviewed: '2026-06-01',
        license: 'public_domain',
        source: source.id,
        status: 'active',
        ...extra,
      }),
    })
  for (let index = 0; index < 3; index += 1) {
    terms.push(await payload.create({ collection: 'glossary-terms', data: { nciId: nciIdForTest(), term: `Costterm ${marker} ${index}` } }))
  }
  // Three small articles, each linking every term: article → glossaryTerms → usedBy → glossaryTerms fans out.
  for (let index = 0; index < 3; index += 1) {
    articles.push(
      await published({ body: lexicalBody(`Small ${marker} article ${index}.`), glossaryTerms: terms.map((term) => term.id), title: `Cost small ${marker} ${index}` }),
    )
  }
  // Large bodies: together, as JSON and as text, they are larger than the response budget.
  const perArticle = 10
  for (let index = 0; index < 9; index += 1) {
    bigArticles.push(
      await published({
        body: lexicalBody(...Array.from({ length: perArticle }, (_, paragraph) => bigParagraph(index * 100 + paragraph))),
        title: `Cost big ${marker} ${index}`,
      }),
    )
  }
}, 600_000)

afterAll(async () => {
  if (payload) await shutdownPayload(payload)
})

describe('page sizes of anonymous lists', () => {
  const collections = ['articles', 'glossary-terms', 'sources']
  const refused = ['limit=0', `limit=${maxLimit + 1}`, 'limit=100000', 'limit=-1', 'limit=1e309', 'limit=2.5', 'pagination=false', 'pagination=false&limit=0']
  it.each(collections.flatMap((collection) => refused.map((query) => [collection, query] as const)))('%s?%s → 400 on limit', async (collection, query) => {
    const answer = await call('GET', `/${collection}?${query}&depth=0`)
    expect(answer.status).toBe(400)
    expect(answer.text).toContain('limit')
    expect(docsOf(answer)).toEqual([])
  })
  const allowed = ['', 'limit=1', `limit=${maxLimit}`, 'pagination=false&limit=5']
  it.each(collections.flatMap((collection) => allowed.map((query) => [collection, query] as const)))('%s?%s → 200, at most the page', async (collection, query) => {
    const answer = await call('GET', `/${collection}?${query}&depth=0`)
    expect(answer.status).toBe(200)
    expect(docsOf(answer).length).toBeLessThanOrEqual(maxLimit)
  })
  it.each([
    ['{ Articles(limit: 0) { docs { id } } }'],
    [`{ Articles(limit: ${maxLimit + 1}) { docs { id } } }`],
    ['{ Articles(pagination: false) { docs { id } } }'],
    ['{ GlossaryTerms(limit: 0) { docs { id } } }'],
    ['{ Sources(limit: 100000) { docs { id } } }'],
  ])('GraphQL %s → 400', async (query) => {
    const answer = await graphql(query)
    expect(errorsOf(answer)[0]?.extensions?.statusCode).toBe(400)
  })
  it('staff lists are not bounded by the anonymous limits', async () => {
    const answer = await call('GET', '/articles?limit=0&depth=0&select[title]=true', { token: editor.token })
    expect(answer.status).toBe(200)
  })
})

describe('search and lookup text', () => {
  it.each([
    [`q=${'a'.repeat(MAX_QUERY_TEXT_LENGTH + 1)}`, 400],
    [`q=${'cancer '.repeat(100)}`, 400],
    [`q=${'a'.repeat(MAX_QUERY_TEXT_LENGTH)}`, 200],
    ['q=NOT', 200],
    ['q=cancer&limit=51', 400],
    ['q=cancer&limit=0', 400],
    ['q=cancer&limit=50', 200],
  ])('/articles/search?%s → %i', async (query, status) => {
    const answer = await call('GET', `/articles/search?${query}`)
    expect(answer.status).toBe(status)
    if (status === 200) expect(docsOf(answer).length).toBeLessThanOrEqual(50)
  })
  it.each([
    [`prefix=${'a'.repeat(101)}`, 400],
    [`name=${'a'.repeat(MAX_QUERY_TEXT_LENGTH + 1)}`, 400],
    ['prefix=cost&limit=51', 400],
    ['prefix=costterm&limit=50', 200],
  ])('/glossary-terms/lookup?%s → %i', async (query, status) => {
    const answer = await call('GET', `/glossary-terms/lookup?${query}`)
    expect(answer.status).toBe(status)
  })
})

describe('where size and depth', () => {
  const orOf = (count: number) => Array.from({ length: count }, (_, index) => `where[or][${index}][title][equals]=t${index}`).join('&')
  const nested = (depth: number) => `where${'[and][0]'.repeat(depth)}[title][equals]=x`
  const inOf = (count: number) => `where[id][in]=${Array.from({ length: count }, (_, index) => index + 1).join(',')}`
  it.each([
    [orOf(maxWhereConditions), 200],
    [orOf(maxWhereConditions + 1), 400],
    [orOf(200), 400],
    [nested(maxWhereDepth), 200],
    [nested(maxWhereDepth + 1), 400],
    [nested(40), 400],
    [inOf(maxWhereConditions), 200],
    [inOf(maxWhereConditions + 1), 400],
  ])('articles?%# → %i', async (query, status) => {
    const answer = await call('GET', `/articles?${query}&depth=0&limit=5`)
    expect(answer.status).toBe(status)
  })
})

describe('population depth and join fan-out', () => {
  // How many populated documents deep a value goes (an object with an id is one level).
  const isDoc = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value
  const SHAPES = ['body', 'citationCsl', 'definitions', 'evidence', 'jsonLd', 'otherLanguages']
  const populatedDepth = (value: unknown): number => {
    if (Array.isArray(value)) return Math.max(0, ...value.map(populatedDepth))
    if (typeof value !== 'object' || value === null) return 0
    return Math.max(
      0,
      ...Object.entries(value).map(([key, item]) => {
        if (SHAPES.includes(key)) return 0
        const docs = (Array.isArray(item) ? item : [item]).filter(isDoc)
        return docs.length > 0 ? 1 + Math.max(...docs.map(populatedDepth)) : populatedDepth(item)
      }),
    )
  }
  it.each([0, 1, 2, 3, 10])('articles?depth=%i populates at most min(depth, maxDepth) levels', async (depth) => {
    const answer = await call('GET', `/articles?where[and][0][title][like]=${marker}&where[and][1][title][like]=small&depth=${depth}&limit=10&select[glossaryTerms]=true&select[source]=true`)
    expect(answer.status).toBe(200)
    for (const doc of docsOf(answer)) expect(populatedDepth(doc)).toBeLessThanOrEqual(Math.min(depth, maxDepth))
  })
  it.each([0, 1, 3, 10])('glossary-terms?depth=%i: usedBy articles do not populate their terms again', async (depth) => {
    const answer = await call('GET', `/glossary-terms?where[term][like]=${marker}&depth=${depth}&limit=10`)
    expect(answer.status).toBe(200)
    const docs = docsOf(answer)
    expect(docs.length).toBe(3)
    for (const doc of docs) {
      const usedBy = (doc.usedBy as { docs?: unknown[] } | undefined)?.docs ?? []
      for (const user of usedBy) {
        const linked = typeof user === 'object' && user !== null ? (user as { glossaryTerms?: unknown[] }).glossaryTerms ?? [] : []
        expect(linked.every((item) => typeof item === 'number')).toBe(true)
      }
    }
  })
  it.each([
    ['joins[usedBy][limit]=0', 400],
    [`joins[usedBy][limit]=${maxJoinLimit + 1}`, 400],
    [`joins[usedBy][limit]=${maxJoinLimit}`, 200],
    ['joins[usedBy][limit]=2', 200],
  ])('glossary-terms?%s → %i', async (query, status) => {
    const answer = await call('GET', `/glossary-terms?where[term][like]=${marker}&${query}&depth=0&limit=5`)
    expect(answer.status).toBe(status)
    if (status === 200) {
      for (const doc of docsOf(answer)) expect(((doc.usedBy as { docs?: unknown[] }).docs ?? []).length).toBeLessThanOrEqual(maxJoinLimit)
    }
  })
  it('a GraphQL article → glossaryTerms → usedBy → glossaryTerms chain stays within its bounds', async () => {
    const answer = await graphql(
      `query ($m: String) { Articles(where: { title: { like: $m } }, limit: 10) { docs { glossaryTerms { usedBy { docs { title glossaryTerms { term usedBy { docs { title } } } } } } } } }`,
      { m: marker },
    )
    expect(answer.text.length).toBeLessThan(maxResponseBytes)
  })
})

describe('GraphQL cost of the plugin’s queries', () => {
  const aliases = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: ${field}`).join(' ')} }`
  it.each([
    [50, 'searchArticles(q: "cancer") { totalDocs docs { snippet article { title } } }'],
    [20, 'searchArticles(q: "NOT", limit: 50) { totalDocs }'],
    [20, `articlePage(url: "https://www.cancer.gov/none") { bodyHtml }`],
    [5, `articlePage(url: "https://www.cancer.gov/none") { bodyHtml bodyText }`],
    [50, 'glossaryLookup(prefix: "tum", limit: 50) { term usedBy { title } }'],
  ])('%i aliases of %s are refused before they run', async (count, field) => {
    const answer = await graphql(aliases(count, field))
    const errors = errorsOf(answer)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/maximum complexity/)
    expect((answer.json as { data?: unknown }).data ?? null).toBeNull()
  })
  it.each([
    [1, 'searchArticles(q: "cancer") { totalDocs }'],
    [3, 'articlePage(url: "https://www.cancer.gov/none") { bodyText }'],
    [5, 'glossaryLookup(prefix: "costterm") { term }'],
  ])('%i alias(es) of %s are within the limit', async (count, field) => {
    const answer = await graphql(aliases(count, field))
    expect(errorsOf(answer).every((error) => !/maximum complexity/.test(error.message))).toBe(true)
  })
})

describe('response-size budget of an anonymous request', () => {
  const bigRoute = (limit: number) =>
    `/articles?where[title][like]=${encodeURIComponent(`Cost big ${marker}`)}&select[body]=true&select[bodyText]=true&limit=${limit}&depth=0`
  it('the big articles together are larger than the budget (the fixture is what it says)', async () => {
    let total = 0
    for (const article of bigArticles) total += (await call('GET', `/articles/${article.id}?depth=0`, { token: editor.token })).text.length
    expect(total).toBeGreaterThan(maxResponseBytes)
  })
  it('a list of all of them is refused with 413', async () => {
    const answer = await call('GET', bigRoute(bigArticles.length))
    expect(answer.status).toBe(413)
    expect(answer.text.length).toBeLessThan(10_000)
  })
  it('a page of two of them is served', async () => {
    const answer = await call('GET', bigRoute(2))
    expect(answer.status).toBe(200)
    expect(docsOf(answer)).toHaveLength(2)
    expect(answer.text.length).toBeLessThanOrEqual(maxResponseBytes)
  })
  it('GraphQL aliases share one budget', async () => {
    const page = (index: number) => `p${index}: Articles(where: { title: { like: "Cost big ${marker}" } }, limit: 3, page: ${index + 1}) { docs { body bodyText } }`
    const answer = await graphql(`{ ${[0, 1, 2].map(page).join(' ')} }`)
    // The budget counts the documents read; GraphQL's rendering of them is a few percent larger.
    expect(answer.text.length).toBeLessThan(maxResponseBytes * 1.25)
    expect(errorsOf(answer).some((error) => error.extensions?.statusCode === 413)).toBe(true)
  })
  it('staff reads are not budgeted', async () => {
    const answer = await call('GET', bigRoute(bigArticles.length), { token: editor.token })
    expect(answer.status).toBe(200)
    expect(docsOf(answer)).toHaveLength(bigArticles.length)
  })
})

describe('no field suggestions in production GraphQL errors', () => {
  it.each([
    ['{ Articles { docs { titl } } }', 'title'],
    ['{ Articles(limt: 5) { docs { id } } }', 'limit'],
    ['{ Article { id } }', 'Articles'],
    ['{ searchArticle(q: "x") { totalDocs } }', 'searchArticles'],
    ['{ Articles(where: { statu: { equals: active } }) { docs { id } } }', 'status'],
    ['{ Articles(where: { status: { equals: activ } }) { docs { id } } }', 'active'],
    ['{ GlossaryTerms { docs { ter } } }', 'term'],
  ])('%s does not suggest %s', async (query) => {
    const answer = await graphql(query)
    const errors = errorsOf(answer)
    expect(errors.length).toBeGreaterThan(0)
    for (const error of errors) expect(error.message).not.toMatch(/Did you mean/)
  })
  it('nor for a variable of an enum type', async () => {
    const answer = await graphql('query ($s: Article_status_Input) { Articles(where: { status: { equals: $s } }) { docs { id } } }', { s: 'activ' })
    expect(answer.text).not.toMatch(/Did you mean/)
  })
})
