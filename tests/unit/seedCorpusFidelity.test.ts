import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import config from '@payload-config'
import { editorConfigFactory, getEnabledNodes, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import { createHeadlessEditor } from '@payloadcms/richtext-lexical/lexical/headless'
import type { Nodes as HastNode } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { Nodes as MdastNode, Root as MdastRoot } from 'mdast'
import type { RichTextField } from 'payload'

import { readArticleDocument } from '../../seed/document.js'
import { absoluteUrl, glossaryTermId, glossaryUrl } from '../../seed/links.js'
import { type BodyConversion, convertMarkdownBody, type LexicalNode, parseMarkdown } from '../../seed/markdown.js'

// Fidelity on the bundled corpus (the reference document and 16 PDQ summaries, 2.4 MB), against
// what the source says, read independently of the converter: every word, every link in order,
// every table with its rows; no raw HTML as markup; and JSON the body editor reads back as is.

const CORPUS = path.resolve('seed/corpus')
const FILES = [
  path.join(CORPUS, '000_5863a9b69b1446f4.txt'),
  ...readdirSync(path.join(CORPUS, 'pdq'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(CORPUS, 'pdq', name)),
]

interface Converted {
  conversion: BodyConversion
  file: string
  tree: MdastRoot
  url: string
}

let editorConfig: SanitizedServerEditorConfig
let converted: Converted[]

beforeAll(async () => {
  const sanitized = await config
  const articles = sanitized.collections.find((collection) => collection.slug === 'articles')
  const body = articles?.flattenedFields.find((field) => field.name === 'body')
  editorConfig = editorConfigFactory.fromField({ field: body as RichTextField })
  converted = FILES.map((file) => {
    const document = readArticleDocument(readFileSync(file))
    if (!document.ok) throw new Error(`${file}: ${JSON.stringify(document.errors)}`)
    const { body: markdown, frontMatter } = document.value
    return {
      conversion: convertMarkdownBody(markdown, { baseUrl: frontMatter.url, editorConfig }),
      file: path.basename(file),
      tree: parseMarkdown(markdown),
      url: frontMatter.url,
    }
  })
}, 300_000)

// ---------------------------------------------------------------------------------------------
// The source, read without the converter

const HIDDEN_HTML = new Set(['script', 'style', 'template'])
const BLOCK_HTML = new Set(['br', 'caption', 'div', 'li', 'p', 'td', 'th', 'tr'])

// Inline content joins without spaces (`<span>a</span>Refer` reads "aRefer"), blocks apart.
const hastText = (node: HastNode): string => {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && HIDDEN_HTML.has(node.tagName)) return ''
  const text = 'children' in node ? node.children.map((child) => hastText(child)).join('') : ''
  return node.type === 'element' && BLOCK_HTML.has(node.tagName) ? ` ${text} ` : text
}

const hastAll = (node: HastNode, tagName: string): HastNode[] => [
  ...(node.type === 'element' && node.tagName === tagName ? [node] : []),
  ...('children' in node ? node.children.flatMap((child) => hastAll(child, tagName)) : []),
]

const PHRASING = new Set(['delete', 'emphasis', 'heading', 'link', 'linkReference', 'paragraph', 'strong', 'tableCell'])

const sourceText = (node: MdastNode): string => {
  if (node.type === 'html') return ` ${hastText(fromHtml(node.value, { fragment: true }))} `
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if (node.type === 'definition') return ''
  if (node.type === 'break') return ' '
  // An empty link text shows its URL.
  if (node.type === 'link' && node.children.length === 0) return node.url
  if ('value' in node && typeof node.value === 'string') return node.value
  return 'children' in node ? node.children.map((child) => sourceText(child)).join(PHRASING.has(node.type) ? '' : ' ') : ''
}

/** Link targets as the body must hold them, in document order (glossary links canonical, unsafe ones dropped). */
const sourceLinks = (node: MdastNode, definitions: Map<string, string>, baseUrl: string): string[] => {
  const target = (raw: string | undefined): string[] => {
    const absolute = raw === undefined ? null : absoluteUrl(raw, baseUrl)
    if (raw === undefined || absolute === null) return []
    const termId = glossaryTermId(raw, baseUrl)
    return [termId === null ? absolute : glossaryUrl(termId)]
  }
  switch (node.type) {
    case 'html':
      return hastAll(fromHtml(node.value, { fragment: true }), 'a').flatMap((anchor) =>
        anchor.type === 'element' && typeof anchor.properties.href === 'string' ? target(anchor.properties.href) : [],
      )
    case 'image':
      return target(node.url)
    case 'imageReference':
      return target(definitions.get(node.identifier))
    case 'link':
      return target(node.url)
    case 'linkReference':
      return target(definitions.get(node.identifier))
    default:
      return 'children' in node ? node.children.flatMap((child) => sourceLinks(child, definitions, baseUrl)) : []
  }
}

/** Tables as rows per table: GFM tables and raw HTML tables, in document order. */
const sourceTables = (node: MdastNode): number[] => {
  if (node.type === 'table') return [node.children.length]
  if (node.type === 'html') {
    return hastAll(fromHtml(node.value, { fragment: true }), 'table').map((table) => hastAll(table, 'tr').length)
  }
  return 'children' in node ? node.children.flatMap((child) => sourceTables(child)) : []
}

const definitionsOf = (node: MdastNode, into = new Map<string, string>()): Map<string, string> => {
  if (node.type === 'definition' && !into.has(node.identifier)) into.set(node.identifier, node.url)
  if ('children' in node) node.children.forEach((child) => definitionsOf(child, into))
  return into
}

// ---------------------------------------------------------------------------------------------
// The body

const all = (nodes: LexicalNode[], type: string): LexicalNode[] =>
  nodes.flatMap((node) => [...(node.type === type ? [node] : []), ...all(node.children ?? [], type)])
const INLINE = new Set(['link', 'text'])
const bodyText = (nodes: LexicalNode[]): string =>
  nodes
    .map((node) => (typeof node.text === 'string' ? node.text : INLINE.has(node.type) ? bodyText(node.children ?? []) : ` ${bodyText(node.children ?? [])} `))
    .join('')
const blocksOf = (item: Converted): LexicalNode[] => item.conversion.body.root.children as LexicalNode[]

const words = (text: string): string[] => text.match(/[\p{L}\p{N}]+/gu) ?? []

/** Words of `expected` missing from `actual`, counted with repeats. */
const missingWords = (expected: string[], actual: string[]): string[] => {
  const available = new Map<string, number>()
  for (const word of actual) available.set(word, (available.get(word) ?? 0) + 1)
  return expected.filter((word) => {
    const left = available.get(word) ?? 0
    available.set(word, left - 1)
    return left <= 0
  })
}

describe('the bundled corpus, converted', () => {
  it('has its 17 documents', () => {
    expect(converted.map((item) => item.file)).toHaveLength(17)
  })

  it.each(FILES.map((file) => [path.basename(file)]))('%s: every word arrives, and no word that is not in the source', (file) => {
    const item = converted.find((entry) => entry.file === file) as Converted
    const source = words(sourceText(item.tree))
    const body = words(bodyText(blocksOf(item)))
    expect(source.length).toBeGreaterThan(500)
    expect(missingWords(source, body)).toEqual([])
    // Images become links labelled by their file name when they have no alternative text.
    expect(missingWords(body, source).filter((word) => !/^(jpg|png|gif|svg)$/i.test(word))).toEqual([])
  })

  it.each(FILES.map((file) => [path.basename(file)]))('%s: every link arrives, in order, with its target', (file) => {
    const item = converted.find((entry) => entry.file === file) as Converted
    const expected = sourceLinks(item.tree, definitionsOf(item.tree), item.url)
    expect(expected.length).toBeGreaterThan(10)
    expect(all(blocksOf(item), 'link').map((link) => (link.fields as { url: string }).url)).toEqual(expected)
  })

  it.each(FILES.map((file) => [path.basename(file)]))('%s: every table arrives whole, with all its rows', (file) => {
    const item = converted.find((entry) => entry.file === file) as Converted
    expect(all(blocksOf(item), 'table').map((table) => table.children?.length)).toEqual(sourceTables(item.tree))
  })

  it('keeps the tables of the genetics summary: 16 GFM tables and one raw HTML table', () => {
    const item = converted.find((entry) => entry.file.includes('breast-ovarian-genetics')) as Converted
    expect(all(blocksOf(item), 'table')).toHaveLength(17)
  })

  it('never passes raw HTML on as markup', () => {
    for (const item of converted) {
      const texts = all(blocksOf(item), 'text').map((text) => String(text.text))
      expect(texts.filter((text) => /<\/?(a|b|br|div|em|i|p|script|span|strong|style|sup|sub|table|td|th|tr)\b[^>]*>/i.test(text))).toEqual([])
    }
  })

  it('gives JSON that the body editor reads and writes back unchanged', () => {
    const editor = createHeadlessEditor({
      nodes: getEnabledNodes({ editorConfig }),
      onError: (error) => {
        throw error
      },
    })
    for (const item of converted) {
      editor.setEditorState(editor.parseEditorState(item.conversion.body as unknown as Parameters<typeof editor.parseEditorState>[0]))
      const written: unknown = JSON.parse(JSON.stringify(editor.getEditorState().toJSON()))
      expect(written).toEqual(item.conversion.body)
    }
  })
})
