import { bodyChanges, DEFAULT_BODY_DIFF_LIMITS, fieldChanges } from '../../rules/changes.js'

const words = (count: number, prefix = 'w') => Array.from({ length: count }, (_, index) => `${prefix}${index}`).join(' ')

describe('fieldChanges', () => {
  it.each<[string, null | Record<string, unknown>, Record<string, unknown>, unknown[]]>([
    ['nothing changed', { title: 'A', url: 'https://x.org/a' }, { title: 'A', url: 'https://x.org/a' }, []],
    ['a title changed', { title: 'A' }, { title: 'B' }, [{ after: 'B', before: 'A', path: 'title' }]],
    ['empty and missing are the same', { citation: '', tags: [] }, { citation: null }, []],
    ['a list changed', { cancerTypes: ['breast'] }, { cancerTypes: ['breast', 'lung'] }, [{ after: ['breast', 'lung'], before: ['breast'], path: 'cancerTypes' }]],
    [
      'a populated relationship compares by id',
      { source: { createdAt: 'x', id: 1, label: 'NCI' } },
      { source: 1 },
      [],
    ],
    [
      'array rows compare without their row ids',
      { evidence: [{ id: 'a1', kind: 'pubmed', url: 'https://p/1' }] },
      { evidence: [{ id: 'b2', kind: 'pubmed', url: 'https://p/1' }] },
      [],
    ],
    ['a first submission: every field with a value is new', null, { title: 'A', url: 'https://x.org/a' }, [
      { after: 'A', before: null, path: 'title' },
      { after: 'https://x.org/a', before: null, path: 'url' },
    ]],
  ])('%s', (_, before, after, expected) => {
    expect(fieldChanges(before, after)).toEqual(expected)
  })

  it('ignores fields it does not compare (workflow fields, body)', () => {
    expect(fieldChanges({ status: 'active', updatedAt: '1' }, { status: 'in_review', updatedAt: '2' })).toEqual([])
  })
})

describe('bodyChanges', () => {
  it('a first submission is one insertion', () => {
    expect(bodyChanges(null, 'All new text.')).toEqual({ runs: [{ op: 'insert', text: 'All new text.' }], truncated: false })
  })

  it('no change, no runs', () => {
    expect(bodyChanges('Same text.', 'Same text.')).toEqual({ runs: [], truncated: false })
  })

  it('marks a changed word with a little context on each side', () => {
    const before = `${words(30, 'a')} old ${words(30, 'b')}`
    const after = `${words(30, 'a')} new ${words(30, 'b')}`
    const { runs } = bodyChanges(before, after)
    expect(runs.map((run) => run.op)).toEqual(['equal', 'delete', 'insert', 'equal'])
    expect(runs[1]?.text.trim()).toBe('old')
    expect(runs[2]?.text.trim()).toBe('new')
    // Twelve words of context each side, the rest cut with an ellipsis.
    expect(runs[0]?.text).toBe(`… ${words(30, 'a').split(' ').slice(-12).join(' ')} `)
    expect(runs[3]?.text).toBe(` ${words(30, 'b').split(' ').slice(0, 12).join(' ')} …`)
  })

  it('cuts a long unchanged stretch between two changes in the middle', () => {
    const before = `start one ${words(60, 'm')} end one`
    const after = `start two ${words(60, 'm')} end two`
    const middle = bodyChanges(before, after).runs.find((run) => run.op === 'equal' && run.text.includes('m0'))
    expect(middle?.text).toContain(' … ')
    expect(middle?.text).not.toContain('m30')
  })

  it('keeps a short unchanged stretch whole', () => {
    const { runs } = bodyChanges('the cat sat on the mat', 'the dog sat on the mat')
    expect(runs).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'cat' },
      { op: 'insert', text: 'dog' },
      { op: 'equal', text: ' sat on the mat' },
    ])
  })

  it('bounds its answer: long runs and many runs are cut and say so', () => {
    const long = bodyChanges(null, 'x'.repeat(10_000))
    expect(long.truncated).toBe(true)
    expect(long.runs[0]?.text.length).toBe(DEFAULT_BODY_DIFF_LIMITS.maxRunChars + 1)
    const before = words(200, 'p')
    const after = before.split(' ').map((word, index) => (index % 2 ? `${word}x` : word)).join(' ')
    const many = bodyChanges(before, after, { ...DEFAULT_BODY_DIFF_LIMITS, maxRuns: 50 })
    expect(many.runs).toHaveLength(50)
    expect(many.truncated).toBe(true)
  })

  it('falls back to a coarser diff when the word diff would take too long', () => {
    const before = words(20_000, 'q')
    const after = words(20_000, 'r')
    const started = Date.now()
    const result = bodyChanges(before, after, { ...DEFAULT_BODY_DIFF_LIMITS, timeoutMs: 50 })
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(result.runs.some((run) => run.op === 'insert')).toBe(true)
    expect(result.runs.some((run) => run.op === 'delete')).toBe(true)
  })
})
