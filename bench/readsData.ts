/**
 * The data of the read benchmark (bench/reads.ts), loaded the same way into our app and into the
 * plain Payload app (bench/plain): users, sources, glossary terms, and template articles with
 * realistic bodies (headings, paragraphs, lists, glossary links, evidence links) created through
 * each app's Local API, then copied in SQL (every row of the article and of its child tables:
 * relations, hasMany texts, arrays, versions, search vectors) until the wanted count is reached.
 *
 *   DATABASE_URL=… node --import tsx bench/readsData.ts --app ours|plain --articles 10000 [--templates 100]
 *
 * Prints one JSON line: { templates, articles, glossaryTerms, ids: { mid, largest } }.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import pg from 'pg'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import { GOVERNED_WRITE } from '../rules/governedWrite.js'

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    articles: { default: '10000', type: 'string' },
    from: { default: '0', type: 'string' },
    templates: { default: '50', type: 'string' },
    terms: { default: '300', type: 'string' },
    'templates-only': { default: false, type: 'boolean' },
  },
})

// The bundled corpus's own prose (PDQ summaries): runs of its words give the bodies the word
// frequencies of real cancer information, so search matches as it would on real articles.
const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'seed', 'corpus')
const WORDS = fs
  .readdirSync(CORPUS, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.txt') || (file.endsWith('.md') && !file.endsWith('README.md')))
  .flatMap((file) =>
    fs
      .readFileSync(path.join(CORPUS, file), 'utf8')
      .replace(/^---[\s\S]*?\n---/, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .split(/\s+/)
      .map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ''))
      .filter((word) => word.length > 0),
  )
if (WORDS.length < 1000) throw new Error(`the corpus in ${CORPUS} gave only ${WORDS.length} words`)
const CANCER_TYPES = ['breast', 'lung', 'prostate', 'colorectal', 'leukemia', 'lymphoma', 'melanoma', 'pancreatic', 'ovarian', 'bladder']
const AUDIENCES = ['patient', 'caregiver', 'clinician', 'researcher'] as const
const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'biennial'] as const

// A fixed pseudo-random sequence: both apps get exactly the same data.
let seed = 12345
const random = (): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
const words = (count: number): string => {
  const start = Math.floor(random() * (WORDS.length - count))
  return WORDS.slice(start, start + count).join(' ')
}

const text = (value: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  type,
  version: 1,
  ...extra,
})

interface Term {
  id: number
  term: string
}

/** One article body: about `paragraphs` paragraphs of ~60 words under headings, with links and lists. */
const bodyOf = (paragraphs: number, terms: Term[], index: number) => {
  const children: unknown[] = []
  const used = new Set<number>()
  const evidence: { identifier: string; kind: 'pubmed'; label: string; url: string }[] = []
  for (let p = 0; p < paragraphs; p++) {
    if (p % 4 === 0) children.push(element('heading', [text(words(4))], { tag: 'h2' }))
    const term = pick(terms)
    used.add(term.id)
    const pmid = String(10_000_000 + Math.floor(random() * 20_000_000))
    evidence.push({ identifier: pmid, kind: 'pubmed', label: `Study ${pmid}`, url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` })
    children.push(
      element('paragraph', [
        text(`${words(25)} `),
        element('link', [text(term.term)], {
          fields: { doc: { relationTo: 'glossary-terms', value: term.id }, linkType: 'internal', newTab: false },
          id: `g${index}-${p}`,
          version: 3,
        }),
        text(` ${words(25)} `),
        element('link', [text('evidence')], {
          fields: { linkType: 'custom', newTab: false, url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/` },
          id: `e${index}-${p}`,
          version: 3,
        }),
        text(`. ${words(10)}.`),
      ], { textFormat: 0 }),
    )
    if (p % 5 === 2) {
      children.push(
        element(
          'list',
          [1, 2, 3].map((value) => element('listitem', [text(words(8))], { value })),
          { listType: 'bullet', start: 1, tag: 'ul' },
        ),
      )
    }
  }
  const plain = children
    .map((node) => JSON.stringify(node).match(/"text":"([^"]*)"/g)?.map((match) => match.slice(8, -1)).join(' ') ?? '')
    .join('\n')
  return {
    body: { root: element('root', children) },
    bodyText: plain,
    evidence: evidence.slice(0, 20),
    glossaryTerms: [...used],
  }
}

