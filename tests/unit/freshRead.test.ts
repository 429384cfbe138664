import { freshRead } from '../../src/http/freshRead.js'

// A read whose results are settled by hand: `reads` lists them in the order they started.
const controlledRead = () => {
  const reads: { reject: (error: Error) => void; resolve: (value: number) => void }[] = []
  const read = () => new Promise<number>((resolve, reject) => reads.push({ reject, resolve }))
  return { read, reads }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('freshRead', () => {
  it('a caller alone gets a read of its own, and the next caller a new one', async () => {
    const { read, reads } = controlledRead()
    const shared = freshRead(read)
    const first = shared()
    reads[0]!.resolve(1)
    expect(await first).toBe(1)
    const second = shared()
    expect(reads).toHaveLength(2)
    reads[1]!.resolve(2)
    expect(await second).toBe(2)
  })

  it('callers arriving while a read is under way share the next read, never the one under way', async () => {
    const { read, reads } = controlledRead()
    const shared = freshRead(read)
    const first = shared()
    const [second, third] = [shared(), shared()]
    expect(reads).toHaveLength(1)
    reads[0]!.resolve(1)
    expect(await first).toBe(1)
    await settle()
    expect(reads).toHaveLength(2)
    // One arriving now waits for the read after the one just started.
    const fourth = shared()
    reads[1]!.resolve(2)
    expect(await Promise.all([second, third])).toEqual([2, 2])
    await settle()
    expect(reads).toHaveLength(3)
    reads[2]!.resolve(3)
    expect(await fourth).toBe(3)
  })

  it('a failed read fails its own callers only; those waiting get the next read', async () => {
    const { read, reads } = controlledRead()
    const shared = freshRead(read)
    const first = shared()
    const second = shared()
    reads[0]!.reject(new Error('connection lost'))
    await expect(first).rejects.toThrow('connection lost')
    await settle()
    reads[1]!.resolve(2)
    expect(await second).toBe(2)
    const third = shared()
    expect(reads).toHaveLength(3)
    reads[2]!.reject(new Error('again'))
    await expect(third).rejects.toThrow('again')
  })
})
