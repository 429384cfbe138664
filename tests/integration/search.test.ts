import { createLocalReq, type Payload } from 'payload'

import type { Article } from '../../payload-types.js'
import { graphql, rest } from '../helpers/api.js'
import { AS_IMPORT, createActiveArticle, createDraftArticle, lexicalBody, unique } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'
import { sanitizeOptions } from '../../rules/options.js'
import { RANK_BODY_CHARS } from '../../src/search/searchIndex.js'
import { searchArticles, searchParamsSchema } from '../../src/search/searchArticles.js'

let payload: Payload
let english: Article
let spanish: Article
let draft: Article
let page: Article
const marker = `zq${unique()}`

interface SearchBody {
  docs: { article: Article; rank: number; snippet: string }[]
  moreMatches: boolean
  totalDocs: number
}

beforeAll(async () => {
  payload = await bootPayload()
  english = await createActiveArticle(payload, {
    body: lexicalBody(`Screening for ${marker} tumors: mammograms reduce deaths from breast cancers in women aged 50 to 69.`),
    cancerTypes: ['breast'],
    title: `Breast cancer screening ${marker}`,
  })
  spanish = await createActiveArticle(payload, {
    body: lexicalBody(`Los exámenes de detección ${marker} del cáncer de mama en mujeres reducen las muertes.`),
    cancerTypes: ['breast'],
    language: 'es',
    title: `Exámenes de detección del cáncer de mama ${marker}`,
  })
  draft = await createDraftArticle(payload, { body: lexicalBody(`A draft about ${marker} mammograms.`), title: `Draft ${marker}` })
})

afterAll(async () => {
  await shutdownPayload(payload)
})

const search = (query: string) => rest<SearchBody>('GET', `/articles/search?${query}`)

