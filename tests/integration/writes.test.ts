import { type Payload, ValidationError } from 'payload'

import { idOf } from '../../rules/ids.js'
import { BODY_NODE_TYPES } from '../../rules/lexicalBody.js'
import { AS_IMPORT, articleFields, createActiveArticle, createSource, lexicalBody } from '../helpers/fixtures.js'
import { rest } from '../helpers/api.js'
import { bootPayload, createUser, shutdownPayload, tokenOf } from '../helpers/payload.js'

let payload: Payload

beforeAll(async () => {
  payload = await bootPayload()
})

afterAll(async () => {
  await shutdownPayload(payload)
})

const pathsOf = async (write: Promise<unknown>): Promise<string[]> => {
  try {
    await write
  } catch (error) {
    if (error instanceof ValidationError) return error.data.errors.map((item) => item.path)
    throw error
  }
  return []
}

interface NodeClass {
  getType: () => string
}

describe('the body rule knows the body editor', () => {
  it('BODY_NODE_TYPES are exactly the node types of the articles body editor', () => {
    const body = payload.collections.articles.config.flattenedFields.find((field) => field.name === 'body')
    const editor = (body && 'editor' in body ? body.editor : undefined) as
      | { editorConfig: { features: { nodes: { node: NodeClass }[] } } }
      | undefined
    const types = (editor?.editorConfig.features.nodes ?? []).map((entry) => entry.node.getType())
    // Payload's own root, text and paragraph-level nodes come with every editor.
    expect([...new Set([...types, 'root', 'text', 'paragraph', 'linebreak', 'tab'])].filter((type) => type !== 'root').sort()).toEqual(
      [...BODY_NODE_TYPES].sort(),
    )
  })
})

describe('the Local API obeys the same write rules (server code included)', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a numeric title', { title: 12345 }, ['title']],
    ['a javascript: url', { url: 'javascript:alert(1)' }, ['url']],
    ['a plain-string body', { body: 'text' }, ['body']],
    ['a missing source', { source: 2_000_000_000 }, ['source']],
  ])('update with %s → ValidationError on the field', async (_name, data, paths) => {
    const article = await payload.create({ collection: 'articles', data: articleFields() })
    expect(await pathsOf(payload.update({ collection: 'articles', data, draft: true, id: article.id }))).toEqual(paths)
  })

  it('a source with tierRank "abc" is refused', async () => {
    const source = await createSource(payload)
    // The rule judges the raw value, before Payload turns "abc" into nothing.
    const data = JSON.parse('{"tierRank":"abc"}') as { tierRank: number }
    expect(await pathsOf(payload.update({ collection: 'sources', data, id: source.id }))).toEqual(['tierRank'])
  })
})

describe('citation snapshots', () => {
  it('an import of an active article snapshots its source', async () => {
    const article = await createActiveArticle(payload)
    const source = await payload.findByID({ collection: 'sources', depth: 0, id: Number(idOf(article.source)) })
    expect(article.citationSnapshot).toMatchObject({ homeUrl: source.homeUrl ?? null, label: source.label, name: source.name ?? null })
  })

  it('an edit of the source changes no approved citation output; a draft never approved follows the source', async () => {
    const article = await createActiveArticle(payload, { body: lexicalBody('Body.') })
    const before = await payload.findByID({ collection: 'articles', id: article.id })
    await payload.update({ collection: 'sources', data: { name: 'Renamed in place' }, id: Number(idOf(article.source)) })
    const after = await payload.findByID({ collection: 'articles', id: article.id })
    expect({ csl: after.citationCsl, jsonLd: after.jsonLd, text: after.citationText }).toEqual({
      csl: before.citationCsl,
      jsonLd: before.jsonLd,
      text: before.citationText,
    })
    const draft = await payload.create({ collection: 'articles', context: AS_IMPORT, data: articleFields({ source: Number(idOf(article.source)) }) })
    expect((await payload.findByID({ collection: 'articles', draft: true, id: draft.id })).citationText).toContain('Renamed in place')
  })
})

describe("Payload's document lock, checked inside the request's transaction", () => {
  it("another user's live lock refuses a REST update (423) and a bulk update; the holder saves and the lock is cleared", async () => {
    const holder = await createUser(payload, 'editor')
    const other = await createUser(payload, 'editor')
    const article = await payload.create({ collection: 'articles', data: articleFields() })
    await payload.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo: 'articles', value: article.id }, globalSlug: null, user: { relationTo: 'users', value: holder.id } },
    })
    const refused = await rest('PATCH', `/articles/${article.id}?draft=true`, { body: { title: 'Other' }, token: await tokenOf(payload, other) })
    expect(refused.status).toBe(423)
    const bulk = await rest<{ errors: unknown[] }>('PATCH', `/articles?where[id][equals]=${article.id}&draft=true`, {
      body: { title: 'Other, in bulk' },
      token: await tokenOf(payload, other),
    })
    expect(bulk.status).not.toBe(200)
    expect((await payload.findByID({ collection: 'articles', draft: true, id: article.id })).title).toBe(article.title)

    const saved = await rest('PATCH', `/articles/${article.id}?draft=true`, { body: { title: 'Holder' }, token: await tokenOf(payload, holder) })
    expect(saved.status).toBe(200)
    const { totalDocs } = await payload.count({ collection: 'payload-locked-documents', where: { 'document.value': { equals: article.id } } })
    expect(totalDocs).toBe(0)
  })
})
