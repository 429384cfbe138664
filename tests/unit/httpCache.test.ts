import { etagMatches, etagOfAnswer, isCredentialed, publicCacheControl } from '../../rules/httpCache.js'

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
