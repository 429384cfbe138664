/**
 * Which field paths a read may name (in `where`, `sort`, `select`, `populate` and `joins`),
 * judged on plain data: a view of the collections' fields and the set of collections the
 * caller may read. A filter or a sort is an oracle on the field it names, so a path may only
 * reach fields the caller could read in an answer; Payload's own checks miss some (a field
 * access function that is true when there is no document, sorts on hidden fields).
 */

/** A field as path checking needs it. */
export type FieldView =
  | { kind: 'data'; name: string }
  | { fields: readonly FieldView[]; kind: 'nested'; name: string }
  | { kind: 'relation'; name: string; relationTo: readonly string[] }

/** The fields of each collection, by slug. */
export type SchemaView = Readonly<Record<string, readonly FieldView[]>>

/**
 * Fields of an auth collection that no API caller may name in a query, whatever their role:
 * credentials, session ids and times, lock and reset state. Payload adds them to every auth
 * collection; the list is Payload 3's (local strategy, sessions, API keys, verification).
 */
export const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set([
  '_strategy',
  '_verificationToken',
  '_verified',
  'apiKey',
  'apiKeyIndex',
  'enableAPIKey',
  'hash',
  'lockUntil',
  'loginAttempts',
  'resetPasswordExpiration',
  'resetPasswordRequestedAt',
  'resetPasswordToken',
  'salt',
  'sessions',
])

/** The collections a path check needs to know about. */
export interface PathContext {
  /** Slugs of auth collections (their credential fields are never queryable). */
  authCollections: ReadonlySet<string>
  /** Slugs of the collections the caller may read (access `read` not `false`). */
  readable: ReadonlySet<string>
  schema: SchemaView
  /** Slugs of collections with versions: their version queries name fields as `version.<path>`. */
  versioned?: ReadonlySet<string>
}

/** A refused path and why, for a field-level error. */
export interface RefusedPath {
  message: string
  path: string
}

// After a relationship, naming the related document itself (or its id) reveals nothing the
// relationship field does not already answer.
const namesOnlyTheRelation = (rest: readonly string[], polymorphic: boolean): boolean => {
  if (rest.length === 0) return true
  if (polymorphic && (rest[0] === 'value' || rest[0] === 'relationTo')) return rest.length === 1
  return rest.length === 1 && rest[0] === 'id'
}

const walk = (
  collection: string,
  segments: readonly string[],
  fullPath: string,
  context: PathContext,
): null | RefusedPath => {
  let fields: readonly FieldView[] | undefined = context.schema[collection]
  let topLevel = true
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] ?? ''
    if (topLevel && context.authCollections.has(collection) && CREDENTIAL_FIELDS.has(segment)) {
      return { message: `${segment} of ${collection} cannot be queried`, path: fullPath }
    }
    const field = fields?.find((candidate) => candidate.name === segment)
    // Unknown names (and locale suffixes) are Payload's to judge: it refuses unknown paths.
    if (!field || field.kind === 'data') return null
    if (field.kind === 'nested') {
      fields = field.fields
      topLevel = false
      continue
    }
    const polymorphic = field.relationTo.length > 1
    let rest = segments.slice(index + 1)
    if (namesOnlyTheRelation(rest, polymorphic)) return null
    const unreadable = field.relationTo.find((slug) => !context.readable.has(slug))
    if (unreadable) {
      return { message: `${unreadable} cannot be queried through ${segments.slice(0, index + 1).join('.')}`, path: fullPath }
    }
    if (polymorphic) {
      if (rest[0] !== 'value') return null
      rest = rest.slice(1)
    }
    for (const target of field.relationTo) {
      const refused = walk(target, rest, fullPath, context)
      if (refused) return refused
    }
    return null
  }
  return null
}

/**
 * Judges one dotted field path (GraphQL's `__` separators accepted) on a collection: `null` when
 * it may be queried, else why not. A path may cross a relationship or join only into a
 * collection the caller may read, and may never name an auth collection's credential fields.
 */
