import type { Article } from '../payload-types.js'

/**
 * The Lexical JSON nodes of an article body, as the body editor's nodes serialise them
 * (`collections/Articles/bodyEditor.ts`: Payload's default features, links, tables). The
 * converter builds these directly; a test parses its output with a headless editor of the same
 * nodes and checks that the editor serialises it back unchanged.
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

/** Lexical's text format bits. */
export const TEXT_FORMAT = { bold: 1, code: 16, italic: 2, strikethrough: 4 } as const

/** The block types whose text labels the links inside them (evidence labels). */
export const BLOCK_TYPES: ReadonlySet<string> = new Set(['heading', 'listitem', 'paragraph', 'quote', 'tablecell'])

const element = (type: string, children: LexicalNode[], indent = 0): LexicalNode => ({
  children,
  direction: null,
  format: '',
  indent,
  type,
  version: 1,
})

/** A text node; `format` is a sum of `TEXT_FORMAT` bits. */
export const textNode = (text: string, format = 0): LexicalNode => ({
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text,
  type: 'text',
  version: 1,
})

/** A hard line break inside a block. */
export const lineBreakNode = (): LexicalNode => ({ type: 'linebreak', version: 1 })

/** A paragraph of inline nodes; like Lexical, it takes the text format of its first text. */
export const paragraphNode = (children: LexicalNode[]): LexicalNode => {
  const first = children.find((child) => child.type === 'text')
  return { ...element('paragraph', children), textFormat: typeof first?.format === 'number' ? first.format : 0, textStyle: '' }
}

/** A heading, `depth` 1 to 6. */
export const headingNode = (depth: number, children: LexicalNode[]): LexicalNode => ({
  ...element('heading', children),
  tag: `h${Math.min(Math.max(depth, 1), 6)}`,
})

/** A block quote of inline nodes. */
export const quoteNode = (children: LexicalNode[]): LexicalNode => element('quote', children)

/** A horizontal rule. */
export const horizontalRuleNode = (): LexicalNode => ({ type: 'horizontalrule', version: 1 })

/** The list types of Lexical's list node. */
export type ListType = 'bullet' | 'check' | 'number'

/** A list of `listitem` nodes. */
export const listNode = (listType: ListType, start: number, children: LexicalNode[]): LexicalNode => ({
  ...element('list', children),
  listType,
  start,
  tag: listType === 'number' ? 'ol' : 'ul',
})

/**
 * A list item. `indent` is its list's nesting depth (Lexical derives it from the nesting);
 * `checked` only in check lists.
 */
export const listItemNode = (children: LexicalNode[], value: number, indent: number, checked?: boolean): LexicalNode => ({
  ...element('listitem', children, indent),
  ...(checked === undefined ? {} : { checked }),
  value,
})

/** A link to a URL; `id` identifies the node (Payload's link nodes carry one). */
export const linkNode = (url: string, children: LexicalNode[], id: string): LexicalNode => ({
  ...element('link', children),
  fields: { linkType: 'custom', newTab: false, url },
  id,
  version: 3,
})

/** A table cell: `header` makes it a header cell. */
export const tableCellNode = (children: LexicalNode[], header: boolean, colSpan = 1, rowSpan = 1): LexicalNode => ({
  ...element('tablecell', children),
  backgroundColor: null,
  colSpan,
  headerState: header ? 1 : 0,
  rowSpan,
})

/** A table row of cells. */
export const tableRowNode = (children: LexicalNode[]): LexicalNode => element('tablerow', children)

/** A table of rows. */
export const tableNode = (children: LexicalNode[]): LexicalNode => element('table', children)

/** A body of block nodes. */
export const bodyOf = (children: LexicalNode[]): LexicalBody => ({
  root: { children: children as LexicalBody['root']['children'], direction: null, format: '', indent: 0, type: 'root', version: 1 },
})

/** The text of a node and its descendants. */
export const textOf = (node: LexicalNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')
