import path from 'node:path'

import { createLocalReq, type Payload, type RichTextField } from 'payload'

import { type ImportSummary, runImport } from '../../seed/importer.js'
import type { LexicalNode } from '../../seed/markdown.js'
import { bootPayloadOn } from '../helpers/ownDatabase.js'
import { shutdownPayload } from '../helpers/shutdown.js'
import { createDatabase, databaseUrl, dropDatabase } from '../setup/testDatabase.js'

// The bundled corpus is imported into a database of this file's own, so that its fixed URLs,
// labels and NCI ids meet no other test's data, and dropping the database cleans up.

const CORPUS = path.resolve('seed/corpus')
const GLOSSARY = path.join(CORPUS, 'nci-glossary.jsonl')
const SERVER = process.env.TEST_DATABASE_SERVER_URL as string
const DATABASE = `${process.env.TEST_DATABASE_NAME}_seed_corpus`

let payload: Payload
let dryRun: ImportSummary
let countsAfterDryRun: Record<string, unknown>
let first: ImportSummary
let firstMs: number

const counts = async () => {
  const collections = ['articles', 'glossary-terms', 'sources', 'workflow-events'] as const
  const totals = await Promise.all(collections.map((collection) => payload.count({ collection, overrideAccess: true })))
  const versions = await payload.countVersions({ collection: 'articles', overrideAccess: true })
  return { ...Object.fromEntries(collections.map((collection, index) => [collection, totals[index]?.totalDocs])), versions: versions.totalDocs }
}

const all = (nodes: LexicalNode[], type: string): LexicalNode[] =>
  nodes.flatMap((node) => [...(node.type === type ? [node] : []), ...all(node.children ?? [], type)])

const articleByUrl = async (url: string) => {
  const { docs } = await payload.find({ collection: 'articles', depth: 0, limit: 1, overrideAccess: true, where: { url: { equals: url } } })
  if (!docs[0]) throw new Error(`no article ${url}`)
  return docs[0]
}

beforeAll(async () => {
  await createDatabase(SERVER, DATABASE)
  payload = await bootPayloadOn(databaseUrl(SERVER, DATABASE), DATABASE)
  dryRun = await runImport({ articles: [CORPUS], dryRun: true, glossary: [GLOSSARY], payload })
  countsAfterDryRun = await counts()
  const started = performance.now()
  first = await runImport({ articles: [CORPUS], glossary: [GLOSSARY], payload })
  firstMs = performance.now() - started
}, 600_000)

afterAll(async () => {
  await shutdownPayload(payload)
  await dropDatabase(SERVER, DATABASE)
}, 60_000)

describe('a dry run of the bundled corpus on an empty database', () => {
  it('reports what it would create and writes nothing', () => {
    expect(dryRun).toEqual({ created: 17, failed: [], glossary: { created: 95, failed: [], unchanged: 0, updated: 0 }, notes: [], unchanged: 0, updated: 0 })
    expect(countsAfterDryRun).toEqual({ articles: 0, 'glossary-terms': 0, sources: 0, versions: 0, 'workflow-events': 0 })
  })
})

