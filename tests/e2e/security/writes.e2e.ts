import { type Answer, atOnce, call, createUser, describeAnswer, fieldPaths, firstAdmin, graphql, type TestUser } from './harness.js'

/**
 * Issue 9, classes 4, 8 and 9 over real HTTP against the production build: every write is
 * validated (drafts included) by field, relations exist, system fields are not the client's,
 * completeness is checked at submit and at approval, an approved citation keeps the source as
 * approved, and concurrent saves all answer. Each bad write must answer 400 with the field's
 * path and leave the stored document exactly as it was.
 */

const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

const body = (...paragraphs: string[]) => ({
  root: {
    children: paragraphs.map((text) => ({
      children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
      direction: 'ltr',
      format: '',
      indent: 0,
      textFormat: 0,
      type: 'paragraph',
      version: 1,
    })),
    direction: 'ltr',
    format: '',
    indent: 0,
    type: 'root',
    version: 1,
  },
})

/**
 * A Lexical body nested `depth` paragraphs deep, as JSON text: JSON.stringify of so deep a value
 * overflows the test's own stack, so the text is built by hand.
 */
class RawJson {
  constructor(readonly text: string) {}
}
const nested = (depth: number): RawJson =>
  new RawJson(
    `{"root":{"type":"root","version":1,"children":[${'{"type":"paragraph","version":1,"children":['.repeat(depth)}{"type":"text","version":1,"text":"deep"}${']}'.repeat(depth)}]}}`,
  )

/** The JSON text of a write's data: an object of fields, one of which may be raw JSON text. */
const jsonOf = (fields: Record<string, unknown>): string =>
  `{${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)}:${value instanceof RawJson ? value.text : JSON.stringify(value)}`)
    .join(',')}}`

const JSON_HEADERS = { 'Content-Type': 'application/json' }

interface Doc {
  id: number
  [key: string]: unknown
}

const docOf = (answer: Answer): Doc => {
  const json = answer.json as { doc?: Doc } | undefined
  if (!json?.doc) throw new Error(`no document in ${describeAnswer(answer)}`)
  return json.doc
}

let admin: TestUser
let editor: TestUser
let reviewer: TestUser
let sourceId: number
let sourceLabel: string
let termId: number
let takenUrl: string

/** An article's complete fields (everything approval needs), with a unique URL. */
const completeArticle = (extra: Record<string, unknown> = {}) => ({
  audienceLevel: 'patient',
  body: body('What the article says.'),
  cancerTypes: ['breast'],
  citation: `${sourceLabel}, 2025`,
  language: 'en',
  license: 'public_domain',
  reviewFrequency: 'quarterly',
  source: sourceId,
  title: `Writes ${unique()}`,
  url: `https://www.cancer.gov/e2e/writes/${unique()}`,
  ...extra,
})

const createArticle = async (user: TestUser, extra: Record<string, unknown> = {}): Promise<Doc> => {
  const answer = await call('POST', '/articles', { body: completeArticle(extra), token: user.token })
  if (answer.status !== 201) throw new Error(`create: ${describeAnswer(answer)}`)
  return docOf(answer)
}

/** The stored working copy of a document as the admin reads it (drafts included). */
const stored = async (collection: string, id: number): Promise<unknown> => {
  const answer = await call('GET', `/${collection}/${id}?depth=0&draft=true`, { token: admin.token })
  if (answer.status !== 200) throw new Error(`read ${collection}/${id}: ${describeAnswer(answer)}`)
  return answer.json
}

const count = async (collection: string): Promise<number> => {
  const answer = await call('GET', `/${collection}?limit=1&depth=0&draft=true`, { token: admin.token })
  return (answer.json as { totalDocs: number }).totalDocs
}

// Approve and reaffirm carry the reviewer's attestation (issue 13); these tests are about the
// write rules, not about a missing attestation (tests/e2e/security/desk.e2e.ts covers that).
const transition = (user: TestUser, id: number, action: string, comment?: string): Promise<Answer> =>
  call('POST', `/articles/${id}/workflow`, {
    body: { action, ...(action === 'approve' || action === 'reaffirm' ? { attestation: true } : {}), ...(comment ? { comment } : {}) },
    token: user.token,
  })

