import type { FieldProblem } from './citation.js'

/**
 * The node types of the article body's editor (collections/Articles/bodyEditor.ts: Payload's
 * default features, links to glossary terms, tables). A body holding any other type was not
 * written by that editor; an integration test keeps this list equal to the editor's nodes.
 */
export const BODY_NODE_TYPES = [
  'autolink',
  'heading',
  'horizontalrule',
  'linebreak',
  'link',
  'list',
  'listitem',
  'paragraph',
  'quote',
  'relationship',
  'tab',
  'table',
  'tablecell',
  'tablerow',
  'text',
  'upload',
] as const

/** The budget of a body. */
export interface BodyLimits {
  /** Characters of the body's JSON. */
  maxBytes: number
  /** Nesting of nodes below the root. */
  maxDepth: number
}

/** Defaults of `BodyLimits`: room for the largest PDQ summary (2.8 MB of JSON, depth < 12). */
export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 8_000_000, maxDepth: 40 }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Problems of a rich-text body as a write sends it (empty means well-formed): a Lexical editor
 * state `{ root: { type: 'root', children: [...] } }` whose every node is an object with a
 * known `type`, whose `children` are lists, whose text nodes hold text, nested at most
 * `maxDepth` deep and at most `maxBytes` characters of JSON. `null` (no body) is well-formed.
 * The walk is iterative, so a 100,000-deep body is refused, not a stack overflow.
 */
export const lexicalBodyProblems = (
  value: unknown,
  nodeTypes: readonly string[] = BODY_NODE_TYPES,
  limits: BodyLimits = DEFAULT_BODY_LIMITS,
): FieldProblem[] => {
  if (value === null || value === undefined) return []
  const problem = (message: string): FieldProblem[] => [{ message, path: 'body' }]
  if (!isRecord(value) || !isRecord(value.root)) return problem('The body must be a rich-text document ({ "root": { "type": "root", "children": [...] } }).')
  if (value.root.type !== 'root') return problem('The body\'s root node must have the type "root".')
  if (!Array.isArray(value.root.children)) return problem('The body\'s root node must have a list of children.')
  const known = new Set(nodeTypes)
  const stack: { depth: number; node: unknown; where: string }[] = value.root.children.map((node, index) => ({
    depth: 1,
    node,
    where: `root.children.${index}`,
  }))
  while (stack.length > 0) {
    const { depth, node, where } = stack.pop() as (typeof stack)[number]
    if (depth > limits.maxDepth) return problem(`The body nests deeper than ${limits.maxDepth} levels (at ${where.slice(0, 200)}…).`)
    if (!isRecord(node) || typeof node.type !== 'string') return problem(`The body's node at ${where} is not a node with a type.`)
    if (!known.has(node.type)) return problem(`The body's node at ${where} has the type "${node.type.slice(0, 40)}", which the body editor does not know.`)
    if (node.type === 'text' && typeof node.text !== 'string') return problem(`The body's text node at ${where} holds no text.`)
    if ('children' in node) {
      if (!Array.isArray(node.children)) return problem(`The body's node at ${where} has children that are not a list.`)
      node.children.forEach((child, index) => stack.push({ depth: depth + 1, node: child, where: `${where}.children.${index}` }))
    }
  }
  const size = JSON.stringify(value).length
  if (size > limits.maxBytes) return problem(`The body is ${size} characters of JSON; at most ${limits.maxBytes} are allowed.`)
  return []
}

/** True when the body holds any text (a body of empty paragraphs is empty). */
export const bodyHasText = (value: unknown): boolean => {
  if (!isRecord(value) || !isRecord(value.root)) return false
  const stack: unknown[] = [value.root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!isRecord(node)) continue
    if (node.type === 'text' && typeof node.text === 'string' && node.text.trim() !== '') return true
    if (Array.isArray(node.children)) stack.push(...node.children)
  }
  return false
}
