import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { type ImportSummary, runImport } from '../../seed/importer.js'
import type { FileFailure } from '../../seed/problems.js'
import { bootPayloadOn } from '../helpers/ownDatabase.js'
import { shutdownPayload } from '../helpers/shutdown.js'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// Every kind of bad input, as real files in a temporary folder, imported into a database of
// this file's own (dropped at the end) next to good files that must still be imported.

const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const DATABASE = `${process.env.TEST_DATABASE_NAME}_seed_files`
const SITE = 'https://docs.example.test'
const LABEL = 'EXT'

let payload: Payload
let folder: string

/** A valid document; `fields` replaces front-matter lines, `body` the Markdown. */
const documentText = (slug: string, fields: Record<string, string | undefined> = {}, body = `# ${slug}\n\nText about ${slug}.\n`): string => {
  const lines: Record<string, string | undefined> = {
    audienceLevel: 'patient',
    cancerTypes: '[breast]',
    citation: `${LABEL}, 2025`,
    language: 'en',
    lastReviewed: '2025-06-01',
    license: 'CC-BY-4.0',
    reviewFrequency: 'annual',
    source: LABEL,
    sourceType: '07_external',
    status: 'active',
    tags: '[test]',
    title: `Document ${slug}`,
    url: `${SITE}/${slug}`,
    version: 'v1',
    ...fields,
  }
  const yaml = Object.entries(lines)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n')
  return `---\n${yaml}\n---\n\n${body}`
}

const write = (name: string, content: string | Uint8Array): Promise<void> => writeFile(path.join(folder, name), content)

const articleByUrl = async (url: string) => {
  const { docs } = await payload.find({ collection: 'articles', depth: 0, draft: true, limit: 1, overrideAccess: true, where: { url: { equals: url } } })
  return docs[0] ?? null
}

const eventsOf = async (url: string) => {
  const { docs } = await payload.find({
    collection: 'workflow-events',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    sort: 'createdAt',
    where: { articleUrl: { equals: url } },
  })
  return docs.map((event) => ({ action: event.action, actorLabel: event.actorLabel, from: event.from ?? null, to: event.to }))
}

const failureOf = (summary: ImportSummary, name: string): FileFailure | undefined =>
  summary.failed.find((failure) => path.basename(failure.file) === name)

const counts = async () => {
  const collections = ['articles', 'glossary-terms', 'sources', 'workflow-events'] as const
  const totals = await Promise.all(collections.map((collection) => payload.count({ collection, overrideAccess: true })))
  return totals.map((total) => total.totalDocs)
}

