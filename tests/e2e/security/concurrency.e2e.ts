import { createLocalReq, type Payload } from 'payload'

import { sanitizeOptions } from '../../../rules/options.js'
import { performTransition } from '../../../src/workflow/performTransition.js'
import { bootPayload, shutdownPayload } from '../../helpers/payload.js'
import {
  closeDatabase,
  createCrew,
  createDraft,
  type Crew,
  inconsistencies,
  move,
  type Outcome,
  type Path,
  recordOf,
  transition,
} from './articleRecord.js'
import { call, type TestUser } from './harness.js'

/**
 * Security suite, concurrency: two busy people acting on one article at the same instant, over
 * real HTTP against the production build (and, for one race, from a second process on the same
 * database). Every race runs ROUNDS times on a fresh article; each round asserts who may win, that
 * the loser is told why (409, or 404 for what is gone), the exact workflow events, and that the
 * record tells one story (events chain, working copy and published row agree).
 */

const ROUNDS = 20

let crew: Crew

beforeAll(async () => {
  crew = await createCrew()
})

afterAll(async () => {
  await closeDatabase()
})

const sorted = (...statuses: number[]) => [...statuses].sort((a, b) => a - b)

/** An article in review, submitted by the editor. */
const inReview = async (): Promise<number> => {
  const id = await createDraft(crew.editor)
  await move(crew.editor, id, 'submit')
  return id
}

