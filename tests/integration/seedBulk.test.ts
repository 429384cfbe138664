import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { type ImportSummary, runImport } from '../../seed/importer.js'
import { bootPayloadOn } from '../helpers/ownDatabase.js'
import { shutdownPayload } from '../helpers/shutdown.js'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// The bulk path against Payload's create: the same documents imported both ways into an empty
// database, and every table the import writes compared row by row. Generated ids
// become natural keys (an article's url, a term's NCI id, a source's label); array rows' random
// ids and timestamps are left aside.

const CORPUS = path.resolve('seed/corpus')
const GLOSSARY = path.join(CORPUS, 'nci-glossary.jsonl')
const SAMPLE = ['000_5863a9b69b1446f4.txt', 'pdq/17800_21_hydrazine-sulfate-pdq.md', 'pdq/18200_29_breast-screening-pdq.md', 'pdq/17900_23_mistletoe-pdq.md']
const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const NAME = `${process.env.TEST_DATABASE_NAME}_seed_bulk`
const SITE = 'https://www.cancer.gov/test-seed-bulk'

// Statuses and shapes the corpus lacks: drafts, a submission, a retired article, tags, an
// overdue review, a term the glossary lacks, and one the rules refuse (an active article whose
// citation names another source), which both paths must report alike.
const extraDocuments = (reference: string): Record<string, string> => {
  const variant = (name: string, changes: [RegExp, string][], append = ''): [string, string] => {
    let text = reference.replace(/^url: .*$/m, `url: ${SITE}/${name}`).replace(/^title: .*$/m, `title: Bulk ${name}`)
    for (const [pattern, value] of changes) text = text.replace(pattern, value)
    return [`${name}.md`, `${text}${append}`]
  }
  return Object.fromEntries([
    variant('draft', [[/^status: .*$/m, 'status: draft'], [/^tags:\n- cancer-type$/m, 'tags: [one, two, three]']]),
    variant('in-review', [[/^status: .*$/m, 'status: in_review'], [/^lastReviewed: .*$/m, '']]),
    variant('retired', [[/^status: .*$/m, 'status: retired'], [/^reviewFrequency: .*$/m, 'reviewFrequency: monthly']]),
    variant('overdue', [[/^lastReviewed: .*$/m, "lastReviewed: '2020-01-15'"], [/^citation: .*$/m, 'citation: NCI, 2020']]),
    variant('new-term', [], '\nSee [a term of its own](/publications/dictionaries/cancer-terms/def/991234) and [PMID 123](https://pubmed.ncbi.nlm.nih.gov/123/).\n'),
    variant('refused', [[/^citation: .*$/m, 'citation: WHO, 2025']]),
  ])
}

const query = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

type Row = Record<string, unknown>

// Columns that differ between two equal imports: generated ids of array rows and timestamps.
const LEFT_ASIDE = new Set(['_uuid', 'created_at', 'updated_at', 'version_created_at', 'version_updated_at'])

