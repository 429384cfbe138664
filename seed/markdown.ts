import { createHash } from 'node:crypto'

import { convertMarkdownToLexical, type SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import type { Element as HastElement, ElementContent as HastContent, RootContent as HastRootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toMdast } from 'hast-util-to-mdast'
import type { Definition, Nodes as MdastNode, Parents as MdastParent, Root as MdastRoot, Table as MdastTable } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { toMarkdown } from 'mdast-util-to-markdown'
import { gfm } from 'micromark-extension-gfm'

import type { Article } from '../payload-types.js'
import { absoluteUrl, evidenceLabel, evidenceOf, type EvidenceLink, glossaryTermId, glossaryUrl } from './links.js'

/**
 * Markdown → Lexical for article bodies, with Payload's own `convertMarkdownToLexical` and the
 * editor config of the articles' body field.
 *
 * Payload's converter reads Markdown line by line with regular expressions. Real documents break
 * it in ways a CommonMark parser does not: backslash escapes stay as visible backslashes, `[`
 * inside link text splits the link, `_` in URLs turns into italics, tables whose rows have
 * different cell counts fall apart into one table per row, images and raw HTML stay literal.
 * So the document is parsed first with a real GFM parser (mdast), and Payload's converter is fed
 * a normalised form of it in which nothing literal can be misread as syntax:
 *
 * - every literal text (already unescaped by the parser) has its ASCII punctuation swapped for
 *   private-use characters, swapped back in the Lexical result;
 * - link targets are replaced by short tokens (URLs may hold `_`, `*`, parentheses);
 * - emphasis, list markers, indentation and headings are rewritten in the one form the
 *   converter reads;
 * - tables (GFM, and raw HTML tables) are built as one Lexical table each, cells converted by
 *   Payload's converter; other raw HTML becomes Markdown through hast → mdast, and is never
 *   passed on as markup.
 *
 * Link targets are then made absolute against the article URL, unsafe schemes lose their link,
 * and evidence (PubMed, PMC, DOI, trial registries) and glossary references are collected.
 */

/** The Lexical JSON of an article body, as the generated `Article` type has it. */
export type LexicalBody = NonNullable<Article['body']>

/** A node of Lexical's serialised JSON. */
export interface LexicalNode {
  [key: string]: unknown
  children?: LexicalNode[]
  type: string
  version: number
}

/** A glossary definition link found in a body: NCI dictionary id and the text linked. */
export interface GlossaryReference {
  nciId: string
  text: string
}

/** An evidence entry of an article, as the `evidence` array field stores it. */
export interface EvidenceEntry extends EvidenceLink {
  label: string
}

/** What `convertMarkdownBody` returns. */
export interface BodyConversion {
  body: LexicalBody
  /** Evidence links, one per kind + identifier, in order of first appearance. */
  evidence: EvidenceEntry[]
  /** Glossary links, one per dictionary id (with the first text linked), in order of appearance. */
  glossaryReferences: GlossaryReference[]
}

/** Inputs of `convertMarkdownBody` besides the Markdown. */
export interface ConvertOptions {
  /** The article's canonical URL: relative links resolve against it. */
  baseUrl: string
  /** The sanitized editor config of the articles' body field (see `bodyEditorConfig`). */
  editorConfig: SanitizedServerEditorConfig
}

// ---------------------------------------------------------------------------------------------
// Private-use characters: literal punctuation, link tokens, table cell separators.

const PUNCTUATION = /[!-/:-@[-`{-~]/g
const PROTECTED = /[\uE021-\uE07E]/g
const PRIVATE_USE = /[\uE000-\uE0FF]/g
const LINK_TOKEN = /^\uE001([0-9a-z]+)\uE001$/
const CELL_SEPARATOR = '\uE002'
const EMPTY_CELL = '\uE003'

/** Literal text in a form Payload's converter cannot read as syntax: one line, no ASCII punctuation. */
const protect = (value: string): string =>
  value
    .replace(PRIVATE_USE, '\uFFFD')
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .replace(PUNCTUATION, (char) => String.fromCharCode(0xe000 + char.charCodeAt(0)))

/** The literal text `protect` hid. */
const restore = (value: string): string =>
  value.replace(PROTECTED, (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000))

// ---------------------------------------------------------------------------------------------
// mdast: parsing and source rewriting

const parseMarkdown = (markdown: string): MdastRoot =>
  fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })

interface Edit {
  end: number
  start: number
  text: string
}

const INDENT = '    '

interface Rewrite {
  definitions: Map<string, string>
  edits: Edit[]
  inCell: boolean
  inLink: boolean
  inStrong: boolean
  source: string
  urls: string[]
}

const startOf = (node: MdastNode): number => node.position?.start.offset ?? 0
const endOf = (node: MdastNode): number => node.position?.end.offset ?? 0

const edit = (rewrite: Rewrite, start: number, end: number, text: string): void => {
  rewrite.edits.push({ end, start, text })
}

const linkToken = (rewrite: Rewrite, url: string): string => {
  rewrite.urls.push(url)
  return `\uE001${(rewrite.urls.length - 1).toString(36)}\uE001`
}

const plainText = (node: MdastNode): string => {
  if ('value' in node && typeof node.value === 'string') return node.value
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('children' in node) return node.children.map((child) => plainText(child)).join('')
  return ''
}

const imageLabel = (alt: null | string | undefined, url: string): string =>
  alt?.trim() || url.split('/').pop() || url

/** Rewrites the span of inline content between a node's opening and closing markers. */
const markers = (rewrite: Rewrite, node: MdastParent, open: string, close: string): void => {
  const first = node.children[0]
  const last = node.children[node.children.length - 1]
  if (!first || !last) {
    edit(rewrite, startOf(node), endOf(node), '')
    return
  }
  edit(rewrite, startOf(node), startOf(first), open)
  node.children.forEach((child) => collect(rewrite, child, 0))
  edit(rewrite, endOf(last), endOf(node), close)
}

/** Collects the source edits that put one mdast node into the form Payload's converter reads. */
const collect = (rewrite: Rewrite, node: MdastNode, listDepth: number): void => {
  switch (node.type) {
    case 'text':
      edit(rewrite, startOf(node), endOf(node), protect(node.value))
      return
    case 'html': {
      // Inline HTML is kept as the text it is, never as markup; a line break stays a line break.
      const value = node.value.trim()
      const text = /^<!--/.test(value)
        ? ''
        : /^<br\s*\/?>$/i.test(value)
          ? rewrite.inCell || rewrite.inLink
            ? ' '
            : '\\\n'
          : protect(node.value)
      edit(rewrite, startOf(node), endOf(node), text)
      return
    }
    case 'inlineCode':
      edit(rewrite, startOf(node), endOf(node), node.value.includes('`') ? protect(node.value) : `\`${node.value.replace(/\s*\n\s*/g, ' ')}\``)
      return
    case 'break':
      edit(rewrite, startOf(node), endOf(node), rewrite.inCell || rewrite.inLink ? ' ' : '\\\n')
      return
    case 'emphasis': {
      // Payload's converter reads `**a *b***` wrongly but `**a _b_**` right.
      const marker = rewrite.inStrong ? '_' : '*'
      markers(rewrite, node, marker, marker)
      return
    }
    case 'strong': {
      const outer = rewrite.inStrong
      rewrite.inStrong = true
      markers(rewrite, node, '**', '**')
      rewrite.inStrong = outer
      return
    }
    case 'delete':
      markers(rewrite, node, '~~', '~~')
      return
    case 'link':
    case 'linkReference': {
      const url = node.type === 'link' ? node.url : rewrite.definitions.get(normalizeLabel(node.identifier))
      if (url === undefined || rewrite.inLink) {
        edit(rewrite, startOf(node), endOf(node), protect(plainText(node)))
        return
      }
      const token = linkToken(rewrite, url)
      const last = node.children[node.children.length - 1]
      if (rewrite.source[startOf(node)] !== '[' || !last) {
        // Autolinks and empty link texts: the URL is the text.
        edit(rewrite, startOf(node), endOf(node), `[${protect(plainText(node) || url)}](${token})`)
        return
      }
      rewrite.inLink = true
      node.children.forEach((child) => collect(rewrite, child, listDepth))
      rewrite.inLink = false
      edit(rewrite, endOf(last), endOf(node), `](${token})`)
      return
    }
    case 'image':
    case 'imageReference': {
      // Images become links to the image, labelled by their alternative text.
      const url = node.type === 'image' ? node.url : rewrite.definitions.get(normalizeLabel(node.identifier))
      const label = protect(imageLabel(node.alt, url ?? ''))
      edit(rewrite, startOf(node), endOf(node), url === undefined || rewrite.inLink ? label : `[${label}](${linkToken(rewrite, url)})`)
      return
    }
    case 'definition':
      edit(rewrite, startOf(node), endOf(node), '')
      return
    case 'footnoteReference':
      edit(rewrite, startOf(node), endOf(node), protect(`[^${node.label ?? node.identifier}]`))
      return
    case 'heading': {
      const first = node.children[0]
      const last = node.children[node.children.length - 1]
      const prefix = `${'#'.repeat(node.depth)} `
      if (!first || !last) {
        edit(rewrite, startOf(node), endOf(node), prefix)
        return
      }
      edit(rewrite, startOf(node), startOf(first), prefix)
      node.children.forEach((child) => collect(rewrite, child, listDepth))
      edit(rewrite, endOf(last), endOf(node), '')
      return
    }
    case 'list':
      node.children.forEach((item, index) => {
        const previous = node.children[index - 1]
        if (previous) edit(rewrite, endOf(previous), startOf(item), `\n${INDENT.repeat(listDepth)}`)
        const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- '
        const checkbox = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : ''
        const first = item.children[0]
        edit(rewrite, startOf(item), first ? startOf(first) : endOf(item), `${marker}${checkbox}`)
        item.children.forEach((child, childIndex) => {
          const before = item.children[childIndex - 1]
          if (before) {
            // A nested list is indented one level deeper; a further paragraph joins the item
            // after a line break (Lexical list items hold no paragraphs).
            const gap = child.type === 'list' ? `\n${INDENT.repeat(listDepth + 1)}` : '\\\n'
            edit(rewrite, endOf(before), startOf(child), gap)
          }
          collect(rewrite, child, child.type === 'list' ? listDepth + 1 : listDepth)
        })
      })
      return
    case 'code':
    case 'thematicBreak':
    case 'yaml':
      return
    default:
      if ('children' in node) node.children.forEach((child) => collect(rewrite, child, listDepth))
  }
}

// CommonMark label normalisation, as mdast stores `identifier`s.
const normalizeLabel = (label: string): string => label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase()

const collectDefinitions = (node: MdastNode, into: Map<string, string>): void => {
  if (node.type === 'definition') {
    const key = normalizeLabel(node.identifier)
    if (!into.has(key)) into.set(key, (node as Definition).url)
  }
  if ('children' in node) node.children.forEach((child) => collectDefinitions(child, into))
}

/** The source between `start` and `end` with the edits inside it applied (edits are sorted by position). */
const rewritten = (rewrite: Rewrite, start: number, end: number): string => {
  const { edits, source } = rewrite
  let low = 0
  let high = edits.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((edits[middle] as Edit).start < start) low = middle + 1
    else high = middle
  }
  let cursor = start
  let output = ''
  for (let index = low; index < edits.length; index += 1) {
    const { end: editEnd, start: editStart, text } = edits[index] as Edit
    if (editStart >= end || editEnd > end) break
    output += source.slice(cursor, editStart) + text
    cursor = editEnd
  }
  return output + source.slice(cursor, end)
}