describe('full-text search', () => {
  it('stems English: "mammogram" finds "mammograms", ranked, with a highlighted, escaped snippet', async () => {
    const { body, status } = await search(`q=${marker}+mammogram`)
    expect(status).toBe(200)
    expect(body.docs.map((hit) => hit.article.id)).toEqual([english.id])
    expect(body.docs[0]?.snippet).toContain('<mark>mammograms</mark>')
    expect(body.docs[0]?.rank).toBeGreaterThan(0)
    expect(body.docs[0]?.article).not.toHaveProperty('body')
  })

  it('finds a word that stands only deep in a long body, and cuts the snippet around it', async () => {
    const filler = 'Supportive care helps patients through treatment and recovery. '.repeat(600)
    // A word of its own: the other tests count the articles with the shared marker.
    const word = `zygomorph${unique()}`
    const deep = await createActiveArticle(payload, {
      body: lexicalBody(`${filler}The rare word ${word} stands only here. ${filler}`),
      cancerTypes: ['lung'],
      language: 'en',
      title: `Long summary ${unique()}`,
    })
    const { body, status } = await search(`q=${word}`)
    expect(status).toBe(200)
    expect(body.docs.map((hit) => hit.article.id)).toEqual([deep.id])
    expect(body.docs[0]?.snippet).toContain(`<mark>${word}</mark>`)
    expect(body.docs[0]?.snippet.length).toBeLessThan(600)
  })

  it('stems Spanish: "muerte" finds "muertes", "detecciones" finds "detección"', async () => {
    const { body } = await search(`q=${marker}+muerte&language=es`)
    expect(body.docs.map((hit) => hit.article.id)).toEqual([spanish.id])
    const plural = await search(`q=${marker}+detecciones&language=es`)
    expect(plural.body.docs.map((hit) => hit.article.id)).toEqual([spanish.id])
    expect(plural.body.docs[0]?.snippet).toContain('<mark>detección</mark>')
  })

  it('combines with filters and never returns a draft', async () => {
    expect((await search(`q=${marker}&cancerType=breast`)).body.totalDocs).toBe(2)
    expect((await search(`q=${marker}&language=en`)).body.docs.map((hit) => hit.article.id)).toEqual([english.id])
    expect((await search(`q=${marker}&cancerType=lung`)).body.totalDocs).toBe(0)
    const all = await search(`q=${marker}`)
    expect(all.body.docs.map((hit) => hit.article.id)).not.toContain(draft.id)
  })

  it('answers 400 naming the parameter for bad input', async () => {
    const missing = await rest<{ errors: { data?: { errors?: { path: string }[] } }[] }>('GET', '/articles/search')
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]?.data?.errors?.[0]?.path).toBe('q')
    const badLimit = await rest<{ errors: { data?: { errors?: { path: string }[] } }[] }>('GET', '/articles/search?q=x&limit=500')
    expect(badLimit.body.errors[0]?.data?.errors?.[0]?.path).toBe('limit')
  })

  it('is served by the GIN index of the stored vectors', async () => {
    const { rows } = await payload.db.pool.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where indexname = 'articles_search_idx'",
    )
    expect(rows[0]?.indexdef).toContain('articles_search USING gin (vector)')
    const client = await payload.db.pool.connect()
    try {
      await client.query('begin; set local enable_seqscan = off')
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain select s.id from articles_search s where s.vector @@ websearch_to_tsquery('english'::regconfig, $1)`,
        [marker],
      )
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('articles_search_idx')
      await client.query('rollback')
    } finally {
      client.release()
    }
  })

  it('stores each article’s weighted vector once per save of its row: title A, body B, kept current, left as it was by a draft, deleted with it', async () => {
    const word = `vec${unique().replace(/[0-9]/g, '')}`
    const article = await createActiveArticle(payload, { body: lexicalBody(`The body says ${word}body.`), title: `Title ${word}title` })
    const vectorOf = async () =>
      (await payload.db.pool.query<{ vector: string }>('select vector::text as vector from articles_search where id = $1', [article.id])).rows[0]?.vector
    expect(await vectorOf()).toMatch(new RegExp(`'${word}titl[a-z]*':\\d+A`))
    expect(await vectorOf()).toMatch(new RegExp(`'${word}bodi?[a-z]*':\\d+B`))
    // A draft saved over it writes only a version: the row, hence its vector, stays as it was.
    const live = await vectorOf()
    await payload.update({ collection: 'articles', data: { title: `Drafted ${word}drafted` }, draft: true, id: article.id })
    expect(await vectorOf()).toBe(live)
    await payload.update({ collection: 'articles', context: AS_IMPORT, data: { title: `Renamed ${word}renamed` }, id: article.id })
    expect(await vectorOf()).toMatch(new RegExp(`'${word}renam[a-z]*':\\d+A`))
    expect(await vectorOf()).not.toMatch(new RegExp(`'${word}titl`))
    await payload.delete({ collection: 'articles', id: article.id })
    expect(await vectorOf()).toBeUndefined()
  })
})

