import { judgeTransactionClient } from '../../rules/transactionCheck.js'

const pool = { kind: 'pool' }
const client = { kind: 'client checked out of the pool' }

describe('judgeTransactionClient: is a begun transaction on a connection of its own?', () => {
  it.each([
    ['on a client checked out of the pool', { pool, transactionClient: client }, true],
    ['on the pool itself (two copies of pg)', { pool, transactionClient: pool }, false],
    ['on nothing', { pool, transactionClient: undefined }, false],
    ['on null', { pool, transactionClient: null }, false],
    ['without a pool to compare with (not a pooled adapter)', { pool: undefined, transactionClient: client }, true],
  ])('a transaction %s: ok %s', (_case, input, ok) => {
    expect(judgeTransactionClient(input).ok).toBe(ok)
  })

  it('names the cause and the fix when the transaction runs on the pool', () => {
    const verdict = judgeTransactionClient({ pool, transactionClient: pool })
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('npm ls pg') })
    expect(verdict.ok ? '' : verdict.reason).toContain('@payloadcms/db-postgres')
  })
})
