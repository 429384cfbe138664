/**
 * The builds under way, by key, that concurrent requests for the same key wait for instead of
 * building the same thing again: N anonymous readers who miss the answer store on one tag at
 * once build that answer once. Bounded: an entry lives only while its build runs, and at most
 * `maxBuilds` builds are shared at once (a build beyond that runs unshared). A build that fails or
 * yields nothing to share settles as `null` and is not kept: its waiters build for themselves,
 * and the next request for the key starts a build of its own.
 */
export class SharedBuilds<V> {
  private readonly underway = new Map<string, Promise<null | V>>()

  /** @param maxBuilds the most builds shared at once */
  constructor(private readonly maxBuilds = 1024) {}

  /** The build of `key` under way (it resolves to what it shares, `null` for nothing; it never rejects), or `undefined`. */
  underwayFor(key: string): Promise<null | V> | undefined {
    return this.underway.get(key)
  }

  /**
   * Announces a build of `key`, which the requests that find it (`underwayFor`) wait for. Returns
   * `finish`, to call when the build is done, with what it shares or `null` (a failure, or an
   * answer that may not be shared); later calls do nothing. Returns `null`, and the build is not
   * shared, when a build of `key` is already under way or `maxBuilds` are.
   */
  begin(key: string): ((value: null | V) => void) | null {
    if (this.underway.has(key) || this.underway.size >= this.maxBuilds) return null
    let settle: (value: null | V) => void = () => undefined
    const build = new Promise<null | V>((resolve) => {
      settle = resolve
    })
    this.underway.set(key, build)
    return (value) => {
      if (this.underway.get(key) !== build) return
      this.underway.delete(key)
      settle(value)
    }
  }

  /** How many builds are under way. */
  get size(): number {
    return this.underway.size
  }
}
