import pg from 'pg'

import { articleFields, unique } from '../../helpers/fixtures.js'
import { leaksInternals } from './badInputCases.js'
import { type Answer, call, createUser, firstAdmin, graphql, type TestUser } from './harness.js'

/**
 * Faults of issue 9 over real HTTP against the production build: a database outage under load
 * gives clean 503s with Retry-After (no 500 storm, no half-written transition) and the app
 * serves again by itself once the database is back; a write that fails mid-transition rolls
 * back every write of it. The outage is made on this run's own database only (connections
 * refused and every backend terminated), never on the shared server.
 */

const databaseUrl = process.env.DATABASE_URL ?? ''
if (!databaseUrl) throw new Error('DATABASE_URL is not set: run with `npm run test:e2e`')
const databaseName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
const maintenanceUrl = (() => {
  const url = new URL(databaseUrl)
  url.pathname = '/postgres'
  return url.toString()
})()

const withClient = async <T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const quoted = `"${databaseName.replaceAll('"', '""')}"`

/** Takes this run's database away: no new connections, every open one terminated. */
const stopDatabase = () =>
  withClient(maintenanceUrl, async (client) => {
    await client.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS false`)
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName])
  })

/** Gives the database back. */
const startDatabase = () => withClient(maintenanceUrl, (client) => client.query(`ALTER DATABASE ${quoted} ALLOW_CONNECTIONS true`))

let admin: TestUser
let editor: TestUser
let reviewer: TestUser
let sourceLabel: string
let sourceId: number

const created = (answer: Answer): { id: number } => {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${answer.text.slice(0, 300)}`)
  return (answer.json as { doc: { id: number } }).doc
}

/** A draft that satisfies the citation rule, submitted for review by the editor. */
const submittedArticle = async (): Promise<number> => {
  const { id } = created(
    await call('POST', '/articles', {
      body: articleFields({
        citation: `${sourceLabel}, ${new Date().getUTCFullYear()}`,
        license: 'public_domain',
        source: sourceId,
        title: `Fault article ${unique()}`,
        url: `https://www.cancer.gov/faults/${unique()}`,
      }),
      token: editor.token,
    }),
  )
  const submit = await call('POST', `/articles/${id}/workflow`, { body: { action: 'submit' }, token: editor.token })
  expect(submit.status).toBe(200)
  return id
}

const workingCopy = async (id: number) => {
  const answer = await call('GET', `/articles/${id}?draft=true&depth=0`, { token: admin.token })
  expect(answer.status).toBe(200)
  return answer.json as { status: string; title: string }
}

const eventsOf = async (id: number): Promise<string[]> => {
  const answer = await call('GET', `/workflow-events?where[article][equals]=${id}&sort=createdAt&limit=100&depth=0`, { token: admin.token })
  expect(answer.status).toBe(200)
  return (answer.json as { docs: { action: string }[] }).docs.map((event) => event.action)
}

beforeAll(async () => {
  admin = await firstAdmin()
  editor = await createUser('editor', 'faults-editor')
  reviewer = await createUser('reviewer', 'faults-reviewer')
  sourceLabel = `FLT${unique()}`.toUpperCase()
  sourceId = created(await call('POST', '/sources', { body: { homeUrl: 'https://www.cancer.gov', label: sourceLabel, name: 'Fault source' }, token: admin.token })).id
}, 120_000)

afterAll(async () => {
  // Whatever happened, the database is given back for the files that run after this one.
  await startDatabase()
})

interface Sample {
  phase: 'after' | 'before' | 'during'
  retryAfter: null | string
  route: string
  status: number
  text: string
}

