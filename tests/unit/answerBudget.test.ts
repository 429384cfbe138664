import { type BudgetedRequest, chargedWhenSerialised, chargeReadResult } from '../../hooks/guardReadsBeforeOperation.js'
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../../rules/limits.js'
import { withAnswerBudget } from '../../src/http/withAnswerBudget.js'

// The anonymous response budget counted once, where the REST answer is serialised
// (withAnswerBudget), with the read hook leaving the count of its top-level results to it.

const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, maxResponseBytes: 1000 }

// What the budget reads of a request: who asks, and the context it is kept on.
const anonymousReq = (): BudgetedRequest => ({ context: {}, user: null })
const signedInReq = (): BudgetedRequest => ({ context: {}, user: { collection: 'users', id: 1 } })

// What the read hook does after a `find` (chargeResponseBudgetAfterOperation answers the result).
const afterRead = async (req: BudgetedRequest, result: unknown, args: Record<string, unknown> = {}) => {
  chargeReadResult({ args, operation: 'find', req, result }, limits)
  return result
}

const bytes = (count: number) => ({ text: 'x'.repeat(count - 11) }) // {"text":"…"} is `count` bytes

/**
 * A REST handler as Payload's, seen from the budget: its reads run the hook with the request
 * (Payload's `req` is the route's Request itself), then it serialises the result.
 */
const payloadLike =
  (result: unknown, options: { populated?: unknown[]; user?: boolean } = {}) =>
  async (request: Request) => {
    const req = Object.assign(request, { context: {}, user: options.user ? { collection: 'users', id: 1 } : null })
    for (const doc of options.populated ?? []) await afterRead(req, doc, { currentDepth: 1 })
    await afterRead(req, result)
    return Response.json(result, { headers: { 'Access-Control-Allow-Origin': 'https://app.example', ETag: '"built"' } })
  }

const get = (path = '/api/articles') => new Request(`http://localhost${path}`)

describe('the read hook alone (no withAnswerBudget): counts every result itself', () => {
  it.each([
    ['within the budget', [400, 600], 'served'],
    ['past it together', [600, 401], 'refused'],
  ])('%s', async (_, sizes, outcome) => {
    const req = anonymousReq()
    const reads = async () => {
      for (const size of sizes) await afterRead(req, bytes(size))
    }
    if (outcome === 'served') await expect(reads()).resolves.toBeUndefined()
    else await expect(reads()).rejects.toMatchObject({ status: 413 })
  })
  it('does not count a signed-in request', async () => {
    await expect(afterRead(signedInReq(), bytes(5000))).resolves.toEqual(bytes(5000))
  })
})

describe('withAnswerBudget: the answer counted once, as serialised', () => {
  it('leaves the top-level result to the route: the hook counts nothing, even past the budget', async () => {
    const req = anonymousReq()
    const charge = { pending: null }
    await chargedWhenSerialised.run(req, charge, async () => {
      await expect(afterRead(req, bytes(5000))).resolves.toEqual(bytes(5000))
    })
    expect(charge.pending).toEqual({ limits, req })
  })
  it('still counts documents read to populate as they come (a costly population stops early)', async () => {
    const req = anonymousReq()
    await chargedWhenSerialised.run(req, { pending: null }, async () => {
      await expect(afterRead(req, bytes(5000), { currentDepth: 1 })).rejects.toMatchObject({ status: 413 })
    })
  })
  it.each([
    ['an answer within the budget is served as built', 1000, 200],
    ['an answer one byte past it is refused', 1001, 413],
  ])('%s', async (_, size, status) => {
    const answer = await withAnswerBudget(payloadLike(bytes(size)))(get(), {})
    expect(answer.status).toBe(status)
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example')
    if (status === 200) {
      expect(await answer.json()).toEqual(bytes(size))
      expect(answer.headers.get('ETag')).toBe('"built"')
    } else {
      expect(await answer.json()).toEqual({ errors: [{ message: 'the answer would exceed 1000 bytes: ask for fewer documents or fields' }] })
      expect(answer.headers.get('ETag')).toBeNull()
    }
  })
  it('counts the populated documents and the answer together, as the hook alone does', async () => {
    // 600 bytes populated + a 401-byte answer: 1001, one past the budget, with and without the route's count.
    const refused = await withAnswerBudget(payloadLike(bytes(401), { populated: [bytes(600)] }))(get(), {})
    expect(refused.status).toBe(413)
    const served = await withAnswerBudget(payloadLike(bytes(400), { populated: [bytes(600)] }))(get(), {})
    expect(served.status).toBe(200)
  })
  it('passes a signed-in answer through untouched, whatever its size', async () => {
    const handler = payloadLike(bytes(5000), { user: true })
    const answer = await withAnswerBudget(handler)(get(), {})
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual(bytes(5000))
  })
  it('leaves other methods to the hook', async () => {
    const seen: (null | object | undefined)[] = []
    const handler = async (request: Request) => {
      seen.push(chargedWhenSerialised.get(request) ?? null)
      return new Response(null, { status: 204 })
    }
    await withAnswerBudget(handler)(new Request('http://localhost/api/articles', { method: 'POST' }), {})
    expect(seen).toEqual([null])
  })
})
