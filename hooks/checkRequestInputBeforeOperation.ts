import type { Access, CollectionBeforeOperationHook, FlattenedField, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import {
  checkPagination,
  checkWhere,
  type QueryField,
  type QueryProblem,
  isDataObject,
  idAsWritten,
  nulPathOf,
  serialIdProblem,
} from '../rules/queryInput.js'

// How many relationship hops a `where` path may take before the check leaves it to Payload.
const MAX_HOPS = 4

const optionValues = (options: readonly (string | { value: string })[]): string[] =>
  options.map((option) => (typeof option === 'string' ? option : option.value))

/**
 * What a `where` path names, looked up in the collection's fields and, across relationships, in
 * the related collections' fields. `undefined` for paths the check leaves to Payload (unknown
 * paths, polymorphic relationships, JSON and rich text).
 */
const resolvePath = (fields: FlattenedField[], segments: string[], req: PayloadRequest, hops: number, top: boolean): QueryField | undefined => {
  const [head, ...rest] = segments
  if (!head) return undefined
  if (head === 'id' && rest.length === 0) return top ? { type: 'id' } : { type: 'text' }
  const field = fields.find((candidate) => candidate.name === head)
  if (!field) return undefined
  switch (field.type) {
    case 'relationship':
    case 'upload': {
      if (typeof field.relationTo !== 'string') return undefined
      if (rest.length === 0) return { hasMany: Boolean(field.hasMany), type: field.type }
      if (hops >= MAX_HOPS) return undefined
      const related = req.payload.collections[field.relationTo]?.config.flattenedFields
      return related ? resolvePath(related, rest, req, hops + 1, true) : undefined
    }
    case 'array':
    case 'group':
    case 'tab':
      return rest.length > 0 ? resolvePath(field.flattenedFields, rest, req, hops, false) : undefined
    case 'select':
    case 'radio':
      return rest.length === 0 ? { hasMany: 'hasMany' in field && Boolean(field.hasMany), options: optionValues(field.options), type: 'select' } : undefined
    case 'checkbox':
    case 'code':
    case 'date':
    case 'email':
    case 'number':
    case 'point':
    case 'text':
    case 'textarea':
      return rest.length === 0 ? { hasMany: 'hasMany' in field && Boolean(field.hasMany), type: field.type } : undefined
    default:
      return undefined
  }
}

/**
 * Refuses query and write input that PostgreSQL would choke on, before any SQL runs, with a 400
 * naming the path: a `where` with an operator its field does not have (like on a select or a
 * date, near on a text), a value outside an enumeration, an id that is no id, a NUL byte; a bad
 * `page` or `limit`; write data that is not an object or holds a NUL byte. The rules are pure
 * (rules/queryInput.ts); this only reads the collection's fields.
 */
export const checkRequestInputBeforeOperation: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  const problems: QueryProblem[] = []
  // Collections with a custom id type keep their own id format; the plugin's use serial ids.
  const serialIds = !collection.flattenedFields.some((field) => field.name === 'id')
  // The id as written (on a REST by-id route, the path's text: Payload has made "1e3" 1000).
  const writtenId = 'id' in args ? idAsWritten(args.id, req.routeParams, collection.slug) : undefined
  const idProblem = writtenId !== undefined && serialIds ? serialIdProblem(writtenId) : null
  if (idProblem) problems.push({ message: `id: ${idProblem}`, path: 'id' })
  if ('where' in args && args.where) {
    problems.push(
      ...checkWhere(args.where, (path) => {
        const field = resolvePath(collection.flattenedFields, path.split('.'), req, 0, true)
        return field?.type === 'id' && !serialIds ? { type: 'text' } : field
      }),
    )
  }
  if ('page' in args || 'limit' in args) {
    problems.push(...checkPagination({ limit: 'limit' in args ? args.limit : undefined, page: 'page' in args ? args.page : undefined }))
  }
  // A create or update without data (a body Payload could not read as fields) fails deep inside
  // Payload with a TypeError; say what is wrong instead.
  const needsData = operation === 'create' || operation === 'update'
  if ((needsData && 'data' in args) || ('data' in args && args.data !== undefined)) {
    if (!isDataObject(args.data)) {
      problems.push({ message: 'The request body must be a JSON object of fields.', path: 'data' })
    } else {
      const nulPath = nulPathOf(args.data)
      if (nulPath) problems.push({ message: `${nulPath}: contains a NUL byte`, path: nulPath })
    }
  }
  if (problems.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors: problems.slice(0, 20), req })
  }
  return args
}

// Fields every version row has besides the document itself (under `version.`).
const VERSION_FIELDS: Record<string, QueryField> = {
  autosave: { type: 'checkbox' },
  createdAt: { type: 'date' },
  id: { type: 'id' },
  latest: { type: 'checkbox' },
  parent: { type: 'relationship' },
  updatedAt: { type: 'date' },
}

/**
 * Payload runs no collection hook before listing versions (`GET /api/<collection>/versions`), so
 * the same checks run at the door instead: wraps the collection's `readVersions` access to refuse
 * a bad `where`, `page` or `limit` of the request (400 with the paths) before the query is built.
 */
export const withVersionQueryChecks =
  (readVersions: Access, slug: string): Access =>
  (args) => {
    const { req } = args
    const fields = Object.values(req.payload.collections).find((candidate) => candidate.config.slug === slug)?.config.flattenedFields ?? []
    const query = req.query as Record<string, unknown> | undefined
    if (query && (query.where || query.page !== undefined || query.limit !== undefined)) {
      const problems = [
        ...checkWhere(query.where, (path) => {
          if (VERSION_FIELDS[path]) return VERSION_FIELDS[path]
          return path.startsWith('version.') ? resolvePath(fields, path.slice('version.'.length).split('.'), req, 0, false) : undefined
        }),
        ...checkPagination({ limit: query.limit, page: query.page }),
      ]
      if (problems.length > 0) throw new ValidationError({ errors: problems.slice(0, 20), req })
    }
    return readVersions(args)
  }