describe('importing the bundled corpus', () => {
  it('imports every document and glossary entry with zero failures', () => {
    expect(first.failed).toEqual([])
    expect(first.glossary.failed).toEqual([])
    expect(first).toMatchObject({ created: 17, unchanged: 0, updated: 0 })
    expect(first.glossary).toMatchObject({ created: 95, unchanged: 0, updated: 0 })
  })

  it('creates one NCI source with the tier of the first document', async () => {
    const { docs } = await payload.find({ collection: 'sources', overrideAccess: true })
    expect(docs.map(({ defaultLicense, homeUrl, label, name, tierKey, tierRank }) => ({ defaultLicense, homeUrl, label, name, tierKey, tierRank }))).toEqual([
      { defaultLicense: 'public_domain', homeUrl: 'https://www.cancer.gov', label: 'NCI', name: 'National Cancer Institute', tierKey: 'nci_core', tierRank: 2 },
    ])
  })

  it('publishes active articles, flagged overdue when their review is past', async () => {
    const { docs } = await payload.find({ collection: 'articles', depth: 0, overrideAccess: true, pagination: false, select: { _status: true, reviewState: true, status: true } })
    expect(docs).toHaveLength(17)
    expect(new Set(docs.map((doc) => `${doc.status}/${doc._status}`))).toEqual(new Set(['active/published']))
    expect(docs.filter((doc) => doc.reviewState === 'overdue').length).toBeGreaterThanOrEqual(16)
  })

  it('keeps each GFM and raw HTML table of the genetics summary as one table', async () => {
    const article = await articleByUrl('https://www.cancer.gov/types/breast/hp/breast-ovarian-genetics-pdq')
    const nodes = (article.body?.root.children ?? []) as LexicalNode[]
    // 16 GFM tables and one raw HTML table in the source.
    expect(all(nodes, 'table')).toHaveLength(17)
    expect(article.evidence?.length).toBeGreaterThan(1000)
    expect(new Set(article.evidence?.map((entry) => entry.kind))).toEqual(new Set(['pubmed', 'clinical_trial']))
  })

  it('links glossary terms internally, creating terms the glossary data lacks', async () => {
    const article = await articleByUrl('https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis')
    const links = all((article.body?.root.children ?? []) as LexicalNode[], 'link')
    const internal = links.filter((link) => (link.fields as { linkType?: string }).linkType === 'internal')
    expect(internal.length).toBeGreaterThanOrEqual(8)
    expect(article.glossaryTerms?.length).toBe(internal.length)
    const { docs: terms } = await payload.find({
      collection: 'glossary-terms',
      depth: 0,
      overrideAccess: true,
      where: { nciId: { equals: '44817' } },
    })
    expect(terms[0]).toMatchObject({ needsDefinition: true, term: 'Bisphosphonates' })
    expect(internal.map((link) => (link.fields as { doc: { value: number } }).doc.value)).toContain(terms[0]?.id)
    const custom = links.filter((link) => (link.fields as { linkType?: string }).linkType === 'custom')
    expect(custom.every((link) => /^https?:\/\//.test((link.fields as { url: string }).url))).toBe(true)
  })

  it('keeps the glossary data of terms it has', async () => {
    const { docs } = await payload.find({ collection: 'glossary-terms', depth: 0, overrideAccess: true, where: { nciId: { equals: '556486' } } })
    expect(docs[0]).toMatchObject({ language: 'en', needsDefinition: false, term: 'deleterious mutation' })
    expect(docs[0]?.definitions?.map((definition) => [definition.language, definition.audience, definition.dictionary])).toEqual([
      ['en', 'clinician', 'Genetics'],
      ['es', 'clinician', 'Genetics'],
    ])
  })

  it("stores bodies that pass the body field's own rich-text validation (Payload's, links included)", async () => {
    const field = payload.collections.articles.config.flattenedFields.find((item): item is RichTextField => item.name === 'body' && item.type === 'richText')
    const validate = field?.validate
    if (!field || !validate) throw new Error('the articles body field has no validation')
    const req = await createLocalReq({}, payload)
    const check = async (article: Awaited<ReturnType<typeof articleByUrl>>, body: object | null | undefined): Promise<unknown> =>
      validate(body, {
        ...field,
        collectionSlug: 'articles',
        data: article,
        event: 'submit',
        id: article.id,
        operation: 'update',
        path: ['body'],
        preferences: { fields: {} },
        previousValue: article.body,
        req,
        siblingData: article,
      } as Parameters<typeof validate>[1])
    // The reference document (glossary and evidence links) and a summary with tables, lists and
    // 255 links; the rest of the corpus went through the same validation when it was created.
    for (const url of [
      'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis',
      'https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq',
    ]) {
      const article = await articleByUrl(url)
      expect(all((article.body?.root.children ?? []) as LexicalNode[], 'link').length).toBeGreaterThan(10)
      expect(await check(article, article.body)).toBe(true)
    }
    // The check can fail: a link without a target does not pass.
    const article = await articleByUrl('https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis')
    const broken = JSON.parse(JSON.stringify(article.body)) as { root: { children: LexicalNode[] } }
    const custom = all(broken.root.children, 'link').find((link) => (link.fields as { linkType?: string }).linkType === 'custom')
    if (!custom) throw new Error('the reference document has no custom link')
    custom.fields = { ...(custom.fields as object), url: '' }
    expect(await check(article, broken)).toEqual(expect.stringContaining('link node failed to validate'))
  })

  it('records each import as a workflow event by the system', async () => {
    const { docs } = await payload.find({ collection: 'workflow-events', depth: 0, overrideAccess: true, pagination: false })
    expect(docs).toHaveLength(17)
    for (const event of docs) {
      expect(event).toMatchObject({ action: 'import', actorLabel: 'system:importer', to: 'active' })
      expect(event.actor ?? null).toBeNull()
      expect(event.from ?? null).toBeNull()
      expect(event.versionId).toEqual(expect.any(String))
    }
  })
})

describe('what readers can trust, from the corpus', () => {
  const HP = 'https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq'
  const PATIENT = 'https://www.cancer.gov/types/stomach/patient/stomach-treatment-pdq'

  it('gives every PDQ summary with a "Changes to This Summary" section its first changelog entry, and keeps the section in the body', async () => {
    const { docs } = await payload.find({ collection: 'articles', depth: 0, overrideAccess: true, pagination: false, select: { bodyText: true, changes: true, url: true } })
    const withSection = docs.filter((doc) => /changes to this summary/i.test(doc.bodyText ?? ''))
    expect(withSection).toHaveLength(10)
    for (const doc of withSection) {
      expect(doc.changes).toHaveLength(1)
      expect(doc.changes?.[0]?.note.length).toBeGreaterThan(10)
    }
    for (const doc of docs.filter((item) => !withSection.includes(item))) expect(doc.changes ?? []).toEqual([])
    const stomach = docs.find((doc) => doc.url === HP)
    expect(stomach?.changes?.[0]?.date.slice(0, 10)).toBe('2018-08-17')
    expect(stomach?.changes?.[0]?.note).toContain('Added [Immunotherapy](https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq#link/_491) as a new subsection.')
  })

  it("links each topic's patient and health-professional versions, and the page endpoint shows both", async () => {
    const hp = await articleByUrl(HP)
    const patient = await articleByUrl(PATIENT)
    const req = await createLocalReq({}, payload)
    const { articlePage } = await import('../../src/delivery/articlePage.js')
    const { sanitizeOptions } = await import('../../rules/options.js')
    const options = sanitizeOptions()
    const hpPage = await articlePage({ options, params: { url: HP }, req })
    const patientPage = await articlePage({ options, params: { url: PATIENT }, req })
    expect(hpPage.counterparts).toEqual([{ audienceLevel: 'patient', id: patient.id, language: 'en', title: patient.title, url: PATIENT }])
    expect(patientPage.counterparts).toEqual([{ audienceLevel: 'clinician', id: hp.id, language: 'en', title: hp.title, url: HP }])
    expect(hpPage.changes[0]?.date).toBe('2018-08-17')
    // No other pair is in the corpus: every other summary has no counterpart.
    const { docs } = await payload.find({ collection: 'articles', depth: 0, overrideAccess: true, pagination: false, select: { counterparts: true, url: true } })
    const linked = docs.filter((doc) => (doc.counterparts ?? []).length > 0).map((doc) => doc.url)
    expect(linked.length).toBeGreaterThanOrEqual(1)
    expect(linked.every((url) => url === HP || url === PATIENT)).toBe(true)
  })
})

describe('importing the corpus again', () => {
  it('reports everything unchanged, writes nothing, and is fast', async () => {
    const before = await counts()
    const started = performance.now()
    const second = await runImport({ articles: [CORPUS], glossary: [GLOSSARY], payload })
    const secondMs = performance.now() - started
    expect(second).toEqual({ created: 0, failed: [], glossary: { created: 0, failed: [], unchanged: 95, updated: 0 }, notes: [], unchanged: 17, updated: 0 })
    expect(await counts()).toEqual(before)
    // Unchanged files are skipped by hash, before any conversion.
    expect(secondMs).toBeLessThan(firstMs / 5)
  })

  it('in a dry run, reports everything unchanged', async () => {
    const before = await counts()
    const dry = await runImport({ articles: [CORPUS], dryRun: true, glossary: [GLOSSARY], payload })
    expect(dry).toMatchObject({ created: 0, failed: [], unchanged: 17, updated: 0 })
    expect(await counts()).toEqual(before)
  })
})
