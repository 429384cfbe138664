import { boundErrorForLog, boundLogArgument, MAX_LOG_STACK, MAX_LOG_TEXT, truncateForLog } from '../../rules/logBounds.js'

const huge = 'x'.repeat(5_000_000)

describe('truncateForLog', () => {
  it.each<[number, number]>([
    [0, 0],
    [10, 10],
    [MAX_LOG_TEXT, MAX_LOG_TEXT],
  ])('keeps a text of %p characters whole', (length, expected) => {
    expect(truncateForLog('a'.repeat(length)).length).toBe(expected)
  })

  it('cuts a long text and says how much was left out', () => {
    const cut = truncateForLog(huge)
    expect(cut.length).toBeLessThan(MAX_LOG_TEXT + 60)
    expect(cut).toContain(`[${5_000_000 - MAX_LOG_TEXT} more characters]`)
  })
})

describe('boundErrorForLog', () => {
  it('bounds a drizzle query error of a 5 MB write and never writes its parameters', () => {
    const cause = Object.assign(new Error(`invalid byte sequence for encoding "UTF8": 0x00`), { code: '22021' })
    const error = Object.assign(new Error(`Failed query: insert into "articles" ("title") values ($1)\nparams: ${huge}`), {
      cause,
      params: [huge, 'secret-value'],
      query: `insert into "articles" ("title") values ($1) ${huge}`,
    })
    const bounded = boundErrorForLog(error)
    const size = JSON.stringify(bounded).length
    expect(size).toBeLessThan(3 * MAX_LOG_TEXT + MAX_LOG_STACK + 1_000)
    expect(bounded.params).toBe(2)
    expect(JSON.stringify(bounded)).not.toContain('secret-value')
    expect(bounded.cause?.code).toBe('22021')
    expect(bounded.type).toBe('Error')
  })

  it('keeps only stack frames (the first line repeats the message)', () => {
    const error = new Error(huge)
    const bounded = boundErrorForLog(error)
    expect(bounded.stack?.length ?? 0).toBeLessThanOrEqual(MAX_LOG_STACK + 60)
    expect(bounded.stack).not.toContain('xxxx')
    expect(bounded.stack).toMatch(/^\s+at /)
  })

  it('reduces a validation error to its field paths', () => {
    const error = Object.assign(new Error('The following field is invalid: title'), {
      data: { errors: [{ message: huge, path: 'title' }] },
      name: 'ValidationError',
      status: 400,
    })
    expect(boundErrorForLog(error)).toMatchObject({ fields: ['title'], status: 400, type: 'ValidationError' })
    expect(JSON.stringify(boundErrorForLog(error)).length).toBeLessThan(MAX_LOG_TEXT + MAX_LOG_STACK + 500)
  })

  it('follows at most three causes', () => {
    let error: unknown = new Error('root')
    for (let index = 0; index < 10; index += 1) error = Object.assign(new Error(`level ${index}`), { cause: error })
    let depth = 0
    for (let link = boundErrorForLog(error).cause; link; link = link.cause) depth += 1
    expect(depth).toBe(3)
  })

  it.each<[unknown, string]>([
    ['a string thrown', 'string'],
    [42, 'number'],
    [null, 'object'],
  ])('copes with %p', (thrown, type) => {
    expect(boundErrorForLog(thrown).type).toBe(type)
  })
})

describe('boundLogArgument', () => {
  it('cuts strings, bounds err properties and long string properties', () => {
    expect((boundLogArgument(huge) as string).length).toBeLessThan(MAX_LOG_TEXT + 60)
    const bounded = boundLogArgument({ err: new Error(huge), msg: huge, n: 1 }) as Record<string, unknown>
    expect(JSON.stringify(bounded).length).toBeLessThan(3 * MAX_LOG_TEXT + MAX_LOG_STACK)
    expect(bounded.n).toBe(1)
  })

  it('turns an error logged alone into { err, msg }', () => {
    const bounded = boundLogArgument(new Error('boom')) as { err: { message: string }; msg: string }
    expect(bounded.msg).toBe('boom')
    expect(bounded.err.message).toBe('boom')
  })

  it.each<[unknown]>([[42], [null], [undefined], [[1, 2]]])('leaves %p as it is', (value) => {
    expect(boundLogArgument(value)).toEqual(value)
  })
})
