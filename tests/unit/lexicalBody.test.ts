import { bodyHasText, type BodyLimits, lexicalBodyProblems } from '../../rules/lexicalBody.js'
import { lexicalBody } from '../helpers/fixtures.js'

const nest = (depth: number): unknown => {
  let node: Record<string, unknown> = { text: 'deep', type: 'text' }
  for (let i = 0; i < depth; i += 1) node = { children: [node], type: 'paragraph' }
  return { root: { children: [node], type: 'root' } }
}

const LIMITS: BodyLimits = { maxBytes: 10_000, maxDepth: 10 }

describe('lexicalBodyProblems', () => {
  it.each<[string, unknown]>([
    ['no body', null],
    ['paragraphs', lexicalBody('One.', 'Two.')],
    ['an empty document', { root: { children: [], type: 'root' } }],
    ['nesting up to the limit', nest(9)],
    ['a link, a list and a table', { root: { type: 'root', children: [
      { type: 'paragraph', children: [{ type: 'link', fields: {}, children: [{ type: 'text', text: 'a' }] }] },
      { type: 'list', children: [{ type: 'listitem', children: [{ type: 'text', text: 'b' }] }] },
      { type: 'table', children: [{ type: 'tablerow', children: [{ type: 'tablecell', children: [] }] }] },
    ] } }],
  ])('accepts %s', (_name, body) => {
    expect(lexicalBodyProblems(body, undefined, LIMITS)).toEqual([])
  })

  it.each<[string, unknown, RegExp]>([
    ['a plain string', 'Hello', /rich-text document/],
    ['a number', 42, /rich-text document/],
    ['a list', [1], /rich-text document/],
    ['a root without a type', { root: { children: [] } }, /type "root"/],
    ['a root without children', { root: { type: 'root' } }, /list of children/],
    ['children as a mapping', { root: { children: { a: 1 }, type: 'root' } }, /list of children/],
    ['a node without a type', { root: { children: [{ text: 'x' }], type: 'root' } }, /root\.children\.0 is not a node/],
    ['a node that is a string', { root: { children: ['x'], type: 'root' } }, /not a node/],
    ['an unknown node type', { root: { children: [{ type: 'script', children: [] }], type: 'root' } }, /"script"/],
    ['a text node without text', { root: { children: [{ type: 'paragraph', children: [{ type: 'text' }] }], type: 'root' } }, /holds no text/],
    ['children that are no list', { root: { children: [{ type: 'paragraph', children: 'x' }], type: 'root' } }, /not a list/],
    ['nesting past the limit', nest(10), /deeper than 10/],
    ['a 5,000-deep body', nest(5_000), /deeper than 10/],
    ['a body over the size budget', lexicalBody('x'.repeat(20_000)), /at most 10000/],
  ])('refuses %s on the path body', (_name, body, message) => {
    const problems = lexicalBodyProblems(body, undefined, LIMITS)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toBe('body')
    expect(problems[0]?.message).toMatch(message)
  })

  it('walks a 100,000-deep body without overflowing the stack', () => {
    expect(lexicalBodyProblems(nest(100_000))[0]?.message).toMatch(/deeper than 40/)
  })
})

describe('bodyHasText', () => {
  it.each<[string, unknown, boolean]>([
    ['paragraphs with text', lexicalBody('Text.'), true],
    ['empty paragraphs', lexicalBody('', '  '), false],
    ['no body', null, false],
    ['a string', 'text', false],
    ['text deep in a table', { root: { type: 'root', children: [{ type: 'table', children: [{ type: 'tablerow', children: [{ type: 'tablecell', children: [{ type: 'text', text: 'x' }] }] }] }] } }, true],
  ])('%s → %s', (_name, body, expected) => {
    expect(bodyHasText(body)).toBe(expected)
  })
})
