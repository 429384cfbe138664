import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// The seed command as a child process: exit codes, the --json report, and the database state
// after a killed-then-rerun import and after two imports at once, each compared with a clean
// run. Every run has a database of its own, dropped at the end.

const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const PREFIX = `${process.env.TEST_DATABASE_NAME}_seed_cli`
const DOCUMENTS = 12
const SITE = 'https://www.cancer.gov/test-seed-cli'

interface CliRun {
  code: null | number
  signal: NodeJS.Signals | null
  stderr: string
  stdout: string
}

/**
 * Runs `seed/cli.ts` on Node with tsx. `killWhen` sees each stderr line and, when it returns
 * true, the process is killed with SIGKILL (no chance to clean up).
 */
const runCli = (args: string[], database: string | null, killWhen?: (line: string) => boolean): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'seed/cli.ts', ...args], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: database ?? 'postgres://postgres@127.0.0.1:1/unreachable',
        PAYLOAD_TYPES_AUTOGENERATE: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      if (killWhen && lines.some(killWhen)) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }))
  })

const databases: string[] = []
const newDatabase = async (name: string): Promise<string> => {
  const full = `${PREFIX}_${name}`
  await createDatabase(SERVER, full)
  databases.push(full)
  return databaseUrl(SERVER, full)
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

/**
 * The database's content in comparable form: natural keys instead of generated ids, no
 * timestamps. Internal links in bodies name the NCI id of the term they point at.
 */
const snapshot = async (url: string) => {
  const terms = await query<{ id: number; nci_id: string }>(url, 'select id, nci_id from glossary_terms')
  const nciIdOf = new Map(terms.map((term) => [term.id, term.nci_id]))
  const articles = await query<Record<string, unknown> & { body: unknown }>(
    url,
    `select a.url, a.title, a.status, a._status, a.import_hash, a.version, a.body, a.source_type, a.audience_level,
            a.language, a.license, a.citation, a.last_reviewed, a.review_frequency, s.label as source,
            (select count(*) from _articles_v v where v.parent_id = a.id)::int as versions
       from articles a left join sources s on s.id = a.source_id order by a.url`,
  )
  const bodies = articles.map(({ body, ...article }) => ({
    ...article,
    body: JSON.parse(
      JSON.stringify(body, (key, value: unknown) =>
        key === 'doc' && value && typeof value === 'object' && 'value' in value ? { ...value, value: nciIdOf.get(Number(value.value)) } : value,
      ),
    ) as unknown,
  }))
  return {
    articles: bodies,
    definitions: await query(
      url,
      `select g.nci_id, d._order, d.language, d.audience, d.dictionary, d.term_name, d.text, d.html, d.pronunciation_key, d.pronunciation_audio
         from glossary_terms_definitions d join glossary_terms g on g.id = d._parent_id order by 1, 2`,
    ),
    events: await query(
      url,
      `select coalesce(a.url, e.article_url) as url, e.action, e."from", e."to", e.actor_label, e.actor_id is null as by_system,
              e.version_id is not null as has_version
         from workflow_events e left join articles a on a.id = e.article_id order by 1, 2, 3, 4`,
    ),
    evidence: await query(
      url,
      'select a.url, e._order, e.kind, e.identifier, e.url as link, e.label from articles_evidence e join articles a on a.id = e._parent_id order by 1, 2',
    ),
    glossary: await query(url, 'select nci_id, term, language, needs_definition, related_resources, media from glossary_terms order by nci_id'),
    relations: await query(
      url,
      `select a.url, r.path, r."order", g.nci_id from articles_rels r join articles a on a.id = r.parent_id
         left join glossary_terms g on g.id = r.glossary_terms_id order by 1, 2, 3`,
    ),
    sources: await query(url, 'select label, name, home_url, tier_rank, tier_key, default_license from sources order by label'),
  }
}

let fixtures: string
let glossaryFile: string
let glossaryTerms: number
let cleanRun: CliRun
let clean: Awaited<ReturnType<typeof snapshot>>

beforeAll(async () => {
  // Mid-sized real documents (a PDQ summary under new URLs), each also linking a term of its own
  // that the glossary data lacks, and part of the real glossary.
  fixtures = await mkdtemp(path.join(tmpdir(), 'seed-cli-'))
  const source = await readFile('seed/corpus/pdq/17900_23_mistletoe-pdq.md', 'utf8')
  for (let index = 1; index <= DOCUMENTS; index += 1) {
    // The first document names another tier: the source must take it, whichever article is saved first.
    const text = source
      .replace(/^sourceType: .*$/m, `sourceType: ${index === 1 ? '02_nci_core' : '01_nci_pdq'}`)
      .replace(/^url: .*$/m, `url: ${SITE}/${index}`)
      .replace(/^title: .*$/m, `title: Mistletoe copy ${index}`)
      .concat(`\nSee also [term ${index}](/publications/dictionaries/cancer-terms/def/${990000 + index}).\n`)
    await writeFile(path.join(fixtures, `doc-${String(index).padStart(2, '0')}.md`), text)
  }
  const glossaryLines = (await readFile('seed/corpus/nci-glossary.jsonl', 'utf8')).split('\n').slice(0, 30)
  glossaryFile = path.join(fixtures, 'glossary.jsonl')
  await writeFile(glossaryFile, glossaryLines.join('\n'))
  glossaryTerms = new Set(glossaryLines.map((line) => (JSON.parse(line) as { termId: number }).termId)).size

  const url = await newDatabase('clean')
  cleanRun = await runCli(['--json', fixtures, '--glossary', glossaryFile], url)
  clean = await snapshot(url)
}, 300_000)

afterAll(async () => {
  for (const name of databases) await dropDatabase(SERVER, name)
  if (fixtures) await rm(fixtures, { force: true, recursive: true })
}, 60_000)

describe('the seed command', () => {
  it('prints exactly the JSON summary on stdout and exits 0 when everything imported', () => {
    expect(cleanRun.code).toBe(0)
    expect(JSON.parse(cleanRun.stdout)).toEqual({
      created: DOCUMENTS,
      updated: 0,
      unchanged: 0,
      failed: [],
      glossary: { created: glossaryTerms, updated: 0, unchanged: 0, failed: [] },
      notes: [],
    })
    expect(Object.keys(JSON.parse(cleanRun.stdout) as object)).toEqual(['created', 'updated', 'unchanged', 'failed', 'glossary', 'notes'])
    expect(clean.articles).toHaveLength(DOCUMENTS)
    // tier_rank is a Postgres numeric: pg returns it as text.
    expect(clean.sources).toEqual([expect.objectContaining({ label: 'NCI', tier_key: 'nci_core', tier_rank: '2' })])
  })

  it('exits 1 and reports the failing files when some fail, importing the others', async () => {
    const url = await newDatabase('json')
    const folder = await mkdtemp(path.join(tmpdir(), 'seed-cli-bad-'))
    try {
      await writeFile(path.join(folder, 'good.md'), (await readFile(path.join(fixtures, 'doc-01.md'), 'utf8')).replace(`${SITE}/1`, `${SITE}/json-good`))
      await writeFile(path.join(folder, 'bad.md'), '---\ntitle: [unclosed\n---\n\nText\n')
      await writeFile(path.join(folder, 'empty.txt'), '')
      const run = await runCli(['--json', folder], url)
      expect(run.code).toBe(1)
      const report = JSON.parse(run.stdout) as { created: number; failed: { errors: { field: string }[]; file: string }[] }
      expect(report.created).toBe(1)
      expect(report.failed.map((failure) => [path.basename(failure.file), failure.errors.map((error) => error.field)])).toEqual([
        ['bad.md', ['frontMatter']],
        ['empty.txt', ['file']],
      ])
      const human = await runCli([folder, '--dry-run'], url)
      expect(human.code).toBe(1)
      expect(human.stdout).toContain('Dry run: nothing was written.')
      expect(human.stdout).toMatch(/bad\.md › frontMatter: broken YAML at line 2/)
    } finally {
      await rm(folder, { force: true, recursive: true })
    }
  }, 120_000)

  it('exits 2 on a usage error, before touching any database', async () => {
    const unknown = await runCli(['--dryrun'], null)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--dryrun'")
    expect(unknown.stderr).toContain('Usage: seed')
    expect(unknown.stdout).toBe('')
    const missing = await runCli(['no/such/folder'], null)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file or folder: no/such/folder')
  })

  it('exits 2 with one clear line when the database cannot be reached', async () => {
    const run = await runCli(['--json', fixtures], null)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('seed: cannot start Payload or reach the database')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('interrupted and concurrent imports', () => {
  it('ends a killed-then-rerun import in the same state as a clean run', async () => {
    const url = await newDatabase('killed')
    // Small batches, so that the kill falls between two of them.
    const killed = await runCli([fixtures, '--glossary', glossaryFile, '--batch', '3'], url, (line) => line.startsWith('[seed] write'))
    expect(killed.signal).toBe('SIGKILL')
    const partial = await query<{ count: number }>(url, 'select count(*)::int as count from articles')
    // Killed midway: some articles were written, not all.
    expect(partial[0]?.count).toBeLessThan(DOCUMENTS)

    const rerun = await runCli(['--json', fixtures, '--glossary', glossaryFile], url)
    expect(rerun.code).toBe(0)
    const report = JSON.parse(rerun.stdout) as { created: number; glossary: { unchanged: number }; unchanged: number }
    expect(report.created + report.unchanged).toBe(DOCUMENTS)
    expect(report.glossary.unchanged).toBe(glossaryTerms)
    expect(await snapshot(url)).toEqual(clean)
  }, 300_000)

  it('ends two imports at once in the same state as one clean run', async () => {
    const url = await newDatabase('concurrent')
    // The schema push of a first boot is not safe to run twice at once: a dry run does it.
    expect((await runCli(['--dry-run', '--glossary', glossaryFile], url)).code).toBe(0)
    const runs = await Promise.all([
      runCli(['--json', fixtures, '--glossary', glossaryFile], url),
      runCli(['--json', fixtures, '--glossary', glossaryFile, '--concurrency', '3'], url),
    ])
    expect(runs.map((run) => run.code)).toEqual([0, 0])
    const reports = runs.map((run) => JSON.parse(run.stdout) as { created: number; glossary: { created: number } })
    // Each article and term was created by exactly one of the two.
    expect(reports.reduce((sum, report) => sum + report.created, 0)).toBe(DOCUMENTS)
    expect(reports.reduce((sum, report) => sum + report.glossary.created, 0)).toBe(glossaryTerms)
    expect(await snapshot(url)).toEqual(clean)
  }, 300_000)
})