// ---------------------------------------------------------------------------------------------
// Lexical: conversion, tables

interface Conversion {
  options: ConvertOptions
  shells: Shells
  urls: string[]
}

/** Node shapes of the current Lexical version, taken from Payload's own output. */
interface Shells {
  cell: LexicalNode
  paragraph: LexicalNode
  root: Omit<LexicalBody['root'], 'children'>
  row: LexicalNode
  table: LexicalNode
}

const shellCache = new WeakMap<SanitizedServerEditorConfig, Shells>()

const withoutChildren = (node: LexicalNode): LexicalNode => {
  const { children: _children, ...shell } = node
  return { ...shell }
}

const shellsOf = (editorConfig: SanitizedServerEditorConfig): Shells => {
  const cached = shellCache.get(editorConfig)
  if (cached) return cached
  const state = convertMarkdownToLexical({ editorConfig, markdown: 'x\n\n| a |\n| --- |\n| b |' })
  const [paragraph, table] = state.root.children as unknown as LexicalNode[]
  const row = table?.children?.[0]
  const cell = row?.children?.[0]
  if (!paragraph || table?.type !== 'table' || !row || !cell) {
    throw new Error(
      'The articles body editor has no table feature: add EXPERIMENTAL_TableFeature() to its features so that imported tables are kept',
    )
  }
  const { children: _children, ...root } = state.root as unknown as LexicalBody['root']
  const shells: Shells = {
    cell: { ...withoutChildren(cell), colSpan: 1, headerState: 0, rowSpan: 1 },
    paragraph: withoutChildren(paragraph),
    root,
    row: withoutChildren(row),
    table: withoutChildren(table),
  }
  shellCache.set(editorConfig, shells)
  return shells
}

