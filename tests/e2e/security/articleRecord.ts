import pg from 'pg'

import { articleFields, unique } from '../../helpers/fixtures.js'

import { type Answer, call, createUser, firstAdmin, graphql, type TestUser } from './harness.js'

/**
 * Helpers of the concurrency and access categories: a crew of users, articles made over HTTP the
 * way editors make them, transitions over REST or GraphQL, and what the database holds of an
 * article (its published row, its working copy, its workflow events), read with SQL so that no
 * hook or access rule of the app stands between the test and the truth.
 */

/** Two editors and two reviewers (four-eyes and races need two of each), and the admin. */
export interface Crew {
  admin: TestUser
  editor: TestUser
  otherEditor: TestUser
  otherReviewer: TestUser
  reviewer: TestUser
}

/** Makes the crew (new users, signed in over REST). */
export const createCrew = async (): Promise<Crew> => ({
  admin: await firstAdmin(),
  editor: await createUser('editor'),
  otherEditor: await createUser('editor'),
  otherReviewer: await createUser('reviewer'),
  reviewer: await createUser('reviewer'),
})


/** Fails with the answer when its status is not the expected one, else gives its JSON. */
export const expectStatus = <T>(answer: Answer, status: number, what: string): T => {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 400)}`)
  return answer.json as T
}

let source: null | Promise<{ id: number; label: string }> = null

/** One source for every article of the file, made by an editor over REST. */
const sourceFor = (editor: TestUser) =>
  (source ??= (async () => {
    const label = `SEC${unique()}`.slice(0, 20)
    const { doc } = expectStatus<{ doc: { id: number } }>(
      await call('POST', '/sources', { body: { label, name: 'Concurrency test source' }, token: editor.token }),
      201,
      'create source',
    )
    return { id: doc.id, label }
  })())

/** A citable draft (source, licence, citation, https URL) created by `editor` over REST. */
export const createDraft = async (editor: TestUser, title = `Race ${unique()}`): Promise<number> => {
  const { id, label } = await sourceFor(editor)
  const { doc } = expectStatus<{ doc: { id: number } }>(
    await call('POST', '/articles', {
      body: articleFields({
        citation: `${label}, ${new Date().getUTCFullYear()}`,
        license: 'public_domain',
        source: id,
        title,
        url: `https://www.cancer.gov/e2e/security/${unique()}`,
      }),
      token: editor.token,
    }),
    201,
    'create draft',
  )
  return doc.id
}

/** How a transition request travels. */
export type Path = 'graphql' | 'rest'

/** A transition's answer, the same whatever the path: the HTTP status (GraphQL: the error's statusCode). */
export interface Outcome {
  message: string
  status: number
}

interface GraphQLErrors {
  errors?: { extensions?: { statusCode?: number }; message: string }[]
}

/** Asks for a workflow transition over REST (`POST /api/articles/:id/workflow`) or GraphQL (`articleWorkflow`). */
export const transition = async (
  user: TestUser,
  id: number,
  action: 'approve' | 'reaffirm' | 'request_changes' | 'retire' | 'submit',
  { comment, path = 'rest' }: { comment?: string; path?: Path } = {},
): Promise<Outcome> => {
  const text = comment ?? (action === 'request_changes' ? 'Please cite the newer trial.' : undefined)
  // What each action needs besides a comment: an attestation to approve, a change note to submit.
  const attestation = action === 'approve' || action === 'reaffirm' ? true : null
  const changeNote = action === 'submit' ? 'Test update.' : null
  if (path === 'rest') {
    const answer = await call('POST', `/articles/${id}/workflow`, {
      body: { action, comment: text, ...(attestation ? { attestation } : {}), ...(changeNote ? { changeNote } : {}) },
      token: user.token,
    })
    const errors = (answer.json as GraphQLErrors | undefined)?.errors
    return { message: errors?.[0]?.message ?? '', status: answer.status }
  }
  const answer = await graphql(
    'mutation Move($id: ID!, $action: ArticleWorkflowAction!, $comment: String, $attestation: Boolean, $changeNote: String) { articleWorkflow(id: $id, action: $action, comment: $comment, attestation: $attestation, changeNote: $changeNote) { id status } }',
    { action, attestation, changeNote, comment: text ?? null, id: String(id) },
    user.token,
  )
  const errors = (answer.json as GraphQLErrors | undefined)?.errors
  if (!errors?.length) return { message: '', status: answer.status }
  return { message: errors[0]?.message ?? '', status: errors[0]?.extensions?.statusCode ?? 500 }
}

/** Expects a transition to succeed. */
export const move = async (user: TestUser, id: number, action: Parameters<typeof transition>[2]): Promise<void> => {
  const outcome = await transition(user, id, action)
  if (outcome.status !== 200) throw new Error(`${action} of ${id}: ${outcome.status} ${outcome.message}`)
}

