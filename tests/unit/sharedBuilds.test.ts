import { SharedBuilds } from '../../src/http/sharedBuilds.js'
import { withHttpCaching } from '../../src/http/withHttpCaching.js'

describe('SharedBuilds', () => {
  it('shares one build of a key, forgets it when it is done, and keeps at most maxBuilds', async () => {
    const builds = new SharedBuilds<string>(2)
    const finishA = builds.begin('a')
    expect(finishA).not.toBeNull()
    // A second build of the same key is not announced: it waits for the first.
    expect(builds.begin('a')).toBeNull()
    const waiting = builds.underwayFor('a')
    const finishB = builds.begin('b')
    // The bound: a third key at once builds unshared.
    expect(builds.begin('c')).toBeNull()
    expect(builds.size).toBe(2)
    finishA?.('answer')
    await expect(waiting).resolves.toBe('answer')
    expect(builds.underwayFor('a')).toBeUndefined()
    // A later finish of the same build does nothing, even to a newer build of its key.
    const finishA2 = builds.begin('a')
    finishA?.('stale')
    expect(builds.underwayFor('a')).toBeDefined()
    finishA2?.(null)
    finishB?.(null)
    expect(builds.size).toBe(0)
  })

  it('a failed build settles as null for its waiters and is not kept', async () => {
    const builds = new SharedBuilds<string>()
    const finish = builds.begin('a')
    const waiting = builds.underwayFor('a')
    finish?.(null)
    await expect(waiting).resolves.toBeNull()
    expect(builds.underwayFor('a')).toBeUndefined()
    expect(builds.begin('a')).not.toBeNull()
  })
})

/** A promise and its resolve, to hold a build until the test lets it go. */
const gate = () => {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

// Every request started so far has run up to its first wait that is not a microtask (the
// handler's gate, or the build it joined): the wrapper itself awaits only settled promises.
const settled = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The wrapper around a handler that counts its builds; each build waits for `held` (when given)
 * and then answers with `answer(n)` for its n-th call (or throws what it returns as an Error).
 */
const cachedHandler = (answer: (call: number, request: Request) => Error | Response, held?: Promise<void>) => {
  const calls: number[] = []
  let started: () => void = () => undefined
  const firstStarted = new Promise<void>((resolve) => {
    started = resolve
  })
  const handler = async (request: Request): Promise<Response> => {
    const call = calls.length + 1
    calls.push(call)
    started()
    if (held) await held
    const result = answer(call, request)
    if (result instanceof Error) throw result
    return result
  }
  const get = (headers: Record<string, string> = {}) => cached(new Request('http://localhost/api/articles/1', { headers }), {})
  const cached = withHttpCaching(handler, { paths: ['/api/articles'], version: () => Promise.resolve('v1') })
  return { calls, firstStarted, get }
}

const json = (body: unknown, headers: Record<string, string> = {}) => Response.json(body, { headers })

describe('the answer store shares a build among concurrent misses of one tag', () => {
  const N = 8

  it('N concurrent anonymous misses build the answer once, and all get it', async () => {
    const hold = gate()
    const { calls, firstStarted, get } = cachedHandler((call) => json({ build: call }), hold.opened)
    const answers = Array.from({ length: N }, () => get())
    await firstStarted
    await settled()
    hold.open()
    const responses = await Promise.all(answers)
    expect(calls).toHaveLength(1)
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: N }, () => 200))
    const bodies = await Promise.all(responses.map((response) => response.json()))
    expect(bodies).toEqual(Array.from({ length: N }, () => ({ build: 1 })))
    const etags = new Set(responses.map((response) => response.headers.get('etag')))
    expect(etags.size).toBe(1)
    // Kept: the next reader is replayed, not built.
    expect(await (await get()).json()).toEqual({ build: 1 })
    expect(calls).toHaveLength(1)
  })

  it('a failed build is not shared or kept: its request gets the error, each waiter builds its own, the key is not poisoned', async () => {
    const hold = gate()
    const { calls, firstStarted, get } = cachedHandler((call) => (call === 1 ? new Error('the database went away') : json({ build: call })), hold.opened)
    const answers = Array.from({ length: N }, () => get().then((response) => response, (error: unknown) => error))
    await firstStarted
    await settled()
    hold.open()
    const results = await Promise.all(answers)
    expect(results.filter((result) => result instanceof Error)).toHaveLength(1)
    const built = results.filter((result): result is Response => result instanceof Response)
    expect(built.map((response) => response.status)).toEqual(Array.from({ length: N - 1 }, () => 200))
    expect(calls).toHaveLength(N)
    // One of the rebuilds is kept and replayed from then on.
    const replayed = await get()
    expect(replayed.status).toBe(200)
    expect(calls).toHaveLength(N)
  })

  it('after a failed build alone, the next request builds the key anew', async () => {
    const { calls, get } = cachedHandler((call) => (call === 1 ? new Error('the database went away') : json({ build: call })))
    await expect(get()).rejects.toThrow('the database went away')
    expect(await (await get()).json()).toEqual({ build: 2 })
    expect(await (await get()).json()).toEqual({ build: 2 })
    expect(calls).toHaveLength(2)
  })

  it('an answer that is not kept (not 200, or private) is not shared: each waiter builds its own', async () => {
    for (const answer of [() => Response.json({ errors: [] }, { status: 404 }), () => json({ mine: true }, { 'Cache-Control': 'private' })]) {
      const hold = gate()
      const { calls, firstStarted, get } = cachedHandler(answer, hold.opened)
      const answers = Array.from({ length: 3 }, () => get())
      await firstStarted
      await settled()
      hold.open()
      await Promise.all(answers)
      expect(calls).toHaveLength(3)
    }
  })

  it('a waiter whose selecting headers (Vary) differ from the build it waited for builds its own', async () => {
    const hold = gate()
    const { calls, firstStarted, get } = cachedHandler(
      (_, request) => json({ language: request.headers.get('accept-language') }, { Vary: 'Accept-Language' }),
      hold.opened,
    )
    const english = [get({ 'Accept-Language': 'en' }), get({ 'Accept-Language': 'en' })]
    await firstStarted
    const spanish = get({ 'Accept-Language': 'es' })
    await settled()
    hold.open()
    const bodies = await Promise.all([...english, spanish].map(async (response) => (await response).json()))
    expect(bodies).toEqual([{ language: 'en' }, { language: 'en' }, { language: 'es' }])
    expect(calls).toHaveLength(2)
  })

  it('a request asking for a fresh answer (a reload) neither waits for nor leads a shared build', async () => {
    const hold = gate()
    const { firstStarted, get } = cachedHandler((call) => json({ build: call }), hold.opened)
    const first = get()
    await firstStarted
    const reload = get({ 'Cache-Control': 'no-cache' })
    await settled()
    hold.open()
    expect(await (await first).json()).toEqual({ build: 1 })
    expect(await (await reload).json()).toEqual({ build: 2 })
  })
})