/** Every table an import writes, rows in comparable form, sorted. */
const dump = async (url: string): Promise<Record<string, string[]>> => {
  const keyOf = async (sql: string): Promise<Map<string, string>> =>
    new Map((await query<{ id: number | string; key: string }>(url, sql)).map((row) => [String(row.id), row.key]))
  const articleUrl = await keyOf('select id, url as key from articles')
  const versionUrl = await keyOf('select v.id, a.url as key from _articles_v v join articles a on a.id = v.parent_id')
  const nciId = await keyOf('select id, nci_id as key from glossary_terms')
  const label = await keyOf('select id, label as key from sources')
  const map = (keys: Map<string, string>) => (value: unknown) => (value === null ? null : (keys.get(String(value)) ?? `unknown ${String(value)}`))
  const bindings: Record<string, Record<string, (value: unknown) => unknown>> = {
    _articles_v: { id: map(versionUrl), parent_id: map(articleUrl), version_source_id: map(label) },
    _articles_v_rels: { glossary_terms_id: map(nciId), id: () => null, parent_id: map(versionUrl) },
    _articles_v_texts: { id: () => null, parent_id: map(versionUrl) },
    _articles_v_version_changes: { _parent_id: map(versionUrl), id: () => null },
    _articles_v_version_evidence: { _parent_id: map(versionUrl), id: () => null },
    articles: { id: map(articleUrl), source_id: map(label) },
    articles_changes: { _parent_id: map(articleUrl), id: () => null },
    articles_evidence: { _parent_id: map(articleUrl), id: () => null },
    articles_rels: { glossary_terms_id: map(nciId), id: () => null, parent_id: map(articleUrl) },
    articles_search: { id: map(articleUrl), vector: String },
    articles_texts: { id: () => null, parent_id: map(articleUrl) },
    glossary_terms: { id: map(nciId) },
    glossary_terms_definitions: { _parent_id: map(nciId), id: () => null },
    glossary_terms_other_languages: { _parent_id: map(nciId), id: () => null },
    glossary_terms_texts: { id: () => null, parent_id: map(nciId) },
    sources: { id: map(label) },
    workflow_events: { article_id: map(articleUrl), id: () => null, version_id: map(versionUrl) },
  }
  // Internal links in bodies name their glossary term by NCI id.
  const body = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (key, inner: unknown) =>
        key === 'doc' && inner && typeof inner === 'object' && 'value' in inner ? { ...inner, value: map(nciId)(inner.value) } : inner,
      ),
    ) as unknown
  const tables: Record<string, string[]> = {}
  // Every other table (jobs, webhook deliveries, locks, …): how many rows it holds.
  for (const { name } of await query<{ name: string }>(url, "select tablename as name from pg_tables where schemaname = 'public' order by 1")) {
    if (bindings[name]) continue
    const [counted] = await query<{ count: number }>(url, `select count(*)::int as count from "${name}"`)
    tables[name] = [`${counted?.count ?? 0} rows`]
  }
  for (const [table, columns] of Object.entries(bindings)) {
    const rows = await query<Row>(url, `select * from "${table}"`)
    tables[table] = rows
      .map((row) => {
        const comparable: Row = {}
        for (const [column, value] of Object.entries(row)) {
          if (LEFT_ASIDE.has(column)) continue
          const bind = columns[column]
          comparable[column] = bind ? bind(value) : column === 'body' || column === 'version_body' ? body(value) : value
        }
        return JSON.stringify(comparable)
      })
      .sort()
  }
  return tables
}

let folder: string
let create: { dump: Record<string, string[]>; summary: ImportSummary }
let bulk: { dump: Record<string, string[]>; summary: ImportSummary }
let bulkAgain: ImportSummary
/** Distinct creation times of the articles: one per transaction that wrote them. */
const writes: { bulk?: number; create?: number } = {}
const transactions = async (url: string): Promise<number> =>
  (await query<{ count: number }>(url, 'select count(distinct created_at)::int as count from articles'))[0]?.count ?? 0
/** Glossary terms made for links the glossary data lacks, and their distinct creation times. */
const stubs: { bulk?: { terms: number; times: number }; create?: { terms: number; times: number } } = {}
const stubWrites = async (url: string): Promise<{ terms: number; times: number }> =>
  (await query<{ terms: number; times: number }>(url, 'select count(*)::int as terms, count(distinct created_at)::int as times from glossary_terms where needs_definition'))[0] ?? {
    terms: 0,
    times: 0,
  }