/** One row of the append-only record. */
export interface EventRow {
  action: string
  actor: number
  from: null | string
  to: string
}

/** What the database holds of one article. */
export interface ArticleRecord {
  events: EventRow[]
  /** The main row: what the public reads when it is published. */
  main: null | { publication: string; reviewedBy: null | number; status: string; submittedBy: null | number; title: string }
  /** How many versions the article has. */
  versions: number
  /** The latest version: the working copy editors and reviewers see. */
  working: null | {
    lastEditedBy: null | number
    lastReviewed: null | string
    license: null | string
    publication: string
    reviewedBy: null | number
    status: string
    submittedBy: null | number
    title: string
  }
}

let pool: null | pg.Pool = null

/** The app's database, read directly (DATABASE_URL is the database scripts/e2e.mjs made for the run). */
const database = (): pg.Pool => {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
    pool.on('error', () => undefined)
  }
  return pool
}

/** Ends the direct database connections (afterAll). */
export const closeDatabase = async (): Promise<void> => {
  await pool?.end()
  pool = null
}

/** Reads an article's published row, working copy, version count and events with SQL. */
export const recordOf = async (id: number): Promise<ArticleRecord> => {
  const db = database()
  const [main, working, versions, events] = await Promise.all([
    db.query<{ publication: string; reviewed_by_id: null | number; status: string; submitted_by_id: null | number; title: string }>(
      'select status, _status as publication, title, submitted_by_id, reviewed_by_id from articles where id = $1',
      [id],
    ),
    db.query<{
      last_edited_by_id: null | number
      last_reviewed: Date | null
      license: null | string
      publication: string
      reviewed_by_id: null | number
      status: string
      submitted_by_id: null | number
      title: string
    }>(
      `select version_status as status, version__status as publication, version_title as title,
              version_submitted_by_id as submitted_by_id, version_reviewed_by_id as reviewed_by_id,
              version_last_edited_by_id as last_edited_by_id, version_last_reviewed as last_reviewed,
              version_license as license
       from _articles_v where parent_id = $1 and latest order by updated_at desc, id desc limit 1`,
      [id],
    ),
    db.query<{ count: string }>('select count(*) from _articles_v where parent_id = $1', [id]),
    db.query<{ action: string; actor_id: number; from: null | string; to: string }>(
      'select action, "from", "to", actor_id from workflow_events where article_id = $1 order by id',
      [id],
    ),
  ])
  const m = main.rows[0]
  const w = working.rows[0]
  return {
    events: events.rows.map((row) => ({ action: row.action, actor: row.actor_id, from: row.from, to: row.to })),
    main: m ? { publication: m.publication, reviewedBy: m.reviewed_by_id, status: m.status, submittedBy: m.submitted_by_id, title: m.title } : null,
    versions: Number(versions.rows[0]?.count ?? 0),
    working: w
      ? {
          lastEditedBy: w.last_edited_by_id,
          lastReviewed: w.last_reviewed ? w.last_reviewed.toISOString() : null,
          license: w.license,
          publication: w.publication,
          reviewedBy: w.reviewed_by_id,
          status: w.status,
          submittedBy: w.submitted_by_id,
          title: w.title,
        }
      : null,
  }
}

/**
 * The record tells one story: each event leaves from where the previous one arrived (the first
 * from `draft`), the working copy is where the last event arrived, and a live status is published
 * in the main row. Answers the problems found (empty when consistent).
 */
export const inconsistencies = (record: ArticleRecord): string[] => {
  const problems: string[] = []
  let at = 'draft'
  for (const [index, event] of record.events.entries()) {
    if (event.from !== at) problems.push(`event ${index} (${event.action}) leaves from ${event.from}, but the article was ${at}`)
    at = event.to
  }
  if (record.working && record.working.status !== at) problems.push(`the working copy is ${record.working.status}, the events say ${at}`)
  if (record.working && (at === 'active' || at === 'retired')) {
    if (record.main?.publication !== 'published' || record.main.status !== at) {
      problems.push(`${at} but the main row is ${record.main?.status}/${record.main?.publication}`)
    }
  }
  return problems
}

/** The versions of an article, oldest first: id, title, submitter. */
export const versionsOf = async (id: number): Promise<{ id: number; submittedBy: null | number; title: string }[]> => {
  const { rows } = await database().query<{ id: number; submitted_by_id: null | number; title: string }>(
    'select id, version_title as title, version_submitted_by_id as submitted_by_id from _articles_v where parent_id = $1 order by id',
    [id],
  )
  return rows.map((row) => ({ id: row.id, submittedBy: row.submitted_by_id, title: row.title }))
}