describe('a database outage under load', () => {
  it('answers 503 with Retry-After (never 500), leaves no half-written transition, and serves again without a restart', async () => {
    const pending = await submittedArticle()
    const { id: editable } = created(
      await call('POST', '/articles', {
        body: articleFields({ title: `Outage draft ${unique()}`, url: `https://www.cancer.gov/faults/${unique()}` }),
        token: editor.token,
      }),
    )
    let edits = 0
    const routes = [
      () => call('GET', '/articles?limit=5&depth=0'),
      () => call('GET', '/articles/search?q=cancer'),
      () => call('GET', '/glossary-terms/lookup?name=tumor'),
      () => call('GET', '/articles/review-queue', { token: reviewer.token }),
      () => call('GET', `/articles/${pending}?draft=true`, { token: editor.token }),
      () => graphql('{ Articles(limit: 3) { docs { id title } } }'),
      () => call('PATCH', `/articles/${editable}`, { body: { version: `v${(edits += 1)}` }, token: editor.token }),
    ]
    const names = ['list', 'search', 'lookup', 'review-queue', 'by id', 'graphql', 'patch']
    const samples: Sample[] = []
    let phase: Sample['phase'] = 'before'
    let stop = false
    const count = (wanted: Sample['phase']) => samples.filter((sample) => sample.phase === wanted).length
    const worker = async (offset: number) => {
      for (let index = offset; !stop; index += 1) {
        const which = index % routes.length
        const answer = await routes[which]!().catch((error: unknown) => ({ headers: new Headers(), json: undefined, status: 0, text: String(error) }))
        // The phase an answer belongs to is the one it arrived in: a request that started before
        // the outage and ended in it met the outage.
        samples.push({ phase, retryAfter: answer.headers.get('retry-after'), route: names[which]!, status: answer.status, text: answer.text })
      }
    }
    const until = async (condition: () => boolean, ms: number, what: string) => {
      const deadline = Date.now() + ms
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }

    const workers = [0, 1, 2, 3].map(worker)
    try {
      await until(() => count('before') >= 20, 60_000, 'load before the outage')
      await stopDatabase()
      phase = 'during'
      // A transition attempted while the database is away.
      const approve = await call('POST', `/articles/${pending}/workflow`, { body: { action: 'approve', attestation: true, comment: 'during the outage' }, token: reviewer.token })
      samples.push({ phase: 'during', retryAfter: approve.headers.get('retry-after'), route: 'approve', status: approve.status, text: approve.text })
      await until(() => count('during') >= 30, 60_000, 'load during the outage')
      await startDatabase()
      phase = 'after'
      // The pool reconnects by itself: no restart.
      await until(() => samples.some((sample) => sample.phase === 'after' && sample.status === 200), 60_000, 'the first answer after the outage')
      const recoveredAt = samples.length
      await until(() => samples.length >= recoveredAt + 28, 60_000, 'load after the recovery')
    } finally {
      stop = true
      await Promise.all(workers)
      await startDatabase()
    }

    const summary = (wanted: Sample['phase']) =>
      samples.filter((sample) => sample.phase === wanted).reduce<Record<string, number>>((counts, sample) => ({ ...counts, [sample.status]: (counts[sample.status] ?? 0) + 1 }), {})
    console.log(`outage load: before ${JSON.stringify(summary('before'))}, during ${JSON.stringify(summary('during'))}, after ${JSON.stringify(summary('after'))}`)

    // No 500 and no dropped connection in any phase; every error a clean JSON body.
    const bad = samples.filter((sample) => sample.status >= 500 && sample.status !== 503 || sample.status === 0)
    expect(bad.map((sample) => `${sample.phase} ${sample.route} ${sample.status} ${sample.text.slice(0, 200)}`)).toEqual([])
    for (const sample of samples.filter((item) => item.status === 503)) {
      expect(sample.retryAfter).toMatch(/^\d+$/)
      expect(leaksInternals(sample.text)).toBeNull()
      if (sample.route !== 'graphql') expect(JSON.parse(sample.text)).toMatchObject({ errors: [{ message: expect.any(String) }] })
    }
    expect(summary('during')['503'] ?? 0).toBeGreaterThan(0)
    expect(summary('before')).toEqual({ 200: count('before') })
    // Once one request got through after the outage, the rest of the load is served too.
    const after = samples.filter((sample) => sample.phase === 'after')
    const firstOk = after.findIndex((sample) => sample.status === 200)
    expect(after.slice(firstOk + 8).filter((sample) => sample.status !== 200).map((sample) => `${sample.route} ${sample.status}`)).toEqual([])

    // The transition tried during the outage happened whole or not at all.
    const state = await workingCopy(pending)
    const events = await eventsOf(pending)
    const approveAnswer = samples.find((sample) => sample.route === 'approve')!
    if (approveAnswer.status === 200) {
      expect([state.status, events]).toEqual(['active', ['submit', 'approve']])
    } else {
      // Known limit (README): Payload's JWT strategy reads a failed user lookup as "no user", so a
      // signed-in request that meets the outage at sign-in is a 401/403 instead of a 503.
      expect([401, 403, 503]).toContain(approveAnswer.status)
      expect([state.status, events]).toEqual(['in_review', ['submit']])
      const retry = await call('POST', `/articles/${pending}/workflow`, { body: { action: 'approve', attestation: true, comment: 'after the outage' }, token: reviewer.token })
      expect(retry.status).toBe(200)
      expect(await eventsOf(pending)).toEqual(['submit', 'approve'])
    }
  }, 240_000)
})

