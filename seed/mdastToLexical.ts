import { createHash } from 'node:crypto'

import type { Element as HastElement, ElementContent as HastContent, RootContent as HastRootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toMdast } from 'hast-util-to-mdast'
import type { Nodes, Parents, Root } from 'mdast'

import {
  headingNode,
  horizontalRuleNode,
  type LexicalNode,
  lineBreakNode,
  linkNode,
  listItemNode,
  listNode,
  paragraphNode,
  quoteNode,
  tableCellNode,
  tableNode,
  tableRowNode,
  TEXT_FORMAT,
  textNode,
} from './lexical.js'
import { absoluteUrl, glossaryTermId, glossaryUrl } from './links.js'

/**
 * mdast → Lexical JSON, the way `mdast-util-to-hast` turns mdast into hast: one small handler per
 * node type in a table (`handlers`), a `State` that walks children (`all`, `one`) and carries
 * what inline content inherits (text format, being inside a link, list depth). An option can
 * replace or add handlers. The result uses only the nodes of the articles' body editor.
 *
 * Links are resolved here: relative targets become absolute against the article URL, unsafe
 * schemes lose their link and keep their text, glossary links point at the dictionary's
 * canonical URL. Raw HTML is never passed on as markup: blocks of it go through hast → mdast and
 * these same handlers (tables kept whole, with spans); inline tags become their literal text.
 */

/** The walk's state, handed to every handler. */
export interface State {
  /** Converts the children of `parent`, in order. */
  all: (parent: Parents) => LexicalNode[]
  /** The article's canonical URL: relative links resolve against it. */
  baseUrl: string
  /** Link reference definitions of the document: normalised label → URL. */
  definitions: Map<string, string>
  /** `TEXT_FORMAT` bits that text converted now inherits. */
  format: number
  /** The handlers in use (the defaults and those of the options). */
  handlers: Handlers
  /** True inside a link: links and line breaks inside one become text. */
  inLink: boolean
  /** Counts link nodes, for their deterministic ids. */
  linkCount: number
  /** Link targets as written → their resolution: the URL work is done once per target, not per link. */
  linkTargets: Map<string, LinkTarget>
  /** Nesting depth of the list being converted (0: top level). */
  listDepth: number
  /** Converts one node with its handler; a node without one gives its children or nothing. */
  one: (node: Nodes, parent: Parents | undefined) => LexicalNode[]
}

/** Converts one mdast node of type `Type` to Lexical nodes (none, one or several). */
export type Handler<Type extends Nodes['type'] = Nodes['type']> = (
  state: State,
  node: Extract<Nodes, { type: Type }>,
  parent: Parents | undefined,
) => LexicalNode[]

/** A table of handlers by mdast node type. */
export type Handlers = { [Type in Nodes['type']]?: Handler<Type> }

type AnyHandler = (state: State, node: Nodes, parent: Parents | undefined) => LexicalNode[]

const INLINE_TYPES: ReadonlySet<string> = new Set(['linebreak', 'link', 'text'])

// CommonMark label normalisation, as mdast stores `identifier`s.
const normalizeLabel = (label: string): string => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase()

/** Inline nodes tidied: empty texts dropped, neighbouring texts of one format joined. */
const tidyInline = (nodes: LexicalNode[]): LexicalNode[] => {
  const tidy: LexicalNode[] = []
  for (const node of nodes) {
    if (node.type === 'text' && node.text === '') continue
    const previous = tidy[tidy.length - 1]
    if (node.type === 'text' && previous?.type === 'text' && previous.format === node.format) {
      tidy[tidy.length - 1] = { ...previous, text: `${String(previous.text)}${String(node.text)}` }
    } else {
      tidy.push(node)
    }
  }
  return tidy
}

/** Block nodes: runs of inline nodes (from HTML or an extension's handler) wrapped in paragraphs. */
const asBlocks = (nodes: LexicalNode[]): LexicalNode[] => {
  const blocks: LexicalNode[] = []
  let run: LexicalNode[] = []
  const flush = (): void => {
    const inline = tidyInline(run)
    if (inline.length > 0) blocks.push(paragraphNode(inline))
    run = []
  }
  for (const node of nodes) {
    if (INLINE_TYPES.has(node.type)) {
      run.push(node)
    } else {
      flush()
      blocks.push(node)
    }
  }
  flush()
  return blocks
}

/**
 * The inline content of blocks, for Lexical nodes that hold inline nodes only (list items,
 * quotes): blocks joined by line breaks, tables and rules left out by the caller.
 */
