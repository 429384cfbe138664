import { loadavg } from 'node:os'

import { api, BASE_URL, type BrowserSession, createUser, firstAdmin, launchChromium, screenshot, signIn, type TestUser, withFailureScreenshots } from '../e2e/helpers/app.js'
import { unique } from '../helpers/fixtures.js'
import type { Request } from 'playwright-core'
import type { FirstBootImportStatus } from '../../src/app/_firstBoot/status.js'

/** Concurrent anonymous readers, as the issue measured them. */
const READERS = 8
/** Saves by the editor in each phase of the import, one after another. */
const SAVES = 3
/** How long the saves wait for the import to start writing (DEV_TEST_WRITE_WAIT_MS). */
const WRITE_WAIT_MS = Number(process.env.DEV_TEST_WRITE_WAIT_MS || 300_000)
const READS = ['/api/articles?limit=1', '/api/sources?limit=1', '/api/glossary-terms?limit=1', '/api/articles?limit=10&sort=-updatedAt']

interface Reading {
  /** Why the request failed, when it did not answer (status 0). */
  error?: string
  ms: number
  route: string
  status: number
}

/** fetch's own message ("fetch failed") hides the cause: the socket's error code and message. */
const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${'code' in error.cause ? `${String(error.cause.code)} ` : ''}${error.cause.message})` : ''
  return `${error.name}: ${error.message}${cause}`
}

const importStatus = () => api<FirstBootImportStatus>('GET', '/first-boot-import')

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN

/** Readers that read in a loop until stopped; a failed request counts as status 0. */
const startReaders = (count: number) => {
  let stopped = false
  const readings: Reading[] = []
  const reader = async (index: number) => {
    for (let round = 0; !stopped; round += 1) {
      const route = READS[(index + round) % READS.length] ?? READS[0]!
      const started = performance.now()
      let status = 0
      let error: string | undefined
      try {
        const response = await fetch(`${BASE_URL}${route}`, { signal: AbortSignal.timeout(60_000) })
        await response.arrayBuffer()
        status = response.status
      } catch (caught) {
        error = describeError(caught)
      }
      readings.push({ ms: performance.now() - started, route, status, ...(error ? { error } : {}) })
    }
  }
  const running = Array.from({ length: count }, (_, index) => reader(index))
  return {
    readings,
    stop: async () => {
      stopped = true
      await Promise.all(running)
    },
  }
}

let session: BrowserSession
let editor: TestUser
let articleId: number

beforeAll(async () => {
  await firstAdmin()
  editor = await createUser('editor')
  const { doc } = await api<{ doc: { id: number } }>('POST', '/articles?draft=true', {
    body: { audienceLevel: 'patient', language: 'en', reviewFrequency: 'annual', title: `Saved under load ${unique()}`, url: `https://www.cancer.gov/dev-test/${unique()}` },
    expect: 201,
    token: editor.token,
  })
  articleId = doc.id
  // next dev compiles the admin on its first visit (up to minutes on a small machine): wait for
  // that here, outside the browser's navigation timeouts.
  // fetch gives up on headers after 300 s, a compile on a busy machine may take longer: ask again.
  const compiled = performance.now()
  let warm: null | Response = null
  while (!warm && performance.now() - compiled < 900_000) {
    warm = await fetch(`${BASE_URL}/admin/login`).catch(() => null)
    if (!warm) await new Promise((resolve) => setTimeout(resolve, 1_000))
  }
  if (!warm) throw new Error('the admin did not answer within 15 minutes')
  await warm.arrayBuffer()
  console.log(`[dev-test] first /admin compile: ${((performance.now() - compiled) / 1000).toFixed(1)} s (status ${warm.status})`)
  session = await launchChromium()
})

afterAll(async () => {
  await session?.close()
})