describe('a write that fails mid-transition', () => {
  const withFailingEvents = async (run: () => Promise<void>) => {
    await withClient(databaseUrl, (client) =>
      client.query(`
        create or replace function refuse_marked_events() returns trigger language plpgsql as $$
        begin
          if new.comment = 'FAIL-THE-EVENT' then raise exception 'event refused by the test'; end if;
          return new;
        end $$;
        drop trigger if exists refuse_marked_events on workflow_events;
        create trigger refuse_marked_events before insert on workflow_events for each row execute function refuse_marked_events();
      `),
    )
    try {
      await run()
    } finally {
      await withClient(databaseUrl, (client) => client.query('drop trigger if exists refuse_marked_events on workflow_events'))
    }
  }

  it('rolls back an approval over HTTP: not published, still in review, no event; it works once the fault is gone', async () => {
    const id = await submittedArticle()
    await withFailingEvents(async () => {
      const answer = await call('POST', `/articles/${id}/workflow`, { body: { action: 'approve', attestation: true, comment: 'FAIL-THE-EVENT' }, token: reviewer.token })
      // A fault of the server, not of the request: a bare 500 that says nothing of it.
      expect(answer.status).toBe(500)
      expect(answer.json).toEqual({ errors: [{ message: 'Something went wrong.' }] })
      expect(leaksInternals(answer.text)).toBeNull()
      expect((await workingCopy(id)).status).toBe('in_review')
      expect(await eventsOf(id)).toEqual(['submit'])
      expect((await call('GET', `/articles/${id}`)).status).toBe(404)
    })
    const approve = await call('POST', `/articles/${id}/workflow`, { body: { action: 'approve', attestation: true, comment: 'fine' }, token: reviewer.token })
    expect(approve.status).toBe(200)
    expect(await eventsOf(id)).toEqual(['submit', 'approve'])
    expect((await call('GET', `/articles/${id}`)).status).toBe(200)
  })

  it('rolls back the approval of an update: the public keeps the approved version', async () => {
    const id = await submittedArticle()
    expect((await call('POST', `/articles/${id}/workflow`, { body: { action: 'approve', attestation: true, comment: 'first' }, token: reviewer.token })).status).toBe(200)
    const published = await call('GET', `/articles/${id}?depth=0`)
    expect(published.status).toBe(200)
    const publishedTitle = (published.json as { title: string }).title
    expect((await call('PATCH', `/articles/${id}`, { body: { title: `${publishedTitle} (update)` }, token: editor.token })).status).toBe(200)
    // An update of a live article is submitted with a change note (issue 13).
    expect(
      (await call('POST', `/articles/${id}/workflow`, { body: { action: 'submit', changeNote: 'Title updated.' }, token: editor.token })).status,
    ).toBe(200)
    await withFailingEvents(async () => {
      const answer = await call('POST', `/articles/${id}/workflow`, { body: { action: 'approve', attestation: true, comment: 'FAIL-THE-EVENT' }, token: reviewer.token })
      expect(answer.status).toBe(500)
      expect(leaksInternals(answer.text)).toBeNull()
      expect((await call('GET', `/articles/${id}?depth=0`)).json).toMatchObject({ status: 'active', title: publishedTitle })
      expect(await workingCopy(id)).toMatchObject({ status: 'in_review', title: `${publishedTitle} (update)` })
      expect(await eventsOf(id)).toEqual(['submit', 'approve', 'submit'])
    })
  })

  it('rolls back a submit over GraphQL', async () => {
    const { id } = created(
      await call('POST', '/articles', {
        body: articleFields({ title: `GraphQL fault ${unique()}`, url: `https://www.cancer.gov/faults/${unique()}` }),
        token: editor.token,
      }),
    )
    await withFailingEvents(async () => {
      const answer = await graphql(`mutation { articleWorkflow(id: ${id}, action: submit, comment: "FAIL-THE-EVENT") { id status } }`, {}, editor.token)
      expect(leaksInternals(answer.text)).toBeNull()
      expect((answer.json as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0)
      expect((await workingCopy(id)).status).toBe('draft')
      expect(await eventsOf(id)).toEqual([])
    })
  })
})