const BAD_FILES: [string, string | Uint8Array, string, string][] = [
  ['empty.md', '', 'file', 'the file is empty'],
  ['binary.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), 'file', 'not a text file'],
  ['utf16.txt', Buffer.from(`\uFEFF${documentText('utf16')}`, 'utf16le'), 'file', 'UTF-16'],
  ['no-front-matter.md', '# Just Markdown\n\nNo fields.\n', 'frontMatter', 'missing'],
  ['unclosed.md', documentText('unclosed').replace('\n---\n\n', '\n\n'), 'frontMatter', 'not closed'],
  ['broken-yaml.md', documentText('broken', { title: 'A: B: C' }), 'frontMatter', 'broken YAML at line'],
  ['enum.md', documentText('enum', { audienceLevel: 'nurse' }), 'audienceLevel', 'not one of patient, caregiver, clinician, researcher'],
  ['future.md', documentText('future', { lastReviewed: '2999-01-01' }), 'lastReviewed', 'in the future'],
  ['citation.md', documentText('citation', { citation: 'ACS, 2025' }), 'citation', `the source is "${LABEL}"`],
  ['http.md', documentText('http', { url: 'http://docs.example.test/http' }), 'url', 'must use https'],
  ['no-body.md', documentText('no-body', {}, ''), 'body', 'is empty'],
]

beforeAll(async () => {
  await createDatabase(SERVER, DATABASE)
  payload = await bootPayloadOn(databaseUrl(SERVER, DATABASE), DATABASE)
  folder = await mkdtemp(path.join(tmpdir(), 'seed-files-'))
}, 120_000)

afterAll(async () => {
  await shutdownPayload(payload)
  await dropDatabase(SERVER, DATABASE)
  if (folder) await rm(folder, { force: true, recursive: true })
}, 60_000)

describe('a folder with good and bad files', () => {
  let summary: ImportSummary

  beforeAll(async () => {
    await write('a-good.md', documentText('good', {}, '# Good\n\nSee [a new term](/publications/dictionaries/cancer-terms/def/987654321) and [a study](https://pubmed.ncbi.nlm.nih.gov/12345678/).\n'))
    await write('draft.md', documentText('draft', { citation: undefined, lastReviewed: undefined, license: undefined, status: 'draft' }))
    await write('z-duplicate.md', documentText('good', { title: 'Another file with the same url' }))
    await write('notes.csv', 'ignored,in,folders\n')
    await mkdir(path.join(folder, '.hidden'))
    await write('.hidden/skipped.md', 'not read')
    for (const [name, content] of BAD_FILES) await write(name, content)
    summary = await runImport({ articles: [folder], cwd: folder, payload })
  }, 120_000)

  it('imports the good files', async () => {
    expect(summary).toMatchObject({ created: 2, unchanged: 0, updated: 0 })
    expect(await articleByUrl(`${SITE}/good`)).toMatchObject({ _status: 'published', status: 'active', title: 'Document good' })
    expect(await articleByUrl(`${SITE}/draft`)).toMatchObject({ _status: 'draft', status: 'draft' })
  })

  it.each(BAD_FILES.map(([name, , field, message]) => [name, field, message]))('reports %s › %s', (name, field, message) => {
    expect(failureOf(summary, name)).toEqual({ errors: expect.arrayContaining([{ field, message: expect.stringContaining(message) }]), file: name })
  })

  it('reports a file given by name that is not an article file', async () => {
    const csv = await runImport({ articles: [path.join(folder, 'notes.csv')], cwd: folder, payload })
    expect(csv.failed).toEqual([{ errors: [{ field: 'file', message: expect.stringContaining('only .md and .txt files') }], file: 'notes.csv' }])
  })

  it('reports a second file with the same url', () => {
    expect(failureOf(summary, 'z-duplicate.md')?.errors).toEqual([{ field: 'url', message: expect.stringContaining('a-good.md') }])
  })

  it('reports every failing file and nothing else', () => {
    expect(summary.failed.map((failure) => failure.file).sort()).toEqual([...BAD_FILES.map(([name]) => name), 'z-duplicate.md'].sort())
  })

  it('writes nothing for a failing file', async () => {
    for (const slug of ['enum', 'future', 'citation', 'broken', 'unclosed', 'no-body']) {
      expect(await articleByUrl(`${SITE}/${slug}`)).toBeNull()
      expect(await eventsOf(`${SITE}/${slug}`)).toEqual([])
    }
    expect((await articleByUrl(`${SITE}/good`))?.title).toBe('Document good')
  })

  it('creates the source, a glossary term from the link text, and evidence', async () => {
    const { docs: sources } = await payload.find({ collection: 'sources', overrideAccess: true, where: { label: { equals: LABEL } } })
    expect(sources[0]).toMatchObject({ defaultLicense: 'CC-BY-4.0', homeUrl: SITE, label: LABEL, name: LABEL, tierKey: 'external', tierRank: 7 })
    const { docs: terms } = await payload.find({ collection: 'glossary-terms', overrideAccess: true, where: { nciId: { equals: '987654321' } } })
    expect(terms[0]).toMatchObject({ definitions: [], language: 'en', needsDefinition: true, term: 'a new term' })
    const good = await articleByUrl(`${SITE}/good`)
    expect(good?.glossaryTerms).toEqual([terms[0]?.id])
    expect(good?.evidence).toEqual([expect.objectContaining({ identifier: '12345678', kind: 'pubmed', label: 'a study', url: 'https://pubmed.ncbi.nlm.nih.gov/12345678/' })])
  })

  it('records the import of each article', async () => {
    expect(await eventsOf(`${SITE}/good`)).toEqual([{ action: 'import', actorLabel: 'system:importer', from: null, to: 'active' }])
    expect(await eventsOf(`${SITE}/draft`)).toEqual([{ action: 'import', actorLabel: 'system:importer', from: null, to: 'draft' }])
  })
})

describe("files as editors' tools write them", () => {
  it('imports a file with a byte-order mark or Windows line endings, with a note, and the same article as a clean file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-editors-'))
    try {
      const body = '# Saved on Windows\n\nA [term](/publications/dictionaries/cancer-terms/def/987654322) and a line\nbroken in the source.\n'
      await writeFile(path.join(dir, 'bom.md'), `\uFEFF${documentText('bom', {}, body)}`)
      await writeFile(path.join(dir, 'crlf.md'), documentText('crlf', {}, body).replace(/\n/g, '\r\n'))
      await writeFile(path.join(dir, 'both.md'), `\uFEFF${documentText('both', {}, body).replace(/\n/g, '\r\n')}`)
      await writeFile(path.join(dir, 'clean.md'), documentText('clean', {}, body))
      await writeFile(path.join(dir, 'glossary.jsonl'), `\uFEFF${JSON.stringify({ audience: 'Patient', definition: { text: 'A term.' }, dictionary: 'Cancer.gov', language: 'en', termId: 987654322, termName: 'term' })}\r\n`)
      const summary = await runImport({ articles: [dir], cwd: dir, glossary: [path.join(dir, 'glossary.jsonl')], payload })
      expect(summary).toMatchObject({ created: 4, failed: [], glossary: { created: 1, failed: [] }, unchanged: 0, updated: 0 })
      const noted = (file: string, ...messages: string[]) => ({ file, notes: messages.map((message) => ({ field: 'file', message: expect.stringContaining(message) })) })
      expect(summary.notes).toEqual([
        noted('glossary.jsonl', 'byte-order mark', 'CRLF'),
        noted('bom.md', 'byte-order mark'),
        noted('both.md', 'byte-order mark', 'CRLF'),
        noted('crlf.md', 'CRLF'),
      ])
      const clean = await articleByUrl(`${SITE}/clean`)
      const withoutIds = (body: unknown): unknown => JSON.parse(JSON.stringify(body, (key, value: unknown) => (key === 'id' ? undefined : value)))
      for (const slug of ['bom', 'crlf', 'both']) {
        const article = await articleByUrl(`${SITE}/${slug}`)
        expect(article).toMatchObject({ _status: 'published', status: 'active', title: `Document ${slug}` })
        expect(JSON.stringify(article?.body)).not.toMatch(/\\r|\\ufeff|\uFEFF/i)
        // Link ids derive from the article's url; everything else is the clean file's body.
        expect(withoutIds(article?.body)).toEqual(withoutIds(clean?.body))
        expect(article?.glossaryTerms).toEqual(clean?.glossaryTerms)
      }
      // Saved again as clean files, nothing changed: the hash is of the normalised text.
      await writeFile(path.join(dir, 'bom.md'), documentText('bom', {}, body))
      await writeFile(path.join(dir, 'crlf.md'), documentText('crlf', {}, body))
      expect(await runImport({ articles: [dir], cwd: dir, payload })).toMatchObject({ created: 0, failed: [], unchanged: 4, updated: 0 })
    } finally {
      await rm(dir, { force: true, recursive: true })
    }
  })
})