const payloadConvert = (conversion: Conversion, markdown: string): LexicalNode[] =>
  markdown.trim()
    ? (convertMarkdownToLexical({ editorConfig: conversion.options.editorConfig, markdown }).root
        .children as unknown as LexicalNode[])
    : []

const textOf = (node: LexicalNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')

/** A cell of a table to build: its Markdown (already normalised) and its spans. */
interface CellSource {
  colSpan: number
  header: boolean
  markdown: string
  rowSpan: number
}

/**
 * Converts the cells of one table in a single call of Payload's converter: cells are separate
 * paragraphs between separator paragraphs. A cell that does not come back as whole blocks
 * (an unclosed code fence, say) makes the table fall back to one call per cell.
 */
const convertCells = (conversion: Conversion, cells: string[]): LexicalNode[][] => {
  const markdown = cells.map((cell) => (cell.trim() ? cell : EMPTY_CELL)).join(`\n\n${CELL_SEPARATOR}\n\n`)
  const groups: LexicalNode[][] = [[]]
  for (const node of payloadConvert(conversion, markdown)) {
    if (node.type === 'paragraph' && textOf(node) === CELL_SEPARATOR) groups.push([])
    else groups[groups.length - 1]?.push(node)
  }
  if (groups.length !== cells.length) return cells.map((cell) => payloadConvert(conversion, cell))
  return groups.map((group) => (group.length === 1 && group[0] && textOf(group[0]) === EMPTY_CELL ? [] : group))
}

/** One Lexical table from rows of cells: rows padded to the widest, spans kept. */
const buildTable = (conversion: Conversion, rows: CellSource[][]): LexicalNode => {
  const { shells } = conversion
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
  const padded = rows.map((row, index) => [
    ...row,
    ...Array.from({ length: width - (widths[index] ?? 0) }, (): CellSource => ({
      colSpan: 1,
      header: row.every((cell) => cell.header) && row.length > 0,
      markdown: '',
      rowSpan: 1,
    })),
  ])
  const contents = convertCells(
    conversion,
    padded.flatMap((row) => row.map((cell) => cell.markdown)),
  )
  let next = 0
  const table: LexicalNode = {
    ...shells.table,
    children: padded.map((row) => ({
      ...shells.row,
      children: row.map((cell): LexicalNode => {
        const content = contents[next] ?? []
        next += 1
        return {
          ...shells.cell,
          children: content.length > 0 ? content : [{ ...shells.paragraph, children: [] }],
          colSpan: cell.colSpan,
          headerState: cell.header ? 1 : 0,
          rowSpan: cell.rowSpan,
        }
      }),
    })),
  }
  if (Array.isArray(shells.table.colWidths)) {
    const columnWidth: unknown = shells.table.colWidths[0]
    table.colWidths = Array.from({ length: width }, () => columnWidth)
  }
  return table
}

const gfmTable = (conversion: Conversion, rewrite: Rewrite, node: MdastTable): LexicalNode => {
  rewrite.inCell = true
  collect(rewrite, node, 0)
  rewrite.inCell = false
  return buildTable(
    conversion,
    node.children.map((row, rowIndex) =>
      row.children.map((cell): CellSource => {
        const first = cell.children[0]
        const last = cell.children[cell.children.length - 1]
        return {
          colSpan: 1,
          header: rowIndex === 0,
          markdown: first && last ? rewritten(rewrite, startOf(first), endOf(last)) : '',
          rowSpan: 1,
        }
      }),
    ),
  )
}

// ---------------------------------------------------------------------------------------------
// Raw HTML blocks

const isElement = (node: HastRootContent, tagName?: string): node is HastElement =>
  node.type === 'element' && (tagName === undefined || node.tagName === tagName)

const hastToMarkdown = (children: HastContent[]): string =>
  toMarkdown(toMdast({ type: 'root', children }), { extensions: [gfmToMarkdown()] })

const tableRows = (table: HastElement): HastElement[] => {
  const sections = { body: [] as HastElement[], foot: [] as HastElement[], head: [] as HastElement[] }
  for (const child of table.children) {
    if (!isElement(child)) continue
    if (child.tagName === 'tr') sections.body.push(child)
    const rows = child.children.filter((row): row is HastElement => isElement(row, 'tr'))
    if (child.tagName === 'thead') sections.head.push(...rows)
    if (child.tagName === 'tbody') sections.body.push(...rows)
    if (child.tagName === 'tfoot') sections.foot.push(...rows)
  }
  // Rendering order: a footer written before the body still comes last.
  return [...sections.head, ...sections.body, ...sections.foot]
}

const span = (value: unknown): number => {
  const number = typeof value === 'number' ? value : Number(value)
  return Number.isInteger(number) && number > 1 ? Math.min(number, 1000) : 1
}

const htmlTable = (conversion: Conversion, table: HastElement, depth: number): LexicalNode[] => {
  const head = new Set(
    table.children.filter((child) => isElement(child, 'thead')).flatMap((child) => (isElement(child) ? child.children : [])),
  )
  const rows = tableRows(table).map((row) => {
    const cells = row.children.filter((cell): cell is HastElement => isElement(cell, 'td') || isElement(cell, 'th'))
    return cells.map(
      (cell): CellSource => ({
        colSpan: span(cell.properties.colSpan),
        header: head.has(row) || cell.tagName === 'th',
        markdown: inlineMarkdown(conversion, hastToMarkdown(cell.children)),
        rowSpan: span(cell.properties.rowSpan),
      }),
    )
  })
  const caption = table.children.find((child) => isElement(child, 'caption'))
  const captionBlocks = caption && isElement(caption) ? convertBlocks(conversion, hastToMarkdown(caption.children), depth + 1) : []
  return rows.length > 0 ? [...captionBlocks, buildTable(conversion, rows)] : captionBlocks
}

/** Markdown of table-cell content in normalised form (one cell's worth, no block syntax). */
const inlineMarkdown = (conversion: Conversion, markdown: string): string => {
  const tree = parseMarkdown(markdown)
  const rewrite = newRewrite(conversion, markdown, tree)
  rewrite.inCell = true
  tree.children.forEach((child) => collect(rewrite, child, 0))
  return tree.children
    .map((child) => rewritten(rewrite, startOf(child), endOf(child)))
    .join('\n\n')
}

const htmlBlock = (conversion: Conversion, html: string, depth: number): LexicalNode[] => {
  const fragment = fromHtml(html, { fragment: true })
  const blocks: LexicalNode[] = []
  let pending: HastContent[] = []
  const flush = (): void => {
    if (pending.length > 0) blocks.push(...convertBlocks(conversion, hastToMarkdown(pending), depth + 1))
    pending = []
  }
  for (const child of fragment.children) {
    if (isElement(child, 'table')) {
      flush()
      blocks.push(...htmlTable(conversion, child, depth))
    } else if (child.type !== 'doctype') {
      pending.push(child)
    }
  }
  flush()
  return blocks
}

// ---------------------------------------------------------------------------------------------
// Blocks

const newRewrite = (conversion: Conversion, source: string, tree: MdastRoot): Rewrite => {
  const definitions = new Map<string, string>()
  collectDefinitions(tree, definitions)
  return { definitions, edits: [], inCell: false, inLink: false, inStrong: false, source, urls: conversion.urls }
}

/** Converts Markdown to Lexical block nodes: runs of ordinary blocks through Payload, tables and HTML here. */
const convertBlocks = (conversion: Conversion, markdown: string, depth: number): LexicalNode[] => {
  const tree = parseMarkdown(markdown)
  const rewrite = newRewrite(conversion, markdown, tree)
  const blocks: LexicalNode[] = []
  let run: MdastNode[] = []
  const flush = (): void => {
    if (run.length === 0) return
    const parts = run.map((node) => rewritten(rewrite, startOf(node), endOf(node)))
    blocks.push(...payloadConvert(conversion, parts.join('\n\n')))
    run = []
  }
  for (const node of tree.children) {
    if (node.type === 'table') {
      flush()
      blocks.push(gfmTable(conversion, rewrite, node))
    } else if (node.type === 'html' && depth < 2) {
      flush()
      blocks.push(...htmlBlock(conversion, node.value, depth))
    } else if (node.type === 'definition') {
      continue
    } else {
      collect(rewrite, node, 0)
      // Edits are collected in document order, so each node's edits follow the previous ones'.
      run.push(node)
    }
  }
  flush()
  return blocks
}

// ---------------------------------------------------------------------------------------------
// Lists: Payload's converter nests a list only in a list of its own type; a bullet list inside a
// numbered one comes out as three lists (items, nested items, the rest). Put them back together.

const isNestedOnly = (list: LexicalNode): boolean =>
  (list.children ?? []).every((item) => item.children?.length === 1 && item.children[0]?.type === 'list')

const renumber = (list: LexicalNode): void => {
  let value = typeof list.start === 'number' ? list.start : 1
  for (const item of list.children ?? []) {
    item.value = value
    if (!isNestedOnly({ ...item, children: [item] })) value += 1
  }
}

const joinSplitLists = (nodes: LexicalNode[]): LexicalNode[] => {
  const joined: LexicalNode[] = []
  let extended: LexicalNode | null = null
  for (const node of nodes) {
    const previous = joined[joined.length - 1]
    if (node.type === 'list' && previous?.type === 'list' && previous.children && node.children) {
      const continues = extended === previous && node.listType === previous.listType
      if (isNestedOnly(node) || continues) {
        previous.children.push(...node.children)
        if (continues) renumber(previous)
        extended = previous
        continue
      }
    }
    extended = null
    joined.push(node)
  }
  return joined
}

// ---------------------------------------------------------------------------------------------
// Finishing: restore text, resolve links, collect evidence and glossary references

interface Findings {
  baseUrl: string
  evidence: Map<string, EvidenceEntry>
  glossary: Map<string, string>
  linkCount: number
  urls: string[]
}

const BLOCK_TYPES = new Set(['heading', 'listitem', 'paragraph', 'quote', 'tablecell'])

// Deterministic link-node ids: the same file always converts to the same JSON.
const linkId = (findings: Findings): string => {
  findings.linkCount += 1
  return createHash('sha1').update(`${findings.baseUrl}#${findings.linkCount}`).digest('hex').slice(0, 24)
}

// The nodes come fresh from Payload's converter and belong to this conversion alone, so they
// are finished in place: copying a multi-megabyte tree would only feed the garbage collector.
const finish = (nodes: LexicalNode[], findings: Findings, blockText: () => string): LexicalNode[] => {
  const finished: LexicalNode[] = []
  for (const node of nodes) {
    if (typeof node.text === 'string') {
      node.text = restore(node.text)
      finished.push(node)
      continue
    }
    let text = blockText
    if (BLOCK_TYPES.has(node.type)) {
      let cached: string | undefined
      text = () => (cached ??= restore(textOf(node)))
    }
    if (node.children) node.children = finish(node.children, findings, text)
    if (node.type === 'link') finished.push(...finishLink(node, node.children ?? [], findings, text))
    else finished.push(node)
  }
  return finished
}

const finishLink = (node: LexicalNode, children: LexicalNode[], findings: Findings, blockText: () => string): LexicalNode[] => {
  const fields = (node.fields ?? {}) as Record<string, unknown>
  const token = LINK_TOKEN.exec(typeof fields.url === 'string' ? fields.url : '')
  const raw = token ? findings.urls[parseInt(token[1] as string, 36)] : undefined
  const absolute = raw === undefined ? null : absoluteUrl(raw, findings.baseUrl)
  if (raw === undefined || absolute === null) return children
  const linkText = children.map(textOf).join('')
  const termId = glossaryTermId(raw, findings.baseUrl)
  // Glossary links get the dictionary's canonical URL, which `bindGlossaryLinks` recognises.
  const url = termId === null ? absolute : glossaryUrl(termId)
  if (termId !== null) {
    if (!findings.glossary.has(termId)) findings.glossary.set(termId, linkText.replace(/\s+/g, ' ').trim())
  } else {
    const evidence = evidenceOf(url)
    const key = evidence ? `${evidence.kind}:${evidence.identifier.toLowerCase()}` : null
    if (evidence && key && !findings.evidence.has(key)) {
      findings.evidence.set(key, { ...evidence, label: evidenceLabel(linkText, blockText()) })
    }
  }
  node.fields = { linkType: 'custom', newTab: false, url }
  node.id = linkId(findings)
  return [node]
}

/**
 * Converts a Markdown body into Lexical JSON for the articles' body field, with one table node
 * per table, absolute link targets, and the evidence and glossary references it links to.
 * Glossary links stay ordinary links here; `bindGlossaryLinks` turns them into internal links
 * once the glossary documents' ids are known. Pure: the same input gives the same JSON.
 */
export const convertMarkdownBody = (markdown: string, options: ConvertOptions): BodyConversion => {
  const conversion: Conversion = { options, shells: shellsOf(options.editorConfig), urls: [] }
  const blocks = joinSplitLists(convertBlocks(conversion, markdown, 0))
  const findings: Findings = {
    baseUrl: options.baseUrl,
    evidence: new Map(),
    glossary: new Map(),
    linkCount: 0,
    urls: conversion.urls,
  }
  const children = finish(blocks, findings, () => '')
  return {
    body: { root: { ...conversion.shells.root, children } },
    evidence: [...findings.evidence.values()],
    glossaryReferences: [...findings.glossary].map(([nciId, text]) => ({ nciId, text })),
  }
}

/**
 * Turns the glossary definition links of a body into internal links to glossary-term
 * documents, given each dictionary id's document id. A link whose term has no document stays a
 * link to the dictionary page. Returns a new body; the input is not changed.
 */
export const bindGlossaryLinks = (
  body: LexicalBody,
  glossarySlug: string,
  documentIdOf: (nciId: string) => number | string | undefined,
): LexicalBody => {
  const bind = (nodes: LexicalNode[]): LexicalNode[] =>
    nodes.map((node) => {
      const children = node.children ? bind(node.children) : undefined
      const fields = node.type === 'link' ? ((node.fields ?? {}) as Record<string, unknown>) : null
      const termId = fields && fields.linkType === 'custom' && typeof fields.url === 'string' ? glossaryTermId(fields.url) : null
      const documentId = termId === null ? undefined : documentIdOf(termId)
      const bound = children ? { ...node, children } : node
      if (documentId === undefined) return bound
      return { ...bound, fields: { doc: { relationTo: glossarySlug, value: documentId }, linkType: 'internal', newTab: false } }
    })
  return { ...body, root: { ...body.root, children: bind(body.root.children as LexicalNode[]) } }
}
