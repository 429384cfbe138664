/**
 * What an anonymous read may cost: page sizes, population depth, join pages, the size of a
 * `where`, the bytes of an answer and the GraphQL cost of the plugin's own queries. Pure rules
 * over plain data; the hooks and the GraphQL schema wire them in.
 */

/**
 * The size of a `where` that no caller may exceed, staff included (rules/queryInput.ts refuses
 * more with 400 before SQL): how deeply `and`/`or` may nest, and how many conditions it may hold
 * in all. Anonymous reads have the tighter `maxWhereDepth`/`maxWhereConditions` of `ReadLimits`.
 */
export const MAX_WHERE_DEPTH = 8
export const MAX_WHERE_CONDITIONS = 200

/** The bounds on anonymous reads (see `limits` in the plugin options). */
export interface ReadLimits {
  /** Largest `depth` an anonymous read is served with; deeper asks are served at this depth. */
  maxDepth: number
  /** Largest page of a join (`joins[<field>][limit]`); `0` (all) is refused. */
  maxJoinLimit: number
  /** Largest page of a list or search (`limit`); `0` and `pagination=false` without a limit (all) are refused. */
  maxLimit: number
  /** Largest answer, in bytes of JSON, one anonymous request may be given (all its reads together). */
  maxResponseBytes: number
  /** Most conditions (field × operator pairs) and values (items of `in` lists) in one `where`. */
  maxWhereConditions: number
  /** Deepest nesting of `and`/`or` in one `where`. */
  maxWhereDepth: number
}

/** The defaults of `ReadLimits`. */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxDepth: 1,
  maxJoinLimit: 20,
  maxLimit: 100,
  maxResponseBytes: 8 * 1024 * 1024,
  maxWhereConditions: 50,
  maxWhereDepth: 4,
}

/** Longest `q` of a search and longest name or prefix of a glossary lookup, in characters. */
export const MAX_QUERY_TEXT_LENGTH = 200

/** A field-level problem with a read's arguments. */
export interface LimitProblem {
  message: string
  path: string
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const LIST_OPERATORS = new Set(['all', 'in', 'not_in'])

/** The size of a `where`: its conditions (values of list operators counted one each) and `and`/`or` depth. */
export const whereShape = (where: unknown): { conditions: number; depth: number } => {
  if (!isPlainObject(where)) return { conditions: 0, depth: 0 }
  let conditions = 0
  let depth = 0
  for (const [key, constraint] of Object.entries(where)) {
    if ((key.toLowerCase() === 'and' || key.toLowerCase() === 'or') && Array.isArray(constraint)) {
      for (const item of constraint) {
        const inner = whereShape(item)
        conditions += inner.conditions
        depth = Math.max(depth, inner.depth + 1)
      }
      continue
    }
    if (!isPlainObject(constraint)) {
      conditions += 1
      continue
    }
    for (const [operator, value] of Object.entries(constraint)) {
      if (Array.isArray(value)) conditions += Math.max(1, value.length)
      // REST sends list operators' values comma-separated; Payload splits them later.
      else if (typeof value === 'string' && LIST_OPERATORS.has(operator)) conditions += value.split(',').length
      else if (isPlainObject(value)) {
        const inner = whereShape(value)
        conditions += inner.conditions + 1
        depth = Math.max(depth, inner.depth + 1)
      } else conditions += 1
    }
  }
  return { conditions, depth }
}

// REST hands numbers over as strings; GraphQL and the Local API as numbers.
const asNumber = (value: unknown): number | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  return typeof value === 'number' ? value : Number(value)
}

/** The arguments of a read, as a beforeOperation hook sees them. */
export interface LimitedArgs {
  depth?: unknown
  joins?: unknown
  limit?: unknown
  pagination?: unknown
  where?: unknown
}

/**
 * The problems of an anonymous read's arguments against the limits: a page larger than
 * `maxLimit` or unbounded (`limit=0`, `pagination=false` without a limit), join pages likewise,
 * a `where` too large or too deep. `isList` is false for reads of one document (no page).
 */