describe('importing changed files', () => {
  it('updates a changed file as a new version and leaves unchanged ones alone', async () => {
    const changed = await mkdtemp(path.join(tmpdir(), 'seed-changed-'))
    try {
      const file = path.join(changed, 'article.md')
      await writeFile(file, documentText('changed', { citation: undefined, lastReviewed: undefined, license: undefined, status: 'draft' }))
      await writeFile(path.join(changed, 'other.md'), documentText('other'))
      expect(await runImport({ articles: [changed], payload })).toMatchObject({ created: 2, failed: [], unchanged: 0, updated: 0 })
      const created = await articleByUrl(`${SITE}/changed`)

      await writeFile(file, documentText('changed', { version: 'v2' }, '# Changed\n\nApproved text.\n'))
      expect(await runImport({ articles: [changed], payload })).toMatchObject({ created: 0, failed: [], unchanged: 1, updated: 1 })
      const updated = await articleByUrl(`${SITE}/changed`)
      expect(updated).toMatchObject({ _status: 'published', id: created?.id, status: 'active', version: 'v2' })
      const versions = await payload.countVersions({ collection: 'articles', overrideAccess: true, where: { parent: { equals: created?.id } } })
      expect(versions.totalDocs).toBe(2)
      expect(await eventsOf(`${SITE}/changed`)).toEqual([
        { action: 'import', actorLabel: 'system:importer', from: null, to: 'draft' },
        { action: 'import', actorLabel: 'system:importer', from: 'draft', to: 'active' },
      ])

      expect(await runImport({ articles: [changed], payload })).toMatchObject({ created: 0, failed: [], unchanged: 2, updated: 0 })
    } finally {
      await rm(changed, { force: true, recursive: true })
    }
  })

  it('rolls back an article that Payload refuses, and goes on with the others', async () => {
    const refused = await mkdtemp(path.join(tmpdir(), 'seed-refused-'))
    try {
      await writeFile(path.join(refused, 'ok.md'), documentText('before-refused'))
      expect(await runImport({ articles: [refused], payload })).toMatchObject({ created: 1, failed: [] })
      // A title longer than Payload's text limit passes the front-matter schema but not the field.
      await writeFile(path.join(refused, 'long.md'), documentText('long-title', { title: 'x'.repeat(50_000) }))
      const before = await counts()
      const summary = await runImport({ articles: [refused], cwd: refused, payload })
      expect(summary).toMatchObject({ created: 0, unchanged: 1 })
      expect(summary.failed).toEqual([{ errors: [{ field: 'title', message: expect.any(String) }], file: 'long.md' }])
      expect(await articleByUrl(`${SITE}/long-title`)).toBeNull()
      expect(await eventsOf(`${SITE}/long-title`)).toEqual([])
      expect(await counts()).toEqual(before)
    } finally {
      await rm(refused, { force: true, recursive: true })
    }
  })
})

