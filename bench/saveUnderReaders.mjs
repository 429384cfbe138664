// An editor's draft save timed on a running (warm) server while anonymous readers read, as
// tests/dev/editorSaveUnderImport.dev.ts does in the browser, but sent by a script: the PATCH's
// own time, many times over, without the browser and the admin's form-state request.
//
//   node bench/saveUnderReaders.mjs <baseUrl> [saves=12] [readers=8]
//
// Signs in as the first user (registering it on an empty database), creates a draft article,
// saves it twice to warm up, then `saves` times while `readers` anonymous clients read in a loop
// (the dev test's four routes). Prints the saves' median and p90, the readers' count, errors,
// p50 and p95, the first-boot import's state and the load average.
import { loadavg } from 'node:os'

const [baseUrl, savesArg = '12', readersArg = '8'] = process.argv.slice(2)
if (!baseUrl) throw new Error('usage: node bench/saveUnderReaders.mjs <baseUrl> [saves] [readers]')
const SAVES = Number(savesArg)
const READERS = Number(readersArg)
const READS = ['/api/articles?limit=1', '/api/sources?limit=1', '/api/glossary-terms?limit=1', '/api/articles?limit=10&sort=-updatedAt']
const EMAIL = 'bench-save@example.test'
const PASSWORD = 'bench correct horse battery staple'

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN
}

const call = async (method, route, { body, token } = {}) => {
  const response = await fetch(`${baseUrl}/api${route}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `JWT ${token}` } : {}) },
    method,
    signal: AbortSignal.timeout(300_000),
  })
  const text = await response.text()
  return { json: text ? JSON.parse(text) : null, status: response.status }
}

await call('POST', '/users/first-register', { body: { email: EMAIL, password: PASSWORD } })
const login = await call('POST', '/users/login', { body: { email: EMAIL, password: PASSWORD } })
if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.json)}`)
const token = login.json.token
const created = await call('POST', '/articles?draft=true', {
  body: { audienceLevel: 'patient', language: 'en', reviewFrequency: 'annual', title: `Bench save ${Date.now()}`, url: `https://www.cancer.gov/bench/${Date.now()}` },
  token,
})
if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.json)}`)
const id = created.json.doc.id
const save = async (round) => {
  const started = performance.now()
  const answer = await call('PATCH', `/articles/${id}?draft=true`, { body: { title: `Bench save ${Date.now()} ${round}` }, token })
  if (answer.status !== 200) throw new Error(`save: ${answer.status} ${JSON.stringify(answer.json)}`)
  return performance.now() - started
}
for (let round = 0; round < 2; round += 1) await save(-1 - round)

let stopped = false
const readings = []
const reader = async (index) => {
  for (let round = 0; !stopped; round += 1) {
    const route = READS[(index + round) % READS.length]
    const started = performance.now()
    let status = 0
    try {
      const response = await fetch(`${baseUrl}${route}`, { signal: AbortSignal.timeout(60_000) })
      await response.arrayBuffer()
      status = response.status
    } catch {}
    readings.push({ ms: performance.now() - started, status })
  }
}
const running = Array.from({ length: READERS }, (_, index) => reader(index))
while (readings.length < READERS) await new Promise((resolve) => setTimeout(resolve, 100))
const importBefore = (await call('GET', '/first-boot-import', { token })).json
const saves = []
for (let round = 0; round < SAVES; round += 1) saves.push(await save(round))
const importAfter = (await call('GET', '/first-boot-import', { token })).json
stopped = true
await Promise.all(running)

const times = readings.map((reading) => reading.ms)
const errors = readings.filter((reading) => reading.status !== 200).length
const fmt = (ms) => `${Math.round(ms)}`
console.log(
  [
    `saves (PATCH /api/articles/${id}?draft=true, ${READERS} readers): n ${saves.length}, median ${fmt(percentile(saves, 50))} ms, p90 ${fmt(percentile(saves, 90))} ms, max ${fmt(Math.max(...saves))} ms`,
    `readers: ${readings.length} reads, ${errors} not 200, p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms`,
    `import: ${importBefore?.state} (${importBefore?.phase ?? '-'} ${importBefore?.done}/${importBefore?.total}) → ${importAfter?.state} (${importAfter?.phase ?? '-'} ${importAfter?.done}/${importAfter?.total})`,
    `load average: ${loadavg().map((value) => value.toFixed(2)).join(', ')}`,
  ].join('\n'),
)
