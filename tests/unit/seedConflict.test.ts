import { ValidationError } from 'payload'

import { isConflict } from '../../seed/upsert.js'

// Errors as the driver, drizzle and Payload hand them up: a code on the error or on a cause.
const withCode = (code: string): Error => Object.assign(new Error(`database error ${code}`), { code })
const wrapped = (cause: unknown, depth: number): unknown =>
  depth === 0 ? cause : new Error('wrapped', { cause: wrapped(cause, depth - 1) })
const validation = (message: string): ValidationError =>
  new ValidationError({ collection: 'articles', errors: [{ message, path: 'url' }] })

describe('isConflict (the importer retries only what a retry can resolve)', () => {
  it.each([
    ['a unique key taken (23505)', withCode('23505'), true],
    ['a serialization failure (40001)', withCode('40001'), true],
    ['a deadlock (40P01)', withCode('40P01'), true],
    ['a unique key taken, wrapped by drizzle', wrapped(withCode('23505'), 1), true],
    ['a deadlock four causes down', wrapped(withCode('40P01'), 4), true],
    ['a deadlock five causes down (too deep to look)', wrapped(withCode('40P01'), 5), false],
    ["Payload's unique-value error", validation('Value must be unique'), true],
    ["the write rules' working-copy check", validation('Value must be unique: another document already has this url.'), true],
    ['a field error of another kind', validation('This field is required.'), false],
    ['a not-null violation (23502)', withCode('23502'), false],
    ['a lock timeout (55P03)', withCode('55P03'), false],
    ['a plain error', new Error('boom'), false],
    ['a string', '23505', false],
    ['nothing', undefined, false],
    ['null', null, false],
  ])('%s: %p', (_name, error, expected) => {
    expect(isConflict(error)).toBe(expected)
  })
})
