import { type AccessDecision, decideDelete, decideEdit } from '../../../rules/articleAccess.js'
import type { ArticleStatus, Role } from '../../../rules/vocabulary.js'
import {
  type ArticleRecord,
  closeDatabase,
  createCrew,
  createDraft,
  type Crew,
  move,
  recordOf,
  versionsOf,
} from './articleRecord.js'
import { type Answer, call, graphql, type TestUser } from './harness.js'

/**
 * Security suite, access to the working copy: who may delete and who may change an article, in
 * every state it can be in (the published row often says something else than the working copy),
 * by every role, over every path (REST by id, REST bulk with `where`, GraphQL), over real HTTP
 * against the production build; and what a version restore does to the workflow. The expected
 * outcome of each case comes from the pure rules (rules/articleAccess.ts), whose own table is
 * unit-tested; here the question is whether every path really applies them, to the working copy.
 */

let crew: Crew

beforeAll(async () => {
  crew = await createCrew()
})

afterAll(async () => {
  await closeDatabase()
})

type Actor = 'anonymous' | Role

/** A state an article can be in, how to bring one there, and the facts the rules judge. */
interface State {
  everLive: boolean
  everSubmitted: boolean
  make: () => Promise<number>
  name: string
  /** The working copy's status. */
  working: ArticleStatus
}

const approved = async (): Promise<number> => {
  const id = await createDraft(crew.editor)
  await move(crew.editor, id, 'submit')
  await move(crew.reviewer, id, 'approve')
  return id
}

const edit = async (id: number, title: string): Promise<void> => {
  const answer = await call('PATCH', `/articles/${id}`, { body: { title }, token: crew.editor.token })
  if (answer.status !== 200) throw new Error(`edit ${id}: ${answer.status} ${answer.text.slice(0, 300)}`)
}

const STATES: State[] = [
  { everLive: false, everSubmitted: false, make: () => createDraft(crew.editor), name: 'draft never submitted', working: 'draft' },
  {
    everLive: false,
    everSubmitted: true,
    make: async () => {
      const id = await createDraft(crew.editor)
      await move(crew.editor, id, 'submit')
      await move(crew.reviewer, id, 'request_changes')
      return id
    },
    name: 'draft sent back from review',
    working: 'draft',
  },
  {
    everLive: false,
    everSubmitted: true,
    make: async () => {
      const id = await createDraft(crew.editor)
      await move(crew.editor, id, 'submit')
      return id
    },
    // The published row of this one still says draft: the bug the rules had.
    name: 'in review, never published',
    working: 'in_review',
  },
  { everLive: true, everSubmitted: true, make: approved, name: 'active', working: 'active' },
  {
    everLive: true,
    everSubmitted: true,
    make: async () => {
      const id = await approved()
      await edit(id, 'A pending update')
      return id
    },
    name: 'active with a pending draft',
    working: 'active',
  },
  {
    everLive: true,
    everSubmitted: true,
    make: async () => {
      const id = await approved()
      await edit(id, 'An update in review')
      await move(crew.editor, id, 'submit')
      return id
    },
    // Published row active, working copy in review.
    name: 'active with an update in review',
    working: 'in_review',
  },
  {
    everLive: true,
    everSubmitted: true,
    make: async () => {
      const id = await approved()
      await move(crew.reviewer, id, 'retire')
      return id
    },
    name: 'retired',
    working: 'retired',
  },
]

const ACTORS: Actor[] = ['anonymous', 'editor', 'reviewer', 'admin']
const PATHS = ['REST by id', 'REST bulk', 'GraphQL'] as const
type Route = (typeof PATHS)[number]

// The acting editor is never the author: the rules are about roles and states, not ownership.
const userOf = (actor: Actor): TestUser | undefined =>
  actor === 'anonymous' ? undefined : { admin: crew.admin, editor: crew.otherEditor, reviewer: crew.reviewer }[actor]

const roleOf = (actor: Actor): null | Role => (actor === 'anonymous' ? null : actor)

/** The HTTP status the rule's decision stands for. */
const expectedStatus = (decision: AccessDecision): number => (decision.ok ? 200 : decision.refusal.kind === 'forbidden' ? 403 : 409)

interface GraphQLAnswer {
  data?: Record<string, unknown> | null
  errors?: { extensions?: { statusCode?: number }; message: string }[]
}

/** What a path answered, as the test judges it: the status (GraphQL: the error's statusCode) and whether the target was touched. */
interface Result {
  answer: Answer
  /** For bulk answers: whether the article is among the documents the answer says were changed. */
  listed: boolean
  status: number
}

