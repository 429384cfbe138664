import type { Endpoint } from 'payload'

import { versionReadingPaths } from '../../src/http/contentVersion.js'
import { READS_CONTENT_VERSION } from '../../src/http/versionScope.js'

const handler: Endpoint['handler'] = () => new Response(null)
const reading = (path: string, method: Endpoint['method'] = 'get'): Endpoint => ({ custom: { [READS_CONTENT_VERSION]: true }, handler, method, path })
const plain = (path: string): Endpoint => ({ handler, method: 'get', path })

const config = {
  collections: [
    { endpoints: [reading('/page'), reading('/:id/page'), plain('/search'), reading('/:id/workflow', 'post')], slug: 'articles' },
    { endpoints: false, slug: 'glossary-terms' },
  ],
  endpoints: [reading('/health.check')],
  routes: { api: '/api' },
} as unknown as Parameters<typeof versionReadingPaths>[0]

describe('versionReadingPaths', () => {
  const paths = versionReadingPaths(config)
  const reads = (pathname: string) => paths.some((path) => path.test(pathname))

  it.each([
    // [request path, read by its handler]
    ['/api/articles/page', true],
    ['/api/articles/12/page', true],
    ['/api/articles/12/page/extra', false],
    ['/api/articles/12', false],
    ['/api/articles', false],
    ['/api/articles/search', false],
    ['/api/articles/12/workflow', false],
    ['/api/glossary-terms/page', false],
    ['/api/health.check', true],
    ['/api/healthxcheck', false],
    ['/api/sources/12/page', false],
  ] as const)('%s: %p', (pathname, expected) => {
    expect(reads(pathname)).toBe(expected)
  })

  it('follows a renamed REST route', () => {
    const renamed = versionReadingPaths({ ...config, routes: { api: '/content' } } as typeof config)
    expect(renamed.some((path) => path.test('/content/articles/3/page'))).toBe(true)
    expect(renamed.some((path) => path.test('/api/articles/3/page'))).toBe(false)
  })
})
