import {
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type Payload,
  type PayloadRequest,
  APIError,
  ValidationError,
} from 'payload'

import { RequestSlot } from '../src/http/requestSlot.js'
import { cappedDepth, overBudget, type ReadLimits, readLimitProblems } from '../rules/limits.js'
import { consultsReadable, type FieldView, type PathContext, refusedQueryPaths, type SchemaView } from '../rules/queryPaths.js'

const toView = (field: FlattenedField): FieldView | null => {
  switch (field.type) {
    case 'array':
    case 'group':
    case 'tab':
      return 'name' in field && field.name ? { fields: toViews(field.flattenedFields), kind: 'nested', name: field.name } : null
    case 'blocks':
      return { fields: toViews(field.blocks.flatMap((block) => block.flattenedFields)), kind: 'nested', name: field.name }
    case 'join':
      return { kind: 'relation', name: field.name, relationTo: [field.collection].flat() }
    case 'relationship':
    case 'upload':
      return { kind: 'relation', name: field.name, relationTo: [field.relationTo].flat() }
    default:
      return { kind: 'data', name: field.name }
  }
}

const toViews = (fields: readonly FlattenedField[]): FieldView[] =>
  fields.map(toView).filter((view): view is FieldView => view !== null)

// The schema does not change while the app runs: one view per Payload instance.
const views = new WeakMap<Payload, Omit<PathContext, 'readable'>>()

const schemaOf = (payload: Payload): Omit<PathContext, 'readable'> => {
  const known = views.get(payload)
  if (known) return known
  const configs = Object.values(payload.collections).map((collection) => collection.config)
  const schema: SchemaView = Object.fromEntries(configs.map((config) => [config.slug, toViews(config.flattenedFields)]))
  const view = {
    authCollections: new Set(configs.filter((config) => Boolean(config.auth)).map((config) => config.slug)),
    schema,
    versioned: new Set(configs.filter((config) => Boolean(config.versions)).map((config) => config.slug)),
  }
  views.set(payload, view)
  return view
}

// Evaluated once per request, and only for a read whose paths need it (`consultsReadable`):
// every collection's read access for this caller.
const readableByRequest = new WeakMap<PayloadRequest, Promise<Set<string>>>()

const readableFor = (req: PayloadRequest): Promise<Set<string>> => {
  const known = readableByRequest.get(req)
  if (known) return known
  const configs = Object.values(req.payload.collections).map(({ config }) => config)
  const slugs = configs.map((config) => String(config.slug))
  // Access functions answer synchronously more often than not: a promise only where one does.
  const verdicts = configs.map((config) => (config.access?.read ? config.access.read({ req }) : Boolean(req.user)))
  const readable = (settled: unknown[]) => new Set(slugs.filter((_, index) => settled[index] !== false))
  const found = verdicts.some((verdict) => verdict instanceof Promise) ? Promise.all(verdicts).then(readable) : Promise.resolve(readable(verdicts))
  readableByRequest.set(req, found)
  return found
}

const NONE: ReadonlySet<string> = new Set()

const GUARDED = new Set(['count', 'countVersions', 'delete', 'read', 'readDistinct', 'update'])

/**
 * One guard for every collection's reads (and bulk writes' `where`): a caller may name in
 * `where`, `sort`, `select`, `populate` and `joins` only paths that stay inside collections
 * they may read, and nobody names an auth collection's credentials (sessions, hash, tokens,
 * lock state). Anonymous reads are also held to the `limits` option: page and join sizes,
 * `where` size and depth (refused with 400), population depth (capped).
 */
