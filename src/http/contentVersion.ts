import { createHash } from 'node:crypto'

import { type Endpoint, getPayload, type Payload, type SanitizedConfig } from 'payload'

import { EVIDENCE_CHECKS_SLUG } from '../../collections/EvidenceChecks/index.js'
import { todayUtc } from '../../rules/calendarDate.js'
import { endpointPathPattern, escapedForPattern } from '../../rules/httpCache.js'
import { DEFAULT_OPTIONS, pluginOptionsOf } from '../../rules/options.js'
import { tableNameOf } from '../../rules/tableNames.js'
import { freshRead } from './freshRead.js'
import { READS_CONTENT_VERSION, type VersionReader } from './versionScope.js'

/** Options of `contentVersion`. */
export interface ContentVersionOptions {
  /**
   * Slugs of the collections anonymous answers are read from.
   * @default the plugin's articles, glossary terms and sources (the slugs stored on the config), and the evidence checks a page shows
   */
  collections?: string[]
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The version as an SQL expression: per table, its latest change and its count of deleted rows. */
export const contentVersionExpression = (tables: string[], schema = 'public'): string =>
  `concat_ws('|', ${tables
    .map((table) => {
      const qualified = `${quoted(schema)}.${quoted(table)}`
      // max(updated_at) reads one entry of Payload's index on updated_at; deletions leave no row
      // behind, so the server's count of deleted tuples stands for them (it trails by seconds).
      return `(select max(updated_at) from ${qualified})::text, pg_stat_get_tuples_deleted('${qualified.replace(/'/g, "''")}'::regclass)`
    })
    .join(', ')})`

/** The one statement that reads the version. */
export const contentVersionSql = (tables: string[], schema = 'public'): string => `select ${contentVersionExpression(tables, schema)} as version`

/**
 * What identifies the current state of the published content for `withHttpCaching`'s `version`
 * option: the latest update and the deletions of each collection anonymous answers are read
 * from, and today's date (review states and citations follow the calendar). One indexed SQL
 * statement, no body read, shared by the requests that asked while the previous one was under way. A change reaches the version when it is committed; a deletion within
 * seconds (the server's statistics); a reviewer's display name (users are left out, every login changes them) by
 * the next day or the article's next change.
 */
export const contentVersion = (config: Promise<SanitizedConfig> | SanitizedConfig, options: ContentVersionOptions = {}): VersionReader => {
  let statement: null | { expression: string; name: string; text: string } = null
  const statementOf = (payload: Payload) => {
    if (statement === null) {
      // The slugs the plugin stored on the config (a host may rename its collections).
      const slugs = (pluginOptionsOf(payload.config) ?? DEFAULT_OPTIONS).collections
      const collections = options.collections ?? [slugs.articles, slugs.glossaryTerms, slugs.sources, EVIDENCE_CHECKS_SLUG]
      const tables = collections.map(tableNameOf)
      const schema = payload.db.schemaName || 'public'
      const text = contentVersionSql(tables, schema)
      // A prepared statement (per connection, named by its text): planned once, not per request,
      // which is most of its cost (0.9 ms as text, 0.2 ms prepared, measured on a local server).
      statement = { expression: contentVersionExpression(tables, schema), name: `content-version-${hashOf(text)}`, text }
    }
    return statement
  }
  // Concurrent requests share a read that started after each of them arrived (`freshRead`): as
  // fresh as a read per request, one statement where there were as many as requests.
  const read = freshRead(async () => {
    const payload: Payload = await getPayload({ config })
    const { name, text } = statementOf(payload)
    const { rows } = await payload.db.pool.query<{ version: string }>({ name, text })
    return `${todayUtc(new Date())}|${rows[0]?.version ?? ''}`
  })
  let declared: null | RegExp[] = null
  return Object.assign(read, {
    // The GET endpoints that declare they read the version with their first statement (the article page: src/delivery/articlePage.ts).
    readByHandler: async (pathname: string) => {
      declared ??= versionReadingPaths(await config)
      return declared.some((path) => path.test(pathname))
    },
    withColumns: async <Row extends Record<string, unknown>>({ columns, name, rest, values }: { columns: string; name: string; rest: string; values: unknown[] }) => {
      const payload: Payload = await getPayload({ config })
      const text = `select ${statementOf(payload).expression} as version, ${columns} ${rest}`
      const { rows } = await payload.db.pool.query<Row & { version: string }>({ name: `${name}-${hashOf(text)}`, text, values })
      return { rows, version: rows[0] ? `${todayUtc(new Date())}|${rows[0].version}` : null }
    },
  })
}

/** The request paths of the GET endpoints (root and collections') that declare `READS_CONTENT_VERSION`. */
export const versionReadingPaths = (config: Pick<SanitizedConfig, 'collections' | 'endpoints' | 'routes'>): RegExp[] => {
  const api = config.routes?.api ?? '/api'
  const declaring = (endpoints: unknown, prefix: string): RegExp[] =>
    (Array.isArray(endpoints) ? (endpoints as Endpoint[]) : [])
      .filter((endpoint) => endpoint.method === 'get' && endpoint.custom?.[READS_CONTENT_VERSION] === true)
      .map((endpoint) => new RegExp(`^${escapedForPattern(prefix)}${endpointPathPattern(endpoint.path)}$`))
  return [
    ...declaring(config.endpoints, api),
    ...(config.collections ?? []).flatMap((collection) => declaring(collection.endpoints, `${api}/${collection.slug}`)),
  ]
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16)
