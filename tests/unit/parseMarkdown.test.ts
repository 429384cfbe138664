import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'

import { readArticleDocument } from '../../seed/document.js'
import { listArticleFiles } from '../../seed/files.js'
import type { LexicalNode } from '../../seed/lexical.js'
import { mdastToLexical } from '../../seed/mdastToLexical.js'
import { parseMarkdown } from '../../seed/parseMarkdown.js'

// The importer's parser (markdown-it's tokens → mdast) against the reference GFM parser
// (micromark, mdast-util-from-markdown + mdast-util-gfm), which it replaced for speed: both trees,
// converted by mdastToLexical, must give the same Lexical JSON, on the whole bundled corpus and
// on the constructs below.

const BASE = 'https://www.cancer.gov/types/breast/hp/x-pdq'

const reference = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
const lexical = (tree: Root, baseUrl = BASE): LexicalNode[] => mdastToLexical(tree, { baseUrl })

// The bundled corpus as the importer lists it.
const FILES = (await listArticleFiles([path.resolve('seed/corpus')])).map((file) => file.path)

describe('parseMarkdown gives what the reference GFM parser gives', () => {
  it('reads the 17 documents of the corpus', () => {
    expect(FILES).toHaveLength(17)
  })

  it.each(FILES.map((file) => [path.basename(file), file]))('%s', (_name, file) => {
    const document = readArticleDocument(readFileSync(file))
    if (!document.ok) throw new Error(`${file}: ${JSON.stringify(document.errors)}`)
    const { body, frontMatter } = document.value
    expect(lexical(parseMarkdown(body), frontMatter.url)).toEqual(lexical(reference(body), frontMatter.url))
  })

  it.each([
    ['paragraphs, soft and hard breaks', 'one\ntwo  \nthree\\\nfour\n\nfive'],
    ['emphasis, strong, strikethrough, code', '*a* _b_ **c** __d__ ***e*** ~~f~~ `g` `` h ` i `` a*b*c 2 * 3'],
    ['unmatched delimiters and escapes', '\\*not\\* *open **mixed* x** \\[a\\] \\_ \\\\ [^1] a_b_c'],
    ['entities', 'AT&amp;T &copy; &#169; &#x2014; &nbsp;x &bogus;'],
    ['headings', '# One ##\n\nTwo\n===\n\nThree\n---\n\n###### Six\n\n####### seven'],
    ['links', '[a](/types/breast) [b](#s_1) [c](https://x.org/a_(b) "t") [d](<with space>) [e](javascript:alert(1)) [f](/%20x%zz é)'],
    ['autolinks', '<https://example.org/auto> <mailto:x@y.org> <x@y.org> <not a link>'],
    ['literal autolinks', 'See www.cancer.gov, https://pubmed.ncbi.nlm.nih.gov/1/. Mail nci@nih.gov or [www.x.org](https://y.org) `www.z.org`'],
    ['reference links and images', '[ref][r1], [r1][], [r1], ![Eye *x*](/i/eye.jpg "E"), ![][r1] [missing][nope]\n\n[r1]: https://pubmed.ncbi.nlm.nih.gov/12345/ "T"\n[R1]: /second'],
    ['lists', '1.  first\n2.  second\n\n    More.\n\n    -   nested a\n    -   nested b\n3.  third\n\n* x\n+ y\n\n7) seven\n8) eight'],
    ['task lists', '- [x] done\n- [ ] open\n- [X] upper\n- [x]\n- [ ]  two spaces\n- [x] **bold** after\n- not [x] a task'],
    ['block quotes', '> one\n>\n> two\n> > nested\nlazy'],
    ['code', '```js\nconst a = 1\n  b()\n```\n\n    indented\n      more\n\n~~~\n~~~\n\n```\nunclosed'],
    ['thematic breaks', 'a\n\n---\n\n***\n\n_ _ _'],
    ['raw HTML blocks and inline', '<div onclick="x()">Block <b>bold</b><script>alert(1)</script></div>\n\nText <span>in</span> line <br> and <!-- c -->\n\n<!-- comment -->\n\n<table><tr><td>1</td></tr></table>'],
    ['angle-bracket text', 'Updated <MM/DD/YYYY>. a < b > c'],
    ['tables', '| Gene | Risk | Notes |\n|---|:--:|--:|\n| BRCA1 | high |\n| **Foot** |\n| PALB2 | moderate | see | extra |\n| ATM | low | |\n| x \\| y | `a|b` | [l](/l) |'],
    ['a table with no-break-space cells and no outer pipes', 'a | b\n--- | ---\n\u00a0 | x\n1 | 2 | 3'],
    ['a table after a paragraph, and one ended by a block', 'Intro.\n| a |\n|---|\n| 1 |\n> quote\n\n| b |\n|---|\n| 2 |\n\nafter'],
    ['not a table', '| a |\n|---|---|\n| 1 |\n\n|a|\n-\n'],
    ['footnotes', 'See[^1] and[^2], not[^3] or ^[inline].\n\n[^1]: The note.\n[^2]: https://example.org/n\n\n    More of it.'],
    ['CRLF and NUL characters', 'one\r\ntwo three\0four\r\n\r\n| a |\r\n|---|\r\n| 1 |'],
    ['deep nesting', `${'>'.repeat(150)} deep words`],
    ['tabs, indents and empty items', '\tTab start\n\n  * spaced\n\n1. \n2. empty item above'],
  ])('%s', (_name, markdown) => {
    expect(lexical(parseMarkdown(markdown))).toEqual(lexical(reference(markdown)))
  })

  it('keeps the words of a footnote-like line that GFM takes for a link reference definition', () => {
    const text = (nodes: LexicalNode[]): string => nodes.map((node) => (typeof node.text === 'string' ? node.text : text(node.children ?? []))).join('')
    expect(text(lexical(reference('[^a b]: spaced')))).toBe('')
    expect(text(lexical(parseMarkdown('[^a b]: spaced')))).toBe('[^a b]: spaced')
  })
})
