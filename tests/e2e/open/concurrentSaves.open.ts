import { articleFields, lexicalBody, unique } from '../../helpers/fixtures.js'
import { atOnce, call, createUser, describeAnswer, type TestUser } from '../security/harness.js'

/**
 * An OPEN DEFECT, kept as a test that fails today (issue 9, class 8): twenty concurrent REST
 * writes of articles on one server (creates or draft saves, default pool of 10 or smaller) get
 * 400 "A related document does not exist." or 500 for about half of them; the server log shows
 * foreign-key violations on `_articles_v` and `articles_texts`, i.e. a row's children written
 * outside the transaction that wrote the row. The same writes through the Local API pass. It is
 * not in `npm test` until it passes: run it with `npm run test:open-defects`.
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
}, 180_000)
