import { articleFields, lexicalBody, unique } from '../../helpers/fixtures.js'
import { versionsOf } from './articleRecord.js'
import { atOnce, call, createUser, describeAnswer, type TestUser } from './harness.js'

/**
 * Many writes at once on one server (the e2e server's pool of 4): every one succeeds and stores
 * its whole document. Before the fix, about half answered 400 "A related document does not
 * exist." or 500: with two copies of `pg` in the production bundle, drizzle-orm did not
 * recognise the adapter's pool and ran each "transaction" statement by statement on any pooled
 * connection, so a row's children met another connection than the row (rules/transactionCheck.ts).
 */

let editor: TestUser

beforeAll(async () => {
  editor = await createUser('editor', 'open-defect-editor')
}, 60_000)

const createDraft = async (): Promise<number> => {
  const answer = await call('POST', '/articles', { body: articleFields(), token: editor.token })
  if (answer.status !== 201) throw new Error(`create: ${describeAnswer(answer)}`)
  return (answer.json as { doc: { id: number } }).doc.id
}

it('20 concurrent REST creates of articles all answer 201', async () => {
  const answers = await atOnce(20, () => call('POST', '/articles', { body: articleFields(), token: editor.token }))
  expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 201))
  // Each stored whole: the row, its list rows (cancer types) and its first version.
  for (const answer of answers) {
    const { doc } = answer.json as { doc: { id: number; title: string } }
    const stored = await call('GET', `/articles/${doc.id}?draft=true&depth=0`, { token: editor.token })
    expect(stored.status).toBe(200)
    expect(stored.json).toMatchObject({ cancerTypes: ['breast'], id: doc.id, title: doc.title })
    expect(await versionsOf(doc.id)).toEqual([expect.objectContaining({ title: doc.title })])
  }
}, 180_000)

it('20 concurrent draft saves of 20 articles all answer 200', async () => {
  const ids: number[] = []
  for (let index = 0; index < 20; index += 1) ids.push(await createDraft())
  const answers = await atOnce(20, (index) =>
    call('PATCH', `/articles/${ids[index]}?draft=true`, {
      body: { body: lexicalBody(`Saved at once ${index}.`), title: `Concurrent ${index} ${unique()}` },
      timeoutMs: 120_000,
      token: editor.token,
    }),
  )
  expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200))
  for (const [index, id] of ids.entries()) {
    const stored = await call('GET', `/articles/${id}?draft=true&depth=0`, { token: editor.token })
    expect((stored.json as { title: string }).title).toMatch(new RegExp(`^Concurrent ${index} `))
  }
}, 180_000)
