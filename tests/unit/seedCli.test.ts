import path from 'node:path'

import { bundledCorpus } from '../../seed/bundled.js'
import { parseSeedArguments } from '../../seed/cli.js'
import type { ImportSummary } from '../../seed/importer.js'
import { exitCodeOf, formatSummary, jsonSummary } from '../../seed/summary.js'

const corpus = path.resolve('seed/corpus')

describe('seed command line', () => {
  it('imports the bundled corpus and glossary without paths', () => {
    expect(parseSeedArguments([])).toEqual({
      articles: [corpus],
      batch: 50,
      concurrency: 2,
      dryRun: false,
      glossary: [path.join(corpus, 'nci-glossary.jsonl')],
      help: false,
      json: false,
    })
    expect(bundledCorpus()).toEqual({ articles: corpus, glossary: path.join(corpus, 'nci-glossary.jsonl') })
  })

  it('takes paths and flags', () => {
    expect(parseSeedArguments(['seed/corpus/pdq', '--dry-run', '--json', '--concurrency', '3', '--batch', '7'])).toMatchObject({
      articles: ['seed/corpus/pdq'],
      batch: 7,
      concurrency: 3,
      dryRun: true,
      glossary: [],
      json: true,
    })
  })

  it('imports only the glossary when only --glossary is given', () => {
    expect(parseSeedArguments(['--glossary', 'seed/corpus/nci-glossary.jsonl'])).toMatchObject({
      articles: [],
      glossary: ['seed/corpus/nci-glossary.jsonl'],
    })
  })

  it.each([
    [['--dryrun'], "Unknown option '--dryrun'"],
    [['--glossary'], "Option '--glossary <value>' argument missing"],
    [['--concurrency', '0'], '--concurrency must be a whole number'],
    [['--batch', '0'], '--batch must be a whole number'],
    [['--batch', '2.5'], '--batch must be a whole number'],
    [['no/such/folder'], 'no such file or folder: no/such/folder'],
    [['--glossary', 'missing.jsonl'], 'no such file or folder: missing.jsonl'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSeedArguments(argv)).toThrow(message)
  })
})

describe('seed summary', () => {
  const summary: ImportSummary = {
    created: 2,
    failed: [{ errors: [{ field: 'audienceLevel', message: '"nurse" is not one of patient' }, { field: 'url', message: 'is required' }], file: 'docs/a.md' }],
    glossary: { created: 95, failed: [], unchanged: 0, updated: 1 },
    notes: [{ file: 'docs/b.md', notes: [{ field: 'file', message: 'a byte-order mark (U+FEFF) at the start was removed' }] }],
    unchanged: 3,
    updated: 1,
  }

  it('prints exactly the documented JSON keys', () => {
    expect(jsonSummary(summary)).toBe(
      JSON.stringify({
        created: 2,
        updated: 1,
        unchanged: 3,
        failed: [{ file: 'docs/a.md', errors: [{ field: 'audienceLevel', message: '"nurse" is not one of patient' }, { field: 'url', message: 'is required' }] }],
        glossary: { created: 95, updated: 1, unchanged: 0, failed: [] },
        notes: [{ file: 'docs/b.md', notes: [{ field: 'file', message: 'a byte-order mark (U+FEFF) at the start was removed' }] }],
      }),
    )
  })

  it('prints counts and one "file › field: message" line per problem', () => {
    const text = formatSummary(summary, false)
    expect(text).toContain('Articles: 2 created, 1 updated, 3 unchanged, 1 failed')
    expect(text).toContain('Glossary terms: 95 created, 1 updated, 0 unchanged, 0 failed')
    expect(text).toContain('docs/a.md › audienceLevel: "nurse" is not one of patient')
    expect(text).toContain('docs/a.md › url: is required')
    expect(text).toContain('Normalised and imported (1 file):\n  docs/b.md › file: a byte-order mark (U+FEFF) at the start was removed')
    expect(formatSummary(summary, true)).toContain('Dry run: nothing was written.')
  })

  it('exits 1 when any file failed, 0 otherwise (a note is not a failure)', () => {
    expect(exitCodeOf(summary)).toBe(1)
    expect(exitCodeOf({ ...summary, failed: [] })).toBe(0)
    expect(exitCodeOf({ ...summary, failed: [], glossary: { ...summary.glossary, failed: [{ errors: [], file: 'g:1' }] } })).toBe(1)
  })
})
