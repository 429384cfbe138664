import { execFile } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'

import type { Payload } from 'payload'

import type { Article } from '../../payload-types.js'
import { createActiveArticle, createDraftArticle } from '../helpers/fixtures.js'
import { bootPayload, shutdownPayload } from '../helpers/payload.js'
import {
  api,
  BASE_URL,
  type BrowserSession,
  createTeam,
  launchChromium,
  screenshot,
  signIn,
  type TestUser,
  waitForText,
  withFailureScreenshots,
} from './helpers/app.js'

/**
 * What readers can trust, over real HTTP against the production build: the corpus import's
 * changelog entries and linked patient/professional versions on the page endpoint, an approved
 * change queueing the other version, and the evidence checker against servers of this file's own
 * on 127.0.0.1 (the app runs with EVIDENCE_CHECK_ALLOWED_HOSTS=127.0.0.1: no other host is fetched),
 * its broken link in the queue and in the workflow panel.
 */

const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
const HP = 'https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq'
const PATIENT = 'https://www.cancer.gov/types/stomach/patient/stomach-treatment-pdq'

interface PageLink {
  audienceLevel: string
  id: number
  language: string
  title: string
  url: string
}
interface Page {
  changes: { date: string; note: string }[]
  counterparts: PageLink[]
  evidence: { checkedAt: null | string; status: null | string; url: string }[]
  id: number
  jsonLd: Record<string, unknown>
  title: string
  translations: PageLink[]
}
interface QueueDoc {
  changes?: { article: { id: number }; note: string }[]
  evidence?: { url: string }[]
  id: number
  reason: string
}

/** Every entry of the reviewers' queue, page by page (the database is shared with the other e2e files). */
const wholeQueue = async (token: string): Promise<QueueDoc[]> => {
  const docs: QueueDoc[] = []
  for (let page = 1; page <= 20; page += 1) {
    const answer = await api<{ docs: QueueDoc[]; hasNextPage: boolean }>('GET', `/articles/review-queue?limit=200&page=${page}`, { token })
    docs.push(...answer.docs)
    if (!answer.hasNextPage) break
  }
  return docs
}

let team: { admin: TestUser; editor: TestUser; reviewer: TestUser }
let server: http.Server
let base = ''
const paths: string[] = []
let cited: Article
let pair: { hp: Article; patient: Article }
/** A linked set with members readers may not see: a draft translation, and a link only a working copy makes. */
let set: { draftFrench: Article; hp: Article; later: Article; original: Article; spanish: Article }
let session: BrowserSession