const asInline = (nodes: LexicalNode[]): LexicalNode[] => {
  const inline: LexicalNode[] = []
  for (const node of nodes) {
    const content = INLINE_TYPES.has(node.type) ? [node] : asInline(node.children ?? [])
    if (content.length === 0) continue
    const last = inline[inline.length - 1]
    if (!INLINE_TYPES.has(node.type) && last && last.type !== 'linebreak') inline.push(lineBreakNode())
    inline.push(...content)
  }
  return tidyInline(inline)
}

const withState = <T>(state: State, change: Partial<Pick<State, 'format' | 'inLink' | 'listDepth'>>, work: () => T): T => {
  const saved = { format: state.format, inLink: state.inLink, listDepth: state.listDepth }
  Object.assign(state, change)
  try {
    return work()
  } finally {
    Object.assign(state, saved)
  }
}

const formatted =
  <Type extends 'delete' | 'emphasis' | 'strong'>(bit: number): Handler<Type> =>
  (state, node) =>
    withState(state, { format: state.format | bit }, () => state.all(node))

const plainText = (node: Nodes): string => {
  if ('value' in node && typeof node.value === 'string') return node.value
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}

// Deterministic link-node ids: the same file always converts to the same JSON.
const nextLinkId = (state: State): string => {
  state.linkCount += 1
  return createHash('sha1').update(`${state.baseUrl}#${state.linkCount}`).digest('hex').slice(0, 24)
}

/** What a link target as written resolves to: the URL a link gets, or `null` when it keeps only its text. */
export interface LinkTarget {
  url: null | string
}

const resolveTarget = (state: State, raw: string): LinkTarget => {
  let target = state.linkTargets.get(raw)
  if (!target) {
    const absolute = absoluteUrl(raw, state.baseUrl)
    const termId = absolute === null ? null : glossaryTermId(raw, state.baseUrl)
    // Glossary links get the dictionary's canonical URL, which `bindGlossaryLinks` recognises.
    target = { url: termId === null ? absolute : glossaryUrl(termId) }
    state.linkTargets.set(raw, target)
  }
  return target
}

/** A link to `raw` (as written) around `children`; text only when the target is unsafe or inside a link. */
const linkTo = (state: State, raw: string | undefined, children: () => LexicalNode[]): LexicalNode[] => {
  const url = raw === undefined || state.inLink ? null : resolveTarget(state, raw).url
  if (raw === undefined || url === null) return children()
  const id = nextLinkId(state)
  const content = tidyInline(withState(state, { inLink: true }, children))
  return [linkNode(url, content.length > 0 ? content : [textNode(raw, state.format)], id)]
}

const imageLabel = (alt: null | string | undefined, url: string): string => alt?.trim() || url.split('/').pop() || url

// ---------------------------------------------------------------------------------------------
// Tables

/** A cell of a table to build: its block content and spans. */
interface CellSource {
  children: LexicalNode[]
  colSpan: number
  header: boolean
  rowSpan: number
}

/** One Lexical table from rows of cells: rows padded to the widest, spans kept. */
const buildTable = (rows: CellSource[][]): LexicalNode => {
  // Columns each row already has covered by row spans from the rows above.
  const covered: number[] = rows.map(() => 0)
  rows.forEach((row, rowIndex) => {
    for (const cell of row) {
      for (let below = 1; below < cell.rowSpan && rowIndex + below < rows.length; below += 1) {
        covered[rowIndex + below] = (covered[rowIndex + below] ?? 0) + cell.colSpan
      }
    }
  })
  const widths = rows.map((row, index) => row.reduce((sum, cell) => sum + cell.colSpan, covered[index] ?? 0))
  const width = Math.max(1, ...widths)
  return tableNode(
    rows.map((row, index) => {
      const header = row.length > 0 && row.every((cell) => cell.header)
      const padding = Array.from({ length: width - (widths[index] ?? 0) }, (): CellSource => ({ children: [], colSpan: 1, header, rowSpan: 1 }))
      return tableRowNode(
        [...row, ...padding].map((cell) => {
          const blocks = asBlocks(cell.children)
          return tableCellNode(blocks.length > 0 ? blocks : [paragraphNode([])], cell.header, cell.colSpan, cell.rowSpan)
        }),
      )
    }),
  )
}

const isElement = (node: HastRootContent, tagName?: string): node is HastElement =>
  node.type === 'element' && (tagName === undefined || node.tagName === tagName)

/** HTML content through hast → mdast and the handlers: never markup. */
const fromHast = (state: State, children: HastContent[]): LexicalNode[] => {
  const tree = toMdast({ type: 'root', children })
  return tree.type === 'root' ? state.all(tree) : state.one(tree, undefined)
}

