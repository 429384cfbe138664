import { articleFields, nciIdForTest, unique } from '../../helpers/fixtures.js'
import { type Answer, call, createUser, firstAdmin, graphql, type TestUser } from './harness.js'
import { BAD_IDS, BAD_WHERES, LENIENT_IDS, leaksInternals, NUL, ODD_PARAMETERS } from './badInputCases.js'

/**
 * Class 5 of issue 9 over real HTTP against the production build: whatever a request sends,
 * anonymous or signed in, REST or GraphQL, the answer is a 4xx with a JSON error body (or 200
 * where the input is harmless), never a 500 or a stack trace, and what was stored before is
 * unchanged after a bad write. Each case is one row of a table; the tables cross every
 * collection, every custom endpoint and every role.
 */

type Role = 'admin' | 'anonymous' | 'editor' | 'reviewer'
const ROLES: Role[] = ['anonymous', 'editor', 'reviewer', 'admin']
const COLLECTIONS = ['articles', 'sources', 'glossary-terms', 'workflow-events', 'users'] as const

/** Statuses a bad request may get: refused (400, 401, 403, 404, 405, 409, 413, 415). */
const REFUSED = [400, 401, 403, 404, 405, 409, 413, 415]

let users: Record<Exclude<Role, 'anonymous'>, TestUser>
const tokenOf = (role: Role): string | undefined => (role === 'anonymous' ? undefined : users[role].token)

// Documents that bad writes aim at; each must read the same after every bad write.
let draft: { id: number }
let active: { id: number; title: string }
let source: { id: number }
let term: { id: number }
const snapshots = new Map<string, string>()

const readAsAdmin = async (route: string): Promise<string> => {
  const answer = await call('GET', route, { token: users.admin.token })
  expect(answer.status).toBe(200)
  return answer.text
}

const TARGETS = () => ({
  activeDraft: `/articles/${active.id}?draft=true&depth=0`,
  activePublished: `/articles/${active.id}?depth=0`,
  draft: `/articles/${draft.id}?draft=true&depth=0`,
  source: `/sources/${source.id}?depth=0`,
  term: `/glossary-terms/${term.id}?depth=0`,
})

/** Asserts an answer is one of `allowed`, and that its body is a JSON error without internals when it is an error. */
const expectClean = (answer: Answer, allowed: number[], label: string) => {
  if (!allowed.includes(answer.status)) {
    throw new Error(`${label}: got ${answer.status} (allowed ${allowed.join('/')}): ${answer.text.slice(0, 300)}`)
  }
  if (answer.status >= 400) {
    const errors = (answer.json as { errors?: { message?: unknown }[] } | undefined)?.errors
    if (!Array.isArray(errors) || errors.length === 0 || typeof errors[0]?.message !== 'string') {
      throw new Error(`${label}: ${answer.status} without a JSON error body: ${answer.text.slice(0, 300)}`)
    }
  }
  const leak = leaksInternals(answer.text)
  if (leak) throw new Error(`${label}: the answer shows ${leak}: ${answer.text.slice(0, 300)}`)
}

