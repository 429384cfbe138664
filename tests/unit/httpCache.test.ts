import { etagMatches, isCredentialed, publicCacheControl } from '../../rules/httpCache.js'

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
