import type { Payload } from 'payload'

import { governedWriteContext } from '../../rules/governedWrite.js'
import type { Article, Source } from '../../payload-types.js'

/** A string no other fixture of this run has. */
export const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`

/** An NCI dictionary id (digits) no other fixture of this run has, most likely. */
export const nciIdForTest = (): string => String(1e11 + Math.floor(Math.random() * 8e11))

/** The request context of a trusted import: lets a fixture create an approved article directly. */
export const AS_IMPORT = governedWriteContext('import')

/** A new source with a unique label. */
export const createSource = (payload: Payload, data: Partial<Source> = {}): Promise<Source> =>
  payload.create({ collection: 'sources', data: { label: `SRC${unique()}`, name: 'Test source', ...data } })

/** The fields every article needs (approval checks them all), with a unique canonical URL. */
export const articleFields = (extra: Partial<Article> = {}) => ({
  audienceLevel: 'patient' as const,
  body: lexicalBody('What the article says.'),
  cancerTypes: ['breast'],
  language: 'en',
  reviewFrequency: 'quarterly' as const,
  title: `Article ${unique()}`,
  url: `https://www.cancer.gov/test/${unique()}`,
  ...extra,
})

/** A draft article, created as the system. */
export const createDraftArticle = (payload: Payload, extra: Partial<Article> = {}): Promise<Article> =>
  payload.create({ collection: 'articles', data: articleFields(extra) })

/**
 * An approved, published article that satisfies the citation rule, created the way a trusted
 * import creates one. `lastReviewed` defaults to 2026-01-10.
 */
export const createActiveArticle = async (payload: Payload, extra: Partial<Article> = {}): Promise<Article> => {
  const source = await createSource(payload)
  const lastReviewed = extra.lastReviewed ?? '2026-01-10'
  return payload.create({
    collection: 'articles',
    context: AS_IMPORT,
    data: articleFields({
      _status: 'published',
      citation: `${source.label}, ${lastReviewed.slice(0, 4)}`,
      lastReviewed,
      license: 'public_domain',
      source: source.id,
      status: 'active',
      ...extra,
    }),
  })
}

/** A Lexical body of plain paragraphs. */
export const lexicalBody = (...paragraphs: string[]) => ({
  root: {
    children: paragraphs.map((text) => ({
      children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }],
      direction: 'ltr' as const,
      format: '' as const,
      indent: 0,
      textFormat: 0,
      type: 'paragraph',
      version: 1,
    })),
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    type: 'root',
    version: 1,
  },
})