export const judgeQueryPath = (collection: string, path: string, context: PathContext): null | RefusedPath => {
  const normalised = path.replace(/^-/, '').replace(/__/g, '.').trim()
  if (normalised === '') return null
  const segments = normalised.split('.')
  const asVersion =
    context.versioned?.has(collection) && segments[0] === 'version' && segments.length > 1
      ? walk(collection, segments.slice(1), normalised, context)
      : null
  return asVersion ?? walk(collection, segments, normalised, context)
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every field path a `where` names, nested relationship queries (`contains: { … }`) included. */
export const wherePaths = (where: unknown, prefix = ''): string[] => {
  if (!isPlainObject(where)) return []
  return Object.entries(where).flatMap(([key, constraint]) => {
    if ((key.toLowerCase() === 'and' || key.toLowerCase() === 'or') && Array.isArray(constraint)) {
      return constraint.flatMap((item) => wherePaths(item, prefix))
    }
    const path = `${prefix}${key}`
    const nested = isPlainObject(constraint)
      ? Object.values(constraint).flatMap((value) => (isPlainObject(value) ? wherePaths(value, `${path}.`) : []))
      : []
    return [path, ...nested]
  })
}

/** The paths of a `sort`: a string (comma-separated) or a list, `-` for descending. */
export const sortPaths = (sort: unknown, prefix = ''): string[] => {
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return list
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => `${prefix}${item.trim().replace(/^-/, '')}`)
}

/** The paths a `select` (or one collection's `populate` select) names. */
export const selectPaths = (select: unknown, prefix = ''): string[] => {
  if (!isPlainObject(select)) return []
  return Object.entries(select).flatMap(([key, value]) =>
    isPlainObject(value) ? [`${prefix}${key}`, ...selectPaths(value, `${prefix}${key}.`)] : [`${prefix}${key}`],
  )
}

/** The paths the `joins` options name: each join's own path, and its where and sort inside it. */
export const joinPaths = (joins: unknown): string[] => {
  if (!isPlainObject(joins)) return []
  return Object.entries(joins).flatMap(([path, query]) =>
    isPlainObject(query) ? [path, ...wherePaths(query.where, `${path}.`), ...sortPaths(query.sort, `${path}.`)] : [path],
  )
}

/** The arguments of a read as a beforeOperation hook sees them. */
export interface QueryArgs {
  joins?: unknown
  populate?: unknown
  select?: unknown
  sort?: unknown
  where?: unknown
}

/**
 * Every path a read's arguments name, on the collection read, and for `populate` on each
 * populated collection: `{ collection, path }` pairs to judge.
 */
export const queryPathsOf = (collection: string, args: QueryArgs): { collection: string; path: string }[] => {
  const own = [...wherePaths(args.where), ...sortPaths(args.sort), ...selectPaths(args.select), ...joinPaths(args.joins)].map(
    (path) => ({ collection, path }),
  )
  const populated = isPlainObject(args.populate)
    ? Object.entries(args.populate).flatMap(([slug, select]) => selectPaths(select).map((path) => ({ collection: slug, path })))
    : []
  return [...own, ...populated]
}

/**
 * Judges every path of a read; answers the refused ones (empty when the read may go ahead).
 * `populate` of a collection the caller may not read is refused as a whole; `select` paths are
 * refused only when they name credentials.
 */
export const refusedQueryPaths = (collection: string, args: QueryArgs, context: PathContext): RefusedPath[] => {
  // A `select` only shapes the answer: it filters and orders nothing, and population obeys read
  // access, so only credentials are refused there (GraphQL selects through relationships).
  const selected = new Set(selectPaths(args.select))
  let selecting: null | PathContext = null
  const refused = queryPathsOf(collection, args).flatMap(({ collection: slug, path }) => {
    if (slug !== collection && !context.readable.has(slug)) {
      return [{ message: `${slug} cannot be populated`, path: `populate.${slug}` }]
    }
    const verdict =
      slug === collection && selected.has(path)
        ? judgeQueryPath(slug, path, (selecting ??= { ...context, readable: new Set(Object.keys(context.schema)) }))
        : judgeQueryPath(slug, path, context)
    return verdict ? [verdict] : []
  })
  return refused.filter((item, index) => refused.findIndex((other) => other.path === item.path) === index)
}

/**
 * Whether judging a read's arguments (`refusedQueryPaths`) asks which collections the caller may
 * read: only paths other than the collection's own `select` paths do. A read naming none (a by id,
 * a list with a `select` of its own fields) is judged without evaluating every collection's access.
 */
export const consultsReadable = (collection: string, args: QueryArgs): boolean => {
  const selected = new Set(selectPaths(args.select))
  return queryPathsOf(collection, args).some(({ collection: slug, path }) => slug !== collection || !selected.has(path))
}