beforeAll(async () => {
  admin = await firstAdmin()
  editor = await createUser('editor', 'writes-editor')
  reviewer = await createUser('reviewer', 'writes-reviewer')
  sourceLabel = `W${unique()}`.toUpperCase()
  const source = await call('POST', '/sources', {
    body: { homeUrl: 'https://www.cancer.gov', label: sourceLabel, name: 'Writes Test Institute', tierKey: 'nci_core', tierRank: 2 },
    token: admin.token,
  })
  expect(source.status).toBe(201)
  sourceId = docOf(source).id
  const term = await call('POST', '/glossary-terms', { body: { nciId: String(Date.now() % 1e9), term: `term ${unique()}` }, token: admin.token })
  expect(term.status).toBe(201)
  termId = docOf(term).id
  takenUrl = String((await createArticle(editor)).url)
}, 120_000)

// ---------------------------------------------------------------------------------------------
// Bad values, per field, per collection, per role, per write path

type Case = [name: string, field: string, value: unknown, path: string]

const BAD_ARTICLE_VALUES: Case[] = [
  ['a numeric title', 'title', 12345, 'title'],
  ['a 2 MB title', 'title', 'x'.repeat(2_000_000), 'title'],
  ['an empty title', 'title', '', 'title'],
  ['a javascript: url', 'url', 'javascript:alert(1)', 'url'],
  ['an http url', 'url', 'http://www.cancer.gov/x', 'url'],
  ['a relative url', 'url', '/types/breast', 'url'],
  ['a language that is no tag', 'language', 'not a tag!!', 'language'],
  ['an unknown audience', 'audienceLevel', 'everyone', 'audienceLevel'],
  ['an unknown review frequency', 'reviewFrequency', 'weekly', 'reviewFrequency'],
  ['cancer types as a mapping', 'cancerTypes', { a: 1 }, 'cancerTypes'],
  ['tags as a number', 'tags', 5, 'tags'],
  ['a licence with spaces', 'license', 'public domain!', 'license'],
  ['a source type without rank', 'sourceType', 'nci', 'sourceType'],
  ['a citation as a list', 'citation', ['NCI', 2025], 'citation'],
  ['a source as a word', 'source', 'NCI', 'source'],
  ['a source that does not exist', 'source', 2_000_000_000, 'source'],
  ['a glossary term that does not exist', 'glossaryTerms', [2_000_000_000], 'glossaryTerms'],
  ['glossary terms as a string', 'glossaryTerms', 'all', 'glossaryTerms'],
  ['evidence of an unknown kind', 'evidence', [{ kind: 'blog', url: 'https://example.org' }], 'evidence.0.kind'],
  ['evidence with a javascript: url', 'evidence', [{ kind: 'other', url: 'javascript:x' }], 'evidence.0.url'],
  ['a plain-string body', 'body', 'Hello', 'body'],
  ['a body without children', 'body', { root: { type: 'root' } }, 'body'],
  ['a body of an unknown node type', 'body', { root: { children: [{ children: [], type: 'script' }], type: 'root' } }, 'body'],
  ['a 5,000-deep body', 'body', nested(5_000), 'body'],
]

const BAD_SOURCE_VALUES: Case[] = [
  ['a tier rank of "abc"', 'tierRank', 'abc', 'tierRank'],
  ['a tier rank of 100', 'tierRank', 100, 'tierRank'],
  ['a fractional tier rank', 'tierRank', 1.5, 'tierRank'],
  ['a numeric label', 'label', 42, 'label'],
  ['an empty label', 'label', '', 'label'],
  ['a javascript: home page', 'homeUrl', 'javascript:alert(1)', 'homeUrl'],
  ['a tier key with spaces', 'tierKey', 'nci core', 'tierKey'],
  ['a licence with spaces', 'defaultLicense', 'a b', 'defaultLicense'],
]