beforeAll(async () => {
  // The bundled corpus, imported by the importer into the app's database (unchanged if an earlier file did).
  const seeded = await run(process.execPath, ['--import', 'tsx', 'seed/cli.ts', '--json'], {
    cwd: root,
    env: { ...process.env, PAYLOAD_DB_PUSH: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  })
  expect((JSON.parse(seeded.stdout) as { failed: unknown[] }).failed).toEqual([])
  team = await createTeam()

  server = http.createServer((request, response) => {
    paths.push(request.url ?? '')
    if (request.url === '/ok') return response.writeHead(200).end('fine')
    if (request.url === '/moved') return response.writeHead(301, { Location: '/ok' }).end()
    return response.writeHead(404).end('gone')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const payload: Payload = await bootPayload()
  try {
    cited = await createActiveArticle(payload, {
      evidence: [
        { kind: 'other', label: 'fine', url: `${base}/ok` },
        { kind: 'other', label: 'moved', url: `${base}/moved` },
        { kind: 'other', label: 'gone', url: `${base}/gone` },
        { identifier: '17168428', kind: 'pubmed', label: 'not fetched in tests', url: 'https://pubmed.ncbi.nlm.nih.gov/17168428/' },
      ],
      title: `Evidence e2e ${process.pid}`,
    })
    // A pair of its own for the approval (the corpus stays as imported for the other files).
    const patient = await createActiveArticle(payload, { title: `Patient version e2e ${process.pid}` })
    const hp = await createActiveArticle(payload, { audienceLevel: 'clinician', counterparts: [patient.id], title: `HP version e2e ${process.pid}` })
    pair = { hp, patient }
    const original = await createActiveArticle(payload, { title: `Linked set e2e ${process.pid}` })
    set = {
      // Never approved: its title, id and URL reach staff only.
      draftFrench: await createDraftArticle(payload, { language: 'fr', title: `Brouillon non publie e2e ${process.pid}`, translationOf: original.id }),
      hp: await createActiveArticle(payload, { audienceLevel: 'clinician', counterparts: [original.id], title: `Linked set HP e2e ${process.pid}` }),
      // Published, but linked to the original only by a working copy (below, over HTTP).
      later: await createActiveArticle(payload, { audienceLevel: 'clinician', title: `Linked later e2e ${process.pid}` }),
      original,
      spanish: await createActiveArticle(payload, { language: 'es', title: `Conjunto enlazado e2e ${process.pid}`, translationOf: original.id }),
    }
  } finally {
    await shutdownPayload(payload)
  }
  session = await launchChromium()
}, 600_000)

afterAll(async () => {
  await session?.close()
  await new Promise((resolve) => server?.close(resolve))
})

const page = (query: string, token?: string) => api<Page>('GET', `/articles/page?${query}`, { token })

describe('the imported corpus', () => {
  it('gives the summaries their first changelog entry and links the stomach summary\'s two versions, on the page endpoint', async () => {
    const hp = await page(`url=${encodeURIComponent(HP)}`)
    const patient = await page(`url=${encodeURIComponent(PATIENT)}`)
    expect(hp.changes).toHaveLength(1)
    expect(hp.changes[0]?.date).toBe('2018-08-17')
    expect(hp.changes[0]?.note).toContain('Added [Immunotherapy](https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq#link/_491)')
    expect(hp.jsonLd.dateModified).toBe('2018-08-17')
    expect(hp.counterparts).toEqual([{ audienceLevel: 'patient', id: patient.id, language: 'en', title: patient.title, url: PATIENT }])
    expect(patient.counterparts).toEqual([{ audienceLevel: 'clinician', id: hp.id, language: 'en', title: hp.title, url: HP }])
    expect(patient.changes).toEqual([]) // the patient version has no such section
  })
})

describe('linked versions', () => {
  it('approving a change to one version queues the other with counterpart_changed, pointing at the change; reaffirming clears it', async () => {
    const hp = await page(`url=${encodeURIComponent(pair.hp.url)}`)
    const patient = await page(`url=${encodeURIComponent(pair.patient.url)}`)
    expect(patient.counterparts.map((link) => link.id)).toEqual([hp.id])
    const note = `Updated the staging section (${process.pid}).`
    await api('PATCH', `/articles/${hp.id}`, { body: { title: `${hp.title} (updated)` }, token: team.editor.token })
    await api('POST', `/articles/${hp.id}/workflow`, { body: { action: 'submit', changeNote: note }, token: team.editor.token })
    await api('POST', `/articles/${hp.id}/workflow`, { body: { action: 'approve', attestation: true }, token: team.reviewer.token })
    const after = await page(`url=${encodeURIComponent(pair.hp.url)}`)
    expect(after.changes.map((entry) => entry.note)).toEqual([note])

    const docs = await wholeQueue(team.admin.token)
    const entry = docs.find((doc) => doc.id === patient.id)
    expect(entry?.reason).toBe('counterpart_changed')
    expect(entry?.changes?.[0]).toMatchObject({ article: { id: hp.id }, note })

    await api('POST', `/articles/${patient.id}/workflow`, { body: { action: 'reaffirm', attestation: true }, token: team.reviewer.token })
    const again = await wholeQueue(team.admin.token)
    expect(again.find((doc) => doc.id === patient.id)?.reason).not.toBe('counterpart_changed')
    expect((await page(`url=${encodeURIComponent(pair.patient.url)}`)).changes).toEqual([])
  })

  it('GraphQL articlePage carries the same', async () => {
    const response = await fetch(`${BASE_URL}/api/graphql`, {
      body: JSON.stringify({ query: `{ articlePage(url: "${PATIENT}") { counterparts { url audienceLevel } translations { url } changes { date } } }` }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const body = (await response.json()) as { data: { articlePage: { changes: unknown[]; counterparts: { url: string }[]; translations: unknown[] } } }
    expect(body.data.articlePage.counterparts.map((link) => link.url)).toEqual([HP])
    expect(body.data.articlePage.translations).toEqual([])
  })
})

describe('the linked set over HTTP', () => {
  /** The page endpoint's answer as sent, anonymous or with a session token (header or cookie). */
  const pageText = async (id: number, auth: Record<string, string> = {}) => {
    const response = await fetch(`${BASE_URL}/api/articles/${id}/page`, { headers: auth })
    expect(response.status).toBe(200)
    return { cacheControl: response.headers.get('cache-control'), text: await response.text() }
  }
  const linkIds = (page: Page) => ({
    counterparts: page.counterparts.map((link) => link.id).sort(),
    translations: page.translations.map((link) => link.id).sort(),
    workTranslation: ((page.jsonLd.workTranslation ?? []) as { url: string }[]).map((work) => work.url).sort(),
  })

  it('a signed-in reviewer sees the working copies\' links; an anonymous reader only approved, published members, nothing of the draft', async () => {
    // An editor links a published article to the original in its working copy: not approved yet.
    const hpLinks = [set.hp.id, set.later.id]
    await api('PATCH', `/articles/${set.original.id}`, { body: { counterparts: [set.later.id] }, token: team.editor.token })
    const draftOnly = [set.draftFrench.title, set.draftFrench.url, set.later.title, set.later.url]

    // Anonymous first, then staff, then anonymous again: a staff answer is never kept for readers.
    const before = await pageText(set.original.id)
    const signedIn: Record<string, string>[] = [{ Authorization: `JWT ${team.reviewer.token}` }, { Cookie: `payload-token=${team.reviewer.token}` }]
    for (const auth of signedIn) {
      const staff = await pageText(set.original.id, auth)
      expect(staff.cacheControl).toBe('private, no-store')
      const page = JSON.parse(staff.text) as Page
      expect(linkIds(page).counterparts).toEqual([...hpLinks].sort())
      expect(linkIds(page).translations).toEqual([set.draftFrench.id, set.spanish.id].sort())
      expect(page.translations.find((link) => link.id === set.draftFrench.id)).toEqual({
        audienceLevel: 'patient',
        id: set.draftFrench.id,
        language: 'fr',
        title: set.draftFrench.title,
        url: set.draftFrench.url,
      })
    }
    const after = await pageText(set.original.id)
    for (const anonymous of [before, after]) {
      expect(anonymous.cacheControl).toMatch(/^public/)
      const page = JSON.parse(anonymous.text) as Page
      expect(page.counterparts).toEqual([{ audienceLevel: 'clinician', id: set.hp.id, language: 'en', title: set.hp.title, url: set.hp.url }])
      expect(page.translations).toEqual([{ audienceLevel: 'patient', id: set.spanish.id, language: 'es', title: set.spanish.title, url: set.spanish.url }])
      expect(linkIds(page).workTranslation).toEqual([set.spanish.url])
      // Nothing of the draft or of the unapproved link anywhere in the answer (the lists above hold
      // their ids and counts): no title, no URL.
      for (const secret of draftOnly) expect(anonymous.text).not.toContain(secret)
    }

    // The linked articles' own pages, anonymous: the draft is not found; the later one does not link back.
    await api('GET', `/articles/${set.draftFrench.id}/page`, { expect: 404 })
    const later = JSON.parse((await pageText(set.later.id)).text) as Page
    expect(later.counterparts).toEqual([])

    // GraphQL articlePage, anonymous: the same members, the same counts.
    const response = await fetch(`${BASE_URL}/api/graphql`, {
      body: JSON.stringify({ query: `{ articlePage(url: "${set.original.url}") { counterparts { id title url } translations { id title url } } }` }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const text = await response.text()
    const graph = (JSON.parse(text) as { data: { articlePage: { counterparts: { id: number }[]; translations: { id: number }[] } } }).data.articlePage
    expect(graph.counterparts.map((link) => link.id)).toEqual([set.hp.id])
    expect(graph.translations.map((link) => link.id)).toEqual([set.spanish.id])
    for (const secret of draftOnly) expect(text).not.toContain(secret)
  })
})

describe('evidence that still resolves', () => {
  it('checks the links over HTTP, shows each status on the page, and queues the broken one; nothing else is fetched', async () => {
    await api('POST', '/articles/evidence-check', { body: { article: cited.id }, expect: 403, token: team.editor.token })
    const result = await api<{ checked: number; counts: Record<string, number> }>('POST', '/articles/evidence-check', {
      body: { article: cited.id },
      token: team.reviewer.token,
    })
    expect(result).toMatchObject({ checked: 3, counts: { broken: 1, ok: 1, redirected: 1, unreachable: 0 } })
    expect(paths.sort()).toEqual(['/gone', '/moved', '/ok', '/ok'])
    const shown = await page(`url=${encodeURIComponent(cited.url)}`)
    expect(Object.fromEntries(shown.evidence.map((entry) => [entry.url, entry.status]))).toEqual({
      [`${base}/gone`]: 'broken',
      [`${base}/moved`]: 'redirected',
      [`${base}/ok`]: 'ok',
      'https://pubmed.ncbi.nlm.nih.gov/17168428/': null,
    })
    const docs = await wholeQueue(team.reviewer.token)
    expect(docs.find((doc) => doc.id === cited.id)).toMatchObject({ evidence: [{ url: `${base}/gone` }], reason: 'evidence_broken' })
  })

  it('shows the broken link in the workflow panel', async () => {
    const { page: tab } = await signIn(session.browser, team.reviewer)
    await withFailureScreenshots({ panel: tab }, async () => {
      await tab.goto(`/admin/collections/articles/${cited.id}`)
      const notice = tab.getByTestId('evidence-broken')
      await waitForText(notice, '1 evidence link broken', 60_000)
      await waitForText(notice, `${base}/gone`)
      await screenshot(tab, 'trust-panel-evidence-broken')
    })
  })
})
