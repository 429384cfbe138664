import type { CollectionConfig, Config } from 'payload'
import * as graphql from 'graphql'
import { getTableColumns } from '@payloadcms/db-postgres/drizzle'
import { PgTable, pgTable, serial } from '@payloadcms/db-postgres/drizzle/pg-core'

import { createArticlesCollection } from '../../collections/Articles/index.js'
import { createGlossaryTermsCollection } from '../../collections/GlossaryTerms/index.js'
import { createSourcesCollection } from '../../collections/Sources/index.js'
import { COLLECTION_PARTS, type CollectionParts, declareParts, type GraphQLExtension, partsOf, type SchemaHook } from '../../collections/parts.js'
import { DEFAULT_OPTIONS } from '../../rules/options.js'
import { withSchemaHooks } from '../../src/database/withSchemaHooks.js'
import { composeGraphQL } from '../../src/graphql/composeGraphQL.js'
import { searchTableOf } from '../../src/search/searchIndex.js'

// What a collection adds outside its own config (GraphQL pieces, tables) is declared by its
// factory and only composed by the plugin entry.

type Extension = Parameters<GraphQLExtension>
const collection = (slug: string, parts?: CollectionParts): CollectionConfig => ({
  slug,
  fields: [],
  ...(parts ? { custom: declareParts(parts) } : {}),
})
const answers =
  (names: Record<string, string>): GraphQLExtension =>
  () =>
    names

// A GraphQL context with the given collections' list and single queries, each taking `select`.
const contextWith = (slugs: string[]): Extension[1] => {
  const fields: Record<string, { args: Record<string, unknown> }> = {}
  const collections: Record<string, unknown> = {}
  for (const slug of slugs) {
    const name = slug[0]?.toUpperCase() + slug.slice(1)
    collections[slug] = { graphQL: { paginatedType: { name: `${name}s` }, type: { name } } }
    fields[name] = { args: { id: {}, select: {} } }
    fields[`${name}s`] = { args: { select: {}, where: {} } }
  }
  return { collections, Query: { fields } } as unknown as Extension[1]
}
const run = (extension: GraphQLExtension | undefined, context = contextWith([])) =>
  extension?.(graphql as unknown as Extension[0], context) as Record<string, unknown>

describe('declareParts / partsOf', () => {
  it('keeps the parts on the collection and reads them back', () => {
    const parts: CollectionParts = { graphQLQueries: answers({ a: 'a' }), graphQLSelectByDefault: true }
    expect(partsOf(collection('a', parts))).toBe(parts)
    expect(collection('a', parts).custom).toEqual({ [COLLECTION_PARTS]: parts })
  })
  it.each([
    ['no custom', collection('a')],
    ['another key', { ...collection('a'), custom: { other: 1 } }],
    ['not an object', { ...collection('a'), custom: { [COLLECTION_PARTS]: 'x' } }],
  ])('reads no parts from a collection with %s', (_case, config) => {
    expect(partsOf(config)).toEqual({})
  })
})

describe('composeGraphQL', () => {
  const articles = collection('article', {
    graphQLMutations: answers({ move: 'article' }),
    graphQLQueries: answers({ search: 'article', shared: 'article' }),
    graphQLSelectByDefault: true,
  })
  const terms = collection('term', { graphQLQueries: answers({ lookup: 'term' }) })
  const plain = collection('page')

  it.each<[string, NonNullable<Config['graphQL']> | undefined, Record<string, string>, Record<string, string>]>([
    ['no host pieces', undefined, { lookup: 'term', search: 'article', shared: 'article' }, { move: 'article' }],
    [
      "the host's pieces, the collections' winning a name",
      { mutations: answers({ hostMove: 'host' }), queries: answers({ hostQuery: 'host', shared: 'host' }) },
      { hostQuery: 'host', lookup: 'term', search: 'article', shared: 'article' },
      { hostMove: 'host', move: 'article' },
    ],
  ])('adds what each collection declared: %s', (_case, host, queries, mutations) => {
    const composed = composeGraphQL([articles, terms, plain], host)
    expect(run(composed.queries)).toEqual(queries)
    expect(run(composed.mutations)).toEqual(mutations)
  })

  it("turns `select` on by default only for the collections that declare it, the host's queries winning", () => {
    const context = contextWith(['article', 'term', 'page'])
    const queries = run(composeGraphQL([articles, terms, plain], { queries: answers({ Article: 'host' }) }).queries, context)
    const selectOf = (name: string) => (queries[name] as undefined | { args: { select: { defaultValue?: unknown } } })?.args.select
    expect(queries.Article).toBe('host')
    expect(selectOf('Articles')).toEqual({ defaultValue: true, type: graphql.GraphQLBoolean })
    expect(queries.Term).toBeUndefined()
    expect(queries.Page).toBeUndefined()
  })
})