const judge = (answer: Answer, id: number, route: Route): Result => {
  if (route === 'GraphQL') {
    const errors = (answer.json as GraphQLAnswer | undefined)?.errors
    return { answer, listed: !errors?.length, status: errors?.length ? (errors[0]?.extensions?.statusCode ?? 500) : 200 }
  }
  const docs = (answer.json as { docs?: { id: number }[] } | undefined)?.docs
  return { answer, listed: route === 'REST bulk' ? (docs ?? []).some((doc) => doc.id === id) : answer.status === 200, status: answer.status }
}

const cases = STATES.flatMap((state) =>
  ACTORS.flatMap((actor) => PATHS.map((route) => ({ actor, route, state, stateName: state.name }))),
)

/** What must not have moved when a write was refused. */
const unchanged = (before: ArticleRecord, after: ArticleRecord) => {
  expect(after.main).toEqual(before.main)
  expect(after.working).toEqual(before.working)
  expect(after.events).toEqual(before.events)
}

describe('delete: judged on the working copy and the past, every state × role × path', () => {
  it.each(cases)('$stateName, $actor, $route', async ({ actor, route, state }) => {
    const id = await state.make()
    const before = await recordOf(id)
    const token = userOf(actor)?.token
    const decision = decideDelete({ everLive: state.everLive, everSubmitted: state.everSubmitted, role: roleOf(actor), status: state.working })
    const answer =
      route === 'REST by id'
        ? await call('DELETE', `/articles/${id}`, { token })
        : route === 'REST bulk'
          ? await call('DELETE', `/articles?where[id][equals]=${id}`, { token })
          : await graphql(`mutation { deleteArticle(id: ${id}) { id } }`, {}, token)
    const result = judge(answer, id, route)
    const after = await recordOf(id)
    expect(result.status).not.toBe(500)
    if (decision.ok) {
      expect(result).toMatchObject({ listed: true, status: 200 })
      // Its workflow events stay, detached from it (the integration tests find them by URL).
      expect(after).toMatchObject({ events: [], main: null, versions: 0, working: null })
    } else {
      expect(result.listed).toBe(false)
      unchanged(before, after)
      if (actor === 'anonymous') expect([401, 403]).toContain(result.status)
      else if (route !== 'REST bulk') expect(result.status).toBe(expectedStatus(decision))
    }
  })

  it('a refusal says why: in review, published (retire instead), or only an admin', async () => {
    const inReview = await STATES[2]!.make()
    const live = await STATES[3]!.make()
    const sentBack = await STATES[1]!.make()
    const reasons = await Promise.all(
      [inReview, live, sentBack].map(async (id) => (await call('DELETE', `/articles/${id}`, { token: crew.otherEditor.token })).text),
    )
    expect(reasons[0]).toContain('in review')
    expect(reasons[1]).toContain('Retire it instead')
    expect(reasons[2]).toContain('only an admin')
  })

  it('a bulk delete by an admin deletes what the rules allow and lists every refusal with its reason', async () => {
    const deletable = await STATES[1]!.make()
    const inReview = await STATES[2]!.make()
    const live = await STATES[3]!.make()
    const answer = await call('DELETE', `/articles?where[id][in]=${[deletable, inReview, live].join(',')}`, { token: crew.admin.token })
    const body = answer.json as { docs: { id: number }[]; errors: { id: number; message: string }[] }
    expect(body.docs.map((doc) => doc.id)).toEqual([deletable])
    expect(body.errors.map((error) => error.id).sort()).toEqual([inReview, live].sort())
    expect(body.errors.find((error) => error.id === live)?.message).toContain('Retire it instead')
    expect((await recordOf(deletable)).main).toBeNull()
    expect((await recordOf(inReview)).working?.status).toBe('in_review')
    expect((await recordOf(live)).main?.status).toBe('active')
  })
})

describe('update: judged on the working copy, every state × role × path', () => {
  it.each(cases)('$stateName, $actor, $route', async ({ actor, route, state }) => {
    const id = await state.make()
    const before = await recordOf(id)
    const token = userOf(actor)?.token
    const title = `Changed by ${actor} over ${route} ${Date.now()}`
    const decision = decideEdit({ role: roleOf(actor), status: state.working })
    const answer =
      route === 'REST by id'
        ? await call('PATCH', `/articles/${id}`, { body: { title }, token })
        : route === 'REST bulk'
          ? await call('PATCH', `/articles?where[id][equals]=${id}`, { body: { title }, token })
          : await graphql(`mutation Edit($title: String!) { updateArticle(id: ${id}, data: { title: $title }) { id } }`, { title }, token)
    const result = judge(answer, id, route)
    const after = await recordOf(id)
    expect(result.status).not.toBe(500)
    if (decision.ok) {
      expect(result).toMatchObject({ listed: true, status: 200 })
      // A draft of the working copy: the content changed, the workflow did not, the public row neither.
      expect(after.working).toEqual({ ...before.working, lastEditedBy: userOf(actor)?.id, publication: 'draft', title })
      expect(after.main).toEqual(before.main)
      expect(after.events).toEqual(before.events)
    } else {
      expect(result.listed).toBe(false)
      unchanged(before, after)
      if (actor === 'anonymous') expect([401, 403]).toContain(result.status)
      else if (route !== 'REST bulk') expect(result.status).toBe(expectedStatus(decision))
    }
  })
})