const BAD_TERM_VALUES: Case[] = [
  ['an NCI id of letters', 'nciId', 'abc', 'nciId'],
  ['a numeric term', 'term', 3, 'term'],
  ['a language of digits', 'language', '12', 'language'],
  ['a definition without text', 'definitions', [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en' }], 'definitions.0.text'],
  ['aliases as a mapping', 'aliases', { a: 1 }, 'aliases'],
  ['needsDefinition as text', 'needsDefinition', 'yes', 'needsDefinition'],
]

/**
 * Sends one bad value by every REST write path (PATCH as a draft, PATCH, bulk PATCH, POST of a
 * new document) and expects 400 naming the field each time, then the stored document unchanged
 * and no document created.
 */
const expectRefusedEverywhere = async (
  collection: string,
  id: number,
  user: TestUser,
  [, field, value, path]: Case,
  createBase: Record<string, unknown>,
): Promise<void> => {
  const before = await stored(collection, id)
  const total = await count(collection)
  const data = jsonOf({ [field]: value })
  const send = (method: string, route: string, rawBody: string) => call(method, route, { headers: JSON_HEADERS, rawBody, token: user.token })
  const answers = {
    bulk: await send('PATCH', `/${collection}?where[id][equals]=${id}`, data),
    create: await send('POST', `/${collection}`, jsonOf({ ...createBase, [field]: value })),
    draft: await send('PATCH', `/${collection}/${id}?draft=true`, data),
    patch: await send('PATCH', `/${collection}/${id}`, data),
  }
  for (const [how, answer] of Object.entries(answers)) {
    expect({ how, status: answer.status }).toEqual({ how, status: 400 })
    expect({ how, paths: fieldPaths(answer) }).toEqual({ how, paths: expect.arrayContaining([path]) })
    // A refused write answers briefly: never the request body echoed whole.
    expect(answer.text.length).toBeLessThan(10_000)
  }
  expect(await stored(collection, id)).toEqual(before)
  expect(await count(collection)).toBe(total)
}

describe('every article write validates what it sends (REST: PATCH draft, PATCH, bulk, POST)', () => {
  let articleId: number
  beforeAll(async () => {
    articleId = (await createArticle(editor)).id
  })

  for (const role of ['editor', 'admin'] as const) {
    it.each(BAD_ARTICLE_VALUES)(`${role}: %s → 400 on the field, nothing stored`, async (...bad) => {
      await expectRefusedEverywhere('articles', articleId, role === 'editor' ? editor : admin, bad, completeArticle())
    }, 60_000)
  }

  it("another article's URL is refused on a draft, by its field", async () => {
    const before = await stored('articles', articleId)
    const answer = await call('PATCH', `/articles/${articleId}?draft=true`, { body: { url: takenUrl }, token: editor.token })
    expect(answer.status).toBe(400)
    expect(fieldPaths(answer)).toEqual(['url'])
    expect(await stored('articles', articleId)).toEqual(before)
  })

  it('POST {} → 400 naming every required field', async () => {
    const total = await count('articles')
    const answer = await call('POST', '/articles', { body: {}, token: editor.token })
    expect(answer.status).toBe(400)
    expect(fieldPaths(answer).sort()).toEqual(['title', 'url'])
    expect(await count('articles')).toBe(total)
  })

  it('system fields are never the client\'s: createdAt, updatedAt and id sent are ignored', async () => {
    const before = (await stored('articles', articleId)) as Doc
    const answer = await call('PATCH', `/articles/${articleId}?draft=true`, {
      body: { createdAt: '2000-01-01T00:00:00.000Z', id: 999_999, tags: ['system-fields'], updatedAt: '2000-01-01T00:00:00.000Z' },
      token: editor.token,
    })
    expect(answer.status).toBe(200)
    const after = (await stored('articles', articleId)) as Doc
    expect(after.id).toBe(articleId)
    expect(after.createdAt).toBe(before.createdAt)
    expect(after.updatedAt).not.toBe('2000-01-01T00:00:00.000Z')
    expect(after.tags).toEqual(['system-fields'])
    const created = await call('POST', '/articles', { body: completeArticle({ createdAt: '2000-01-01T00:00:00.000Z' }), token: editor.token })
    expect(created.status).toBe(201)
    expect(docOf(created).createdAt).not.toBe('2000-01-01T00:00:00.000Z')
  })

  it('unknown fields are ignored, not stored', async () => {
    const answer = await call('PATCH', `/articles/${articleId}?draft=true`, { body: { bogus: 'x', tags: ['unknown-field'] }, token: editor.token })
    expect(answer.status).toBe(200)
    const after = (await stored('articles', articleId)) as Doc
    expect(after.tags).toEqual(['unknown-field'])
    expect(after).not.toHaveProperty('bogus')
  })

  it('good values of every field are stored (the table refuses only what is bad)', async () => {
    const answer = await call('PATCH', `/articles/${articleId}?draft=true`, {
      body: {
        cancerTypes: ['lung', 'breast'],
        evidence: [{ identifier: '123', kind: 'pubmed', url: 'https://pubmed.ncbi.nlm.nih.gov/123/' }],
        glossaryTerms: [termId],
        language: 'es-419',
        sourceType: '02_nci_core',
        title: '  Trimmed title  ',
      },
      token: editor.token,
    })
    expect(answer.status).toBe(200)
    expect(docOf(answer)).toMatchObject({ cancerTypes: ['lung', 'breast'], language: 'es-419', title: 'Trimmed title' })
  })

  it.each(BAD_ARTICLE_VALUES.filter(([, field]) => ['title', 'url', 'language', 'license', 'sourceType', 'citation'].includes(field)))(
    'GraphQL updateArticle: %s → an error on the field, nothing stored',
    async (_name, field, value, path) => {
      const before = await stored('articles', articleId)
      const answer = await graphql(
        'mutation ($id: Int!, $data: mutationArticleUpdateInput!) { updateArticle(id: $id, data: $data, draft: true) { id } }',
        { data: { [field]: value }, id: articleId },
        editor.token,
      )
      const errors = (answer.json as { errors?: { extensions?: { data?: { errors?: { path: string }[] } }; message: string }[] }).errors ?? []
      expect(errors.length).toBeGreaterThan(0)
      // Values GraphQL's own types let through reach our rules, which name the field.
      const named = errors.flatMap((error) => error.extensions?.data?.errors?.map((item) => item.path) ?? [])
      if (named.length > 0) expect(named).toContain(path)
      expect(await stored('articles', articleId)).toEqual(before)
    },
  )

  it('a reviewer and an anonymous caller may not write at all (403/401, nothing stored)', async () => {
    const before = await stored('articles', articleId)
    const reviewerAnswer = await call('PATCH', `/articles/${articleId}?draft=true`, { body: { title: 'Reviewer edit' }, token: reviewer.token })
    const anonymous = await call('PATCH', `/articles/${articleId}?draft=true`, { body: { title: 'Anonymous edit' } })
    expect(reviewerAnswer.status).toBe(403)
    expect([401, 403]).toContain(anonymous.status)
    expect(await stored('articles', articleId)).toEqual(before)
  })
})

describe('every source and glossary-term write validates what it sends', () => {
  let id: number
  let termDocId: number
  beforeAll(async () => {
    id = docOf(await call('POST', '/sources', { body: { label: `S${unique()}` }, token: editor.token })).id
    termDocId = docOf(await call('POST', '/glossary-terms', { body: { nciId: String((Date.now() + 7) % 1e9), term: 'valid' }, token: editor.token })).id
  })

  for (const role of ['editor', 'admin'] as const) {
    it.each(BAD_SOURCE_VALUES)(`sources, ${role}: %s → 400 on the field, nothing stored`, async (...bad) => {
      await expectRefusedEverywhere('sources', id, role === 'editor' ? editor : admin, bad, { label: `S${unique()}` })
    })
    it.each(BAD_TERM_VALUES)(`glossary terms, ${role}: %s → 400 on the field, nothing stored`, async (...bad) => {
      await expectRefusedEverywhere('glossary-terms', termDocId, role === 'editor' ? editor : admin, bad, {
        nciId: String(Math.floor(Math.random() * 1e9)),
        term: `t ${unique()}`,
      })
    })
  }

  it.each([
    ['a tier key with spaces', 'mutation ($id: Int!) { updateSource(id: $id, data: { tierKey: "nci core" }) { id } }', 'tierKey'],
    ['homeUrl javascript:', 'mutation ($id: Int!) { updateSource(id: $id, data: { homeUrl: "javascript:alert(1)" }) { id } }', 'homeUrl'],
  ])('GraphQL updateSource, %s → an error on the field, nothing stored', async (_name, mutation, path) => {
    const before = await stored('sources', id)
    const answer = await graphql(mutation, { id }, editor.token)
    const errors = (answer.json as { errors?: { extensions?: { data?: { errors?: { path: string }[] } } }[] }).errors ?? []
    expect(errors.flatMap((error) => error.extensions?.data?.errors?.map((item) => item.path) ?? [])).toContain(path)
    expect(await stored('sources', id)).toEqual(before)
  })
})

// ---------------------------------------------------------------------------------------------
// Completeness at submit and at approval

describe('completeness is checked at submit and again at approval', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['no body', { body: null }, 'body'],
    ['a body of empty paragraphs', { body: body('') }, 'body'],
    ['no cancer type', { cancerTypes: [] }, 'cancerTypes'],
    ['no licence', { license: null }, 'license'],
    ['no citation', { citation: null }, 'citation'],
    ['no source', { source: null }, 'source'],
    ['a citation of another source', { citation: 'WHO, 2025' }, 'citation'],
  ])('submit with %s → 400 on the field, still a draft, no event', async (_name, change, path) => {
    const article = await createArticle(editor, change)
    const answer = await transition(editor, article.id, 'submit')
    expect(answer.status).toBe(400)
    expect(fieldPaths(answer)).toContain(path)
    const after = (await stored('articles', article.id)) as Doc
    expect(after.status).toBe('draft')
    const events = await call('GET', `/workflow-events?where[article][equals]=${article.id}&limit=0`, { token: admin.token })
    expect((events.json as { totalDocs: number }).totalDocs).toBe(0)
  })

  it('an article emptied while in review is refused at approval (the whole document is checked again)', async () => {
    const article = await createArticle(editor)
    expect((await transition(editor, article.id, 'submit')).status).toBe(200)
    // Only an admin edits a working copy in review; the write itself is valid (an empty body).
    expect((await call('PATCH', `/articles/${article.id}?draft=true`, { body: { body: null }, token: admin.token })).status).toBe(200)
    const answer = await transition(reviewer, article.id, 'approve')
    expect(answer.status).toBe(400)
    expect(fieldPaths(answer)).toContain('body')
    expect(((await stored('articles', article.id)) as Doc).status).toBe('in_review')
    const anonymous = await call('GET', `/articles/${article.id}`)
    expect(anonymous.status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------------
// Citations approved with their source

describe('an approved citation keeps the source as approved', () => {
  it('a source edit changes no approved output, queues the article as source_changed, and reaches readers on the next approval', async () => {
    const label = `C${unique()}`.toUpperCase()
    const source = docOf(
      await call('POST', '/sources', {
        body: { homeUrl: 'https://www.cancer.gov', label, name: 'Citation Institute', tierKey: 'nci_core', tierRank: 2 },
        token: editor.token,
      }),
    )
    const year = new Date().getUTCFullYear()
    const article = await createArticle(editor, { citation: `${label}, ${year}`, source: source.id })
    expect((await transition(editor, article.id, 'submit')).status).toBe(200)
    expect((await transition(reviewer, article.id, 'approve')).status).toBe(200)

    const outputs = async () => {
      const answer = await call('GET', `/articles/${article.id}`)
      expect(answer.status).toBe(200)
      const { citationCsl, citationText, jsonLd } = answer.json as Doc
      const page = await call('GET', `/articles/${article.id}/page`)
      return { citationCsl, citationText, jsonLd, pageSource: (page.json as Doc).source }
    }
    const approved = await outputs()
    expect(approved.citationText).toContain('Citation Institute')

    const edit = await call('PATCH', `/sources/${source.id}`, {
      body: { homeUrl: 'https://renamed.example.org', name: 'Renamed Institute' },
      token: editor.token,
    })
    expect(edit.status).toBe(200)
    expect(await outputs()).toEqual(approved)

    const queue = await call('GET', '/articles/review-queue', { token: reviewer.token })
    const entries = (queue.json as { docs: { id: number; reason: string }[] }).docs.filter((entry) => entry.id === article.id)
    expect(entries).toEqual([expect.objectContaining({ id: article.id, reason: 'source_changed' })])

    // The next approval takes the source as it is now, and the article leaves the queue.
    expect((await call('PATCH', `/articles/${article.id}?draft=true`, { body: { tags: ['reapproved'] }, token: editor.token })).status).toBe(200)
    // An update of a live article is submitted with a change note (issue 13).
    const resubmit = await call('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit', changeNote: 'Tagged for re-approval.' }, token: editor.token })
    expect(resubmit.status).toBe(200)
    expect((await transition(reviewer, article.id, 'approve')).status).toBe(200)
    const reapproved = await outputs()
    expect(reapproved.citationText).toContain('Renamed Institute')
    expect(JSON.stringify(reapproved.jsonLd)).toContain('https://renamed.example.org')
    const after = await call('GET', '/articles/review-queue', { token: reviewer.token })
    expect((after.json as { docs: { id: number; reason: string }[] }).docs.filter((entry) => entry.id === article.id && entry.reason === 'source_changed')).toEqual([])
  }, 120_000)
})