describe('glossary lookup', () => {
  interface LookupBody {
    docs: {
      definitions: { audience: string; language: string; text: string }[]
      nciId: string
      otherLanguages: { language: string; termName: string }[]
      term: string
      usedBy: { id: number; title: string }[]
    }[]
  }
  const lookup = (query: string) => rest<LookupBody>('GET', `/glossary-terms/lookup?${query}`)
  const id = `9${Date.now().toString().slice(-8)}`
  let using: Article
  let draftUsing: Article

  beforeAll(async () => {
    const term = await payload.create({
      collection: 'glossary-terms',
      data: {
        definitions: [
          { audience: 'patient', dictionary: 'Cancer.gov', language: 'en', termName: `Tumor${marker}`, text: 'An abnormal mass of tissue.' },
          { audience: 'clinician', dictionary: 'Cancer.gov', language: 'en', termName: `Tumor${marker}`, text: 'A neoplasm.' },
          { audience: 'patient', dictionary: 'Cancer.gov', language: 'es', termName: `Túmor${marker}`, text: 'Masa anormal de tejido.' },
        ],
        nciId: id,
        otherLanguages: [{ language: 'es', termName: `Túmor${marker}` }],
        term: `Tumor${marker}`,
      },
    })
    using = await createActiveArticle(payload, { glossaryTerms: [term.id], title: `Uses the term ${marker}` })
    draftUsing = await createDraftArticle(payload, { glossaryTerms: [term.id] })
  })

  it.each([`tumor${marker}`, `Tumor${marker}`, `TÚMOR${marker}`, `túmor${marker}`])('by name, %s', async (name) => {
    const { body, status } = await lookup(`name=${encodeURIComponent(name)}`)
    expect(status).toBe(200)
    expect(body.docs.map((doc) => doc.nciId)).toEqual([id])
  })

  it('by NCI id, with the definitions for an audience and language, its other names and the approved articles that use it', async () => {
    const { body } = await lookup(`id=${id}&language=es&audience=patient`)
    expect(body.docs).toHaveLength(1)
    expect(body.docs[0]?.definitions.map((definition) => definition.text)).toEqual(['Masa anormal de tejido.'])
    expect(body.docs[0]?.otherLanguages).toEqual([expect.objectContaining({ language: 'es', termName: `Túmor${marker}` })])
    expect(body.docs[0]?.usedBy.map((article) => article.id)).toEqual([using.id])
    expect(body.docs[0]?.usedBy.map((article) => article.id)).not.toContain(draftUsing.id)
  })

  it('by prefix, for autosuggest, accent-insensitive', async () => {
    const { body } = await lookup(`prefix=${encodeURIComponent(`tumor${marker.slice(0, 5)}`)}`)
    expect(body.docs.map((doc) => doc.nciId)).toContain(id)
    const accented = await lookup(`prefix=${encodeURIComponent(`túm`)}&limit=50`)
    expect(accented.body.docs.map((doc) => doc.nciId)).toContain(id)
  })

  it('answers 400 without exactly one of id, name or prefix', async () => {
    expect((await lookup('')).status).toBe(400)
    expect((await lookup('id=1&name=x')).status).toBe(400)
  })
})

describe('article page in one request', () => {
  interface PageBody {
    bodyHtml: string
    bodyText: string
    citationText: string
    evidence: { identifier: string; kind: string }[]
    glossary: { definition: { text: string } | null; nciId: string; term: string }[]
    jsonLd: { '@type': string }
    lastReviewed: string
    nextReviewDue: string
    reviewState: string
    source: { label: string; name: string }
    title: string
  }
  const termId = `8${Date.now().toString().slice(-8)}`

  beforeAll(async () => {
    const term = await payload.create({
      collection: 'glossary-terms',
      data: {
        definitions: [
          { audience: 'clinician', dictionary: 'Cancer.gov', language: 'en', text: 'Clinician definition.' },
          { audience: 'patient', dictionary: 'Cancer.gov', language: 'en', text: 'Patient definition.' },
        ],
        nciId: termId,
        term: `Bisphosphonate ${marker}`,
      },
    })
    const body = lexicalBody(`Intro ${marker} <script>alert(1)</script>`)
    body.root.children.push({
      children: [
        {
          children: [{ detail: 0, format: 0, mode: 'normal', style: '', text: 'Bisphosphonates', type: 'text', version: 1 }],
          direction: 'ltr',
          fields: { doc: { relationTo: 'glossary-terms', value: term.id }, linkType: 'internal', newTab: false },
          format: '',
          indent: 0,
          type: 'link',
          version: 3,
        },
      ] as never,
      direction: 'ltr',
      format: '',
      indent: 0,
      textFormat: 0,
      type: 'paragraph',
      version: 1,
    })
    page = await createActiveArticle(payload, {
      body,
      evidence: [{ identifier: '19213681', kind: 'pubmed', label: 'study', url: 'https://pubmed.ncbi.nlm.nih.gov/19213681/' }],
      glossaryTerms: [term.id],
      title: `Page ${marker}`,
    })
  })

  it('answers body, HTML, text, source, glossary tooltips, evidence, review and citation data in a bounded number of statements', async () => {
    const pool = payload.db.pool
    const original = pool.query.bind(pool)
    let statements = 0
    pool.query = ((...args: Parameters<typeof original>) => {
      statements += 1
      return original(...args)
    }) as typeof pool.query
    let response: Awaited<ReturnType<typeof rest<PageBody>>>
    try {
      response = await rest<PageBody>('GET', `/articles/page?url=${encodeURIComponent(page.url)}`)
    } finally {
      pool.query = original
    }
    expect(response.status).toBe(200)
    // The counter sees the statements (at least the article and its glossary terms), and no more
    // than six: the article, its source, its reviewer's name, its glossary terms, and (issue 14)
    // the linked set around it and its members' public fields. None grows with the article.
    expect(statements).toBeGreaterThanOrEqual(2)
    expect(statements).toBeLessThanOrEqual(6)
    const body = response.body
    expect(body.title).toBe(page.title)
    expect(body.bodyHtml).toContain(`<a href="/glossary/${termId}">Bisphosphonates</a>`)
    expect(body.bodyHtml).toContain('&lt;script&gt;')
    expect(body.bodyHtml).not.toContain('<script>')
    expect(body.bodyText).toContain(`Intro ${marker}`)
    expect(body.source).toMatchObject({ label: expect.stringMatching(/^SRC/), name: 'Test source' })
    expect(body.glossary).toEqual([expect.objectContaining({ definition: expect.objectContaining({ text: 'Patient definition.' }), nciId: termId })])
    expect(body.evidence).toEqual([expect.objectContaining({ identifier: '19213681', kind: 'pubmed' })])
    expect(body).toMatchObject({ lastReviewed: expect.any(String), nextReviewDue: expect.any(String), reviewState: expect.any(String) })
    expect(body.citationText).toContain(page.title)
    expect(body.jsonLd['@type']).toBe('MedicalWebPage')
    expect(JSON.stringify(body)).not.toMatch(/"(submittedBy|lastEditedBy|reviewHistory)"/)

    const byId = await rest<PageBody>('GET', `/articles/${page.id}/page`)
    expect(byId.body.bodyHtml).toBe(body.bodyHtml)
  })

  it('never serves a draft, and answers 404 / 400 clearly', async () => {
    expect((await rest('GET', `/articles/${draft.id}/page`)).status).toBe(404)
    expect((await rest('GET', `/articles/page?url=${encodeURIComponent('https://nowhere.example/x')}`)).status).toBe(404)
    expect((await rest('GET', '/articles/page?url=not-a-url')).status).toBe(400)
  })
})