const tableRows = (table: HastElement): { head: boolean; row: HastElement }[] => {
  const head: HastElement[] = []
  const body: HastElement[] = []
  const foot: HastElement[] = []
  for (const child of table.children) {
    if (!isElement(child)) continue
    if (child.tagName === 'tr') body.push(child)
    const rows = child.children.filter((row): row is HastElement => isElement(row, 'tr'))
    if (child.tagName === 'thead') head.push(...rows)
    if (child.tagName === 'tbody') body.push(...rows)
    if (child.tagName === 'tfoot') foot.push(...rows)
  }
  // Rendering order: a footer written before the body still comes last.
  return [...head.map((row) => ({ head: true, row })), ...[...body, ...foot].map((row) => ({ head: false, row }))]
}

const span = (value: unknown): number => {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isInteger(number) && number > 1 ? Math.min(number, 1000) : 1
}

/** A raw HTML table: its caption as blocks before it, then one table (spans, header, footer last). */
const htmlTable = (state: State, table: HastElement): LexicalNode[] => {
  const rows = tableRows(table).map(({ head, row }) =>
    row.children
      .filter((cell): cell is HastElement => isElement(cell, 'td') || isElement(cell, 'th'))
      .map(
        (cell): CellSource => ({
          children: fromHast(state, cell.children),
          colSpan: span(cell.properties.colSpan),
          header: head || cell.tagName === 'th',
          rowSpan: span(cell.properties.rowSpan),
        }),
      ),
  )
  const caption = table.children.find((child) => isElement(child, 'caption'))
  const captionBlocks = caption && isElement(caption) ? asBlocks(fromHast(state, caption.children)) : []
  return rows.length > 0 ? [...captionBlocks, buildTable(rows)] : captionBlocks
}

const htmlBlock = (state: State, html: string): LexicalNode[] => {
  const blocks: LexicalNode[] = []
  let pending: HastContent[] = []
  const flush = (): void => {
    if (pending.length > 0) blocks.push(...asBlocks(fromHast(state, pending)))
    pending = []
  }
  for (const child of fromHtml(html, { fragment: true }).children) {
    if (isElement(child, 'table')) {
      flush()
      blocks.push(...htmlTable(state, child))
    } else if (child.type !== 'doctype') {
      pending.push(child)
    }
  }
  flush()
  return blocks
}

const FLOW_PARENTS: ReadonlySet<string> = new Set(['blockquote', 'footnoteDefinition', 'listItem', 'root'])

// ---------------------------------------------------------------------------------------------
// Lists: Lexical nests a list in a list item of its own, after the item it belongs to.

const listType = (node: Extract<Nodes, { type: 'list' }>): 'bullet' | 'check' | 'number' =>
  node.ordered ? 'number' : node.children.some((item) => typeof item.checked === 'boolean') ? 'check' : 'bullet'

// ---------------------------------------------------------------------------------------------
// The handlers