export const guardReadsBeforeOperation =
  (limits: ReadLimits): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, overrideAccess, req }) => {
    if (overrideAccess === true || !GUARDED.has(operation)) return args
    // Every operation's arguments, read as plain data (each names only some of these keys).
    const plain: Record<string, unknown> = { ...args }
    const context: PathContext = { ...schemaOf(req.payload), readable: consultsReadable(collection.slug, plain) ? await readableFor(req) : NONE }
    const refused = refusedQueryPaths(collection.slug, plain, context)
    const isList = (operation === 'read' || operation === 'readDistinct') && plain.id === undefined
    // Population (Payload's dataloader: `currentDepth` set, 0 from GraphQL's resolvers, 1 and
    // more from REST; ids of documents already read) is bounded by the read that asked for it
    // and by the response budget, not by page limits. Top-level reads never carry `currentDepth`.
    const populating = typeof plain.currentDepth === 'number'
    const bounded = !req.user && !populating && operation !== 'delete' && operation !== 'update'
    const tooCostly = bounded ? readLimitProblems(plain, limits, isList) : []
    const errors = [...refused, ...tooCostly]
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors, req })
    if (req.user || populating || operation !== 'read') return args
    return { ...args, depth: cappedDepth(plain.depth, req.payload.config.defaultDepth, limits) }
  }

const spentByRequest = new WeakMap<object, number>()

/** What the response budget reads of a request (a `PayloadRequest` is one): who asks, and the context it is kept on. */
export interface BudgetedRequest {
  context?: unknown
  user?: unknown
}

// GraphQL hands each resolver its own copy of the request (isolating its transaction); they
// share the request's `context` object, so the budget is kept on that.
const budgetKeyOf = (req: BudgetedRequest): object => (typeof req.context === 'object' && req.context !== null ? req.context : req)

/**
 * Counts `bytes` of answer against an anonymous request's budget (`limits.maxResponseBytes`,
 * shared by every read of the request: REST, each GraphQL field, the plugin's own queries).
 * @throws APIError 413 when the request would go past its budget
 */
export const chargeResponseBudget = (req: BudgetedRequest, bytes: number, limits: ReadLimits): void => {
  if (req.user) return
  const key = budgetKeyOf(req)
  const spent = spentByRequest.get(key) ?? 0
  if (overBudget(spent, bytes, limits)) {
    throw new APIError(`the answer would exceed ${limits.maxResponseBytes} bytes: ask for fewer documents or fields`, 413, null, true)
  }
  spentByRequest.set(key, spent + bytes)
}

/** The size of a value's JSON in bytes (what the answer will carry). */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '')

/**
 * Where a request's answer is counted as it is serialised (`withAnswerBudget` around a REST
 * route): its top-level reads are not serialised a second time to be counted. The hook leaves
 * here what the count needs (the request and its limits); reads of documents to populate are
 * still counted as they come, so a costly population stops early.
 */
export interface SerialisedCharge {
  pending: null | { limits: ReadLimits; req: BudgetedRequest }
}

/** Set by `withAnswerBudget` around the handler: its requests' answers are counted once, serialised. */
export const chargedWhenSerialised = new RequestSlot<SerialisedCharge>()

const CHARGED = new Set(['find', 'findByID', 'findVersionByID', 'findVersions'])

/** What the budget reads of a finished operation (a collection's afterOperation arguments are one). */
export interface FinishedRead {
  args: object
  operation: string
  req: BudgetedRequest & object
  result: unknown
}

/**
 * Charges an anonymous read's result to its request's response budget (`chargeResponseBudget`),
 * or, for a top-level read of a request counted where it is serialised (`chargedWhenSerialised`),
 * leaves the count to that.
 * @throws APIError 413 when the request would go past its budget
 */
export const chargeReadResult = ({ args, operation, req, result }: FinishedRead, limits: ReadLimits): void => {
  if (req.user || !CHARGED.has(operation)) return
  const populating = 'currentDepth' in args && typeof args.currentDepth === 'number'
  const serialised = populating ? undefined : chargedWhenSerialised.get(req)
  if (serialised) serialised.pending = { limits, req }
  else chargeResponseBudget(req, jsonBytes(result), limits)
}

/** Charges every anonymous read's result to its request's response budget (see `chargeReadResult`). */
export const chargeResponseBudgetAfterOperation =
  (limits: ReadLimits): CollectionAfterOperationHook =>
  (read) => {
    chargeReadResult(read, limits)
    return read.result
  }