const addMonths = (day: string, months: number): string => {
  const date = new Date(`${day}T00:00:00.000Z`)
  date.setUTCMonth(date.getUTCMonth() + months)
  return date.toISOString().slice(0, 10)
}
const MONTHS = { annual: 12, biennial: 24, monthly: 1, quarterly: 3, semiannual: 6 } as const

/**
 * Copies every template article `count` times in SQL (copy numbers `from`+1 … `from`+count),
 * with each row of the tables that hang off it (foreign keys to it, and to those, recursively):
 * new ids, unique text columns suffixed with the copy number.
 */
export const copyArticles = async (client: pg.Client, root: string, templateIds: number[], from: number, count: number): Promise<void> => {
  const { rows: fks } = await client.query<{ child: string; column: string; parent: string }>(`
    select c.conrelid::regclass::text as child, a.attname as column, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace`)
  const unquote = (name: string) => name.replace(/^"|"$/g, '')
  const inFamily = (table: string) => table === root || table.startsWith(`${root}_`) || table.startsWith(`_${root}_v`)
  const columnsOf = async (table: string) =>
    (
      await client.query<{ column_default: null | string; column_name: string; data_type: string }>(
        `select column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        [table],
      )
    ).rows
  const uniqueColumnsOf = async (table: string) =>
    new Set(
      (
        await client.query<{ column: string }>(
          `select a.attname as column from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
           where i.indrelid = $1::regclass and i.indisunique and not i.indisprimary`,
          [`"${table}"`],
        )
      ).rows.map((row) => row.column),
    )
  // map_<table>(old_id, n, new_id) for every copied table that others point at.
  const maps = new Map<string, string>()
  const copy = async (table: string, parentColumn: null | string, parent: null | string) => {
    const columns = await columnsOf(table)
    const uniques = await uniqueColumnsOf(table)
    const children = fks.filter((fk) => unquote(fk.parent) === table && inFamily(unquote(fk.child)) && unquote(fk.child) !== table)
    const idColumn = columns.find((column) => column.column_name === 'id')
    const serialId = Boolean(idColumn?.column_default?.startsWith('nextval'))
    const source = parent ? `"${table}" t join ${maps.get(parent)} m on t."${parentColumn}" = m.old_id` : `"${table}" t join generate_series(${from + 1}, ${from + count}) as g(n) on t.id = any($1::int[])`
    const copyNumber = parent ? 'm.n' : 'g.n'
    let mapName: null | string = null
    if (children.length > 0 && idColumn) {
      mapName = `map_${table.replace(/\W/g, '_')}`
      await client.query(`drop table if exists ${mapName}`)
      await client.query(
        `create temp table ${mapName} as select t.id as old_id, ${copyNumber} as n, ${
          serialId ? `nextval(pg_get_serial_sequence('"${table}"', 'id'))::int` : `t.id || '-' || ${copyNumber}`
        } as new_id from ${source}`,
        parent ? [] : [templateIds],
      )
      await client.query(`create index on ${mapName} (old_id)`)
      maps.set(table, mapName)
    }
    const expressions = columns.map(({ column_name: name, data_type: type }) => {
      if (name === parentColumn) return `m.new_id`
      if (name === 'id' && (mapName || parentColumn === 'id')) return mapName ? `self.new_id` : 'm.new_id'
      if (name === 'id' && serialId) return `nextval(pg_get_serial_sequence('"${table}"', 'id'))`
      if (name === 'id' && type === 'character varying') return `t.id || '-' || ${copyNumber}`
      if (uniques.has(name) && (type === 'character varying' || type === 'text')) return `t."${name}" || '-c' || ${copyNumber}`
      return `t."${name}"`
    })
    const selfJoin = mapName ? ` join ${mapName} self on self.old_id = t.id and self.n = ${copyNumber}` : ''
    await client.query(
      `insert into "${table}" (${columns.map((column) => `"${column.column_name}"`).join(', ')}) select ${expressions.join(', ')} from ${source}${selfJoin}`,
      parent ? [] : [templateIds],
    )
    for (const fk of children) await copy(unquote(fk.child), fk.column, table)
  }
  await client.query('begin')
  try {
    await copy(root, null, null)
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  }
  // As autovacuum leaves a table some time after a bulk insert: statistics, and the visibility
  // map that lets a count be read from an index alone (without it every counted row is read from
  // the table, as on no live database).
  await client.query(`vacuum analyze`)
}

const main = async () => {
  const app = values.app
  if (app !== 'ours' && app !== 'plain') throw new Error('--app ours|plain')
  const wanted = Number(values.articles)
  const templates = Number(values.templates)
  const { default: configPromise } = (await import(app === 'ours' ? '../payload.config.js' : './plain/payload.config.js')) as {
    default: Promise<SanitizedConfig>
  }
  const payload: Payload = await getPayload({ config: await configPromise })
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await client.connect()
  try {
    const existing = await payload.count({ collection: 'articles', overrideAccess: true })
    let templateIds: number[]
    if (existing.totalDocs === 0) {
      const reviewer = await payload.create({
        collection: 'users',
        data: { email: 'reviewer@bench.test', name: 'Rita Reviewer', password: 'bench-password-1234', ...(app === 'ours' ? { role: 'reviewer' } : {}) },
      })
      const sources = []
      for (let i = 0; i < 5; i++) {
        sources.push(
          await payload.create({
            collection: 'sources',
            data: { homeUrl: `https://source${i}.example.org`, label: `SRC${i}`, name: `Source organisation ${i}`, tierKey: 'nci_core', tierRank: 2 },
          }),
        )
      }
      const terms: Term[] = []
      for (let i = 0; i < Number(values.terms); i++) {
        const term = `${words(1).toLowerCase()}-${i}`
        const created = await payload.create({
          collection: 'glossary-terms',
          data: {
            definitions: [{ audience: 'patient', dictionary: 'Cancer.gov', language: 'en', termName: term, text: `${words(30)}.` }],
            nciId: String(40000 + i),
            term,
          },
        })
        terms.push({ id: created.id, term })
      }
      templateIds = []
      for (let i = 0; i < templates; i++) {
        // Mostly mid-sized articles (~12 KB of text), every tenth a long one (~60 KB).
        const paragraphs = i % 10 === 9 ? 100 : 20
        const content = bodyOf(paragraphs, terms, i)
        const source = pick(sources)
        const frequency = pick(FREQUENCIES)
        const lastReviewed = addMonths('2026-11-15', -Math.floor(random() * 30))
        const nextReviewDue = addMonths(lastReviewed, MONTHS[frequency])
        const common = {
          audienceLevel: pick(AUDIENCES),
          cancerTypes: [pick(CANCER_TYPES), pick(CANCER_TYPES)].filter((type, index, all) => all.indexOf(type) === index),
          citation: `${source.label}, ${lastReviewed.slice(0, 4)}`,
          language: 'en',
          lastReviewed,
          license: 'public_domain',
          reviewFrequency: frequency,
          source: source.id,
          sourceType: '02_nci_core',
          status: 'active' as const,
          tags: ['bench'],
          title: `${words(5)} (${i})`,
          url: `https://www.cancer.gov/bench/${i}`,
          version: 'v1',
          _status: 'published' as const,
          body: content.body,
          evidence: content.evidence,
          glossaryTerms: content.glossaryTerms,
        }
        const created =
          app === 'ours'
            ? await payload.create({ collection: 'articles', context: { [GOVERNED_WRITE]: 'import' }, data: common as never, overrideAccess: true })
            : await payload.create({
                collection: 'articles',
                data: {
                  ...common,
                  bodyText: content.bodyText,
                  citationSnapshot: { homeUrl: source.homeUrl, label: source.label, name: source.name, tierKey: source.tierKey, tierRank: source.tierRank },
                  nextReviewDue,
                  reviewState: nextReviewDue < '2026-12-01' ? 'overdue' : 'current',
                  reviewedBy: reviewer.id,
                } as never,
                overrideAccess: true,
              })
        templateIds.push(created.id)
      }
    } else {
      templateIds = (await client.query<{ id: number }>(`select id from articles where url like 'https://www.cancer.gov/bench/%' and url not like '%-c%' order by id`)).rows.map((row) => row.id)
    }
    if (!values['templates-only']) {
      const from = Number(values.from)
      const copies = Math.max(0, Math.ceil(wanted / templateIds.length) - 1 - from)
      if (copies > 0) await copyArticles(client, 'articles', templateIds, from, copies)
    }
    const total = (await client.query<{ count: string }>('select count(*) from articles')).rows[0]?.count
    const mid = templateIds[0]
    const largest = templateIds[9] ?? templateIds[templateIds.length - 1]
    console.log(JSON.stringify({ articles: Number(total), ids: { largest, mid }, templates: templateIds.length }))
  } finally {
    await client.end()
    await payload.destroy()
  }
}

await main()
process.exit(0)
