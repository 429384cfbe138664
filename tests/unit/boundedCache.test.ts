import { BoundedCache } from '../../rules/boundedCache.js'

describe('BoundedCache', () => {
  const cacheOf = (maxSize: number) => new BoundedCache<string>(maxSize, (value) => value.length)

  it.each([
    // [max size, writes, key read, expected value, expected total size]
    [10, [['a', 'xxx']], 'a', 'xxx', 3],
    [10, [['a', 'xxxxxxxxxxx']], 'a', undefined, 0],
    [5, [['a', 'xxx'], ['b', 'yyy']], 'a', undefined, 3],
    [5, [['a', 'xxx'], ['b', 'yyy']], 'b', 'yyy', 3],
    [10, [['a', 'xxx'], ['a', 'yy']], 'a', 'yy', 2],
    [10, [['a', 'xxx'], ['a', 'yyyyyyyyyyyy']], 'a', undefined, 0],
  ] as const)('max %p, writes %j: %p reads %p (total %p)', (max, writes, key, value, total) => {
    const cache = cacheOf(max)
    for (const [k, v] of writes) cache.set(k, v)
    expect(cache.get(key)).toBe(value)
    expect(cache.size).toBe(total)
  })

  it('drops the least recently used, not the least recently written', () => {
    const cache = cacheOf(6)
    cache.set('a', 'aa')
    cache.set('b', 'bb')
    cache.set('c', 'cc')
    expect(cache.get('a')).toBe('aa')
    cache.set('d', 'dd')
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual(['aa', 'cc', 'dd'])
  })
})
