import { readFileSync } from 'node:fs'

import config from '@payload-config'
import type { SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import { editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { RichTextField } from 'payload'

import { textNode } from '../../seed/lexical.js'
import { bindGlossaryLinks, type BodyConversion, convertMarkdownBody, type LexicalNode, parseMarkdown } from '../../seed/markdown.js'
import { type Handlers, mdastToLexical } from '../../seed/mdastToLexical.js'

const BASE = 'https://www.cancer.gov/types/breast/hp/breast-ovarian-genetics-pdq'

let editorConfig: SanitizedServerEditorConfig

beforeAll(async () => {
  const sanitized = await config
  const articles = sanitized.collections.find((collection) => collection.slug === 'articles')
  const body = articles?.flattenedFields.find((field) => field.name === 'body')
  editorConfig = editorConfigFactory.fromField({ field: body as RichTextField })
})

const convert = (markdown: string): BodyConversion => convertMarkdownBody(markdown, { baseUrl: BASE, editorConfig })
const blocks = (markdown: string): LexicalNode[] => convert(markdown).body.root.children as LexicalNode[]

const all = (nodes: LexicalNode[], type: string): LexicalNode[] =>
  nodes.flatMap((node) => [...(node.type === type ? [node] : []), ...all(node.children ?? [], type)])
const textOf = (node: LexicalNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')
const plain = (nodes: LexicalNode[]): string => nodes.map(textOf).join('\n')
const urlOf = (link: LexicalNode): unknown => (link.fields as { url?: unknown }).url
const rowWidths = (table: LexicalNode): number[] =>
  (table.children ?? []).map((row) => (row.children ?? []).reduce((sum, cell) => sum + Number(cell.colSpan ?? 1), 0))

describe('tables', () => {
  it('keeps a GFM table whose rows have uneven cell counts as one table', () => {
    const nodes = blocks(`Intro.

| Gene | Risk | Notes |
|---|---|---|
| BRCA1 | high |
| **Footnote row spanning the table** |
| PALB2 | moderate | see text | extra |
| ATM | low | |

After.`)
    const tables = all(nodes, 'table')
    expect(tables).toHaveLength(1)
    const table = tables[0] as LexicalNode
    expect(table.children).toHaveLength(5)
    expect(new Set(rowWidths(table))).toEqual(new Set([4]))
    const header = table.children?.[0]?.children ?? []
    expect(header.map((cell) => cell.headerState)).toEqual([1, 1, 1, 1])
    expect(header.map(textOf)).toEqual(['Gene', 'Risk', 'Notes', ''])
    expect(table.children?.[2]?.children?.map((cell) => cell.headerState)).toEqual([0, 0, 0, 0])
    expect(all(nodes, 'paragraph').filter((paragraph) => paragraph.children?.length).length).toBeGreaterThanOrEqual(2)
    expect(plain(nodes)).not.toContain('|')
  })

  it('keeps two tables apart even with the same columns', () => {
    expect(all(blocks('| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |'), 'table')).toHaveLength(2)
  })

  it('keeps escaped pipes and formatting inside cells', () => {
    const [table] = all(blocks('| a | b |\n|---|---|\n| x \\| y | *em* [link](/x) |'), 'table')
    const cells = table?.children?.[1]?.children ?? []
    expect(cells.map(textOf)).toEqual(['x | y', 'em link'])
    expect(all(cells, 'link').map(urlOf)).toEqual(['https://www.cancer.gov/x'])
    expect(all(cells, 'text').find((text) => text.text === 'em')?.format).toBe(2)
  })

  it('turns a raw HTML table into a table: caption, header, spans, footer last, no markup', () => {
    const nodes = blocks(`<table id="t1" class="x"><caption>Table 11. Genes</caption><colgroup><col width="100%"></colgroup>
<tfoot><tr><td colspan="2"><span class="sup">a</span>Refer to the <em><a href="/types/breast#link/_2503">BRCA</a></em> section.</td></tr></tfoot>
<thead><tr><th>Gene</th><th>Risk</th></tr></thead>
<tbody><tr><td rowspan="2">BRCA1 &amp; BRCA2<script>alert(1)</script></td><td>high</td></tr><tr><td>very high</td></tr></tbody></table>`)
    const [caption, table] = nodes
    expect(caption?.type).toBe('paragraph')
    expect(textOf(caption as LexicalNode)).toBe('Table 11. Genes')
    expect(table?.type).toBe('table')
    const rows = table?.children ?? []
    expect(rows.map((row) => (row.children ?? []).map(textOf))).toEqual([
      ['Gene', 'Risk'],
      ['BRCA1 & BRCA2', 'high'],
      ['very high'],
      ['aRefer to the BRCA section.'],
    ])
    expect(rows[0]?.children?.map((cell) => cell.headerState)).toEqual([1, 1])
    expect(rows[1]?.children?.[0]?.rowSpan).toBe(2)
    expect(rows[3]?.children?.[0]?.colSpan).toBe(2)
    expect(all(nodes, 'link').map(urlOf)).toEqual(['https://www.cancer.gov/types/breast#link/_2503'])
    expect(plain(nodes)).not.toMatch(/<|alert/)
  })
})

describe('raw HTML', () => {
  it('is never passed through as markup', () => {
    const nodes = blocks('<div onclick="steal()">Block <b>bold</b><script>alert(1)</script><style>p{}</style></div>\n\nText')
    expect(plain(nodes)).toBe('Block bold\nText')
    expect(JSON.stringify(nodes)).not.toMatch(/onclick|script|alert/)
  })

  it('keeps inline angle-bracket text as literal text', () => {
    expect(plain(blocks('Updated <MM/DD/YYYY>. Accessed <MM/DD/YYYY>.'))).toBe('Updated <MM/DD/YYYY>. Accessed <MM/DD/YYYY>.')
  })

  it('keeps a line break and drops comments', () => {
    const nodes = blocks('one<br>two <!-- note --> three')
    expect(all(nodes, 'linebreak')).toHaveLength(1)
    expect(plain(nodes)).toBe('onetwo  three')
  })
})

describe('text', () => {
  it.each([
    ['backslash escapes', 'Results \\[[8](#cit/section_5.8)\\-[10](#cit/section_5.10)\\]', 'Results [8-10]'],
    ['escaped emphasis markers', '\\*not italic\\* and 2 \\* 3', '*not italic* and 2 * 3'],
    ['entities', 'AT&amp;T &copy; &#169;', 'AT&T © ©'],
    ['brackets in link text', '[\\[PUBMED Abstract\\]](http://www.ncbi.nlm.nih.gov/pubmed/123)', '[PUBMED Abstract]'],
    ['underscores in URLs', 'See [A](/a_b_c) and [B](/d_e_f).', 'See A and B.'],
    ['soft line breaks', 'one\ntwo\n  three', 'one two three'],
  ])('%s', (_name, markdown, expected) => {
    const nodes = blocks(markdown)
    expect(plain(nodes)).toBe(expected)
    expect(JSON.stringify(nodes)).not.toMatch(/[\uE000-\uE0FF]/)
  })

  it.each([
    ['strong with emphasis inside', '**bold _it_**', [['bold ', 1], ['it', 3]]],
    ['emphasis with strong inside', '*a **b** c*', [['a ', 2], ['b', 3], [' c', 2]]],
    ['underscore emphasis around a link', '_[BRCA1](/x)_ gene', [['BRCA1', 2], [' gene', 0]]],
    ['strikethrough and code', '~~gone~~ `a*b*`', [['gone', 4], [' ', 0], ['a*b*', 16]]],
  ])('formats %s', (_name, markdown, expected) => {
    expect(all(blocks(markdown), 'text').map((text) => [text.text, text.format])).toEqual(expected)
  })

  it('keeps headings, setext headings and closing hashes', () => {
    const headings = all(blocks('# One ##\n\nTwo\n===\n\n### Three'), 'heading')
    expect(headings.map((heading) => [heading.tag, textOf(heading)])).toEqual([
      ['h1', 'One'],
      ['h1', 'Two'],
      ['h3', 'Three'],
    ])
  })

  it('keeps a numbered list whole around a nested bullet list, and joins continuation paragraphs', () => {
    const nodes = blocks('1.  first\n2.  second\n\n    More about the second.\n\n    -   nested a\n    -   nested b\n3.  third\n\nAfter.')
    const lists = nodes.filter((node) => node.type === 'list')
    expect(lists).toHaveLength(1)
    const items = lists[0]?.children ?? []
    expect(items.map(textOf)).toEqual(['first', 'secondMore about the second.', 'nested anested b', 'third'])
    expect(all(items, 'list')[0]?.listType).toBe('bullet')
    expect(items.filter((item) => !item.children?.some((child) => child.type === 'list')).map((item) => item.value)).toEqual([1, 2, 3])
  })
})

describe('blocks', () => {
  const shape = (node: LexicalNode): unknown =>
    node.type === 'text' ? [node.text, node.format] : { [node.type]: (node.children ?? []).map(shape) }

  it.each([
    ['a paragraph', 'one *two*', [{ paragraph: [['one ', 0], ['two', 2]] }]],
    ['a quote of two paragraphs', '> one\n>\n> two', [{ quote: [['one', 0], { linebreak: [] }, ['two', 0]] }]],
    ['a rule', 'a\n\n---\n\nb', [{ paragraph: [['a', 0]] }, { horizontalrule: [] }, { paragraph: [['b', 0]] }]],
    ['a code block, as code-formatted lines', '```js\nconst a = 1\n  b()\n```', [{ paragraph: [['const a = 1', 16], { linebreak: [] }, ['  b()', 16]] }]],
    ['a hard line break', 'one\\\ntwo', [{ paragraph: [['one', 0], { linebreak: [] }, ['two', 0]] }]],
    ['a footnote', 'See[^1].\n\n[^1]: The note.', [{ paragraph: [['See[^1].', 0]] }, { paragraph: [['[^1]: The note.', 0]] }]],
    ['an empty paragraph of a comment only', 'a\n\n<!-- hidden -->\n\nb', [{ paragraph: [['a', 0]] }, { paragraph: [['b', 0]] }]],
  ])('converts %s', (_name, markdown, expected) => {
    expect(blocks(markdown).map(shape)).toEqual(expected)
  })

  it('makes a task list a check list', () => {
    const [list] = blocks('- [x] done\n- [ ] open')
    expect(list).toMatchObject({ listType: 'check', tag: 'ul', type: 'list' })
    expect(list?.children?.map((item) => [textOf(item), item.checked])).toEqual([
      ['done', true],
      ['open', false],
    ])
  })

  it('numbers items from the list start, nested lists in items of their own at the next indent', () => {
    const [list] = blocks('3. a\n4. b\n   - c\n     - d\n5. e')
    expect(list).toMatchObject({ listType: 'number', start: 3, tag: 'ol' })
    const items = list?.children ?? []
    expect(items.map((item) => [item.value, item.indent, item.children?.[0]?.type])).toEqual([
      [3, 0, 'text'],
      [4, 0, 'text'],
      [5, 0, 'list'],
      [5, 0, 'text'],
    ])
    expect(all(items[2]?.children ?? [], 'listitem').map((item) => [textOf(item), item.value, item.indent])).toEqual([
      ['c', 1, 1],
      ['d', 2, 1],
      ['d', 1, 2],
    ])
  })

  it('takes handlers from the options: one replaced, the others kept', () => {
    const handlers: Handlers = { inlineCode: (state, node) => [textNode(`<${node.value}>`, state.format)] }
    const nodes = mdastToLexical(parseMarkdown('**`x`** and [y](/y)'), { baseUrl: BASE, handlers })
    expect(all(nodes, 'text').map((text) => [text.text, text.format])).toEqual([
      ['<x>', 1],
      [' and ', 0],
      ['y', 0],
    ])
    expect(all(nodes, 'link').map(urlOf)).toEqual(['https://www.cancer.gov/y'])
    expect(convertMarkdownBody('`x`', { baseUrl: BASE, editorConfig, handlers }).body.root.children).toEqual([
      expect.objectContaining({ children: [expect.objectContaining({ text: '<x>' })] }),
    ])
  })

  it('refuses an editor without the table feature', () => {
    const withoutTables = { ...editorConfig, resolvedFeatureMap: new Map([...editorConfig.resolvedFeatureMap].filter(([key]) => key !== 'experimental_table')) }
    expect(() => convertMarkdownBody('x', { baseUrl: BASE, editorConfig: withoutTables })).toThrow('EXPERIMENTAL_TableFeature')
  })
})

describe('links', () => {
  it('makes relative links absolute, keeps safe schemes and unwraps unsafe ones', () => {
    const nodes = blocks(
      '[a](/types/breast) [b](#section_1) [c](https://x.org/a_(b) "title") [d](mailto:x@y.org) [e](javascript:alert(1)) <https://example.org/auto>',
    )
    expect(all(nodes, 'link').map(urlOf)).toEqual([
      'https://www.cancer.gov/types/breast',
      `${BASE}#section_1`,
      'https://x.org/a_(b)',
      'mailto:x@y.org',
      'https://example.org/auto',
    ])
    expect(plain(nodes)).toBe('a b c d e https://example.org/auto')
  })

  it('resolves reference-style links and turns images into links', () => {
    const nodes = blocks('[ref][r1] and ![Anatomy of the eye](/images/eye.jpg "Eye")\n\n[r1]: https://pubmed.ncbi.nlm.nih.gov/12345/')
    expect(all(nodes, 'link').map((link) => [textOf(link), urlOf(link)])).toEqual([
      ['ref', 'https://pubmed.ncbi.nlm.nih.gov/12345/'],
      ['Anatomy of the eye', 'https://www.cancer.gov/images/eye.jpg'],
    ])
  })

  it('collects glossary references, one per term with the first text', () => {
    const result = convert(
      '[Bisphosphonates](/publications/dictionaries/cancer-terms/def/44817) and [bisphosphonate](/publications/dictionaries/cancer-terms/def/44817), [adjuvant therapy](https://www.cancer.gov/publications/dictionaries/cancer-terms/def/45587).',
    )
    expect(result.glossaryReferences).toEqual([
      { nciId: '44817', text: 'Bisphosphonates' },
      { nciId: '45587', text: 'adjuvant therapy' },
    ])
  })

  it('collects evidence by kind, once per record, labelled by text or context', () => {
    const result = convert(`1.  Naidu KA: Vitamin C. Nutr J 2: 7, 2003. [\\[PUBMED Abstract\\]](http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=PubMed&list_uids=14498993&dopt=Abstract "x")
2.  Same record again: [PubMed](https://pubmed.ncbi.nlm.nih.gov/14498993/)

The [PLCO trial](https://clinicaltrials.gov/ct2/show/NCT00002540) and [a review](https://doi.org/10.1093/jnci/djw123) ([PMC](https://www.ncbi.nlm.nih.gov/pmc/articles/PMC5000000/)); not [OMIM](https://www.ncbi.nlm.nih.gov/omim/604373).`)
    expect(result.evidence).toEqual([
      { identifier: '14498993', kind: 'pubmed', label: 'Naidu KA: Vitamin C. Nutr J 2: 7, 2003.', url: 'https://pubmed.ncbi.nlm.nih.gov/14498993/' },
      { identifier: 'NCT00002540', kind: 'clinical_trial', label: 'PLCO trial', url: 'https://clinicaltrials.gov/study/NCT00002540' },
      { identifier: '10.1093/jnci/djw123', kind: 'doi', label: 'a review', url: 'https://doi.org/10.1093/jnci/djw123' },
      {
        identifier: 'PMC5000000',
        kind: 'pmc',
        label: expect.stringContaining('The PLCO trial and a review'),
        url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC5000000/',
      },
    ])
  })

  it('binds glossary links to glossary-term documents', () => {
    const result = convert('[term](/publications/dictionaries/cancer-terms/def/44817) and [other](/publications/dictionaries/cancer-terms/def/1)')
    const bound = bindGlossaryLinks(result.body, 'glossary-terms', (nciId) => (nciId === '44817' ? 7 : undefined))
    const links = all(bound.root.children as LexicalNode[], 'link')
    expect(links.map((link) => link.fields)).toEqual([
      { doc: { relationTo: 'glossary-terms', value: 7 }, linkType: 'internal', newTab: false },
      { linkType: 'custom', newTab: false, url: 'https://www.cancer.gov/publications/dictionaries/cancer-terms/def/1' },
    ])
    expect(all(result.body.root.children as LexicalNode[], 'link')[0]?.fields).toMatchObject({ linkType: 'custom' })
  })
})

describe('the reference document', () => {
  const file = readFileSync(new URL('../../seed/corpus/000_5863a9b69b1446f4.txt', import.meta.url), 'utf8')
  const markdown = file.slice(file.indexOf('\n---', 3) + 4)

  it('converts with its glossary terms and evidence, and no parser artefacts', () => {
    const result = convertMarkdownBody(markdown, { baseUrl: 'https://www.cancer.gov/types/breast/research/adjuvant-bisphosphonates-meta-analysis', editorConfig })
    const nodes = result.body.root.children as LexicalNode[]
    expect(all(nodes, 'heading').length).toBeGreaterThanOrEqual(5)
    expect(result.glossaryReferences.map((reference) => reference.nciId)).toContain('44817')
    expect(result.evidence.map((entry) => entry.kind)).toEqual(expect.arrayContaining(['pubmed']))
    const text = plain(nodes)
    expect(text).not.toMatch(/\\[[\]\-*_]|\]\(|[\uE000-\uE0FF]/)
    expect(all(nodes, 'link').every((link) => /^https?:\/\//.test(String(urlOf(link))))).toBe(true)
  })

  it('converts the same input to the same JSON', () => {
    const options = { baseUrl: 'https://www.cancer.gov/x', editorConfig }
    expect(JSON.stringify(convertMarkdownBody(markdown, options))).toBe(JSON.stringify(convertMarkdownBody(markdown, options)))
  })
})