describe('the same over GraphQL', () => {
  it('searchArticles, glossaryLookup and articlePage answer like their REST endpoints', async () => {
    const search = await graphql<{ searchArticles: { docs: { article: { id: number; title: string }; snippet: string }[]; totalDocs: number } }>(
      `query ($q: String!) { searchArticles(q: $q, language: "en") { totalDocs docs { article { id title } snippet } } }`,
      { variables: { q: `${marker} mammogram` } },
    )
    expect(search.body.errors).toBeUndefined()
    expect(search.body.data?.searchArticles.docs.map((hit) => hit.article.id)).toEqual([english.id])
    expect(search.body.data?.searchArticles.docs[0]?.snippet).toContain('<mark>')

    const badSearch = await graphql(`{ searchArticles(q: "x", limit: 500) { totalDocs } }`)
    expect(badSearch.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 400 })

    const lookup = await graphql<{ glossaryLookup: { nciId: string; usedBy: { id: number }[] }[] }>(
      `query ($name: String!) { glossaryLookup(name: $name) { nciId usedBy { id } definitions { text language audience } } }`,
      { variables: { name: `TÚMOR${marker}` } },
    )
    expect(lookup.body.errors).toBeUndefined()
    expect(lookup.body.data?.glossaryLookup).toHaveLength(1)

    const pageAnswer = await graphql<{ articlePage: { article: { title: string; citationText: string }; bodyHtml: string; glossary: { nciId: string; definition: { text: string } }[]; source: { label: string } } }>(
      `query ($id: ID!) { articlePage(id: $id) { article { title citationText } bodyHtml source { label } glossary { nciId definition { text } } } }`,
      { variables: { id: String(page.id) } },
    )
    expect(pageAnswer.body.errors).toBeUndefined()
    expect(pageAnswer.body.data?.articlePage).toMatchObject({
      article: { title: page.title },
      glossary: [{ definition: { text: 'Patient definition.' } }],
      source: { label: expect.stringMatching(/^SRC/) },
    })
    const draftPage = await graphql(`{ articlePage(id: ${draft.id}) { bodyHtml } }`)
    expect(draftPage.body.errors?.[0]?.extensions).toMatchObject({ statusCode: 404 })
  })
})