// One database (the config is read once per test file): imported one way, dumped, emptied
// (identities restarted), imported the other way, dumped.
const emptyDatabase = async (url: string): Promise<void> => {
  const tables = await query<{ name: string }>(url, "select tablename as name from pg_tables where schemaname = 'public' and tablename not like 'payload_migrations%'")
  await query(url, `truncate table ${tables.map((table) => `"${table.name}"`).join(', ')} restart identity cascade`)
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'seed-bulk-'))
  // Real documents: the reference article and the three smallest PDQ summaries (tables, many links).
  for (const file of SAMPLE) await copyFile(path.join(CORPUS, file), path.join(folder, path.basename(file)))
  for (const [name, text] of Object.entries(extraDocuments(await readFile(path.join(CORPUS, '000_5863a9b69b1446f4.txt'), 'utf8')))) {
    await writeFile(path.join(folder, name), text)
  }
  await createDatabase(SERVER, NAME)
  const url = databaseUrl(SERVER, NAME)
  const payload = await bootPayloadOn(url, NAME)
  try {
    const importAll = (useBulk: boolean) =>
      // One article at a time on the create path, so that terms and sources are made in file order.
      runImport({ articles: [folder], bulk: useBulk, bulkBatch: 7, concurrency: 1, glossary: [GLOSSARY], payload })
    const created = await importAll(false)
    create = { dump: await dump(url), summary: created }
    writes.create = await transactions(url)
    stubs.create = await stubWrites(url)
    await emptyDatabase(url)
    const written = await importAll(true)
    bulk = { dump: await dump(url), summary: written }
    writes.bulk = await transactions(url)
    stubs.bulk = await stubWrites(url)
    bulkAgain = await runImport({ articles: [folder], glossary: [GLOSSARY], payload })
  } finally {
    await shutdownPayload(payload)
  }
}, 900_000)

afterAll(async () => {
  await dropDatabase(SERVER, NAME)
  if (folder) await rm(folder, { force: true, recursive: true })
}, 60_000)

describe('the bulk path for new articles', () => {
  it('reports what Payload create reports, the refused file included', () => {
    expect(create.summary.created).toBe(SAMPLE.length + 5)
    expect(create.summary.failed.map((failure) => [path.basename(failure.file), failure.errors.map((error) => error.field)])).toEqual([
      ['refused.md', ['citation']],
    ])
    expect({ ...bulk.summary, failed: bulk.summary.failed.map((failure) => ({ ...failure, file: path.basename(failure.file) })) }).toEqual({
      ...create.summary,
      failed: create.summary.failed.map((failure) => ({ ...failure, file: path.basename(failure.file) })),
    })
  })

  it('writes new articles many to a transaction (batches of 7), where Payload create writes one', async () => {
    const written = SAMPLE.length + 5
    // An article with a "Changes to This Summary" section (its first changelog entry) too.
    const texts = await Promise.all(SAMPLE.map((file) => readFile(path.join(CORPUS, file), 'utf8')))
    const withChangelog = texts.filter((text) => /^#{1,6}\s+changes to this summary/im.test(text)).length
    expect(withChangelog).toBe(1)
    expect(writes).toEqual({ bulk: Math.ceil(written / 7), create: written })
  })

  it('creates the glossary terms the glossary data lacks at once, in one statement, where Payload create makes one at a time', () => {
    expect(stubs.create?.terms).toBeGreaterThan(10)
    expect(stubs.bulk).toEqual({ terms: stubs.create?.terms, times: 1 })
    expect(stubs.create?.times).toBeGreaterThan(1)
  })

  it('writes every table row by row as Payload create does: articles, versions, relations, texts, evidence, search, events, glossary terms', () => {
    for (const table of ['articles', '_articles_v', 'articles_rels', '_articles_v_rels', 'articles_evidence', 'articles_changes', '_articles_v_version_changes', 'articles_texts', 'articles_search', 'workflow_events', 'glossary_terms', 'glossary_terms_texts']) {
      expect(create.dump[table]?.length).toBeGreaterThan(0)
    }
    // Every table: the rows only one side has (the first few), expected to be none.
    const differences = Object.entries(create.dump).flatMap(([table, rows]) => {
      const other = bulk.dump[table] ?? []
      const onlyCreate = rows.filter((row) => !other.includes(row))
      const onlyBulk = other.filter((row) => !rows.includes(row))
      return onlyCreate.length + onlyBulk.length === 0 && rows.length === other.length
        ? []
        : [{ onlyBulk: onlyBulk.slice(0, 2), onlyCreate: onlyCreate.slice(0, 2), rows: [rows.length, other.length], table }]
    })
    expect(differences).toEqual([])
  })

  it('leaves everything unchanged on a second run', () => {
    expect(bulkAgain).toMatchObject({ created: 0, failed: [expect.objectContaining({ file: expect.stringContaining('refused.md') })], updated: 0, unchanged: SAMPLE.length + 5 })
  })
})
