import { MAX_WHERE_CONDITIONS, MAX_WHERE_DEPTH } from './limits.js'

/**
 * Query input checked before it reaches SQL: a `where` (REST, GraphQL, Local API), `page` and
 * `limit`. Pure: the caller tells it what each field path is (`resolveField`); it answers field
 * errors (`{ path, message }`) for what PostgreSQL would reject or misread, so a bad query is a
 * 400 naming the path, never a 500.
 */

/** What the check needs to know of a field a `where` names. */
export interface QueryField {
  /** Whether the field holds several values (hasMany select, text, number or relationship). */
  hasMany?: boolean
  /** The allowed values of a select field. */
  options?: readonly string[]
  /** Payload's field type (`text`, `select`, `date`, `number`, `relationship`, …); `id` for ids. */
  type: string
}

/** A field error as Payload's ValidationError takes it. */
export interface QueryProblem {
  message: string
  path: string
}

/** Every operator Payload's `where` knows. */
export const WHERE_OPERATORS = [
  'all',
  'contains',
  'equals',
  'exists',
  'greater_than',
  'greater_than_equal',
  'in',
  'intersects',
  'less_than',
  'less_than_equal',
  'like',
  'near',
  'not_equals',
  'not_in',
  'not_like',
  'within',
] as const

type Operator = (typeof WHERE_OPERATORS)[number]

const COMPARE: readonly Operator[] = ['equals', 'not_equals', 'in', 'not_in', 'all', 'exists']
const ORDER: readonly Operator[] = ['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const TEXT_MATCH: readonly Operator[] = ['like', 'not_like', 'contains']
const GEO: readonly Operator[] = ['near', 'within', 'intersects']

/** Operators each kind of field supports; anything else is refused before SQL. */
const OPERATORS_BY_TYPE: Record<string, readonly Operator[]> = {
  checkbox: ['equals', 'not_equals', 'exists'],
  code: [...COMPARE, ...ORDER, ...TEXT_MATCH],
  date: [...COMPARE, ...ORDER],
  email: [...COMPARE, ...ORDER, ...TEXT_MATCH],
  id: [...COMPARE, ...ORDER],
  number: [...COMPARE, ...ORDER],
  point: [...COMPARE, ...GEO],
  relationship: [...COMPARE],
  select: [...COMPARE],
  text: [...COMPARE, ...ORDER, ...TEXT_MATCH],
  textarea: [...COMPARE, ...ORDER, ...TEXT_MATCH],
  upload: [...COMPARE],
}

/** Largest id of a serial (PostgreSQL `integer`) primary key. */
export const MAX_SERIAL_ID = 2_147_483_647
// The size of a `where` for every caller, staff included: its one home is rules/limits.ts.
export { MAX_WHERE_CONDITIONS, MAX_WHERE_DEPTH } from './limits.js'
/** Largest `page` a list accepts (beyond it, OFFSET arithmetic overflows). */
export const MAX_PAGE = 100_000

const NUL = '\u0000'

const isIntegerText = (value: string): boolean => /^\d{1,10}$/.test(value)

/** What is wrong with `value` as a serial id (a non-negative integer that fits `integer`), or `null`. */
export const serialIdProblem = (value: unknown): null | string => {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= MAX_SERIAL_ID ? null : `is not a valid id: ${String(value).slice(0, 40)}`
  }
  if (typeof value === 'string') {
    return isIntegerText(value) && Number(value) <= MAX_SERIAL_ID ? null : `is not a valid id: ${value.slice(0, 40)}`
  }
  return 'is not a valid id'
}

/**
 * The id an operation was asked for, as its client wrote it. On a REST by-id route Payload has
 * already turned the path's id into a number ("1e3" is 1000, "5.0" is 5) before the operation's
 * hooks see it: when the route names this collection and the same number, the path's text is
 * what was written; otherwise the operation's own id.
 */
export const idAsWritten = (operationId: unknown, route: undefined | { collection?: unknown; id?: unknown }, slug: string): unknown =>
  typeof route?.id === 'string' && route.collection === slug && Number(route.id) === Number(operationId) ? route.id : operationId

const scalarProblem = (field: QueryField, value: unknown): null | string => {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'is not a date' : null
  if (typeof value === 'object') return 'needs a single value, not an object or a list'
  const text = String(value)
  if (text.includes(NUL)) return 'contains a NUL byte'
  switch (field.type) {
    case 'id':
    case 'relationship':
    case 'upload':
      return serialIdProblem(value)
    case 'number': {
      const number = typeof value === 'number' ? value : Number(text)
      return text.trim() !== '' && Number.isFinite(number) && Math.abs(number) <= Number.MAX_SAFE_INTEGER ? null : `is not a number: ${text.slice(0, 40)}`
    }
    case 'date': {
      const time = new Date(typeof value === 'number' ? value : text).getTime()
      // PostgreSQL timestamps end at year 294276; JavaScript dates already at 275760.
      return Number.isNaN(time) ? `is not a date: ${text.slice(0, 40)}` : null
    }
    case 'select':
      return field.options && !field.options.includes(text) ? `must be one of ${field.options.join(', ')}` : null
    case 'checkbox':
      return ['true', 'false', '1', '0'].includes(text) ? null : 'must be true or false'
    default:
      return null
  }
}

// `in`, `not_in` and `all` take a list, as an array or a comma-separated string (REST).
const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]

const MAX_LIST = 1000

