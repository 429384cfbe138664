/**
 * A least-recently-used cache bounded by the total size of what it holds: computed outputs
 * (formatted citations, a page's HTML) are kept by what they are a pure function of, so a hit
 * can never be stale, and memory stays under `maxSize` whatever the articles weigh.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { size: number; value: V }>()
  private total = 0

  /**
   * @param maxSize the most the cache holds, in the unit `sizeOf` measures
   * @param sizeOf the size of one value (an entry larger than `maxSize` is never kept)
   */
  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The value kept under `key`, made the most recently used; `undefined` when absent. */
  get(key: string): undefined | V {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  /** Keeps `value` under `key`, dropping the least recently used entries to stay within bounds. */
  set(key: string, value: V): void {
    const size = this.sizeOf(value)
    const previous = this.entries.get(key)
    if (previous) {
      this.total -= previous.size
      this.entries.delete(key)
    }
    if (size > this.maxSize) return
    this.entries.set(key, { size, value })
    this.total += size
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxSize) break
      this.entries.delete(oldest)
      this.total -= entry.size
    }
  }

  /** The total size held. */
  get size(): number {
    return this.total
  }
}