describe('a dry run', () => {
  it('validates and counts new files, and writes nothing', async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), 'seed-dry-'))
    try {
      await writeFile(path.join(fresh, 'new.md'), documentText('dry-new', {}, '[term](/publications/dictionaries/cancer-terms/def/987654399)\n'))
      await writeFile(path.join(fresh, 'bad.md'), documentText('dry-bad', { status: 'published' }))
      await writeFile(path.join(fresh, 'glossary.jsonl'), `${JSON.stringify({ audience: 'Patient', definition: { text: 'Dry.' }, dictionary: 'Cancer.gov', language: 'en', termId: 987654398, termName: 'dry' })}\n`)
      const before = await counts()
      const summary = await runImport({ articles: [fresh], cwd: fresh, dryRun: true, glossary: [path.join(fresh, 'glossary.jsonl')], payload })
      expect(summary).toEqual({
        created: 1,
        failed: [{ errors: [{ field: 'status', message: expect.stringContaining('not one of') }], file: 'bad.md' }],
        glossary: { created: 1, failed: [], unchanged: 0, updated: 0 },
        notes: [],
        unchanged: 0,
        updated: 0,
      })
      expect(await counts()).toEqual(before)
    } finally {
      await rm(fresh, { force: true, recursive: true })
    }
  })
})

describe('glossary files', () => {
  it('imports good lines, reports bad ones by line, and merges definitions on a second file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-glossary-'))
    try {
      const entry = { audience: 'Patient', definition: { html: 'An <i>example</i>.', text: 'An example.' }, dictionary: 'Cancer.gov', language: 'en', termId: 987654377, termName: 'example term' }
      const first = path.join(dir, 'first.jsonl')
      await writeFile(first, [JSON.stringify(entry), '{"termId": 1', JSON.stringify({ ...entry, audience: 'Nurse' })].join('\n'))
      const one = await runImport({ cwd: dir, glossary: [first], payload })
      expect(one.glossary).toEqual({
        created: 1,
        failed: [
          { errors: [{ field: 'line', message: expect.stringContaining('not JSON') }], file: 'first.jsonl:2' },
          { errors: [{ field: 'audience', message: expect.stringContaining('not one of') }], file: 'first.jsonl:3' },
        ],
        unchanged: 0,
        updated: 0,
      })
      const second = path.join(dir, 'second.jsonl')
      await writeFile(second, JSON.stringify({ ...entry, audience: 'HealthProfessional', definition: { text: 'A clinical example.' } }))
      expect((await runImport({ glossary: [second], payload })).glossary).toMatchObject({ created: 0, failed: [], updated: 1 })
      expect((await runImport({ glossary: [first, second], payload })).glossary).toMatchObject({ created: 0, unchanged: 1, updated: 0 })
      const { docs } = await payload.find({ collection: 'glossary-terms', overrideAccess: true, where: { nciId: { equals: '987654377' } } })
      expect(docs[0]?.definitions?.map((definition) => [definition.audience, definition.text])).toEqual([
        ['clinician', 'A clinical example.'],
        ['patient', 'An example.'],
      ])
    } finally {
      await rm(dir, { force: true, recursive: true })
    }
  })
})
