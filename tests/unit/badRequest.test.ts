import { ValidationError } from 'payload'
import { z } from 'zod'

import { parseOrBadRequest } from '../../rules/badRequest.js'

const schema = z.strictObject({ limit: z.coerce.number().int().min(1).max(50).optional(), q: z.string().min(2) })
const context = { collection: 'articles', fallbackPath: 'q', req: undefined as never }

const errorsOf = (run: () => unknown): { message: string; path: string }[] => {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).status).toBe(400)
    return (error as ValidationError).data.errors.map(({ message, path }) => ({ message, path }))
  }
  throw new Error('expected a ValidationError')
}

describe('parseOrBadRequest', () => {
  it('returns the parsed value', () => {
    expect(parseOrBadRequest(schema, { limit: '5', q: 'tumor' }, context)).toEqual({ limit: 5, q: 'tumor' })
  })

  it.each([
    [{ q: 't' }, ['q']],
    [{ limit: 0, q: 'tumor' }, ['limit']],
    [{ limit: 'x', q: '' }, ['limit', 'q']],
    [{ extra: 1, q: 'tumor' }, ['q']],
    ['not an object', ['q']],
    [null, ['q']],
  ])('refuses %p naming %p', (value, paths) => {
    expect(errorsOf(() => parseOrBadRequest(schema, value, context)).map((error) => error.path)).toEqual(paths)
  })

  it('gives the caller’s own errors when it asks', () => {
    const errors = errorsOf(() =>
      parseOrBadRequest(schema, {}, { ...context, errorsOf: () => [{ message: 'give a query', path: 'search' }] }),
    )
    expect(errors).toEqual([{ message: 'give a query', path: 'search' }])
  })
})
