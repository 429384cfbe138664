import type { SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'

import { BLOCK_TYPES, bodyOf, type LexicalBody, type LexicalNode, textOf } from './lexical.js'
import { evidenceLabel, evidenceOf, type EvidenceLink, glossaryTermId } from './links.js'
import { type Handlers, mdastToLexical } from './mdastToLexical.js'
import { parseMarkdown } from './parseMarkdown.js'

/**
 * Markdown → Lexical for article bodies: the Markdown is parsed to mdast (`parseMarkdown`:
 * markdown-it's tokenizer, the tree `mdast-util-from-markdown` + GFM would give), and the tree
 * converted straight to the Lexical JSON of the body editor by `mdastToLexical` (one handler per
 * node type). Then the evidence (PubMed, PMC, DOI,
 * trial registries) and glossary references the body links to are collected.
 */

export type { LexicalBody, LexicalNode } from './lexical.js'

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
  /**
   * mdast handlers that replace or add to the default ones (see `mdastToLexical`).
   * @default {}
   */
  handlers?: Handlers
}

// The editor features whose nodes the converter produces beyond Payload's defaults.
const REQUIRED_FEATURES = [
  ['experimental_table', 'add EXPERIMENTAL_TableFeature() to its features so that imported tables are kept'],
  ['link', 'add LinkFeature() to its features so that imported links are kept'],
] as const

const checkedConfigs = new WeakSet<SanitizedServerEditorConfig>()

const checkEditor = (editorConfig: SanitizedServerEditorConfig): void => {
  if (checkedConfigs.has(editorConfig)) return
  for (const [key, fix] of REQUIRED_FEATURES) {
    if (!editorConfig.resolvedFeatureMap.has(key)) throw new Error(`The articles body editor has no ${key} feature: ${fix}`)
  }
  checkedConfigs.add(editorConfig)
}

export { parseMarkdown } from './parseMarkdown.js'

interface Findings {
  evidence: Map<string, EvidenceEntry>
  glossary: Map<string, string>
  /** Each link URL's glossary id or evidence record, worked out once per URL, not per link. */
  targets: Map<string, { evidence: EvidenceLink | null; termId: null | string }>
}

const targetOf = (findings: Findings, url: string) => {
  let target = findings.targets.get(url)
  if (!target) {
    const termId = glossaryTermId(url)
    target = { evidence: termId === null ? evidenceOf(url) : null, termId }
    findings.targets.set(url, target)
  }
  return target
}

/** Collects evidence and glossary references from the links of converted nodes, in document order. */
const collectFindings = (nodes: LexicalNode[], findings: Findings, blockText: () => string): void => {
  for (const node of nodes) {
    let text = blockText
    if (BLOCK_TYPES.has(node.type)) {
      let cached: string | undefined
      text = () => (cached ??= textOf(node))
    }
    if (node.type === 'link') {
      const url = String((node.fields as { url?: unknown } | undefined)?.url ?? '')
      const { evidence, termId } = targetOf(findings, url)
      // Only the first link to a term or a record is read: its text names it.
      if (termId !== null) {
        if (!findings.glossary.has(termId)) findings.glossary.set(termId, textOf(node).replace(/\s+/g, ' ').trim())
      } else if (evidence) {
        const key = `${evidence.kind}:${evidence.identifier.toLowerCase()}`
        if (!findings.evidence.has(key)) findings.evidence.set(key, { ...evidence, label: evidenceLabel(textOf(node), text()) })
      }
    }
    if (node.children) collectFindings(node.children, findings, text)
  }
}

/**
 * Converts a Markdown body into Lexical JSON for the articles' body field, with one table node
 * per table, absolute link targets, and the evidence and glossary references it links to.
 * Glossary links stay ordinary links here; `bindGlossaryLinks` turns them into internal links
 * once the glossary documents' ids are known. Pure: the same input gives the same JSON.
 * @throws when the editor lacks a feature whose nodes imported content needs (tables, links).
 */
export const convertMarkdownBody = (markdown: string, options: ConvertOptions): BodyConversion => {
  checkEditor(options.editorConfig)
  const children = mdastToLexical(parseMarkdown(markdown), { baseUrl: options.baseUrl, handlers: options.handlers })
  const findings: Findings = { evidence: new Map(), glossary: new Map(), targets: new Map() }
  collectFindings(children, findings, () => '')
  return {
    body: bodyOf(children),
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
  // Glossary ids by URL: worked out once per URL, not per link.
  const termIds = new Map<string, null | string>()
  const termIdOf = (url: string): null | string => {
    let termId = termIds.get(url)
    if (termId === undefined) {
      termId = glossaryTermId(url)
      termIds.set(url, termId)
    }
    return termId
  }
  const bind = (nodes: LexicalNode[]): LexicalNode[] =>
    nodes.map((node) => {
      const children = node.children ? bind(node.children) : undefined
      const fields = node.type === 'link' ? ((node.fields ?? {}) as Record<string, unknown>) : null
      const termId = fields && fields.linkType === 'custom' && typeof fields.url === 'string' ? termIdOf(fields.url) : null
      const documentId = termId === null ? undefined : documentIdOf(termId)
      const bound = children ? { ...node, children } : node
      if (documentId === undefined) return bound
      return { ...bound, fields: { doc: { relationTo: glossarySlug, value: documentId }, linkType: 'internal', newTab: false } }
    })
  return { ...body, root: { ...body.root, children: bind(body.root.children as LexicalNode[]) } }
}
