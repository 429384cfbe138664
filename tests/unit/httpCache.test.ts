import {
  answeredById,
  bodyEtag,
  endpointPathPattern,
  etagMatches,
  etagOfAnswer,
  isCredentialed,
  mayServeStoredAnswer,
  mayStoreAnswer,
  publicCacheControl,
  selectingHeaders,
} from '../../rules/httpCache.js'

describe('etagMatches', () => {
  it.each([
    [null, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"xyz", "abc"', true],
    ['"xyz"', false],
    ['*', true],
    ['"ab"', false],
  ])('If-None-Match %p against "abc": %s', (header, matches) => {
    expect(etagMatches(header, '"abc"')).toBe(matches)
  })
})

describe('isCredentialed', () => {
  const headers = (values: Record<string, string>) => new Headers(values)
  it.each([
    [{}, false],
    [{ authorization: 'JWT x' }, true],
    [{ cookie: 'payload-token=abc' }, true],
    [{ cookie: 'theme=dark; payload-token=abc' }, true],
    [{ cookie: 'not-payload-token=abc' }, false],
  ])('%p → %s', (values, credentialed) => {
    expect(isCredentialed(headers(values))).toBe(credentialed)
  })
})

it('publicCacheControl', () => {
  expect(publicCacheControl(60, 600)).toBe('public, max-age=60, stale-while-revalidate=600')
})

describe('etagOfAnswer', () => {
  const base = etagOfAnswer('2026-12-01|a', 'GET', '/api/articles/1')
  it.each([
    ['another version', etagOfAnswer('2026-12-01|b', 'GET', '/api/articles/1')],
    ['another day', etagOfAnswer('2026-12-02|a', 'GET', '/api/articles/1')],
    ['another path', etagOfAnswer('2026-12-01|a', 'GET', '/api/articles/2')],
    ['another query', etagOfAnswer('2026-12-01|a', 'GET', '/api/articles/1?depth=0')],
    ['another method', etagOfAnswer('2026-12-01|a', 'HEAD', '/api/articles/1')],
  ])('differs for %s', (_label, other) => {
    expect(other).not.toBe(base)
  })

  it('is a strong, quoted tag, the same for the same answer', () => {
    expect(base).toMatch(/^"v[\w-]{42}"$/)
    expect(etagOfAnswer('2026-12-01|a', 'GET', '/api/articles/1')).toBe(base)
    expect(etagMatches(`W/${base}`, base)).toBe(true)
  })
})

describe('bodyEtag', () => {
  const tag = bodyEtag('{"id":1}')
  it.each([
    ['the same text', '{"id":1}', true],
    ['the same text as bytes', new TextEncoder().encode('{"id":1}').buffer, true],
    ['another body', '{"id":2}', false],
    ['the body with a trailing newline', '{"id":1}\n', false],
  ])('%s: same tag %s', (_label, body, same) => {
    expect(bodyEtag(body) === tag).toBe(same)
  })

  it('is a strong, quoted tag, not the version tag of any request', () => {
    expect(tag).toMatch(/^"[\w-]{43}"$/)
    expect(tag).not.toBe(etagOfAnswer('2026-12-01|a', 'GET', '/api/articles/1'))
  })
})

describe('mayServeStoredAnswer', () => {
  it.each([
    [{}, true],
    [{ 'cache-control': 'max-age=60' }, true],
    [{ 'cache-control': 'max-age=600, stale-while-revalidate=30' }, true],
    [{ 'cache-control': 'no-cache' }, false],
    [{ 'cache-control': 'No-Cache' }, false],
    [{ 'cache-control': 'no-store' }, false],
    [{ 'cache-control': 'max-age=0' }, false],
    [{ 'cache-control': 'public, max-age = 0' }, false],
    [{ pragma: 'no-cache' }, false],
    [{ pragma: 'other' }, true],
  ])('%j -> %s', (headers, expected) => {
    expect(mayServeStoredAnswer(new Headers(headers))).toBe(expected)
  })
})

describe('mayStoreAnswer', () => {
  it.each([
    [{ 'content-type': 'application/json' }, true],
    [{ 'cache-control': 'public, max-age=60' }, true],
    [{ 'cache-control': 'private, no-store' }, false],
    [{ 'cache-control': 'no-store' }, false],
    [{ 'set-cookie': 'payload-token=x; HttpOnly' }, false],
  ])('%j -> %s', (headers, expected) => {
    expect(mayStoreAnswer(new Headers(headers))).toBe(expected)
  })
})

describe('selectingHeaders', () => {
  it.each([
    [{}, []],
    [{ vary: 'Authorization, Cookie' }, []],
    [{ vary: 'Accept-Language' }, ['accept-language']],
    [{ vary: 'Origin, Accept-Language, origin' }, ['accept-language', 'origin']],
    [{ 'access-control-allow-origin': 'https://app.example' }, ['origin']],
    [{ vary: 'Authorization, *' }, null],
  ])('%j -> %j', (headers, expected) => {
    expect(selectingHeaders(new Headers(headers))).toEqual(expected)
  })
})

describe('endpointPathPattern', () => {
  it.each([
    ['/:id', '/12', true],
    ['/:id', '/12/page', false],
    ['/:id/page', '/12/page', true],
    ['/search', '/search', true],
    ['/search', '/searchx', false],
    ['/health.check', '/healthxcheck', false],
  ])('%s against %s: %s', (path, request, matches) => {
    expect(new RegExp(`^${endpointPathPattern(path)}$`).test(request)).toBe(matches)
  })
})

describe('answeredById', () => {
  const get = (path: string) => ({ method: 'get', path })
  // As Payload sanitises a collection's endpoints: its own first, then Payload's.
  const payloadDefaults = [get('/count'), { method: 'post', path: '/' }, get('/versions'), get('/'), get('/:id'), get('/versions/:id'), { method: 'patch', path: '/:id' }]
  const articles = [get('/search'), get('/:id/page'), { method: 'post', path: '/:id/workflow' }, get('/review-queue'), ...payloadDefaults]

  it.each([
    // [endpoints, request path after the collection's, a by-id read]
    [articles, '/12', true],
    [articles, '/abc', true],
    [articles, '/search', false],
    [articles, '/review-queue', false],
    [articles, '/count', false],
    [articles, '/versions', false],
    [articles, '/versions/3', false],
    [articles, '/12/page', false],
    [articles, '/12/', false],
    [articles, '', false],
    [articles, '/', false],
    // A host's own `/:slug` GET endpoint before Payload's answers every single segment itself.
    [[get('/:slug'), ...payloadDefaults], '/12', false],
    // A path that could match more than its plain pattern says: nothing after it is trusted.
    [[get('/*'), ...payloadDefaults], '/12', false],
    [[get('/:id?'), ...payloadDefaults], '/12', false],
    [[get('/search'), get('/(.*)'), ...payloadDefaults], '/12', false],
    // After `/:id`, a wildcard path is never reached for a single segment.
    [[...payloadDefaults, get('/*')], '/12', true],
    [[{ method: 'GET', path: '/:id' }], '/12', true],
    [false, '/12', false],
    [undefined, '/12', false],
    [[], '/12', false],
  ] as const)('%#: %p %s → %s', (endpoints, rest, expected) => {
    expect(answeredById(endpoints)(rest)).toBe(expected)
  })
})
