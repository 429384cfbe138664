import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, type Payload } from 'payload'

import type { Article, User } from '../../payload-types.js'
import { todayUtc } from '../../rules/calendarDate.js'
import { sanitizeOptions } from '../../rules/options.js'

// The demo config reads these when it is first imported: the evidence checker fetches only the
// 127.0.0.1 servers this file starts, and waits a second for the one that never answers.
process.env.EVIDENCE_CHECK_ALLOWED_HOSTS = '127.0.0.1'
process.env.EVIDENCE_CHECK_TIMEOUT_MS = '1000'

const { bootPayload, createUser, shutdownPayload, tokenOf } = await import('../helpers/payload.js')
const { createActiveArticle, createDraftArticle, unique } = await import('../helpers/fixtures.js')
const { graphql, rest } = await import('../helpers/api.js')
const { checkEvidenceUrl, runEvidenceCheck } = await import('../../src/trust/evidenceChecker.js')

let payload: Payload
let editor: User
let reviewer: User
let reviewer2: User
let tokens: Record<'editor' | 'reviewer' | 'reviewer2', string>

// ---------------------------------------------------------------------------------------------
// Evidence servers on 127.0.0.1: ok, a redirect, a 404, a 500 and one that never answers.

interface Seen {
  path: string
  userAgent: string
}
const seen: Seen[] = []
let server: http.Server
let base = ''
const hanging = new Set<http.ServerResponse>()