it('with the first-boot import running and 8 readers, an editor saves an article in the admin three times, three more once it writes, and every reader gets an answer', async () => {
  // next dev compiles the admin's client code on the first page load (minutes on a small machine).
  const { page } = await signIn(session.browser, editor, { navigationTimeoutMs: 600_000 })
  await withFailureScreenshots({ editor: page }, async () => {
    await page.goto(`/admin/collections/articles/${articleId}`, { timeout: 600_000 })
    const title = page.locator('#field-title')
    await title.waitFor({ state: 'visible', timeout: 600_000 })

    const before = await importStatus()
    // The admin says that the import runs and how far it is.
    if (before.state === 'running') {
      await page.getByTestId('first-boot-import').filter({ hasText: 'Importing the demo content' }).waitFor({ timeout: 30_000 })
      await screenshot(page, 'dev-import-banner')
    }
    // The readers read while the editor saves (started before each round of saves, stopped after it).
    const readings: Reading[] = []
    const readWhile = async (saving: () => Promise<void>) => {
      const readers = startReaders(READERS)
      // Let the readers get going before the saves.
      while (readers.readings.length < READERS) await new Promise((resolve) => setTimeout(resolve, 100))
      try {
        await saving()
      } finally {
        await readers.stop()
        readings.push(...readers.readings)
      }
    }

    // The admin's own requests around each save (they share the server with it): when each began
    // and ended, counted from that save's click, printed with the figures.
    let clicked = performance.now()
    let adminRequests: string[] = []
    const began = new Map<Request, number>()
    const onRequest = (request: Request) => began.set(request, performance.now())
    const onFinished = (request: Request) => {
      const start = began.get(request)
      if (start === undefined) return
      adminRequests.push(`${(start - clicked).toFixed(0).padStart(7)} → ${(performance.now() - clicked).toFixed(0).padStart(7)} ms ${request.method()} ${request.url().replace(BASE_URL, '').slice(0, 120)}`)
    }
    page.on('request', onRequest)
    page.on('requestfinished', onFinished)
    // An editor saves more than once: the first save of a new server also pays for what is loaded
    // on first use, the later ones are what an editor meets from then on. Three saves in the
    // import's phase of the moment (mostly its reading of the files), then three while it writes
    // articles, the database busy with its inserts.
    const saves: { ms: number; phase: string; requests: string[]; status: number; title: string }[] = []
    const saveThrice = async (phase: string) => {
      for (let round = 1; round <= SAVES; round += 1) {
        const newTitle = `Saved under load ${saves.length + 1} ${unique()}`
        await title.fill(newTitle)
        // The edit enables the save button (after a save, the admin's form state comes back from
        // the server: an edit it overwrote is made again).
        await page.locator('#action-save-draft:not([disabled])').waitFor({ timeout: 120_000 })
        if ((await title.inputValue()) !== newTitle) await title.fill(newTitle)
        adminRequests = []
        const saved = page.waitForResponse((response) => response.url().includes(`/api/articles/${articleId}`) && response.request().method() === 'PATCH', { timeout: 600_000 })
        clicked = performance.now()
        await page.locator('#action-save-draft').click()
        const response = await saved
        const ms = performance.now() - clicked
        // Saved: the button is disabled again until the next edit.
        await page.locator('#action-save-draft[disabled]').waitFor({ timeout: 120_000 })
        saves.push({ ms, phase, requests: adminRequests, status: response.status(), title: newTitle })
      }
    }
    const first = await importStatus()
    await readWhile(() => saveThrice(first.phase ?? 'starting'))
    // Then, when the import reaches its writing soon enough, three saves while it writes. The
    // readers pause meanwhile: at the lowest priority the import's reading takes only the time
    // they leave it, and 8 readers reading without a pause leave it next to none.
    let writing = await importStatus()
    const waitedFor = performance.now()
    while (writing.state === 'running' && writing.phase !== 'write' && performance.now() - waitedFor < WRITE_WAIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      writing = await importStatus()
    }
    if (first.phase !== 'write' && writing.state === 'running' && writing.phase === 'write') await readWhile(() => saveThrice('write'))
    const notWriting =
      saves.some((save) => save.phase === 'write')
        ? null
        : `[dev-test] no saves while the import wrote: after ${((performance.now() - waitedFor) / 1000).toFixed(0)} s it was ${writing.state} (${writing.phase ?? '-'} ${writing.done}/${writing.total}); a smaller DEV_TEST_IMPORT_DOCS reaches its writing sooner`
    const during = await importStatus()
    page.off('request', onRequest)
    page.off('requestfinished', onFinished)

    const times = readings.map((reading) => reading.ms).sort((a, b) => a - b)
    const failures = readings.filter((reading) => reading.status !== 200)
    console.log(
      [
        `[dev-test] load average (1, 5, 15 min): ${loadavg().map((value) => value.toFixed(2)).join(', ')}`,
        `[dev-test] import during the saves: ${before.state} → ${during.state} (${during.phase ?? '-'} ${during.done}/${during.total})`,
        ...saves.map(
          (save, index) =>
            `[dev-test] save ${index + 1}, import ${save.phase} (click → PATCH /api/articles/${articleId}?draft=true answered): ${(save.ms / 1000).toFixed(2)} s, status ${save.status}; the admin's requests (ms from the click):\n${save.requests.join('\n')}`,
        ),
        ...(notWriting ? [notWriting] : []),
        `[dev-test] ${READERS} readers: ${times.length} reads, ${failures.length} not 200; ms p50 ${percentile(times, 50).toFixed(0)}, p95 ${percentile(times, 95).toFixed(0)}, max ${(times.at(-1) ?? NaN).toFixed(0)}`,
      ].join('\n'),
    )

    // The readers and the save ran while the import ran: running when they began and still
    // running once the save was done (a finished import never runs again). When this fails on
    // 'done', the import ended before the editor got there: raise DEV_TEST_IMPORT_DOCS.
    expect(before.state).toBe('running')
    expect(during.state).toBe('running')
    expect(saves.map((save) => save.status)).toEqual(saves.map(() => 200))
    expect(failures).toEqual([])
    expect(times.length).toBeGreaterThanOrEqual(READERS)
    const stored = await api<{ title: string }>('GET', `/articles/${articleId}?draft=true&depth=0`, { token: editor.token })
    expect(stored.title).toBe(saves.at(-1)?.title)
  })
})