/** The problems of one `{ operator: value }` on one field. */
export const checkCondition = (path: string, field: QueryField, operator: string, value: unknown): QueryProblem[] => {
  if (!(WHERE_OPERATORS as readonly string[]).includes(operator)) {
    return [{ message: `${path}: unknown operator "${operator.slice(0, 40)}"`, path }]
  }
  const allowed = OPERATORS_BY_TYPE[field.type]
  if (allowed && !allowed.includes(operator as Operator)) {
    return [{ message: `${path}: the operator "${operator}" cannot be used on a ${field.type} field (use one of ${allowed.join(', ')})`, path }]
  }
  if (operator === 'exists') {
    return ['true', 'false', '1', '0'].includes(String(value)) ? [] : [{ message: `${path}: exists must be true or false`, path }]
  }
  if (operator === 'in' || operator === 'not_in' || operator === 'all') {
    const values = listOf(value)
    if (values.length > MAX_LIST) return [{ message: `${path}: at most ${MAX_LIST} values`, path }]
    const problem = values.map((item) => scalarProblem(field, item)).find((item) => item !== null)
    return problem ? [{ message: `${path}: ${problem}`, path }] : []
  }
  if (operator === 'near' || operator === 'within' || operator === 'intersects') {
    return typeof value === 'string' && value.includes(NUL) ? [{ message: `${path}: contains a NUL byte`, path }] : []
  }
  if (TEXT_MATCH.includes(operator as Operator)) {
    if (typeof value !== 'string' && typeof value !== 'number') return [{ message: `${path}: ${operator} needs a text`, path }]
    return String(value).includes(NUL) ? [{ message: `${path}: contains a NUL byte`, path }] : []
  }
  const problem = scalarProblem(field, value)
  return problem ? [{ message: `${path}: ${problem}`, path }] : []
}

/**
 * Checks a whole `where`: its shape (objects of paths, `and`/`or` lists), depth and size, every
 * path that `resolveField` knows and every condition on it. Paths it does not know are left to
 * Payload (which refuses unknown paths and paths the caller may not query).
 *
 * @example checkWhere({ status: { like: 'act' } }, (path) => (path === 'status' ? { type: 'select', options: ['draft'] } : undefined))
 * // → [{ path: 'status', message: 'status: the operator "like" cannot be used on a select field (…)' }]
 */
export const checkWhere = (where: unknown, resolveField: (path: string) => QueryField | undefined): QueryProblem[] => {
  const problems: QueryProblem[] = []
  let conditions = 0
  const visit = (node: unknown, depth: number): void => {
    if (node === undefined || node === null) return
    if (typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ message: 'where: must be an object of field conditions', path: 'where' })
      return
    }
    if (depth > MAX_WHERE_DEPTH) {
      problems.push({ message: `where: and/or may nest at most ${MAX_WHERE_DEPTH} deep`, path: 'where' })
      return
    }
    for (const [key, value] of Object.entries(node)) {
      if (problems.length > 20) return
      if (key.includes(NUL)) {
        problems.push({ message: 'where: a field path contains a NUL byte', path: 'where' })
        continue
      }
      if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
        const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : null
        if (!list) {
          problems.push({ message: `where: ${key} must be a list of conditions`, path: 'where' })
          continue
        }
        for (const item of list) visit(item, depth + 1)
        continue
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        problems.push({ message: `${key}: needs an operator, e.g. ${key}[equals]=…`, path: key })
        continue
      }
      const field = resolveField(key)
      for (const [operator, operand] of Object.entries(value)) {
        conditions += 1
        if (conditions > MAX_WHERE_CONDITIONS) {
          problems.push({ message: `where: at most ${MAX_WHERE_CONDITIONS} conditions`, path: 'where' })
          return
        }
        if (field) problems.push(...checkCondition(key, field, operator, operand))
        else if (typeof operand === 'string' && operand.includes(NUL)) problems.push({ message: `${key}: contains a NUL byte`, path: key })
      }
    }
  }
  visit(where, 0)
  return problems
}

/**
 * Checks `page` and `limit` of a list: whole numbers, `page` from 1 to MAX_PAGE, `limit` from 0
 * (Payload's "no limit") up. The largest allowed `limit` is a cost rule of its own.
 */
export const checkPagination = ({ limit, page }: { limit?: unknown; page?: unknown }): QueryProblem[] => {
  const problems: QueryProblem[] = []
  const whole = (value: unknown) => {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
    return Number.isSafeInteger(number) ? number : null
  }
  if (page !== undefined && page !== null && page !== '') {
    const number = whole(page)
    if (number === null || number < 1 || number > MAX_PAGE) problems.push({ message: `page must be a whole number from 1 to ${MAX_PAGE}`, path: 'page' })
  }
  if (limit !== undefined && limit !== null && limit !== '') {
    const number = whole(limit)
    if (number === null || number < 0) problems.push({ message: 'limit must be a whole number, 0 or more', path: 'limit' })
  }
  return problems
}

/** Whether any string in a value (keys included) holds a NUL byte, which PostgreSQL text cannot store. */
export const containsNul = (value: unknown, depth = 0): boolean => {
  if (typeof value === 'string') return value.includes(NUL)
  if (!value || typeof value !== 'object' || depth > 64) return false
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1))
  return Object.entries(value).some(([key, item]) => key.includes(NUL) || containsNul(item, depth + 1))
}

/**
 * The path of the first string (or key) holding a NUL byte in a write's data, e.g.
 * `evidence.0.url`, or `null`. PostgreSQL text cannot store NUL: without this check it fails
 * mid-statement (SQLSTATE 22021) instead of answering a field error.
 */
export const nulPathOf = (value: unknown, path = '', depth = 0): null | string => {
  if (typeof value === 'string') return value.includes(NUL) ? path || 'data' : null
  if (!value || typeof value !== 'object' || depth > 64) return null
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key
    if (key.includes(NUL)) return path || 'data'
    const found = nulPathOf(item, itemPath, depth + 1)
    if (found) return found
  }
  return null
}

/** Whether a write's data is a JSON object (not a string, number, list or null). */
export const isDataObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