describe('version restore: old content, the workflow of the working copy', () => {
  /** An article approved twice: first as "First title", then as "Second title". */
  const approvedTwice = async (): Promise<number> => {
    const id = await createDraft(crew.editor, 'First title')
    await move(crew.editor, id, 'submit')
    await move(crew.reviewer, id, 'approve')
    await edit(id, 'Second title')
    await move(crew.editor, id, 'submit')
    await move(crew.reviewer, id, 'approve')
    return id
  }

  const restore = (versionId: number, user: TestUser | undefined, draft = true) =>
    call('POST', `/articles/versions/${versionId}${draft ? '?draft=true' : ''}`, { body: {}, token: user?.token })

  it('restoring the first draft keeps who submitted, who reviewed and when, and the status; nothing goes live', async () => {
    const id = await approvedTwice()
    const before = await recordOf(id)
    const [first] = await versionsOf(id)
    expect(first).toMatchObject({ submittedBy: null, title: 'First title' })
    const answer = await restore(first!.id, crew.otherEditor)
    expect(answer.status).toBe(200)
    const after = await recordOf(id)
    expect(after.working).toEqual({
      ...before.working,
      lastEditedBy: crew.otherEditor.id,
      publication: 'draft',
      title: 'First title',
    })
    expect(after.working).toMatchObject({ reviewedBy: crew.reviewer.id, status: 'active', submittedBy: crew.editor.id })
    expect(after.working?.lastReviewed).not.toBeNull()
    expect(after.main).toEqual(before.main)
    expect(after.events).toEqual(before.events)
  })

  it('the restored content goes live only through submit and approval, recorded as events', async () => {
    const id = await approvedTwice()
    const [first] = await versionsOf(id)
    expect((await restore(first!.id, crew.otherEditor)).status).toBe(200)
    await move(crew.otherEditor, id, 'submit')
    await move(crew.otherReviewer, id, 'approve')
    const after = await recordOf(id)
    expect(after.main).toMatchObject({ publication: 'published', reviewedBy: crew.otherReviewer.id, status: 'active', title: 'First title' })
    expect(after.events.map((event) => event.action)).toEqual(['submit', 'approve', 'submit', 'approve', 'submit', 'approve'])
  })

  it.each([
    ['editor', 409],
    ['reviewer', 403],
    ['anonymous', 403],
  ] as const)('while the working copy is in review, a restore by %s is refused (%i) and nothing moves', async (actor, status) => {
    const id = await approvedTwice()
    await edit(id, 'Third title')
    await move(crew.editor, id, 'submit')
    const before = await recordOf(id)
    const [first] = await versionsOf(id)
    const answer = await restore(first!.id, userOf(actor))
    if (actor === 'anonymous') expect([401, 403]).toContain(answer.status)
    else expect(answer.status).toBe(status)
    unchanged(before, await recordOf(id))
  })

  it('an admin may restore while in review: the status and the submitter stay, the review continues on the restored content', async () => {
    const id = await approvedTwice()
    await edit(id, 'Third title')
    await move(crew.editor, id, 'submit')
    const before = await recordOf(id)
    const [first] = await versionsOf(id)
    expect((await restore(first!.id, crew.admin)).status).toBe(200)
    const after = await recordOf(id)
    expect(after.working).toEqual({ ...before.working, lastEditedBy: crew.admin.id, publication: 'draft', title: 'First title' })
    expect(after.working).toMatchObject({ status: 'in_review', submittedBy: crew.editor.id })
    expect(after.main).toEqual(before.main)
  })

  it('a restore that asks to publish is refused: nothing goes live without review', async () => {
    const id = await approvedTwice()
    const before = await recordOf(id)
    const [first] = await versionsOf(id)
    const answer = await restore(first!.id, crew.admin, false)
    expect(answer.status).toBe(400)
    unchanged(before, await recordOf(id))
  })
})
