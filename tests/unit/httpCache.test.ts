import { etagMatches, etagOfAnswer, isCredentialed, mayServeStoredAnswer, mayStoreAnswer, publicCacheControl, selectingHeaders } from '../../rules/httpCache.js'

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