describe('withSchemaHooks', () => {
  const adapter = (name: string) => {
    const afterSchemaInit: unknown[] = []
    const db = { defaultIDType: 'number', init: () => ({ afterSchemaInit, name }), name } as unknown as Config['db']
    return { afterSchemaInit, db }
  }
  const hook: SchemaHook = ({ schema }) => schema

  it("adds the declared hooks to the Postgres adapter's afterSchemaInit", () => {
    const { afterSchemaInit, db } = adapter('postgres')
    withSchemaHooks(db, [hook]).init({ payload: {} } as never)
    expect(afterSchemaInit).toEqual([hook])
  })
  it('leaves the adapter as it is when nothing is declared', () => {
    const { db } = adapter('mongoose')
    expect(withSchemaHooks(db, [])).toBe(db)
  })
  it('refuses another adapter when a table is declared, naming it', () => {
    const { db } = adapter('mongoose')
    expect(() => withSchemaHooks(db, [hook]).init({ payload: {} } as never)).toThrow(/needs the PostgreSQL adapter.*"mongoose"/)
  })
})

describe("the plugin's collections declare their parts", () => {
  it("articles: delivery queries, workflow mutations, lean reads, the search table, the source facts' index, the texts' and the lists' indexes", () => {
    const parts = partsOf(createArticlesCollection(DEFAULT_OPTIONS))
    expect(parts.graphQLSelectByDefault).toBe(true)
    expect(typeof parts.graphQLQueries).toBe('function')
    expect(typeof parts.graphQLMutations).toBe('function')
    const [searchTable, snapshotIndex, textsIndex, listIndexes, ...others] = parts.schemaHooks ?? []
    expect(others).toEqual([])
    // The search table is added beside the articles table, and only when that table exists.
    const articles = pgTable('articles', { id: serial('id').primaryKey() })
    const tables: Record<string, unknown> = { articles }
    void searchTable?.({ schema: { tables } } as never)
    const search = tables[searchTableOf('articles')]
    expect(search).toBeInstanceOf(PgTable)
    expect(Object.keys(getTableColumns(search as PgTable)).sort()).toEqual(['id', 'rankVector', 'vector'])
    expect(() => searchTable?.({ schema: { tables: {} } } as never)).toThrow(/no "articles" table/)
    // The index of approved articles' source facts extends the articles table itself.
    const extended: unknown[] = []
    void snapshotIndex?.({ extendTable: ({ table }: { table: unknown }) => extended.push(table), schema: { tables } } as never)
    expect(extended).toEqual([articles])
    // The parent index of the values of its hasMany text fields, and of their versions.
    const texts = pgTable('articles_texts', { id: serial('id').primaryKey() })
    const versionTexts = pgTable('_articles_v_texts', { id: serial('id').primaryKey() })
    const withTexts: unknown[] = []
    void textsIndex?.({
      extendTable: ({ table }: { table: unknown }) => withTexts.push(table),
      schema: { tables: { ...tables, _articles_v_texts: versionTexts, articles_texts: texts } },
    } as never)
    expect(withTexts).toEqual([texts, versionTexts])
    // The lists' and the queue's indexes extend the articles table and its texts table.
    const listed: unknown[] = []
    void listIndexes?.({ extendTable: ({ table }: { table: unknown }) => listed.push(table), schema: { tables: { ...tables, articles_texts: texts } } } as never)
    expect(listed).toEqual([articles, texts])
    expect(() => listIndexes?.({ extendTable: () => undefined, schema: { tables: {} } } as never)).toThrow(/no "articles" table/)
  })
  it('glossary terms: the lookup query and lean reads; sources: nothing outside their config', () => {
    const terms = partsOf(createGlossaryTermsCollection(DEFAULT_OPTIONS))
    expect(terms.graphQLSelectByDefault).toBe(true)
    expect(typeof terms.graphQLQueries).toBe('function')
    expect(terms.graphQLMutations).toBeUndefined()
    expect(terms.schemaHooks).toHaveLength(1)
    expect(partsOf(createSourcesCollection(DEFAULT_OPTIONS))).toEqual({})
  })
})
