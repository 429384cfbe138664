import type { Nodes, Parents, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import MarkdownIt, { type PluginSimple, type StateBlock, type StateCore, type Token } from 'markdown-it'
import footnotes from 'markdown-it-footnote'

/**
 * GitHub-flavoured Markdown → mdast, with `markdown-it`'s tokenizer (CommonMark, GFM tables and
 * strikethrough) in place of micromark's, which took over a second on the 1.1 MB PDQ summary.
 * The token stream becomes the mdast that `mdast-util-from-markdown` + `mdast-util-gfm` give, as
 * far as `mdastToLexical` reads it (a test converts the corpus both ways and compares the JSON):
 * - link targets as written (escapes and entities decoded, no percent-encoding, no scheme
 *   refused: `mdastToLexical` decides which targets are safe); reference links arrive resolved;
 * - GFM table rows keep cells past the header's count (markdown-it drops them);
 * - task list items (`- [x]`) get `checked`; GFM literal autolinks (`www.`, `https://`, e-mail)
 *   become links through mdast-util-gfm's own transform.
 * - GFM footnote definitions and references (markdown-it-footnote), left where they are written.
 */

const trimSpaces = (text: string): string => text.replace(/^[ \t]+|[ \t]+$/g, '')

// Cells of a table row as GFM splits them: on unescaped pipes, the outer empty ones dropped.
const splitRow = (line: string): string[] => {
  const cells: string[] = []
  let current = ''
  let escaped = false
  for (const char of line) {
    if (char === '|' && !escaped) {
      cells.push(current)
      current = ''
    } else if (char === '|') {
      current = `${current.slice(0, -1)}|`
    } else {
      current += char
    }
    escaped = char === '\\' && !escaped
  }
  cells.push(current)
  if (cells[0] !== undefined && trimSpaces(cells[0]) === '') cells.shift()
  if (cells.length > 0 && trimSpaces(cells[cells.length - 1] ?? 'x') === '') cells.pop()
  return cells
}

/**
 * A rule of markdown-it by the name it is registered under. Its `Ruler` keeps them in
 * `__rules__` (name, fn); `getRules` hands out bare functions, whose own names a minifying
 * bundler rewrites (the Next.js build did, and the app failed to load its config).
 */
const registeredRule = <F>(ruler: unknown, name: string, kind: string): F => {
  const rule = (ruler as { __rules__?: { fn: F; name: string }[] }).__rules__?.find((entry) => entry.name === name)
  if (!rule) throw new Error(`markdown-it has no ${kind} rule "${name}"`)
  return rule.fn
}

type CoreRule = (state: StateCore) => void

const parser = new MarkdownIt('default', { html: true, linkify: false, typographer: false })
// Past its nesting limit (100 in this preset) markdown-it drops the rest of a block: micromark has none.
Object.assign(parser.options, { maxNesting: 1000 })
// Targets as written: mdastToLexical resolves them and drops unsafe ones (keeping their text).
parser.validateLink = () => true
parser.normalizeLink = (url) => url
parser.normalizeLinkText = (text) => text
// GFM footnotes, in place (not gathered at the end), without the `^[inline]` notes GFM lacks.
// (@types/markdown-it-footnote types it against markdown-it's CommonJS typings, this is the ESM one.)
parser.use(footnotes as unknown as PluginSimple)
parser.core.ruler.disable('footnote_tail')
parser.inline.ruler.disable('footnote_inline')

// Its first core rule rewrites the whole source to normalise line endings and NUL characters
// (20 ms on the 1.1 MB summary): skipped when there are none, as in every file the importer
// has decoded (seed/document.ts, decodeText).
const normalize = registeredRule<CoreRule>(parser.core.ruler, 'normalize', 'core')
parser.core.ruler.at('normalize', (state) => {
  if (/[\r\0]/.test(state.src)) normalize(state)
})

type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean

const builtIn = (name: string): BlockRule => registeredRule<BlockRule>(parser.block.ruler, name, 'block')
const gfmTable = builtIn('table')
const reference = builtIn('reference')

/** Where the content of a line starts (after its indent). */
const lineStart = (state: StateBlock, line: number): number => (state.bMarks[line] ?? 0) + (state.tShift[line] ?? 0)

/**
 * markdown-it's GFM table rule, with each row's cells as GFM has them: all of them (markdown-it
 * drops those past the header's count) and trimmed of spaces and tabs only (JavaScript's `trim`
 * also takes no-break spaces, which a cell may hold alone).
 */
const tableKeepingCells = (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
  const from = state.tokens.length
  if (!gfmTable(state, startLine, endLine, silent)) return false
  if (silent) return true
  const added = state.tokens.slice(from)
  const rebuilt: Token[] = []
  for (let index = 0; index < added.length; index += 1) {
    const token = added[index] as Token
    rebuilt.push(token)
    if (token.type !== 'tr_open' || !token.map) continue
    const [line] = token.map
    const cells = splitRow(state.src.slice(lineStart(state, line), state.eMarks[line]))
    const cellType = added[index + 1]?.type === 'th_open' ? 'th' : 'td'
    let end = index + 1
    while (added[end] && added[end]?.type !== 'tr_close') end += 1
    // The rule's own cells (it pads short rows with empty ones), then any past the header's count.
    const own = added.slice(index + 1, end)
    const inlines = own.filter((cell) => cell.type === 'inline')
    inlines.forEach((inline, cell) => {
      inline.content = trimSpaces(cells[cell] ?? '')
    })
    rebuilt.push(...own)
    for (const extra of cells.slice(inlines.length)) {
      const inline = new state.Token('inline', '', 0)
      inline.content = trimSpaces(extra)
      inline.children = []
      rebuilt.push(new state.Token(`${cellType}_open`, cellType, 1), inline, new state.Token(`${cellType}_close`, cellType, -1))
    }
    index = end - 1
  }
  // The block parser's token array is shared with the core state: changed in place.
  state.tokens.splice(from, added.length, ...rebuilt)
  return true
}

parser.block.ruler.at('table', tableKeepingCells, { alt: ['paragraph', 'reference'] })
// `[^a b]: …` is no footnote definition for markdown-it-footnote, and no link reference definition for GFM.
parser.block.ruler.at(
  'reference',
  (state, startLine, endLine, silent) =>
    state.src.startsWith('[^', lineStart(state, startLine)) ? false : reference(state, startLine, endLine, silent),
)

const [transformAutolinkLiterals] = gfmAutolinkLiteralFromMarkdown().transforms ?? []

type Open = Parents & { children: Nodes[] }

// Text that may hold a GFM literal autolink (what the transform's expressions need to match).
const AUTOLINK_HINT = /@|:\/\/|www\./i

/** A text node, joined to the text before it as mdast does within a run of text. */
const appendText = (parent: Open, value: string): void => {
  const last = parent.children[parent.children.length - 1]
  if (last?.type === 'text') last.value += value
  else parent.children.push({ type: 'text', value })
}

const plainText = (tokens: readonly Token[]): string =>
  tokens.map((token) => (token.type === 'image' ? plainText(token.children ?? []) : token.type === 'softbreak' ? '\n' : token.content)).join('')

/**
 * Inline tokens → phrasing content of `root`. Parents outside links whose text may hold a literal
 * autolink are added to `autolinkParents`.
 */
const addInline = (root: Open, tokens: readonly Token[], autolinkParents: Set<Open>): void => {
  const stack: Open[] = [root]
  let inLink = 0
  for (const token of tokens) {
    const parent = stack[stack.length - 1] as Open
    switch (token.type) {
      case 'text':
        appendText(parent, token.content)
        if (inLink === 0 && AUTOLINK_HINT.test(token.content)) autolinkParents.add(parent)
        break
      case 'softbreak':
        appendText(parent, '\n')
        break
      case 'hardbreak':
        parent.children.push({ type: 'break' })
        break
      case 'code_inline':
        parent.children.push({ type: 'inlineCode', value: token.content })
        break
      case 'footnote_ref': {
        const label = String((token.meta as { label?: unknown }).label)
        parent.children.push({ type: 'footnoteReference', identifier: label.toLowerCase(), label })
        break
      }
      case 'html_inline':
        parent.children.push({ type: 'html', value: token.content })
        break
      case 'image':
        parent.children.push({ type: 'image', alt: plainText(token.children ?? []), title: token.attrGet('title'), url: token.attrGet('src') ?? '' })
        break
      case 'em_open':
      case 'strong_open':
      case 's_open':
      case 'link_open': {
        const node: Open =
          token.type === 'link_open'
            ? { type: 'link', children: [], title: token.attrGet('title'), url: token.attrGet('href') ?? '' }
            : { type: token.type === 'em_open' ? 'emphasis' : token.type === 'strong_open' ? 'strong' : 'delete', children: [] }
        parent.children.push(node as PhrasingContent)
        stack.push(node)
        if (node.type === 'link') inLink += 1
        break
      }
      case 'em_close':
      case 'strong_close':
      case 's_close':
      case 'link_close':
        if (stack.pop()?.type === 'link') inLink -= 1
        break
      default:
        if (token.content) appendText(parent, token.content)
    }
  }
}

// GFM: a list item whose first paragraph starts with `[ ]`, `[x]` or `[X]` and whitespace is a task.
const TASK = /^\[([ xX])\][ \t\n]/

const markTask = (item: Extract<Nodes, { type: 'listItem' }>): void => {
  const [first] = item.children
  if (first?.type !== 'paragraph') return
  const head = first.children[0]
  // Something must follow the marker.
  if (head?.type !== 'text' || !TASK.test(head.value) || (!/\S/.test(head.value.slice(4)) && first.children.length === 1)) return
  item.checked = head.value[1] !== ' '
  head.value = head.value.slice(4)
  if (head.value === '') first.children.shift()
}

const BLOCK_CLOSE = new Set([
  'blockquote_close',
  'bullet_list_close',
  'footnote_reference_close',
  'heading_close',
  'list_item_close',
  'ordered_list_close',
  'paragraph_close',
  'table_close',
  'td_close',
  'th_close',
  'tr_close',
])

/** Block tokens → mdast, and the parents whose text may hold a literal autolink. */
const toMdast = (tokens: readonly Token[]): { autolinkParents: Set<Open>; root: Root } => {
  const autolinkParents = new Set<Open>()
  const root: Root = { type: 'root', children: [] }
  const stack: Open[] = [root]
  const push = (node: RootContent, open: boolean): void => {
    const parent = stack[stack.length - 1] as Open
    parent.children.push(node)
    if (open) stack.push(node as Open)
  }
  for (const token of tokens) {
    if (BLOCK_CLOSE.has(token.type)) {
      const closed = stack.pop()
      if (closed?.type === 'listItem') markTask(closed)
      continue
    }
    switch (token.type) {
      case 'paragraph_open':
        push({ type: 'paragraph', children: [] }, true)
        break
      case 'heading_open':
        push({ type: 'heading', children: [], depth: Number(token.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6 }, true)
        break
      case 'blockquote_open':
        push({ type: 'blockquote', children: [] }, true)
        break
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open'
        push({ type: 'list', children: [], ordered, spread: false, start: ordered ? Number(token.attrGet('start') ?? 1) : null }, true)
        break
      }
      case 'footnote_reference_open': {
        const label = String((token.meta as { label?: unknown }).label)
        push({ type: 'footnoteDefinition', children: [], identifier: label.toLowerCase(), label }, true)
        break
      }
      case 'list_item_open':
        push({ type: 'listItem', checked: null, children: [], spread: false }, true)
        break
      case 'table_open':
        push({ type: 'table', children: [] } satisfies Table, true)
        break
      case 'tr_open':
        push({ type: 'tableRow', children: [] } satisfies TableRow as unknown as RootContent, true)
        break
      case 'th_open':
      case 'td_open':
        push({ type: 'tableCell', children: [] } satisfies TableCell as unknown as RootContent, true)
        break
      case 'inline':
        addInline(stack[stack.length - 1] as Open, token.children ?? [], autolinkParents)
        break
      case 'fence':
      case 'code_block':
        push({ type: 'code', lang: token.info.trim().split(/\s/)[0] || null, value: token.content.replace(/\n$/, '') }, false)
        break
      case 'html_block':
        push({ type: 'html', value: token.content.replace(/\n$/, '') }, false)
        break
      case 'hr':
        push({ type: 'thematicBreak' }, false)
        break
      default:
        // thead/tbody wrappers: mdast tables hold their rows directly.
        break
    }
  }
  return { autolinkParents, root }
}

/** Parses GitHub-flavoured Markdown to mdast (see the module's comment for what it keeps). */
export const parseMarkdown = (markdown: string): Root => {
  const { autolinkParents, root } = toMdast(parser.parse(markdown, {}))
  // mdast-util-gfm's own transform, over the few parents that need it rather than the whole tree
  // (it visits every node): it edits their children in place, and none of them is in a link.
  for (const parent of autolinkParents) transformAutolinkLiterals?.({ type: 'root', children: parent.children as RootContent[] })
  return root
}