const startServer = async () => {
  server = http.createServer((request, response) => {
    seen.push({ path: request.url ?? '', userAgent: request.headers['user-agent'] ?? '' })
    const path = (request.url ?? '').split('?')[0]
    if (path?.startsWith('/ok')) return response.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>fine</p>')
    if (path?.startsWith('/moved')) return response.writeHead(301, { Location: '/ok-after-move' }).end()
    if (path?.startsWith('/to-metadata')) return response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data' }).end()
    if (path?.startsWith('/gone')) return response.writeHead(404).end('not here')
    if (path?.startsWith('/error')) return response.writeHead(500).end('oops')
    if (path?.startsWith('/hang')) {
      hanging.add(response)
      return undefined
    }
    return response.writeHead(400).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const evidence = (path: string, label = path) => ({ kind: 'other' as const, label, url: `${base}${path}` })

beforeAll(async () => {
  await startServer()
  payload = await bootPayload()
  // The first user of a database becomes an admin: make that one first.
  await createUser(payload, 'admin')
  editor = await createUser(payload, 'editor')
  reviewer = await createUser(payload, 'reviewer')
  reviewer2 = await createUser(payload, 'reviewer')
  tokens = { editor: await tokenOf(payload, editor), reviewer: await tokenOf(payload, reviewer), reviewer2: await tokenOf(payload, reviewer2) }
})

afterAll(async () => {
  for (const response of hanging) response.destroy()
  await new Promise((resolve) => server.close(resolve))
  await shutdownPayload(payload)
})

type QueueDoc = { changes?: { article: { id: number }; date: string; links: { api: string; compare: null | string }; note: string }[]; evidence?: { url: string }[]; id: number; reason: string }
const queue = async (token: string) => (await rest<{ docs: QueueDoc[] }>('GET', '/articles/review-queue', { token })).body.docs
type Page = {
  changes: { date: string; note: string }[]
  counterparts: { audienceLevel: string; id: number; language: string; title: string; url: string }[]
  evidence: { checkedAt: null | string; status: null | string; url: string }[]
  jsonLd: Record<string, unknown>
  translations: { id: number; language: string }[]
}
const page = async (id: number, token?: string) => rest<Page>('GET', `/articles/${id}/page`, { token })

// ---------------------------------------------------------------------------------------------

describe('the evidence checker', () => {
  let article: Article

  beforeAll(async () => {
    article = await createActiveArticle(payload, {
      evidence: [
        evidence('/ok'),
        evidence('/moved'),
        evidence('/gone'),
        evidence('/error'),
        evidence('/hang'),
        { identifier: '17168428', kind: 'pubmed', label: 'PubMed', url: 'https://pubmed.ncbi.nlm.nih.gov/17168428/' },
      ],
    })
  })

  it('is run by reviewers and admins only, with a checked body', async () => {
    expect((await rest('POST', '/articles/evidence-check', { body: { article: article.id } })).status).toBe(403)
    expect((await rest('POST', '/articles/evidence-check', { body: { article: article.id }, token: tokens.editor })).status).toBe(403)
    const bad = await rest<{ errors: { data?: { errors: { path: string }[] } }[] }>('POST', '/articles/evidence-check', {
      body: { article: 'x; drop table' },
      token: tokens.reviewer,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]?.data?.errors[0]?.path).toBe('article')
  })

  it('two checks at once of links never checked before both answer 200 and leave one row per link', async () => {
    const fresh = await createActiveArticle(payload, { evidence: [evidence('/ok?at-once-1'), evidence('/ok?at-once-2'), evidence('/gone?at-once')] })
    const runs = await Promise.all(
      [tokens.reviewer, tokens.reviewer2].map((token) =>
        rest<{ checked: number; counts: Record<string, number> }>('POST', '/articles/evidence-check', { body: { article: fresh.id }, token }),
      ),
    )
    expect(runs.map((run) => run.status)).toEqual([200, 200])
    for (const run of runs) expect(run.body).toMatchObject({ checked: 3, counts: { broken: 1, ok: 2 } })
    const { docs } = await payload.find({ collection: 'evidence-checks', overrideAccess: true, pagination: false, where: { url: { like: 'at-once' } } })
    expect(docs.map((doc) => doc.url.slice(base.length)).sort()).toEqual(['/gone?at-once', '/ok?at-once-1', '/ok?at-once-2'])
  })

  it('classifies ok, redirected, broken and unreachable; follows and records redirects; times out; sends its User-Agent; reaches no other host', async () => {
    seen.length = 0
    const started = Date.now()
    const run = await rest<{ checked: number; counts: Record<string, number>; links: number }>('POST', '/articles/evidence-check', {
      body: { article: article.id },
      token: tokens.reviewer,
    })
    expect(run.status).toBe(200)
    // PubMed is not on the test allowlist: not fetched, not counted, not recorded.
    expect(run.body).toEqual({ checked: 5, counts: { broken: 1, ok: 1, redirected: 1, unreachable: 2 }, links: 5 })
    expect(Date.now() - started).toBeLessThan(8_000) // the hang costs one timeout (1 s), concurrently
    const { docs } = await payload.find({ collection: 'evidence-checks', overrideAccess: true, pagination: false, where: { url: { like: base } } })
    const byPath = Object.fromEntries(docs.map((doc) => [doc.url.slice(base.length), doc]))
    expect(byPath['/ok']).toMatchObject({ redirects: 0, status: 'ok', statusCode: 200 })
    expect(byPath['/moved']).toMatchObject({ finalUrl: `${base}/ok-after-move`, redirects: 1, status: 'redirected', statusCode: 200 })
    expect(byPath['/gone']).toMatchObject({ status: 'broken', statusCode: 404 })
    expect(byPath['/error']).toMatchObject({ status: 'unreachable', statusCode: 500 })
    expect(byPath['/hang']).toMatchObject({ status: 'unreachable' })
    expect(byPath['/hang']?.error).toContain('No answer within 1000 ms')
    for (const doc of docs) expect(Date.parse(doc.checkedAt)).toBeGreaterThanOrEqual(started - 1000)
    expect((await payload.count({ collection: 'evidence-checks', overrideAccess: true, where: { url: { like: 'pubmed' } } })).totalDocs).toBe(0)
    expect(seen.map((request) => request.path).sort()).toEqual(['/error', '/gone', '/hang', '/moved', '/ok', '/ok-after-move'])
    for (const request of seen) expect(request.userAgent).toMatch(/^GovernedCancerContent-EvidenceChecker\/1\.0/)
  })

  it('refuses private addresses unless allowlisted, also behind a redirect (SSRF guard)', async () => {
    const settings = sanitizeOptions().evidenceCheck
    seen.length = 0
    const refused = await checkEvidenceUrl(`${base}/ok`, { ...settings, allowedHosts: [], timeoutMs: 1000 }, () => new Date())
    expect(refused).toMatchObject({ status: 'unreachable', statusCode: null })
    expect(refused.error).toContain('not checked')
    expect(seen).toHaveLength(0)
    const viaRedirect = await checkEvidenceUrl(`${base}/to-metadata`, { ...settings, allowedHosts: ['127.0.0.1'], timeoutMs: 1000 }, () => new Date())
    expect(viaRedirect).toMatchObject({ redirects: 1, status: 'unreachable' })
    expect(viaRedirect.error).toContain("not on the checker's host allowlist")
  })

  it('gives each evidence entry its status and checkedAt on the page endpoint (anonymous)', async () => {
    const { body, status } = await page(article.id)
    expect(status).toBe(200)
    const byUrl = Object.fromEntries(body.evidence.map((entry) => [entry.url, entry]))
    expect(byUrl[`${base}/gone`]).toMatchObject({ checkedAt: expect.any(String), status: 'broken' })
    expect(byUrl[`${base}/moved`]?.status).toBe('redirected')
    expect(byUrl['https://pubmed.ncbi.nlm.nih.gov/17168428/']).toMatchObject({ checkedAt: null, status: null })
  })

  it('puts the article in the reviewers\' queue as evidence_broken, and shows it to staff only', async () => {
    const entry = (await queue(tokens.reviewer)).find((doc) => doc.id === article.id)
    expect(entry?.reason).toBe('evidence_broken')
    expect(entry?.evidence?.map((link) => link.url)).toEqual([`${base}/gone`])
    expect((await rest('GET', `/articles/${article.id}/trust`)).status).toBe(403)
    expect((await rest('GET', '/articles/x1/trust', { token: tokens.reviewer })).status).toBe(400)
    const trust = await rest<{ broken: number }>('GET', `/articles/${article.id}/trust`, { token: tokens.editor })
    expect(trust.status).toBe(200)
    expect(trust.body.broken).toBe(1)
  })

  it('validates PubMed and trial ids at every edit (400 with the field path)', async () => {
    const draft = await createDraftArticle(payload)
    const token = tokens.editor
    const bad = await rest<{ errors: { data?: { errors: { path: string }[] } }[] }>('PATCH', `/articles/${draft.id}`, {
      body: { evidence: [{ identifier: 'NCT123', kind: 'clinical_trial', url: 'https://clinicaltrials.gov/study/NCT123' }] },
      token,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]?.data?.errors.map((error) => error.path)).toEqual(['evidence.0.identifier'])
    const good = await rest('PATCH', `/articles/${draft.id}`, {
      body: { evidence: [{ identifier: 'NCT01234567', kind: 'clinical_trial', url: 'https://clinicaltrials.gov/study/NCT01234567' }] },
      token,
    })
    expect(good.status).toBe(200)
  })
})

describe('the changelog is written only by approval', () => {
  it('refuses a client write that changes it and accepts it sent back unchanged', async () => {
    const article = await createActiveArticle(payload, { changes: [{ date: '2018-08-17T12:00:00.000Z', note: 'From the file.' }] })
    const changed = await rest<{ errors: { data?: { errors: { path: string }[] } }[] }>('PATCH', `/articles/${article.id}`, {
      body: { changes: [{ date: '2026-01-01', note: 'My own entry.' }] },
      token: tokens.editor,
    })
    expect(changed.status).toBe(400)
    expect(changed.body.errors[0]?.data?.errors[0]?.path).toBe('changes')
    const same = await rest('PATCH', `/articles/${article.id}`, {
      body: { changes: article.changes, title: `${article.title} (edited)` },
      token: tokens.editor,
    })
    expect(same.status).toBe(200)
    const gql = await graphql<{ updateArticle: null }>(
      `mutation { updateArticle(id: ${article.id}, data: { changes: [{ date: "2026-01-01", note: "x" }] }) { id } }`,
      { token: tokens.editor },
    )
    expect(JSON.stringify(gql.body.errors ?? [])).toMatch(/changes|not allowed|Field/)
    const stored = await payload.findByID({ collection: 'articles', draft: true, id: article.id, overrideAccess: true })
    expect(stored.changes?.map((entry) => entry.note)).toEqual(['From the file.'])
  })
})

describe('linked versions and the changelog of an approved change', () => {
  let patient: Article
  let hp: Article
  let spanish: Article
  let draftFrench: Article

  beforeAll(async () => {
    patient = await createActiveArticle(payload, { title: `Stomach cancer treatment ${unique()}` })
    hp = await createActiveArticle(payload, { audienceLevel: 'clinician', counterparts: [patient.id], title: `Stomach cancer treatment (HP) ${unique()}` })
    spanish = await createActiveArticle(payload, { language: 'es', title: `Tratamiento ${unique()}`, translationOf: patient.id })
    // A translation not approved yet: staff see it, readers do not.
    draftFrench = await createDraftArticle(payload, { language: 'fr', title: `Traitement ${unique()}`, translationOf: patient.id })
  })

  it('gives the page its counterparts and translations, approved ones only for anonymous readers, and JSON-LD translation links', async () => {
    const anonymous = await page(patient.id)
    expect(anonymous.status).toBe(200)
    expect(anonymous.body.counterparts).toEqual([{ audienceLevel: 'clinician', id: hp.id, language: 'en', title: hp.title, url: hp.url }])
    expect(anonymous.body.translations.map((link) => link.id)).toEqual([spanish.id])
    expect(anonymous.body.jsonLd.workTranslation).toEqual([{ '@type': 'MedicalWebPage', inLanguage: 'es', name: spanish.title, url: spanish.url }])
    const staff = await page(patient.id, tokens.editor)
    expect(staff.body.translations.map((link) => link.id).sort()).toEqual([spanish.id, draftFrench.id].sort())
    const translated = await page(spanish.id)
    expect(translated.body.jsonLd.translationOfWork).toMatchObject({ inLanguage: 'en', url: patient.url })
    expect(translated.body.counterparts).toEqual([])
    // The raw link fields are staff-only; readers get the resolved links above.
    const raw = await rest<Article>('GET', `/articles/${hp.id}`)
    expect(raw.body.counterparts).toBeUndefined()
  })

  it('approval of an update with a change note appends a public changelog entry and queues the linked versions', async () => {
    const edited = await rest('PATCH', `/articles/${patient.id}`, { body: { title: `${patient.title} (2026)` }, token: tokens.editor })
    expect(edited.status).toBe(200)
    const note = 'Updated staging information for 2026 (cited AJCC as reference 1).'
    const submitted = await rest('POST', `/articles/${patient.id}/workflow`, { body: { action: 'submit', changeNote: note }, token: tokens.editor })
    expect(submitted.status).toBe(200)
    const approved = await rest<{ doc: Article }>('POST', `/articles/${patient.id}/workflow`, {
      body: { action: 'approve', attestation: true },
      token: tokens.reviewer,
    })
    expect(approved.status).toBe(200)
    const today = todayUtc()
    const { body } = await page(patient.id)
    expect(body.changes).toEqual([{ date: today, note }])
    expect(body.jsonLd.dateModified).toBe(today)

    const docs = await queue(tokens.reviewer2)
    const hpEntry = docs.find((doc) => doc.id === hp.id)
    const esEntry = docs.find((doc) => doc.id === spanish.id)
    expect(hpEntry?.reason).toBe('counterpart_changed')
    expect(esEntry?.reason).toBe('translation_outdated')
    expect(hpEntry?.changes?.[0]).toMatchObject({ article: { id: patient.id }, date: today, note })
    expect(hpEntry?.changes?.[0]?.links.api).toBe(`/api/articles/${patient.id}/changes`)
    expect(hpEntry?.changes?.[0]?.links.compare).toMatch(new RegExp(`^/admin/collections/articles/${patient.id}/versions/\\w+\\?versionFrom=\\w+$`))
    // The approved article itself is not queued back by its own change.
    expect(docs.find((doc) => doc.id === patient.id)?.reason).not.toBe('counterpart_changed')

    const trust = await rest<{ notices: { reason: string }[] }>('GET', `/articles/${hp.id}/trust`, { token: tokens.reviewer })
    expect(trust.body.notices.map((notice) => notice.reason)).toEqual(['counterpart_changed'])
  })

  it('GraphQL articlePage carries the changelog, the linked versions and the checked evidence', async () => {
    const { body } = await graphql<{ articlePage: { changes: { note: string }[]; counterparts: { id: number }[]; evidence: unknown[]; translations: { id: number }[] } }>(
      `query { articlePage(id: ${patient.id}) { changes { date note } counterparts { id title url audienceLevel language } translations { id language } evidence { url status checkedAt } } }`,
    )
    expect(body.errors).toBeUndefined()
    expect(body.data?.articlePage.changes.map((entry) => entry.note)).toHaveLength(1)
    expect(body.data?.articlePage.counterparts.map((link) => link.id)).toEqual([hp.id])
    expect(body.data?.articlePage.translations.map((link) => link.id)).toEqual([spanish.id])
  })

  it('lists can select the changelog', async () => {
    const { body } = await rest<{ docs: Pick<Article, 'changes' | 'id'>[] }>('GET', `/articles?where[id][equals]=${patient.id}&select[changes]=true`)
    expect(body.docs[0]?.changes?.map((entry) => entry.note)).toHaveLength(1)
  })

  it('reaffirming a queued version clears it and appends no changelog entry', async () => {
    const reaffirmed = await rest('POST', `/articles/${hp.id}/workflow`, { body: { action: 'reaffirm', attestation: true }, token: tokens.reviewer2 })
    expect(reaffirmed.status).toBe(200)
    const docs = await queue(tokens.reviewer2)
    expect(docs.find((doc) => doc.id === hp.id)?.reason).not.toBe('counterpart_changed')
    expect(docs.find((doc) => doc.id === spanish.id)?.reason).toBe('translation_outdated')
    expect((await page(hp.id)).body.changes).toEqual([])
  })

  it('approving a queued translation with its own change clears it and does not queue the original back', async () => {
    await rest('PATCH', `/articles/${spanish.id}`, { body: { title: `${spanish.title} (2026)` }, token: tokens.editor })
    await rest('POST', `/articles/${spanish.id}/workflow`, { body: { action: 'submit', changeNote: 'Traducción al día.' }, token: tokens.editor })
    const approved = await rest('POST', `/articles/${spanish.id}/workflow`, { body: { action: 'approve', attestation: true }, token: tokens.reviewer })
    expect(approved.status).toBe(200)
    const docs = await queue(tokens.reviewer2)
    expect(docs.find((doc) => doc.id === spanish.id)?.reason).not.toBe('translation_outdated')
    expect(docs.find((doc) => doc.id === patient.id)?.reason).not.toBe('translation_outdated')
    // The French draft is a member of the set: it is told.
    expect(
      (await payload.count({ collection: 'linked-changes', overrideAccess: true, where: { and: [{ article: { equals: draftFrench.id } }, { clearedAt: { exists: false } }] } })).totalDocs,
    ).toBe(2)
  })

  it('an approval warns (not blocks) when the article cites broken evidence', async () => {
    const article = await createActiveArticle(payload, { evidence: [evidence('/gone', 'gone again')] })
    await rest('POST', '/articles/evidence-check', { body: { article: article.id }, token: tokens.reviewer })
    await rest('PATCH', `/articles/${article.id}`, { body: { title: `${article.title} (new)` }, token: tokens.editor })
    await rest('POST', `/articles/${article.id}/workflow`, { body: { action: 'submit', changeNote: 'New title.' }, token: tokens.editor })
    const approved = await rest<{ doc: Article; warnings?: string[] }>('POST', `/articles/${article.id}/workflow`, {
      body: { action: 'approve', attestation: true },
      token: tokens.reviewer,
    })
    expect(approved.status).toBe(200)
    expect(approved.body.doc.status).toBe('active')
    expect(approved.body.warnings).toEqual([expect.stringContaining('1 evidence link is broken')])
  })
})

describe('the daily evidence run', () => {
  it('finds the due links with one bounded query: never or longest ago checked first, at most a run\'s share, none checked within recheckDays', async () => {
    await createActiveArticle(payload, { evidence: [evidence('/ok?daily-1'), evidence('/ok?daily-2'), evidence('/ok?daily-3'), evidence('/gone?daily-4')] })
    const req = await createLocalReq({}, payload)
    const at = (iso: string) => () => new Date(iso)
    const options = (now: string, evidenceCheck: { maxPerRun: number; recheckDays: number }) =>
      sanitizeOptions({ evidenceCheck: { allowedHosts: ['127.0.0.1'], timeoutMs: 1000, ...evidenceCheck }, now: at(now) })
    // Every cited link checked once (a run may take all of them: daily, unbounded), in 2098.
    const first = await runEvidenceCheck({ options: options('2098-01-10T00:00:00Z', { maxPerRun: 100_000, recheckDays: 1 }), req })
    expect(first.checked).toBe(first.links)
    // This article's links last checked longer ago, one of them recently.
    const checkedAt: Record<string, string> = { '/gone?daily-4': '2097-06-01T00:00:00.000Z', '/ok?daily-1': '2097-06-03T00:00:00.000Z', '/ok?daily-2': '2097-06-02T00:00:00.000Z', '/ok?daily-3': '2098-01-12T00:00:00.000Z' }
    for (const [path, when] of Object.entries(checkedAt)) {
      await payload.update({ collection: 'evidence-checks', data: { checkedAt: when }, overrideAccess: true, where: { url: { equals: `${base}${path}` } } })
    }
    // Two days after the 2098 checks, weekly: only links checked a week or more before are due,
    // oldest first, at most maxPerRun: the 2097 ones, never the one checked two days ago.
    const checkedIn = async (since: string) =>
      (await payload.find({ collection: 'evidence-checks', overrideAccess: true, pagination: false, sort: 'url', where: { checkedAt: { greater_than_equal: since } } })).docs.map((doc) => doc.url.slice(base.length))
    const second = await runEvidenceCheck({ options: options('2098-01-14T00:00:00Z', { maxPerRun: 2, recheckDays: 7 }), req })
    expect(second).toMatchObject({ checked: 2, counts: { broken: 1, ok: 1 } })
    expect(await checkedIn('2098-01-14T00:00:00Z')).toEqual(['/gone?daily-4', '/ok?daily-2'])
    const third = await runEvidenceCheck({ options: options('2098-01-15T00:00:00Z', { maxPerRun: 100_000, recheckDays: 7 }), req })
    expect(third.checked).toBe(1)
    expect(await checkedIn('2098-01-15T00:00:00Z')).toEqual(['/ok?daily-1'])
  })
})