describe('a bounded ranking', () => {
  it('ranks every match of a query matching few articles, and says so (moreMatches false)', async () => {
    const { body } = await search(`q=${marker}&language=en&limit=50`)
    expect(body.moreMatches).toBe(false)
    expect(body.totalDocs).toBe(body.docs.length)
    expect(body.docs.map((hit) => hit.article.id)).toContain(english.id)
  })

  it('ranks at most maxCandidates from each candidate set: the title or opening hits first, and says moreMatches', async () => {
    const word = `zxcand${unique()}`
    const deepBody = () => lexicalBody(`${'Supportive care helps patients through treatment. '.repeat(Math.ceil((RANK_BODY_CHARS * 2) / 50))}Only here: ${word}.`)
    const inTitle: Article[] = []
    for (let i = 0; i < 3; i += 1) inTitle.push(await createActiveArticle(payload, { title: `${word} in the title ${i}` }))
    const deep: Article[] = []
    for (let i = 0; i < 3; i += 1) deep.push(await createActiveArticle(payload, { body: deepBody(), title: `Deep ${unique()}` }))
    const req = await createLocalReq({}, payload)
    const options = sanitizeOptions()
    const params = searchParamsSchema.parse({ limit: 50, q: word })
    // Unbounded (6 matches, bound 10): all six, the title hits ranked above the deep ones.
    const whole = await searchArticles({ maxCandidates: 10, options, params, req })
    expect(whole).toMatchObject({ moreMatches: false, totalDocs: 6, totalPages: 1 })
    expect(whole.docs.slice(0, 3).map((hit) => hit.article.id).sort()).toEqual(inTitle.map((doc) => doc.id).sort())
    expect(whole.docs.slice(0, 3).every((hit) => hit.rank > 0)).toBe(true)
    expect(whole.docs.slice(3).map((hit) => hit.rank)).toEqual([0, 0, 0])
    expect(whole.docs.slice(3).map((hit) => hit.article.id)).toEqual(deep.map((doc) => doc.id).sort((a, b) => a - b))
    // Bounded at 2: 2 of the 3 title hits fill the first set, so no other match is read; moreMatches.
    const bounded = await searchArticles({ maxCandidates: 2, options, params, req })
    expect(bounded).toMatchObject({ moreMatches: true, totalDocs: 2, totalPages: 1 })
    expect(bounded.docs.every((hit) => hit.rank > 0 && inTitle.some((doc) => doc.id === hit.article.id))).toBe(true)
    // Bounded at 4: the 3 title hits, then matches in index order up to 4 more (6 in all), and
    // more than 4 match: moreMatches. The ranked ones come first.
    const filled = await searchArticles({ maxCandidates: 4, options, params, req })
    expect(filled.moreMatches).toBe(true)
    expect(filled.docs.slice(0, 3).map((hit) => hit.article.id).sort()).toEqual(inTitle.map((doc) => doc.id).sort())
    expect(filled.docs.map((hit) => hit.rank)).toEqual([...filled.docs.map((hit) => hit.rank)].sort((a, b) => b - a))
    expect(filled.totalDocs).toBeGreaterThanOrEqual(4)
    // Exactly the bound: every match ranked, nothing more to say.
    const exact = await searchArticles({ maxCandidates: 6, options, params, req })
    expect(exact).toMatchObject({ moreMatches: false, totalDocs: 6 })
    // A word excluded (in English: without a language, the query in any configuration matches): the
    // deep ones, whose body holds it, are not matches, though their ranking vector lacks it.
    const excluding = await searchArticles({ maxCandidates: 10, options, params: searchParamsSchema.parse({ language: 'en', limit: 50, q: `${word} -supportive` }), req })
    expect(excluding.docs.map((hit) => hit.article.id).sort()).toEqual(inTitle.map((doc) => doc.id).sort())
  })
})