/** Two calls started together: what each answered. */
const race = <A, B>(first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> => Promise.all([first(), second()])

const expectConsistent = async (id: number, events: string[]) => {
  const record = await recordOf(id)
  expect(inconsistencies(record)).toEqual([])
  expect(record.events.map((event) => event.action)).toEqual(events)
  return record
}

// Who won each kind of race, for the log: a race that one side always wins proves less.
const tally: Record<string, Record<string, number>> = {}
const count = (race: string, winner: string) => {
  tally[race] ??= {}
  tally[race][winner] = (tally[race][winner] ?? 0) + 1
}
afterAll(() => {
  console.log(`[concurrency] winners per race over ${ROUNDS} rounds: ${JSON.stringify(tally)}`)
})

const rounds = Array.from({ length: ROUNDS }, (_, index) => index + 1)
// Half of the rounds send the second request over GraphQL: both paths meet the same lock.
const pathOf = (round: number): Path => (round % 2 === 0 ? 'graphql' : 'rest')

describe('two transitions at once: one wins, the other gets 409, one event', () => {
  it.each(rounds)('approve × approve by two reviewers, round %i', async (round) => {
    const id = await inReview()
    const [a, b] = await race(
      () => transition(crew.reviewer, id, 'approve'),
      () => transition(crew.otherReviewer, id, 'approve', { path: pathOf(round) }),
    )
    expect(sorted(a.status, b.status)).toEqual([200, 409])
    const [winner, loser]: [TestUser, Outcome] = a.status === 200 ? [crew.reviewer, b] : [crew.otherReviewer, a]
    expect(loser.message).toContain('Cannot approve an article that is active')
    const record = await expectConsistent(id, ['submit', 'approve'])
    expect(record.main).toMatchObject({ publication: 'published', reviewedBy: winner.id, status: 'active' })
    expect(record.events[1]?.actor).toBe(winner.id)
    count('approve×approve', a.status === 200 ? 'first' : 'second')
  })

  it.each(rounds)('approve × request_changes, round %i', async (round) => {
    const id = await inReview()
    const [approve, changes] = await race(
      () => transition(crew.reviewer, id, 'approve'),
      () => transition(crew.otherReviewer, id, 'request_changes', { path: pathOf(round) }),
    )
    expect(sorted(approve.status, changes.status)).toEqual([200, 409])
    if (approve.status === 200) {
      expect(changes.message).toContain('Cannot request changes on an article that is active')
      const record = await expectConsistent(id, ['submit', 'approve'])
      expect(record.main).toMatchObject({ publication: 'published', status: 'active' })
    } else {
      expect(approve.message).toContain('Cannot approve an article that is draft')
      const record = await expectConsistent(id, ['submit', 'request_changes'])
      // Changes were requested: nothing went live.
      expect(record.main).toMatchObject({ publication: 'draft', status: 'draft' })
    }
    count('approve×request_changes', approve.status === 200 ? 'approve' : 'request_changes')
  })

  it.each(rounds)('submit × submit by two editors, round %i', async (round) => {
    const id = await createDraft(crew.editor)
    const [a, b] = await race(
      () => transition(crew.editor, id, 'submit'),
      () => transition(crew.otherEditor, id, 'submit', { path: pathOf(round) }),
    )
    expect(sorted(a.status, b.status)).toEqual([200, 409])
    const [winner, loser]: [TestUser, Outcome] = a.status === 200 ? [crew.editor, b] : [crew.otherEditor, a]
    expect(loser.message).toContain('Cannot submit an article that is in_review')
    const record = await expectConsistent(id, ['submit'])
    expect(record.working).toMatchObject({ status: 'in_review', submittedBy: winner.id })
    count('submit×submit', a.status === 200 ? 'first' : 'second')
  })

  it.each(rounds)('request_changes × request_changes by two reviewers, round %i', async (round) => {
    const id = await inReview()
    const [a, b] = await race(
      () => transition(crew.reviewer, id, 'request_changes'),
      () => transition(crew.otherReviewer, id, 'request_changes', { path: pathOf(round) }),
    )
    expect(sorted(a.status, b.status)).toEqual([200, 409])
    expect((a.status === 409 ? a : b).message).toContain('Cannot request changes on an article that is draft')
    const record = await expectConsistent(id, ['submit', 'request_changes'])
    expect(record.working).toMatchObject({ status: 'draft' })
    count('request_changes×request_changes', a.status === 200 ? 'first' : 'second')
  })

  it.each(rounds)('retire × submit of an update on an approved article, round %i', async () => {
    const id = await inReview()
    await move(crew.reviewer, id, 'approve')
    const [retire, submit] = await race(
      () => transition(crew.otherReviewer, id, 'retire'),
      () => transition(crew.editor, id, 'submit'),
    )
    expect(sorted(retire.status, submit.status)).toEqual([200, 409])
    const events = retire.status === 200 ? ['submit', 'approve', 'retire'] : ['submit', 'approve', 'submit']
    const record = await expectConsistent(id, events)
    expect(record.working?.status).toBe(retire.status === 200 ? 'retired' : 'in_review')
    count('retire×submit', retire.status === 200 ? 'retire' : 'submit')
  })
})

describe('an edit racing a transition lands before it or is refused, never lost', () => {
  it.each(rounds)('edit × submit: the edit is part of what is submitted, or 409, round %i', async (round) => {
    const id = await createDraft(crew.editor, `Before ${round}`)
    const title = `Edited ${round} ${Date.now()}`
    const [edit, submit] = await race(
      () => call('PATCH', `/articles/${id}`, { body: { title }, token: crew.editor.token }),
      () => transition(crew.otherEditor, id, 'submit'),
    )
    expect(submit.status).toBe(200)
    expect([200, 409]).toContain(edit.status)
    const record = await expectConsistent(id, ['submit'])
    expect(record.working).toMatchObject({ status: 'in_review', submittedBy: crew.otherEditor.id })
    if (edit.status === 200) {
      // The edit committed first, so the submitted version carries it.
      expect(record.working).toMatchObject({ lastEditedBy: crew.editor.id, title })
    } else {
      expect(edit.text).toContain('in review')
      expect(record.working?.title).toBe(`Before ${round}`)
    }
    count('edit×submit', edit.status === 200 ? 'edit first' : 'submit first')
  })

  it.each(rounds)('edit × approve: refused while in review, or a pending update after approval, round %i', async (round) => {
    const id = await createDraft(crew.editor, `Reviewed ${round}`)
    await move(crew.editor, id, 'submit')
    const title = `Pending ${round} ${Date.now()}`
    const [edit, approve] = await race(
      () => call('PATCH', `/articles/${id}`, { body: { title }, token: crew.otherEditor.token }),
      () => transition(crew.reviewer, id, 'approve'),
    )
    expect(approve.status).toBe(200)
    expect([200, 409]).toContain(edit.status)
    const record = await expectConsistent(id, ['submit', 'approve'])
    // The approved version is the one that was in review, whatever the edit did.
    expect(record.main).toMatchObject({ publication: 'published', status: 'active', title: `Reviewed ${round}` })
    if (edit.status === 200) {
      expect(record.working).toMatchObject({ publication: 'draft', status: 'active', title })
    } else {
      expect(record.working).toMatchObject({ publication: 'published', title: `Reviewed ${round}` })
    }
    count('edit×approve', edit.status === 200 ? 'approve first' : 'edit first')
  })

  it.each(rounds)("an admin's edit × approve: in the approved version or pending after it, round %i", async (round) => {
    const id = await createDraft(crew.editor, `Admin ${round}`)
    await move(crew.editor, id, 'submit')
    const title = `Fixed by the admin ${round} ${Date.now()}`
    const [edit, approve] = await race(
      () => call('PATCH', `/articles/${id}`, { body: { title }, token: crew.admin.token }),
      () => transition(crew.reviewer, id, 'approve'),
    )
    expect(edit.status).toBe(200)
    expect(approve.status).toBe(200)
    const record = await expectConsistent(id, ['submit', 'approve'])
    // Never lost: the working copy has the edit, live (edit first) or pending (approval first).
    expect(record.working?.title).toBe(title)
    expect([title, `Admin ${round}`]).toContain(record.main?.title)
    expect(record.working?.publication).toBe(record.main?.title === title ? 'published' : 'draft')
    count("admin's edit×approve", record.main?.title === title ? 'edit first' : 'approve first')
  })

  it.each(rounds)('edit × edit of different fields: both land, round %i', async (round) => {
    const id = await createDraft(crew.editor)
    const title = `Both ${round} ${Date.now()}`
    const [a, b] = await race(
      () => call('PATCH', `/articles/${id}`, { body: { title }, token: crew.editor.token }),
      () => call('PATCH', `/articles/${id}`, { body: { license: 'CC-BY-4.0' }, token: crew.otherEditor.token }),
    )
    expect([a.status, b.status]).toEqual([200, 200])
    const record = await expectConsistent(id, [])
    expect(record.working).toMatchObject({ license: 'CC-BY-4.0', title })
    count('edit×edit', 'both')
  })
})

describe('a delete racing a transition', () => {
  it.each(rounds)('delete × submit: gone (the submit gets 404) or in review (the delete gets 409), round %i', async () => {
    const id = await createDraft(crew.editor)
    const [remove, submit] = await race(
      () => call('DELETE', `/articles/${id}`, { token: crew.editor.token }),
      () => transition(crew.otherEditor, id, 'submit'),
    )
    expect(sorted(remove.status, submit.status)).toEqual(remove.status === 200 ? [200, 404] : [200, 409])
    const record = await recordOf(id)
    if (remove.status === 200) {
      expect(record).toMatchObject({ events: [], main: null, versions: 0, working: null })
    } else {
      expect(remove.text).toContain('in review')
      expect(inconsistencies(record)).toEqual([])
      expect(record.events.map((event) => event.action)).toEqual(['submit'])
    }
    count('delete×submit', remove.status === 200 ? 'delete' : 'submit')
  })

  it.each(rounds)('bulk delete × submit: the bulk delete never removes what went into review, round %i', async () => {
    const id = await createDraft(crew.editor)
    const [remove, submit] = await race(
      () => call('DELETE', `/articles?where[id][equals]=${id}`, { token: crew.editor.token }),
      () => transition(crew.otherEditor, id, 'submit'),
    )
    const record = await recordOf(id)
    const deleted = (remove.json as { docs?: { id: number }[] } | undefined)?.docs?.some((doc) => doc.id === id) ?? false
    if (submit.status === 200) {
      expect(deleted).toBe(false)
      expect(remove.status).not.toBe(500)
      expect(inconsistencies(record)).toEqual([])
      expect(record.events.map((event) => event.action)).toEqual(['submit'])
    } else {
      expect(submit.status).toBe(404)
      expect(deleted).toBe(true)
      expect(record).toMatchObject({ events: [], main: null, working: null })
    }
    count('bulk delete×submit', deleted ? 'delete' : 'submit')
  })
})

describe('two app processes on one database', () => {
  let payload: Payload
  const options = sanitizeOptions({})

  beforeAll(async () => {
    payload = await bootPayload()
  })

  afterAll(async () => {
    await shutdownPayload(payload)
  })

  /** A transition made by this test process through the plugin's own code, on its own connection. */
  const fromThisProcess = async (user: TestUser, id: number, action: 'approve' | 'request_changes'): Promise<Outcome> => {
    const doc = await payload.findByID({ collection: 'users', depth: 0, id: user.id })
    const req = await createLocalReq({ user: { ...doc, collection: 'users' } }, payload)
    try {
      await performTransition({
        body: { action, ...(action === 'approve' ? { attestation: true } : { comment: 'From the other process.' }) },
        id,
        options,
        req,
      })
      return { message: '', status: 200 }
    } catch (error) {
      const status = error && typeof error === 'object' && 'status' in error && typeof error.status === 'number' ? error.status : 500
      return { message: error instanceof Error ? error.message : String(error), status }
    }
  }

  it.each(rounds)('approve over HTTP × approve or request changes from a second process, round %i', async (round) => {
    const id = await inReview()
    const action = round % 2 === 0 ? 'approve' : 'request_changes'
    const [http, local] = await race(
      () => transition(crew.reviewer, id, 'approve'),
      () => fromThisProcess(crew.otherReviewer, id, action),
    )
    expect(sorted(http.status, local.status)).toEqual([200, 409])
    const loserAction = http.status === 200 ? action : 'approve'
    await expectConsistent(id, ['submit', http.status === 200 ? 'approve' : action])
    expect((http.status === 409 ? http : local).message).toContain(`Cannot ${loserAction === 'approve' ? 'approve' : 'request changes on'}`)
    count(`http approve×process ${action}`, http.status === 200 ? 'http' : 'process')
  })
})
