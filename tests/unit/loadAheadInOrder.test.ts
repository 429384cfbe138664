import { loadAheadInOrder, type Settled } from '../../seed/files.js'

/** Loads that finish when the test says so (`finish`, by item), and the record of which were started. */
const controlledLoads = () => {
  const started: number[] = []
  const finish = new Map<number, (value: string) => void>()
  const load = (item: number): Promise<string> => {
    started.push(item)
    return new Promise<string>((resolve) => finish.set(item, resolve))
  }
  return { finish, load, started }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('loadAheadInOrder', () => {
  it.each([
    { items: [], window: 3, expected: [] },
    { items: [1], window: 3, expected: [1] },
    { items: [1, 2, 3, 4, 5], window: 1, expected: [1, 2, 3, 4, 5] },
    { items: [1, 2, 3, 4, 5], window: 2, expected: [1, 2, 3, 4, 5] },
    { items: [1, 2, 3], window: 8, expected: [1, 2, 3] },
    // Not a positive count: one at a time.
    { items: [1, 2, 3], window: 0, expected: [1, 2, 3] },
    { items: [1, 2, 3], window: Number.NaN, expected: [1, 2, 3] },
  ])('hands out $items in order with window $window', async ({ items, window, expected }) => {
    const out: number[] = []
    for await (const { item, settled } of loadAheadInOrder(items, window, async (value) => value * 10)) {
      expect(settled).toEqual({ ok: true, value: item * 10 })
      out.push(item)
    }
    expect(out).toEqual(expected)
  })

  it('keeps the order when later loads finish first, and starts at most `window` loads not yet handed out', async () => {
    const { finish, load, started } = controlledLoads()
    const loads = loadAheadInOrder([0, 1, 2, 3, 4], 2, load)
    const first = loads.next()
    await tick()
    expect(started).toEqual([0, 1])
    // The second finishes first: nothing is handed out until the first has.
    finish.get(1)?.('one')
    await tick()
    expect(started).toEqual([0, 1])
    finish.get(0)?.('zero')
    expect((await first).value).toEqual({ item: 0, settled: { ok: true, value: 'zero' } })
    // Handing out the first started the third, no more.
    await tick()
    expect(started).toEqual([0, 1, 2])
    expect((await loads.next()).value).toEqual({ item: 1, settled: { ok: true, value: 'one' } })
    await tick()
    expect(started).toEqual([0, 1, 2, 3])
    finish.get(2)?.('two')
    finish.get(3)?.('three')
    expect((await loads.next()).value?.item).toBe(2)
    expect((await loads.next()).value?.item).toBe(3)
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4])
    finish.get(4)?.('four')
    expect((await loads.next()).value?.item).toBe(4)
    expect((await loads.next()).done).toBe(true)
  })

  it('hands out a failed or throwing load in its place and goes on with the others', async () => {
    const results: [string, Settled<string>][] = []
    const load = (item: string): Promise<string> => {
      if (item === 'throws') throw new Error('thrown before any promise')
      if (item === 'rejects') return Promise.reject(new Error('ENOENT'))
      return Promise.resolve(item.toUpperCase())
    }
    for await (const { item, settled } of loadAheadInOrder(['a', 'rejects', 'b', 'throws', 'c'], 2, load)) results.push([item, settled])
    expect(results.map(([item]) => item)).toEqual(['a', 'rejects', 'b', 'throws', 'c'])
    expect(results[0]?.[1]).toEqual({ ok: true, value: 'A' })
    expect(results[1]?.[1]).toMatchObject({ error: new Error('ENOENT'), ok: false })
    expect(results[2]?.[1]).toEqual({ ok: true, value: 'B' })
    expect(results[3]?.[1]).toMatchObject({ error: new Error('thrown before any promise'), ok: false })
    expect(results[4]?.[1]).toEqual({ ok: true, value: 'C' })
  })
})
