import { createHmac } from 'node:crypto'

import {
  type AdmissionLimits,
  admissionLimitsOf,
  admit,
  refusedAnswer,
  sessionTokensOf,
  skipsTheLine,
  verifiesAsSession,
} from '../../rules/admission.js'
import { AnonymousLine } from '../../src/http/withAdmission.js'

// What Payload keeps as `payload.secret` (the key it signs session tokens with), passed in.
const KEY = '0123456789abcdef0123456789abcdef'
const NOW = 1_800_000_000

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** A token as Payload signs it (HS256 over header.claims with the derived key). */
const sign = (claims: Record<string, unknown>, { alg = 'HS256', key = KEY }: { alg?: string; key?: string } = {}) => {
  const unsigned = `${part({ alg, authVersion: 1 })}.${part(claims)}`
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`
}
const valid = sign({ collection: 'users', exp: NOW + 3600, id: 1 })

describe('the bounds of anonymous requests, from the environment', () => {
  it.each<[Record<string, string>, number, AdmissionLimits, number]>([
    [{}, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 0],
    [{}, 1, { concurrency: 2, queue: 100, waitMs: 30_000 }, 0],
    [{}, 8, { concurrency: 8, queue: 100, waitMs: 30_000 }, 0],
    [{ API_ANONYMOUS_CONCURRENCY: '3', API_ANONYMOUS_QUEUE: '5', API_ANONYMOUS_WAIT_MS: '250' }, 2, { concurrency: 3, queue: 5, waitMs: 250 }, 0],
    [{ API_ANONYMOUS_CONCURRENCY: '0' }, 2, { concurrency: Number.POSITIVE_INFINITY, queue: 100, waitMs: 30_000 }, 0],
    [{ API_ANONYMOUS_QUEUE: '0' }, 2, { concurrency: 2, queue: 0, waitMs: 30_000 }, 0],
    [{ API_ANONYMOUS_CONCURRENCY: ' ' }, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 0],
    [{ API_ANONYMOUS_CONCURRENCY: 'many' }, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 1],
    [{ API_ANONYMOUS_CONCURRENCY: '-1' }, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 1],
    [{ API_ANONYMOUS_QUEUE: '1.5' }, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 1],
    [{ API_ANONYMOUS_WAIT_MS: '0' }, 2, { concurrency: 2, queue: 100, waitMs: 30_000 }, 1],
  ])('%p on %p CPUs → %p (%p problems)', (env, cpus, limits, problems) => {
    const read = admissionLimitsOf(env, cpus)
    expect(read.limits).toEqual(limits)
    expect(read.problems).toHaveLength(problems)
  })
})

describe('admit', () => {
  const limits: AdmissionLimits = { concurrency: 2, queue: 3, waitMs: 1000 }
  it.each<[number, number, string]>([
    [0, 0, 'run'],
    [1, 0, 'run'],
    [2, 0, 'queue'],
    // First come, first served: a free place goes to those waiting, not to a newcomer.
    [1, 1, 'queue'],
    [2, 2, 'queue'],
    [2, 3, 'refuse'],
    [2, 4, 'refuse'],
  ])('%p running, %p waiting → %p', (running, waiting, decision) => {
    expect(admit({ running, waiting }, limits)).toBe(decision)
  })

  it('refuses at once when nothing may wait and every place is taken', () => {
    expect(admit({ running: 2, waiting: 0 }, { ...limits, queue: 0 })).toBe('refuse')
  })
})

describe('who skips the line', () => {
  it.each<[Record<string, string>, string[]]>([
    [{}, []],
    [{ authorization: 'JWT abc.def.ghi' }, ['abc.def.ghi']],
    [{ authorization: 'Bearer abc.def.ghi' }, ['abc.def.ghi']],
    [{ authorization: 'users API-Key 1234' }, []],
    [{ authorization: 'JWT' }, []],
    [{ cookie: 'payload-token=abc.def.ghi' }, ['abc.def.ghi']],
    [{ cookie: 'theme=dark; payload-token=abc.def.ghi; other=1' }, ['abc.def.ghi']],
    [{ cookie: 'not-payload-token=abc' }, []],
    [{ authorization: 'JWT a.b.c', cookie: 'payload-token=d.e.f' }, ['a.b.c', 'd.e.f']],
  ])('%p carries the session tokens %p', (headers, tokens) => {
    expect(sessionTokensOf(new Headers(headers))).toEqual(tokens)
  })

  it('reads the cookie of the config cookie prefix', () => {
    expect(sessionTokensOf(new Headers({ cookie: 'cms-token=a.b.c; payload-token=d.e.f' }), 'cms')).toEqual(['a.b.c'])
  })

  it.each<[string, string, boolean]>([
    ['a token this app signed', valid, true],
    ['an expired token', sign({ exp: NOW - 1, id: 1 }), false],
    ['a token that expires now', sign({ exp: NOW, id: 1 }), false],
    ['a token without expiry', sign({ id: 1 }), false],
    ['a token not valid yet', sign({ exp: NOW + 60, id: 1, nbf: NOW + 30 }), false],
    ['a token signed with another key', sign({ exp: NOW + 3600, id: 1 }, { key: 'fedcba9876543210fedcba9876543210' }), false],
        ['a token of another algorithm', sign({ exp: NOW + 3600, id: 1 }, { alg: 'HS512' }), false],
    ['an unsigned token (alg none)', `${part({ alg: 'none' })}.${part({ exp: NOW + 3600, id: 1 })}.`, false],
    ['a token with its claims changed', `${valid.split('.')[0]}.${part({ collection: 'users', exp: NOW + 7200, id: 2 })}.${valid.split('.')[2]}`, false],
    ['a token with a truncated signature', valid.slice(0, -2), false],
    ['garbage', 'not-a-token', false],
    ['an empty string', '', false],
    ['a huge token', `${valid}${'A'.repeat(10_000)}`, false],
  ])('%s verifies: %p', (_, token, verifies) => {
    expect(verifiesAsSession(token, KEY, NOW)).toBe(verifies)
  })

  it.each<[string, Record<string, string>, boolean]>([
    ['GET', {}, false],
    ['POST', {}, false],
    ['OPTIONS', {}, true],
    ['GET', { cookie: `payload-token=${valid}` }, true],
    ['PATCH', { authorization: `JWT ${valid}` }, true],
    ['GET', { authorization: `Bearer ${valid}` }, true],
    // A forged or stale cookie waits like anonymous, even next to a valid one elsewhere.
    ['GET', { cookie: 'payload-token=forged.cookie.value' }, false],
    ['GET', { cookie: `payload-token=${sign({ exp: NOW + 3600, id: 1 }, { key: 'guessed' })}` }, false],
    ['GET', { authorization: 'JWT forged.token.value', cookie: `payload-token=${valid}` }, true],
    ['GET', { authorization: 'users API-Key 0123456789' }, false],
  ])('%s with %p skips the line: %p', (method, headers, skips) => {
    expect(skipsTheLine({ headers: new Headers(headers), method }, KEY, NOW)).toBe(skips)
  })
})

describe('the answer of a refused request', () => {
  it.each<['full' | 'timeout', RegExp]>([
    ['full', /too many anonymous requests are waiting/],
    ['timeout', /waited too long/],
  ])('%p is a 503 with Retry-After and a JSON error', (why, message) => {
    const answer = refusedAnswer(why)
    expect(answer.status).toBe(503)
    expect(answer.retryAfter).toBeGreaterThan(0)
    expect(answer.body.errors[0]?.name).toBe('ServiceUnavailable')
    expect(answer.body.errors[0]?.message).toMatch(message)
  })
})

describe('the line of anonymous requests', () => {
  it('runs the bound at once, gives freed places first come first served, refuses beyond the queue, and times out waiters', async () => {
    {
      const line = new AnonymousLine({ concurrency: 2, queue: 2, waitMs: 50 })
      const order: string[] = []
      const track = (name: string, turn: Promise<string>) => turn.then((result) => order.push(`${name}:${result}`))
      await expect(line.enter()).resolves.toBe('run')
      await expect(line.enter()).resolves.toBe('run')
      const third = track('third', line.enter())
      const fourth = track('fourth', line.enter())
      await expect(line.enter()).resolves.toBe('full')
      expect([line.running, line.waiting]).toEqual([2, 2])
      line.leave()
      await third
      expect(order).toEqual(['third:run'])
      expect([line.running, line.waiting]).toEqual([2, 1])
      // Nobody leaves: the fourth gives up after its wait.
      await fourth
      expect(order).toEqual(['third:run', 'fourth:timeout'])
      expect([line.running, line.waiting]).toEqual([2, 0])
      line.leave()
      line.leave()
      expect([line.running, line.waiting]).toEqual([0, 0])
    }
  })

  it('drops a waiter whose client went away, and keeps the order of the others', async () => {
    const line = new AnonymousLine({ concurrency: 1, queue: 5, waitMs: 60_000 })
    await line.enter()
    const gone = new AbortController()
    const first = line.enter(gone.signal)
    const second = line.enter()
    gone.abort()
    await expect(first).resolves.toBe('aborted')
    expect(line.waiting).toBe(1)
    line.leave()
    await expect(second).resolves.toBe('run')
    line.leave()
    expect([line.running, line.waiting]).toEqual([0, 0])
  })
})