export const readLimitProblems = (args: LimitedArgs, limits: ReadLimits, isList: boolean): LimitProblem[] => {
  const problems: LimitProblem[] = []
  if (isList) {
    const limit = asNumber(args.limit)
    const unbounded = limit === 0 || (limit === undefined && (args.pagination === false || args.pagination === 'false'))
    if (unbounded) problems.push({ message: `limit: give a page size from 1 to ${limits.maxLimit}`, path: 'limit' })
    else if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= limits.maxLimit)) {
      problems.push({ message: `limit must be a whole number from 1 to ${limits.maxLimit}`, path: 'limit' })
    }
  }
  if (isPlainObject(args.joins)) {
    for (const [path, query] of Object.entries(args.joins)) {
      if (!isPlainObject(query)) continue
      const limit = asNumber(query.limit)
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= limits.maxJoinLimit)) {
        problems.push({ message: `join limit must be a whole number from 1 to ${limits.maxJoinLimit}`, path: `joins.${path}.limit` })
      }
      const shape = whereShape(query.where)
      if (shape.conditions > limits.maxWhereConditions || shape.depth > limits.maxWhereDepth) {
        problems.push({ message: 'join where is too large', path: `joins.${path}.where` })
      }
    }
  }
  const shape = whereShape(args.where)
  if (shape.conditions > limits.maxWhereConditions) {
    problems.push({ message: `where has ${shape.conditions} conditions; at most ${limits.maxWhereConditions}`, path: 'where' })
  }
  if (shape.depth > limits.maxWhereDepth) {
    problems.push({ message: `where nests and/or ${shape.depth} deep; at most ${limits.maxWhereDepth}`, path: 'where' })
  }
  return problems
}

/** The depth an anonymous read is served with: what it asked (or the default), at most `maxDepth`. */
export const cappedDepth = (asked: unknown, defaultDepth: number, limits: ReadLimits): number => {
  const depth = asNumber(asked)
  const wanted = depth === undefined || !Number.isFinite(depth) ? defaultDepth : Math.max(0, Math.floor(depth))
  return Math.min(wanted, limits.maxDepth)
}

/**
 * The plugin's GraphQL queries, priced by what they do (Payload's limit is 1000 by default; a
 * field costs 1, a relationship 10). A search ranks the matching articles in the database, then
 * reads a page of them; an article page renders a whole body to HTML and reads its glossary; a
 * glossary lookup reads terms and the articles that use them. Each hit costs what its selection
 * costs.
 */
export const DELIVERY_QUERY_COSTS = {
  articlePage: { base: 250, perItem: 0 },
  glossaryLookup: { base: 20, perItem: 2 },
  searchArticles: { base: 100, perItem: 2 },
} as const

/** A plugin query's name. */
export type DeliveryQuery = keyof typeof DELIVERY_QUERY_COSTS

/** Default page sizes of the plugin's queries when `limit` is not given. */
export const DELIVERY_DEFAULT_LIMITS: Record<DeliveryQuery, number> = { articlePage: 1, glossaryLookup: 10, searchArticles: 10 }

/** Largest page sizes the plugin's queries answer (a larger `limit` is refused with 400). */
export const DELIVERY_MAX_LIMITS: Record<DeliveryQuery, number> = { articlePage: 1, glossaryLookup: 50, searchArticles: 50 }

/**
 * The GraphQL complexity of one of the plugin's queries: its base cost plus, per item of the
 * page it may answer (at most its largest page), the cost of the selection (at least `perItem`).
 */
export const deliveryQueryCost = (query: DeliveryQuery, args: Record<string, unknown>, childComplexity: number): number => {
  const { base, perItem } = DELIVERY_QUERY_COSTS[query]
  const asked = asNumber(args.limit)
  const wanted = asked !== undefined && Number.isFinite(asked) && asked > 0 ? asked : DELIVERY_DEFAULT_LIMITS[query]
  const items = Math.min(wanted, DELIVERY_MAX_LIMITS[query])
  return base + items * Math.max(perItem, childComplexity)
}

/**
 * A GraphQL error message without graphql-js's spelling suggestions (`Did you mean "title"?`),
 * which would list the schema's names to a caller who may not introspect it.
 */
export const withoutSuggestions = (message: string): string => message.replace(/\s*Did you mean [^?]*\?/g, '').trim()

/** True when an answer of `bytes` more would take a request past its budget. */
export const overBudget = (spent: number, bytes: number, limits: ReadLimits): boolean => spent + bytes > limits.maxResponseBytes
