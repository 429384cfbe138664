import { z } from 'zod'

import {
  boundedJsonSchema,
  calendarDateSchema,
  describeValue,
  documentIdSchema,
  emptyOr,
  FIELD_LIMITS,
  oneOfSchema,
  rowsOr,
  textListSchema,
  textSchema,
  versionSchema,
} from '../../rules/fieldSchemas.js'

// What a schema makes of a value: the parsed value, or the first issue's message.
const outcome = (schema: z.ZodType, value: unknown): { error: string } | { ok: unknown } => {
  const parsed = schema.safeParse(value)
  return parsed.success ? { ok: parsed.data } : { error: parsed.error.issues[0]?.message ?? '' }
}

describe('describeValue: a value named in a message, never whole when long', () => {
  it.each<[unknown, string]>([
    [null, 'empty'],
    [new Date(0), 'a date'],
    [[1, 2], 'a list'],
    ['abc', '"abc"'],
    ['x'.repeat(61), 'a text of 61 characters'],
    [{ a: 1 }, 'a mapping'],
    [42, 'number 42'],
    [true, 'boolean true'],
  ])('%p → %s', (value, described) => {
    expect(describeValue(value)).toBe(described)
  })
})

describe('textSchema: a non-empty line within its bound', () => {
  const isBad = (value: string) => (value === 'bad' ? 'is bad' : null)
  it.each<[string, z.ZodType, unknown, { error: string } | { ok: unknown }]>([
    ['trimmed', textSchema(), '  Title ', { ok: 'Title' }],
    ['blank', textSchema(), '   ', { error: 'must not be empty' }],
    ['missing', textSchema(), undefined, { error: 'is required' }],
    ['not text', textSchema(), 5, { error: 'must be text, not number 5' }],
    ['too long', textSchema(), 'x'.repeat(FIELD_LIMITS.maxText + 1), { error: `must be at most ${FIELD_LIMITS.maxText} characters` }],
    ['its own bound', textSchema(undefined, 3), 'abcd', { error: 'must be at most 3 characters' }],
    ['a format problem', textSchema(isBad), 'bad', { error: 'is bad' }],
    ['a good format', textSchema(isBad), 'good', { ok: 'good' }],
  ])('%s', (_label, schema, value, expected) => {
    expect(outcome(schema, value)).toEqual(expected)
  })

  it('an over-long value gets the length error only, not a format error besides', () => {
    const parsed = textSchema(() => 'is bad', 3).safeParse('abcd')
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)).toEqual(['must be at most 3 characters'])
  })
})

describe('oneOfSchema and textListSchema', () => {
  it.each<[string, z.ZodType, unknown, { error: string } | { ok: unknown }]>([
    ['one of the list', oneOfSchema(['a', 'b']), 'a', { ok: 'a' }],
    ['not in the list', oneOfSchema(['a', 'b']), 'c', { error: '"c" is not one of a, b' }],
    ['no choice', oneOfSchema(['a', 'b']), undefined, { error: 'is required' }],
    ['a single value is a list of one', textListSchema(1), 'one', { ok: ['one'] }],
    ['too few', textListSchema(1), [], { error: 'must name at least 1' }],
    ['too many', textListSchema(0, 2), ['a', 'b', 'c'], { error: 'must name at most 2' }],
    ['a blank item', textListSchema(0), ['a', ' '], { error: 'must not be empty' }],
    ['not a list', textListSchema(0), 7, { error: 'must be a list of text, not number 7' }],
  ])('%s', (_label, schema, value, expected) => {
    expect(outcome(schema, value)).toEqual(expected)
  })
})

describe('calendarDateSchema: a calendar day, quoted or a YAML date', () => {
  it.each<[unknown, { error: string } | { ok: unknown }]>([
    ['2025-12-30', { ok: '2025-12-30' }],
    [' 2025-12-30 ', { ok: '2025-12-30' }],
    [new Date(Date.UTC(2025, 11, 30)), { ok: '2025-12-30' }],
    [new Date(Date.UTC(2025, 11, 30, 10)), { error: 'a date is not a date of the form YYYY-MM-DD' }],
    ['2025-02-30', { error: '"2025-02-30" is not a date of the form YYYY-MM-DD' }],
    ['30/12/2025', { error: '"30/12/2025" is not a date of the form YYYY-MM-DD' }],
    [undefined, { error: 'is required' }],
  ])('%p', (value, expected) => {
    expect(outcome(calendarDateSchema, value)).toEqual(expected)
  })
})

describe('versionSchema and documentIdSchema', () => {
  it.each<[string, z.ZodType, unknown, { error: string } | { ok: unknown }]>([
    ['a version', versionSchema, 'v1', { ok: 'v1' }],
    ['a bare number is text', versionSchema, 2, { ok: '2' }],
    ['a blank version', versionSchema, '  ', { error: 'must not be empty' }],
    ['no version', versionSchema, undefined, { error: 'is required' }],
    ['an id', documentIdSchema, 5, { ok: 5 }],
    ['an id as digits', documentIdSchema, ' 12 ', { ok: 12 }],
    ['zero', documentIdSchema, 0, { error: 'must be the id of a document, not number 0' }],
    ['a fraction', documentIdSchema, 1.5, { error: 'must be the id of a document, not number 1.5' }],
    ['words', documentIdSchema, 'abc', { error: 'must be the id of a document, not "abc"' }],
    ['a boolean', documentIdSchema, true, { error: 'must be the id of a document, not boolean true' }],
  ])('%s', (_label, schema, value, expected) => {
    expect(outcome(schema, value)).toEqual(expected)
  })
})

describe('emptyOr, rowsOr and boundedJsonSchema', () => {
  const circular: Record<string, unknown> = {}
  circular.self = circular
  it.each<[string, z.ZodType, unknown, { error: string } | { ok: unknown }]>([
    ['an empty text is empty', emptyOr(textSchema()), '', { ok: null }],
    ['absent', emptyOr(textSchema()), undefined, { ok: undefined }],
    ['a value', emptyOr(textSchema()), 'x', { ok: 'x' }],
    ['a bad value stays bad', emptyOr(textSchema()), 5, { error: 'must be text, not number 5' }],
    ["the admin's row count 0 is no rows", rowsOr(z.array(z.string())), 0, { ok: [] }],
    ['an empty text is no rows', rowsOr(z.array(z.string())), '', { ok: [] }],
    ['rows', rowsOr(z.array(z.string())), ['a'], { ok: ['a'] }],
    ['null', rowsOr(z.array(z.string())), null, { ok: null }],
    ['small JSON', boundedJsonSchema, { a: [1, 2] }, { ok: { a: [1, 2] } }],
    ['JSON over the budget', boundedJsonSchema, 'x'.repeat(FIELD_LIMITS.maxJson), { error: `must be at most ${FIELD_LIMITS.maxJson} characters of JSON` }],
    ['not JSON', boundedJsonSchema, circular, { error: 'must be JSON' }],
  ])('%s', (_label, schema, value, expected) => {
    expect(outcome(schema, value)).toEqual(expected)
  })
})
