import { type CollectionBeforeOperationHook, type CollectionSlug, type PayloadRequest, ValidationError } from 'payload'

import type { FieldProblem } from '../rules/citation.js'
import { idOf } from '../rules/ids.js'
import { type BodyLimits, lexicalBodyProblems } from '../rules/lexicalBody.js'
import { checkWrite, type WriteRules } from '../rules/writeRules.js'
import { findWorkingCopy } from '../src/records/articleLock.js'

/** A check of a write that needs the database (relations, uniqueness), run in the request's transaction. */
export type StoredStateCheck = (input: {
  /** The collection written to. */
  collection: CollectionSlug
  data: Record<string, unknown>
  /** The document written; `null` for a create or a bulk update. */
  id: null | number | string
  operation: 'create' | 'update'
  req: PayloadRequest
}) => Promise<FieldProblem[]>

/**
 * Validates every create and update of a collection (single, bulk, REST, GraphQL, Local API;
 * drafts included, which Payload's own field validation skips) before Payload touches the
 * data: each value sent by the rules of rules/writeRules.ts, then `checks` against the stored
 * state inside the request's transaction. System fields (`id`, `createdAt`, `updatedAt`) are
 * dropped. Any problem is a `ValidationError` with field paths (HTTP 400) and nothing is written.
 */
export const validateWriteBeforeOperation =
  (rules: WriteRules, ...checks: StoredStateCheck[]): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    if (!('data' in args) || args.data === undefined) return args
    // A duplicate's data overrides a copy of the original: like an update, it sends only some fields.
    const duplicating = operation === 'create' && 'duplicateFromID' in args && args.duplicateFromID != null
    const checked = checkWrite(rules, args.data, duplicating ? 'update' : operation)
    if (!checked.ok) throw new ValidationError({ collection: collection.slug, errors: checked.problems, req })
    const id = 'id' in args ? idOf(args.id) : null
    const problems: FieldProblem[] = []
    for (const check of checks) problems.push(...(await check({ collection: collection.slug, data: checked.data, id, operation, req })))
    if (problems.length > 0) throw new ValidationError({ collection: collection.slug, errors: problems, req })
    return { ...args, data: checked.data }
  }

/**
 * A check that the ids sent for a relationship field name stored documents of `relationTo`
 * (one query, in the request's transaction).
 */
export const relationsExist =
  (field: string, relationTo: CollectionSlug): StoredStateCheck =>
  async ({ data, req }) => {
    const value = data[field]
    const ids = (Array.isArray(value) ? value : [value]).map(idOf).filter((id): id is number | string => id !== null)
    if (ids.length === 0) return []
    const unique = [...new Set(ids)]
    const { docs } = await req.payload.find({
      collection: relationTo,
      depth: 0,
      limit: unique.length,
      overrideAccess: true,
      pagination: false,
      req,
      select: {},
      where: { id: { in: unique } },
    })
    const found = new Set(docs.map((doc) => String(doc.id)))
    const missing = unique.filter((id) => !found.has(String(id)))
    return missing.length === 0
      ? []
      : [{ message: `No ${relationTo} with the id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}.`, path: field }]
  }

/**
 * A check that no other document's working copy (its latest version, drafts included) holds
 * the value sent for `field`: the database's unique index sees only published rows, so a
 * draft could otherwise take another article's URL. A bulk update may not set the field.
 */
export const uniqueAmongWorkingCopies =
  (field: string): StoredStateCheck =>
  async ({ collection, data, id, operation, req }) => {
    const value = data[field]
    if (typeof value !== 'string' || value === '') return []
    if (operation === 'update' && id === null) {
      return [{ message: `A bulk update cannot give several documents one ${field}.`, path: field }]
    }
    const other = await findWorkingCopy(req, {
      collection,
      select: {},
      where: id === null ? { [field]: { equals: value } } : { and: [{ [field]: { equals: value } }, { id: { not_equals: id } }] },
    })
    return other === undefined ? [] : [{ message: `Value must be unique: another document already has this ${field}.`, path: field }]
  }

/** A check that the body sent is a well-formed Lexical document of the body editor's nodes, within the budget. */
export const wellFormedBody =
  (nodeTypes: readonly string[], limits: BodyLimits): StoredStateCheck =>
  async ({ data }) =>
    'body' in data ? lexicalBodyProblems(data.body, nodeTypes, limits) : []