/** The default handlers, one per mdast node type (GFM included). */
export const handlers: Handlers = {
  blockquote: (state, node) => [quoteNode(asInline(state.all(node)))],
  break: (state) => (state.inLink ? [textNode(' ', state.format)] : [lineBreakNode()]),
  code: (state, node) => {
    // The body editor has no code block: the lines stay, as code-formatted text.
    const lines = node.value.split('\n').flatMap((line, index) => [...(index > 0 ? [lineBreakNode()] : []), textNode(line, TEXT_FORMAT.code)])
    return [paragraphNode(tidyInline(lines))]
  },
  definition: () => [],
  delete: formatted(TEXT_FORMAT.strikethrough),
  emphasis: formatted(TEXT_FORMAT.italic),
  footnoteDefinition: (state, node) => {
    const [first, ...rest] = asBlocks(state.all(node))
    const label = textNode(`[^${node.label ?? node.identifier}]: `, 0)
    if (first?.type === 'paragraph') return [paragraphNode(tidyInline([label, ...(first.children ?? [])])), ...rest]
    return [paragraphNode([label]), ...(first ? [first] : []), ...rest]
  },
  footnoteReference: (state, node) => [textNode(`[^${node.label ?? node.identifier}]`, state.format)],
  heading: (state, node) => [headingNode(node.depth, tidyInline(state.all(node)))],
  html: (state, node, parent) => {
    const value = node.value.trim()
    if (/^<!--/.test(value)) return []
    if (parent && FLOW_PARENTS.has(parent.type)) return htmlBlock(state, node.value)
    // Inline HTML is kept as the text it is, never as markup; a line break stays a line break.
    if (/^<br\s*\/?>$/i.test(value)) return state.handlers.break ? state.handlers.break(state, { type: 'break' }, parent) : []
    return [textNode(node.value.replace(/[ \t]*\n[ \t]*/g, ' '), state.format)]
  },
  image: (state, node) => {
    // Images become links to the image, labelled by their alternative text.
    const label = imageLabel(node.alt, node.url)
    return linkTo(state, node.url, () => [textNode(label, state.format)])
  },
  imageReference: (state, node) => {
    const url = state.definitions.get(normalizeLabel(node.identifier))
    const label = imageLabel(node.alt, url ?? '')
    return linkTo(state, url, () => [textNode(label, state.format)])
  },
  inlineCode: (state, node) => [textNode(node.value.replace(/\s*\n\s*/g, ' '), state.format | TEXT_FORMAT.code)],
  link: (state, node) => linkTo(state, node.url, () => (node.children.length > 0 ? state.all(node) : [textNode(node.url, state.format)])),
  linkReference: (state, node) => {
    const url = state.definitions.get(normalizeLabel(node.identifier))
    return linkTo(state, url, () => state.all(node))
  },
  list: (state, node) => {
    const type = listType(node)
    const start = node.ordered ? (node.start ?? 1) : 1
    const depth = state.listDepth
    const items: LexicalNode[] = []
    let value = start
    for (const item of node.children) {
      const checked = type === 'check' ? item.checked === true : undefined
      let content: LexicalNode[] = []
      let hasContent = false
      const flush = (): void => {
        if (!hasContent) return
        items.push(listItemNode(asInline(content), value, depth, checked))
        value += 1
        content = []
        hasContent = false
      }
      for (const child of item.children) {
        if (child.type === 'list') {
          flush()
          // A nested list sits in an item of its own, which takes no number.
          items.push(listItemNode(withState(state, { listDepth: depth + 1 }, () => state.one(child, item)), value, depth))
        } else {
          content.push(...state.one(child, item))
          hasContent = true
        }
      }
      if (item.children.length === 0) hasContent = true
      flush()
    }
    return [listNode(type, start, items)]
  },
  paragraph: (state, node) => {
    const inline = tidyInline(state.all(node))
    return inline.length > 0 ? [paragraphNode(inline)] : []
  },
  root: (state, node) => asBlocks(state.all(node)),
  strong: formatted(TEXT_FORMAT.bold),
  table: (state, node) => [
    buildTable(
      node.children.map((row, index) =>
        row.children.map((cell): CellSource => ({ children: state.all(cell), colSpan: 1, header: index === 0, rowSpan: 1 })),
      ),
    ),
  ],
  text: (state, node) => [textNode(node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' '), state.format)],
  thematicBreak: () => [horizontalRuleNode()],
  yaml: () => [],
}

/** Options of `mdastToLexical`. */
export interface MdastToLexicalOptions {
  /** The article's canonical URL: relative links resolve against it. */
  baseUrl: string
  /**
   * Handlers that replace or add to the default ones, by mdast node type.
   * @default {}
   */
  handlers?: Handlers
}

const collectDefinitions = (node: Nodes, into: Map<string, string>): void => {
  if (node.type === 'definition') {
    const key = normalizeLabel(node.identifier)
    if (!into.has(key)) into.set(key, node.url)
  }
  if ('children' in node) node.children.forEach((child) => collectDefinitions(child, into))
}

/**
 * Converts an mdast tree (GFM included) to the block nodes of a Lexical body, with the handlers
 * of `options` over the defaults. Pure: the same tree and options give the same JSON.
 */
export const mdastToLexical = (tree: Root, options: MdastToLexicalOptions): LexicalNode[] => {
  const definitions = new Map<string, string>()
  collectDefinitions(tree, definitions)
  const table: Handlers = { ...handlers, ...options.handlers }
  const one = (node: Nodes, parent: Parents | undefined): LexicalNode[] => {
    const handler = table[node.type] as AnyHandler | undefined
    if (handler) return handler(state, node, parent)
    if ('children' in node) return state.all(node)
    return 'value' in node && typeof node.value === 'string' ? [textNode(plainText(node), state.format)] : []
  }
  const state: State = {
    all: (parent) => parent.children.flatMap((child) => one(child, parent)),
    baseUrl: options.baseUrl,
    definitions,
    format: 0,
    handlers: table,
    inLink: false,
    linkCount: 0,
    linkTargets: new Map(),
    listDepth: 0,
    one,
  }
  return asBlocks(one(tree, undefined))
}
