import type { Payload } from 'payload'

import type { Article, User } from '../../payload-types.js'
import { graphql, rest } from '../helpers/api.js'
import { createActiveArticle } from '../helpers/fixtures.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

/**
 * The read guard wired into Payload (REST and GraphQL through Payload's own handlers): refused
 * paths answer 400, public relations still populate, staff keep what they may read. The
 * security suite (tests/e2e/security) covers the same over HTTP against the production build.
 */

let payload: Payload
let reviewer: User
let editorToken: string
let article: Article

beforeAll(async () => {
  payload = await bootPayload()
  reviewer = await createUser(payload, 'reviewer')
  editorToken = await tokenOf(payload, await createUser(payload, 'editor'))
  await tokenOf(payload, reviewer)
  article = await createActiveArticle(payload, { reviewedBy: reviewer.id })
})

afterAll(async () => {
  await shutdownPayload(payload)
})

it.each([
  ['where[reviewedBy.sessions.id][greater_than_equal]=0'],
  ['where[reviewedBy.email][like]=a'],
  ['sort=reviewedBy.hash'],
  ['sort=-reviewedBy__sessions__createdAt'],
  ['populate[users][email]=true'],
  ['limit=0'],
  ['pagination=false'],
])('anonymous %s → 400', async (query) => {
  const answer = await rest('GET', `/articles?${query}&where[id][equals]=${article.id}`)
  expect(answer.status).toBe(400)
})

it('anonymous GraphQL populates the source (population is not held to page limits)', async () => {
  const answer = await graphql<{ Articles: { docs: { source: { label: string } | null }[] } }>(
    `query ($id: Int) { Articles(where: { id: { equals: $id } }) { docs { source { label } reviewedBy { id } } } }`,
    { variables: { id: article.id } },
  )
  expect(answer.body.errors).toBeUndefined()
  expect(answer.body.data?.Articles.docs[0]?.source?.label).toMatch(/^SRC/)
})

it('an editor may filter by the reviewer’s email, never by their sessions', async () => {
  const allowed = await rest('GET', `/articles?where[reviewedBy.email][exists]=true&where[id][equals]=${article.id}`, { token: editorToken })
  expect(allowed.status).toBe(200)
  const refused = await rest('GET', `/articles?where[reviewedBy.sessions.id][exists]=true`, { token: editorToken })
  expect(refused.status).toBe(400)
})

it('reads by id only with the id as digits: "5e0", "0x5" or "5.0" in the path never read article 5', async () => {
  const id = article.id
  expect((await rest('GET', `/articles/${id}`)).status).toBe(200)
  for (const written of [Number(id).toExponential(), `0x${Number(id).toString(16)}`, `${id}.0`]) {
    const answer = await rest('GET', `/articles/${written}`)
    // 400 naming the id (a number Payload would read as the article's) or 404: never the article.
    expect([written, [400, 404].includes(answer.status)]).toEqual([written, true])
    expect(JSON.stringify(answer.body)).not.toContain(article.title)
  }
})