beforeAll(async () => {
  const admin = await firstAdmin()
  users = { admin, editor: await createUser('editor', 'bad-input-editor'), reviewer: await createUser('reviewer', 'bad-input-reviewer') }
  const label = `BAD${unique()}`.toUpperCase()
  const created = (answer: Answer) => {
    expect(answer.status).toBe(201)
    return (answer.json as { doc: { id: number; title: string } }).doc
  }
  source = created(
    await call('POST', '/sources', { body: { homeUrl: 'https://www.cancer.gov', label, name: 'Bad input source' }, token: admin.token }),
  )
  term = created(
    await call('POST', '/glossary-terms', {
      body: { definitions: [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en', text: 'A definition.' }], language: 'en', nciId: nciIdForTest(), term: `term ${unique()}` },
      token: admin.token,
    }),
  )
  const articleBody = (title: string) =>
    articleFields({
      citation: `${label}, ${new Date().getUTCFullYear()}`,
      license: 'public_domain',
      source: source.id,
      title,
      url: `https://www.cancer.gov/bad-input/${unique()}`,
    })
  draft = created(await call('POST', '/articles', { body: articleBody(`Bad input draft ${unique()}`), token: users.editor.token }))
  active = created(await call('POST', '/articles', { body: articleBody(`Bad input active ${unique()}`), token: users.editor.token }))
  expect((await call('POST', `/articles/${active.id}/workflow`, { body: { action: 'submit' }, token: users.editor.token })).status).toBe(200)
  expect(
    (await call('POST', `/articles/${active.id}/workflow`, { body: { action: 'approve', attestation: true, comment: 'ok' }, token: users.reviewer.token })).status,
  ).toBe(200)
  for (const [name, route] of Object.entries(TARGETS())) snapshots.set(name, await readAsAdmin(route))
}, 120_000)

afterAll(async () => {
  // Every bad write of this file left every target as it was.
  if (snapshots.size === 0) return
  for (const [name, route] of Object.entries(TARGETS())) {
    expect([name, await readAsAdmin(route)]).toEqual([name, snapshots.get(name)])
  }
})

describe('queries: where, ids, page and limit on every collection, for every role', () => {
  const cases = COLLECTIONS.flatMap((collection) =>
    BAD_WHERES.map(([name, query]) => [collection, name, query] as const),
  )
  it.each(cases)('%s ?%s', async (collection, _name, query) => {
    for (const role of ROLES) {
      const answer = await call('GET', `/${collection}?${query}`, { token: tokenOf(role) })
      expectClean(answer, REFUSED, `${role} GET /${collection}?${query}`)
      // Staff get the field error itself; anonymous callers may be refused earlier.
      if (role === 'admin') expect(answer.status).toBe(400)
    }
  })

  it.each(COLLECTIONS.flatMap((collection) => ODD_PARAMETERS.map(([name, query]) => [collection, name, query] as const)))(
    '%s ?%s (ignored or refused)',
    async (collection, _name, query) => {
      for (const role of ROLES) {
        const answer = await call('GET', `/${collection}?${query}`, { token: tokenOf(role) })
        expectClean(answer, [200, ...REFUSED], `${role} GET /${collection}?${query}`)
      }
    },
  )

  it.each(COLLECTIONS.flatMap((collection) => BAD_IDS.map((id) => [collection, id] as const)))('%s/%s by id (GET, PATCH, DELETE)', async (collection, id) => {
    for (const role of ROLES) {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const answer = await call(method, `/${collection}/${id}`, { body: method === 'PATCH' ? { title: 'x' } : undefined, token: tokenOf(role) })
        expectClean(answer, REFUSED, `${role} ${method} /${collection}/${id}`)
      }
    }
  })

  it.each(COLLECTIONS.flatMap((collection) => LENIENT_IDS.map((id) => [collection, id] as const)))('%s/%s by id (GET only: read as a number or refused)', async (collection, id) => {
    for (const role of ROLES) {
      expectClean(await call('GET', `/${collection}/${id}`, { token: tokenOf(role) }), [200, ...REFUSED], `${role} GET /${collection}/${id}`)
    }
  })

  it.each(COLLECTIONS)('bulk PATCH and DELETE of %s with bad where clauses', async (collection) => {
    for (const [, query] of BAD_WHERES.filter(([name]) => name.startsWith('where'))) {
      for (const role of ROLES) {
        const patch = await call('PATCH', `/${collection}?${query}`, { body: { title: 'bulk' }, token: tokenOf(role) })
        expectClean(patch, REFUSED, `${role} PATCH /${collection}?${query}`)
        const remove = await call('DELETE', `/${collection}?${query}`, { token: tokenOf(role) })
        expectClean(remove, REFUSED, `${role} DELETE /${collection}?${query}`)
      }
    }
  })

  it('versions lists of articles with bad where clauses', async () => {
    for (const [, query] of BAD_WHERES.filter(([name]) => name.startsWith('where'))) {
      const answer = await call('GET', `/articles/versions?${query.replaceAll('where[', 'where[version.')}`, { token: users.admin.token })
      expectClean(answer, [200, ...REFUSED], `GET /articles/versions?${query}`)
    }
  })
})

/** Bodies no write can use: [name, how to send it]. */
const BAD_BODIES: [string, { headers?: Record<string, string>; rawBody?: string }][] = [
  ['a JSON string', { headers: { 'Content-Type': 'application/json' }, rawBody: '"hello"' }],
  ['JSON null', { headers: { 'Content-Type': 'application/json' }, rawBody: 'null' }],
  ['a JSON number', { headers: { 'Content-Type': 'application/json' }, rawBody: '42' }],
  ['a JSON list', { headers: { 'Content-Type': 'application/json' }, rawBody: '[{"title":"x"}]' }],
  ['broken JSON', { headers: { 'Content-Type': 'application/json' }, rawBody: '{"title": "x"' }],
  ['JSON with a NUL byte outside strings', { headers: { 'Content-Type': 'application/json' }, rawBody: `{${NUL}}` }],
  ['text/plain', { headers: { 'Content-Type': 'text/plain' }, rawBody: 'title=hello' }],
  ['no Content-Type', { rawBody: '{"title":"x"}' }],
  ['application/xml', { headers: { 'Content-Type': 'application/xml' }, rawBody: '<title>x</title>' }],
  ['multipart without its boundary', { headers: { 'Content-Type': 'multipart/form-data' }, rawBody: 'garbage' }],
  ['malformed multipart', { headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, rawBody: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{"title"' }],
  [
    'multipart whose _payload is not JSON',
    { headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, rawBody: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{bad\r\n--XX--\r\n' },
  ],
  [
    'multipart whose _payload is a string',
    { headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, rawBody: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n"hello"\r\n--XX--\r\n' },
  ],
  [
    'multipart whose _payload is null',
    { headers: { 'Content-Type': 'multipart/form-data; boundary=XX' }, rawBody: '--XX\r\nContent-Disposition: form-data; name="_payload"\r\n\r\nnull\r\n--XX--\r\n' },
  ],
  ['a URL-encoded form', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, rawBody: 'title=x&source=abc' }],
]

describe('write bodies that are not a JSON object of fields', () => {
  const routes = () => [
    ['POST', '/articles'],
    ['PATCH', `/articles/${draft.id}`],
    ['PATCH', `/articles/${active.id}`],
    ['PATCH', `/articles?where[id][equals]=${draft.id}`],
    ['POST', '/sources'],
    ['PATCH', `/sources/${source.id}`],
    ['POST', '/glossary-terms'],
    ['PATCH', `/glossary-terms/${term.id}`],
    ['POST', '/workflow-events'],
    ['POST', '/users'],
    ['PATCH', `/users/${users.editor.id}`],
    ['POST', '/users/login'],
    ['POST', `/articles/${draft.id}/workflow`],
    ['POST', '/articles/review-sweep'],
    ['POST', `/articles/${draft.id}/duplicate`],
  ]
  it.each(BAD_BODIES)('%s, to every write route, for every role', async (name, send) => {
    for (const [method, route] of routes()) {
      for (const role of ROLES) {
        const answer = await call(method!, route!, { ...send, token: tokenOf(role) })
        // The review sweep reads no body at all, so a body it cannot parse does not matter to it;
        // a duplicate takes a null _payload as "no changes" and makes its (draft) copy.
        const lenient =
          (route === '/articles/review-sweep' && name.includes('multipart')) ||
          (route!.endsWith('/duplicate') && name === 'multipart whose _payload is null')
        const allowed = lenient ? [200, 201, ...REFUSED] : REFUSED
        expectClean(answer, allowed, `${role} ${method} ${route} with ${name}`)
      }
    }
  })

  it.each([
    ['POST', '/articles'],
    ['POST', '/articles/search'],
    ['POST', '/glossary-terms/lookup'],
    ['POST', '/users'],
  ])('X-Payload-HTTP-Method-Override: GET with a broken body on %s %s', async (method, route) => {
    for (const role of ROLES) {
      for (const rawBody of ['{bad', '"hello"', 'null', `{"where":{"status":{"like":"act"}}}`]) {
        const answer = await call(method, route, {
          headers: { 'Content-Type': 'application/json', 'X-Payload-HTTP-Method-Override': 'GET' },
          rawBody,
          token: tokenOf(role),
        })
        expectClean(answer, [200, ...REFUSED], `${role} override ${route} ${rawBody}`)
      }
      const form = await call(method, route, {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Payload-HTTP-Method-Override': 'GET' },
        rawBody: 'where[status][like]=act&page=-1',
        token: tokenOf(role),
      })
      expectClean(form, [200, ...REFUSED], `${role} override form ${route}`)
    }
  })
})

/**
 * Field values that are wrong: [collection, name, data (an object, or raw JSON text), strict].
 * Strict rows are refused before or by the database (NUL bytes, ids that are no ids, missing
 * relations, values outside an enumeration). The other rows are values the write rules of
 * issue 9 class 4 decide on (types, formats, the Lexical body, system fields): here they aim at
 * a scratch document and must only never answer 500.
 */
const BAD_FIELDS = (): [string, string, Record<string, unknown> | string, boolean][] => [
  ['articles', 'a NUL byte in the title', { title: `a${NUL}b` }, true],
  ['articles', 'a NUL byte in the url', { url: `https://www.cancer.gov/${NUL}` }, true],
  ['articles', 'a NUL byte in the language', { language: `en${NUL}` }, true],
  ['articles', 'a NUL byte in a tag', { tags: ['ok', `t${NUL}`] }, true],
  ['articles', 'a NUL byte in a key', { [`title${NUL}`]: 'x' }, true],
  ['articles', 'a NUL byte in the body', { body: { root: { children: [{ children: [{ text: NUL, type: 'text', version: 1 }], type: 'paragraph', version: 1 }], type: 'root', version: 1 } } }, true],
  ['articles', 'a NUL byte in an evidence url', { evidence: [{ kind: 'pubmed', url: `https://pubmed.ncbi.nlm.nih.gov/${NUL}` }] }, true],
  ['articles', 'a string for the source', { source: 'abc' }, true],
  ['articles', 'a source id beyond integer', { source: 99_999_999_999 }, true],
  ['articles', 'a source id beyond bigint', { source: '99999999999999999999' }, true],
  ['articles', 'a negative source id', { source: -1 }, true],
  ['articles', 'a source that does not exist', { source: 2_000_000_000 }, true],
  ['articles', 'an object for the source', { source: { id: 'x' } }, true],
  ['articles', 'strings for glossary terms', { glossaryTerms: ['abc', 'def'] }, true],
  ['articles', 'glossary terms that do not exist', { glossaryTerms: [2_000_000_000] }, true],
  ['articles', 'an unknown audience', { audienceLevel: 'aliens' }, true],
  ['articles', 'an unknown review frequency', { reviewFrequency: 'hourly' }, true],
  ['articles', '100,000 tags', { tags: Array.from({ length: 100_000 }, (_, index) => `t${index}`) }, true],
  ['articles', 'a bad evidence kind', { evidence: [{ kind: 'rumour', url: 'https://x.org' }] }, true],
  ['articles', 'a number for the title', { title: 12345 }, false],
  ['articles', 'an object for the title', { title: { a: 1 } }, false],
  ['articles', 'a list for the title', { title: ['a', 'b'] }, false],
  ['articles', 'an object for cancer types', { cancerTypes: { a: 1 } }, false],
  ['articles', 'evidence that is not a list', { evidence: 'x' }, false],
  ['articles', 'a bad lastReviewed', { lastReviewed: 'yesterday' }, false],
  ['articles', 'a lastReviewed out of range', { lastReviewed: '99999-01-01' }, false],
  ['articles', 'a plain-string body', { body: 'just text' }, false],
  ['articles', 'a body without children', { body: { root: { type: 'root' } } }, false],
  ['articles', 'a 5,000-deep body', deepBodyJson(5_000), false],
  ['articles', 'a forged id', { id: 'abc' }, false],
  ['sources', 'a NUL byte in the name', { name: `N${NUL}CI` }, true],
  ['sources', 'a NUL byte in the home URL', { homeUrl: `https://x${NUL}.org` }, true],
  ['sources', 'an infinite tier rank', { tierRank: 1e308 * 10 }, false],
  ['sources', 'a string tier rank', { tierRank: 'abc' }, false],
  ['sources', 'an object for the label', { label: { a: 1 } }, false],
  ['glossary-terms', 'a NUL byte in the term', { term: `tu${NUL}mor` }, true],
  ['glossary-terms', 'a bad definition audience', { definitions: [{ audience: 'aliens', language: 'en', text: 'x' }] }, true],
  ['glossary-terms', 'a NUL byte in an alias', { aliases: [`a${NUL}`] }, true],
  ['glossary-terms', 'definitions that are not a list', { definitions: 'x' }, false],
  ['users', 'a NUL byte in the email', { email: `a${NUL}@b.test`, password: 'x' }, true],
  ['users', 'an unknown role', { email: `r${unique()}@b.test`, password: 'correct horse battery', role: 'superuser' }, false],
]

/** A Lexical body nested `depth` paragraphs deep, as JSON text (JSON.stringify itself overflows on it). */
function deepBodyJson(depth: number): string {
  const open = '{"children":['.repeat(depth)
  const close = '],"type":"paragraph","version":1}'.repeat(depth)
  return `{"body":{"root":{"children":[${open}{"text":"deep","type":"text","version":1}${close}],"type":"root","version":1}}}`
}

let scratch: Record<string, number>

describe('field values of the wrong kind', () => {
  beforeAll(async () => {
    const make = async (route: string, body: Record<string, unknown>) => {
      const answer = await call('POST', route, { body, token: users.admin.token })
      expect(answer.status).toBe(201)
      return (answer.json as { doc: { id: number } }).doc.id
    }
    scratch = {
      articles: await make('/articles', { audienceLevel: 'patient', language: 'en', reviewFrequency: 'annual', title: `Scratch ${unique()}`, url: `https://www.cancer.gov/scratch/${unique()}` }),
      'glossary-terms': await make('/glossary-terms', { language: 'en', nciId: nciIdForTest(), term: `scratch ${unique()}` }),
      sources: await make('/sources', { label: `SCR${unique()}`.toUpperCase(), name: 'Scratch source' }),
      users: users.editor.id,
    }
  })

  it.each(BAD_FIELDS().map(([collection, name, , strict]) => [collection, name, strict] as const))('%s: %s (strict: %p; create and update, every role)', async (collection, name, strict) => {
    const data = BAD_FIELDS().find(([c, n]) => c === collection && n === name)![2]
    const send = typeof data === 'string' ? { headers: { 'Content-Type': 'application/json' }, rawBody: data } : { body: data }
    const strictTarget = { articles: draft.id, 'glossary-terms': term.id, sources: source.id, users: users.editor.id }[collection]
    const target = strict ? strictTarget : scratch[collection]
    for (const role of ROLES) {
      const create = await call('POST', `/${collection}`, { ...send, token: tokenOf(role) })
      expectClean(create, strict ? REFUSED : [201, ...REFUSED], `${role} POST /${collection} ${name}`)
      if (create.status === 201) {
        const id = (create.json as { doc: { id: number } }).doc.id
        await call('DELETE', `/${collection}/${id}`, { token: users.admin.token })
      }
      const update = await call('PATCH', `/${collection}/${target}`, { ...send, token: tokenOf(role) })
      expectClean(update, strict ? REFUSED : [200, ...REFUSED], `${role} PATCH /${collection}/${target} ${name}`)
    }
  })
})

describe('custom endpoints', () => {
  const endpointCases = (): [string, string, number[]][] => [
    // [method, route, allowed statuses]
    ...[
      `q=${encodeURIComponent(`a${NUL}b`)}`,
      `q=a&language=${encodeURIComponent(`en${NUL}`)}`,
      `q=a&cancerType=${encodeURIComponent(NUL)}`,
      `q=a&tag=${encodeURIComponent(NUL)}`,
      'q=a&limit=1e309',
      'q=a&limit=-1',
      'q=a&limit=abc',
      'q=a&page=-1',
      'q=a&page=0',
      'q=a&page=1e309',
      'q=a&source=abc',
      'q=a&source=99999999999999999999',
      'q=a&maxTier=x',
      'q=a&audience=aliens',
      'q=a&unknown=1',
      'q[]=a&q[]=b',
      'q[a]=b',
      `q=${'x'.repeat(5_000)}`,
      '',
      'q=',
    ].map((query): [string, string, number[]] => ['GET', `/articles/search?${query}`, [400]]),
    ...[
      'q=NOT',
      'q=!!!',
      "q=' OR 1=1 --",
      'q=a:*',
      'q=(((',
      'q=a%20%26%20%7C%20!',
      `q=${encodeURIComponent('😀')}`,
      'q=a&language=xx-INVALID',
      'q=%E0%A4%A',
    ].map((query): [string, string, number[]] => ['GET', `/articles/search?${query}`, [200, 400]]),
    ...[
      `url=${encodeURIComponent(`https://x${NUL}`)}`,
      'url=',
      'url[]=a',
      'url=not a url',
      'id=abc',
      'id=99999999999999999999',
      'id=-1',
      'id=1.5',
      '',
    ].map((query): [string, string, number[]] => ['GET', `/articles/page?${query}`, [400, 404]]),
    ...BAD_IDS.map((id): [string, string, number[]] => ['GET', `/articles/${id}/page`, [400, 404]]),
    ...[
      `id=${encodeURIComponent(NUL)}`,
      `name=${encodeURIComponent(`tu${NUL}mor`)}`,
      `prefix=${encodeURIComponent(NUL)}`,
      `name=tumor&language=${encodeURIComponent(NUL)}`,
      'name=tumor&audience=aliens',
      'name=tumor&limit=1e309',
      'name=tumor&limit=-1',
      'prefix=tu&limit=abc',
      'id[]=1',
      'name[a]=b',
      '',
      `name=${'x'.repeat(5_000)}`,
      'id=abc',
      'id=99999999999999999999',
    ].map((query): [string, string, number[]] => ['GET', `/glossary-terms/lookup?${query}`, [200, 400]]),
    // The queue reads `page` and `limit` (a bad one is a field error, 400) and ignores other parameters.
    ...['page=-1', 'page=abc', 'limit=1e309', 'limit=0'].map(
      (query): [string, string, number[]] => ['GET', `/articles/review-queue?${query}`, [400, 401, 403]],
    ),
    ...[`x=${encodeURIComponent(NUL)}`, 'where[status][like]=act'].map(
      (query): [string, string, number[]] => ['GET', `/articles/review-queue?${query}`, [200, 401, 403]],
    ),
    ...BAD_IDS.map((id): [string, string, number[]] => ['POST', `/articles/${id}/workflow`, [400, 401, 403, 404]]),
  ]
  it.each(endpointCases())('%s %s', async (method, route, allowed) => {
    for (const role of ROLES) {
      const answer = await call(method, route, { body: method === 'POST' ? { action: 'submit' } : undefined, token: tokenOf(role) })
      const allowedForRole = answer.status === 401 || answer.status === 403 ? REFUSED : allowed
      expectClean(answer, allowedForRole, `${role} ${method} ${route.slice(0, 120)}`)
    }
  })

  const workflowBodies: [string, unknown][] = [
    ['an unknown action', { action: 'publish' }],
    ['a NUL byte in the action', { action: `submit${NUL}` }],
    ['a number action', { action: 1 }],
    ['an object action', { action: { a: 1 } }],
    ['a list action', { action: ['submit'] }],
    ['no action', {}],
    ['a NUL byte in the comment', { action: 'request_changes', comment: `x${NUL}` }],
    ['an object comment', { action: 'request_changes', comment: { a: 1 } }],
    ['a 1 MB comment', { action: 'request_changes', comment: 'x'.repeat(1_000_000) }],
  ]
  it.each(workflowBodies)('POST /articles/:id/workflow with %s, for every role', async (_name, body) => {
    for (const id of [draft.id, active.id]) {
      for (const role of ROLES) {
        const answer = await call('POST', `/articles/${id}/workflow`, { body, token: tokenOf(role) })
        expectClean(answer, REFUSED, `${role} workflow ${JSON.stringify(body).slice(0, 60)}`)
      }
    }
  })

  it('POST /articles/review-sweep with junk, for every role', async () => {
    for (const role of ROLES) {
      for (const send of [{ body: { where: { a: NUL } } }, { body: 'x' }, { headers: { 'Content-Type': 'text/plain' }, rawBody: 'x' }]) {
        const answer = await call('POST', '/articles/review-sweep', { ...send, token: tokenOf(role) })
        expectClean(answer, [200, ...REFUSED], `${role} review-sweep`)
      }
    }
  })
})

describe('GraphQL', () => {
  const raw = (rawBody: string, token?: string) =>
    call('POST', '/graphql', { headers: { 'Content-Type': 'application/json' }, rawBody, token })

  it.each([
    ['broken JSON', '{"query": "{ Articles { docs { id } } }"'],
    ['a JSON string', '"hello"'],
    ['JSON null', 'null'],
    ['a JSON list', '[{"query":"{ __typename }"}]'],
    ['a query that is a number', '{"query": 42}'],
    ['no query', '{}'],
    ['variables that are a string', '{"query":"query($q: String!) { searchArticles(q: $q) { totalDocs } }","variables":"x"}'],
    ['a query that does not parse', '{"query":"{ Articles { docs { id "}'],
    ['an empty body', ''],
  ])('a body with %s', async (_name, rawBody) => {
    for (const role of ROLES) {
      const answer = await raw(rawBody, tokenOf(role))
      expectClean(answer, [200, ...REFUSED], `${role} graphql ${rawBody}`)
      if (answer.status === 200) expect((answer.json as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0)
    }
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['multipart without boundary', 'multipart/form-data'],
  ])('a body sent as %s', async (_name, contentType) => {
    const answer = await call('POST', '/graphql', { headers: { 'Content-Type': contentType }, rawBody: '{"query":"{ __typename }"}' })
    expectClean(answer, REFUSED, `graphql as ${contentType}`)
  })

  const queries = (): [string, string, Record<string, unknown>][] => [
    ['like on a select', 'query($s: String) { Articles(where: { title: { like: $s } }) { docs { id } } }', { s: `a${NUL}` }],
    ['NUL byte in where', 'query($s: String) { Articles(where: { title: { equals: $s } }) { docs { id } } }', { s: `a${NUL}b` }],
    ['near on a text', '{ Articles(where: { title: { near: "1,2" } }) { docs { id } } }', {}],
    ['negative page', '{ Articles(page: -1) { docs { id } } }', {}],
    ['huge limit', '{ Articles(limit: 2147483647, page: 2147483647) { docs { id } } }', {}],
    ['an id beyond Int', '{ Article(id: 99999999999) { id } }', {}],
    ['a NUL id', 'query($id: Int!) { Article(id: $id) { id } }', { id: NUL }],
    ['an unknown enum value', '{ Articles(where: { status: { equals: bogus } }) { docs { id } } }', {}],
    ['a string for a relation', '{ Articles(where: { source: { equals: "abc" } }) { docs { id } } }', {}],
    ['a bad date', '{ Articles(where: { lastReviewed: { greater_than: "yesterday" } }) { docs { id } } }', {}],
    ['search with a NUL byte', 'query($q: String!) { searchArticles(q: $q) { totalDocs } }', { q: `a${NUL}b` }],
    ['search with a bad language', 'query($l: String) { searchArticles(q: "a", language: $l) { totalDocs } }', { l: NUL }],
    ['search with a negative page', '{ searchArticles(q: "a", page: -1) { totalDocs } }', {}],
    ['article page with a NUL url', 'query($u: String) { articlePage(url: $u) { title } }', { u: `https://x${NUL}` }],
    ['glossary lookup with a NUL name', 'query($n: String) { glossaryLookup(name: $n) { term } }', { n: `tu${NUL}mor` }],
    ['glossary lookup with a NUL language', 'query($l: String) { glossaryLookup(name: "tumor", language: $l) { term } }', { l: NUL }],
    ['workflow on a huge id', 'mutation { articleWorkflow(id: 2147483647, action: submit) { id } }', {}],
    ['workflow with a NUL comment', 'mutation($c: String) { articleWorkflow(id: 1, action: request_changes, comment: $c) { id } }', { c: NUL }],
    ['create with a NUL title', 'mutation($t: String!) { createArticle(data: { title: $t, url: "https://x.org/a", language: "en", audienceLevel: patient, reviewFrequency: annual }) { id } }', { t: `a${NUL}` }],
    ['update with a bad source', 'mutation($id: Int!) { updateArticle(id: $id, data: { source: 2000000000 }) { id } }', { id: 0 }],
  ]
  it.each(queries().map(([name]) => [name]))('%s, for every role', async (name) => {
    const [, query, variables] = queries().find(([candidate]) => candidate === name)!
    const resolved = { ...variables, ...(name === 'update with a bad source' ? { id: draft.id } : {}) }
    for (const role of ROLES) {
      const answer = await graphql(query, resolved, tokenOf(role))
      expectClean(answer, [200, 400], `${role} graphql ${name}`)
      const errors = (answer.json as { errors?: { extensions?: { statusCode?: number }; message: string }[] }).errors ?? []
      // An error that is a server fault would say so; bad input never may.
      for (const error of errors) {
        expect([error.message, error.extensions?.statusCode]).not.toEqual(['Something went wrong.', 500])
        expect(error.extensions?.statusCode ?? 400).toBeLessThan(500)
      }
    }
  })
})

describe('the server log stays bounded', () => {
  const logFile = process.env.E2E_SERVER_LOG
  const sizeOf = async () => (await import('node:fs/promises')).stat(logFile!).then((stats) => stats.size)
  // The server's logger writes asynchronously: wait until the file stops growing.
  const settledSize = async () => {
    let last = -1
    let size = await sizeOf()
    for (let round = 0; round < 50 && size !== last; round += 1) {
      last = size
      await new Promise((resolve) => setTimeout(resolve, 200))
      size = await sizeOf()
    }
    return size
  }
  const fiveMegabytes = 'x'.repeat(5 * 1024 * 1024)

  const huge: [string, () => Promise<Answer>][] = [
    ['a 5 MB title with a NUL byte', () => call('PATCH', `/articles/${draft.id}`, { body: { title: `${fiveMegabytes}${NUL}` }, token: users.editor.token })],
    ['a 5 MB title with a text for the source', () => call('PATCH', `/articles/${draft.id}`, { body: { source: 'abc', title: fiveMegabytes }, token: users.editor.token })],
    ['a 5 MB tag list with an unknown audience', () => call('PATCH', `/articles/${draft.id}`, { body: { audienceLevel: 'aliens', tags: [fiveMegabytes] }, token: users.editor.token })],
    ['5 MB of broken JSON', () => call('PATCH', `/articles/${draft.id}`, { headers: { 'Content-Type': 'application/json' }, rawBody: `{"title":"${fiveMegabytes}`, token: users.editor.token })],
    ['a 5 MB GraphQL variable with a NUL byte', () => graphql('query($q: String!) { searchArticles(q: $q) { totalDocs } }', { q: `${fiveMegabytes}${NUL}` })],
    ['a 5 MB source name with a NUL byte', () => call('PATCH', `/sources/${source.id}`, { body: { name: `${fiveMegabytes}${NUL}` }, token: users.admin.token })],
  ]

  it.each(huge)('%s: answered 4xx, at most 20 KB of log', async (name, send) => {
    if (!logFile) throw new Error('E2E_SERVER_LOG is not set: run with `npm run test:e2e`')
    const before = await settledSize()
    const answer = await send()
    expectClean(answer, [200, ...REFUSED], name)
    const written = (await settledSize()) - before
    console.log(`${name}: ${answer.status}, ${written} bytes of log`)
    expect(written).toBeLessThan(20_000)
  })
})
