import { readFile } from 'node:fs/promises'
import path from 'node:path'

import {
  appendApprovedChange,
  type ChangeEntry,
  changeEntryProblems,
  changesWriteProblem,
  mergeImportedChange,
  newestFirst,
  parseChangesSection,
  MAX_CHANGE_NOTE,
  readChanges,
  usDate,
} from '../../rules/changelog.js'

const BASE = 'https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq'

describe('parseChangesSection', () => {
  it.each([
    [
      'a PDQ section: boilerplate dropped, relative links made absolute, titles dropped',
      [
        '# Title',
        'Body.',
        '## Changes to This Summary (08/17/2018)',
        '',
        'The PDQ cancer information summaries are reviewed regularly and updated as new information becomes available. This section describes the latest changes made to this summary as of the date above.',
        '',
        '**[Stage Information](/types/stomach/hp/stomach-treatment-pdq#link/_17)**',
        '',
        'Updated [staging information](/types/stomach/hp/stomach-treatment-pdq#link/_290 "title") for 2017.',
        '',
        'This summary is written and maintained by the [PDQ Adult Treatment Editorial Board](https://www.cancer.gov/publications/pdq "x"), which is editorially independent of NCI.',
        '',
        '## About This PDQ Summary',
        'Not part of it.',
      ].join('\n'),
      {
        date: '2018-08-17',
        note:
          '**[Stage Information](https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq#link/_17)**\n\n' +
          'Updated [staging information](https://www.cancer.gov/types/stomach/hp/stomach-treatment-pdq#link/_290) for 2017.',
      },
    ],
    ['heading case and one-digit month', '## Changes To This Summary (4/12/2018)\n\nAdded a section.', { date: '2018-04-12', note: 'Added a section.' }],
    ['the Spanish heading', '## Cambios en este resumen (01/05/2024)\n\nSe añadió texto.', { date: '2024-01-05', note: 'Se añadió texto.' }],
    ['a deeper subsection stays in the note', '### Changes to This Summary (02/02/2018)\n\nA.\n\n#### Detail\n\nB.\n\n### Next', { date: '2018-02-02', note: 'A.\n\n#### Detail\n\nB.' }],
    ['section at the end of the document', '## Changes to This Summary (12/13/2017)\n\nLast words.', { date: '2017-12-13', note: 'Last words.' }],
    ['no such section', '## About This PDQ Summary\n\nText.', null],
    ['an impossible date', '## Changes to This Summary (02/30/2018)\n\nText.', null],
    ['a month 13', '## Changes to This Summary (13/01/2018)\n\nText.', null],
    ['only boilerplate', '## Changes to This Summary (02/02/2018)\n\nThe PDQ cancer information summaries are reviewed regularly and updated.\n\n## Next', null],
    ['the heading as text in a paragraph is no heading', 'See Changes to This Summary (02/02/2018) below.', null],
    ['an unsafe link target is left as written', '## Changes to This Summary (02/02/2018)\n\n[x](javascript:alert(1))', { date: '2018-02-02', note: '[x](javascript:alert(1))' }],
  ])('%s', (_name, markdown, expected) => {
    expect(parseChangesSection(markdown, BASE)).toEqual(expected)
  })

  it('reads the first changelog entry of every PDQ summary of the bundled corpus that has the section', async () => {
    const folder = path.resolve('seed/corpus/pdq')
    const { readdir } = await import('node:fs/promises')
    const files = (await readdir(folder)).filter((file) => file.endsWith('.md'))
    let withSection = 0
    for (const file of files) {
      const text = await readFile(path.join(folder, file), 'utf8')
      const has = /^##\s+changes to this summary/im.test(text)
      const url = /^url:\s*(\S+)/m.exec(text)?.[1] as string
      const entry = parseChangesSection(text, url)
      if (has) {
        withSection += 1
        expect(entry?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(entry?.note.length).toBeGreaterThan(10)
        expect(entry?.note).not.toMatch(/reviewed regularly|written and maintained/)
        expect(entry?.note).not.toMatch(/\]\(\//) // no site-relative links left
      } else expect(entry).toBeNull()
    }
    expect(withSection).toBe(10)
  })
})

describe('usDate', () => {
  it.each([
    [['02', '29', '2020'], '2020-02-29'],
    [['02', '29', '2021'], null],
    [['1', '5', '2024'], '2024-01-05'],
    [['00', '10', '2024'], null],
  ] as const)('%j', ([month, day, year], expected) => {
    expect(usDate(month, day, year)).toBe(expected)
  })
})

describe('appendApprovedChange', () => {
  const old = [{ date: '2024-01-01' as const, note: 'Old.' }]
  it.each([
    ['a note appends an entry on top', 'Updated staging.', { added: { date: '2026-12-01', note: 'Updated staging.' }, changes: [{ date: '2026-12-01', note: 'Updated staging.' }, ...old] }],
    ['a note is trimmed', '  Fixed.  ', { added: { date: '2026-12-01', note: 'Fixed.' }, changes: [{ date: '2026-12-01', note: 'Fixed.' }, ...old] }],
    ['no note appends nothing (reaffirm, first publication without one)', null, { added: null, changes: old }],
    ['a blank note appends nothing', '   ', { added: null, changes: old }],
  ])('%s', (_name, note, expected) => {
    expect(appendApprovedChange(old, note, '2026-12-01')).toEqual(expected)
  })

  it('two approvals on one day: the later one first', () => {
    const first = appendApprovedChange([], 'First.', '2026-12-01').changes
    expect(appendApprovedChange(first, 'Second.', '2026-12-01').changes.map((entry) => entry.note)).toEqual(['Second.', 'First.'])
  })
})

describe('mergeImportedChange', () => {
  const approved = { date: '2026-11-30' as const, note: 'Approved later.' }
  const imported = { date: '2018-08-17' as const, note: 'From the file.' }
  it.each([
    ['first import', [], imported, [imported]],
    ['second import of the same file adds nothing', [imported], imported, [imported]],
    ['an edited note of the same day is not written over', [imported], { ...imported, note: 'Edited.' }, [imported]],
    ['entries from approvals stay, in date order', [approved], imported, [approved, imported]],
    ['no section', [approved], null, [approved]],
  ])('%s', (_name, existing, entry, expected) => {
    expect(mergeImportedChange(existing, entry)).toEqual(expected)
  })
})

describe('readChanges and newestFirst', () => {
  it('reads stored rows (ids, timestamps) and drops what is no entry', () => {
    expect(
      readChanges([
        { date: '2018-08-17T12:00:00.000Z', id: 'a', note: 'x' },
        { date: 'nonsense', note: 'y' },
        { date: '2019-01-01', note: '' },
        null,
      ]),
    ).toEqual([{ date: '2018-08-17', note: 'x' }])
    expect(readChanges('nope')).toEqual([])
  })
  it('sorts newest first', () => {
    expect(newestFirst([{ date: '2018-01-01', note: 'a' }, { date: '2020-01-01', note: 'b' }]).map((entry) => entry.note)).toEqual(['b', 'a'])
  })
})

describe('changesWriteProblem: the changelog is not written by clients', () => {
  const stored = [{ date: '2018-08-17T12:00:00.000Z', id: 'row1', note: 'From the file.' }]
  it.each([
    ['not sent', undefined, null],
    ['sent back as stored (the admin form)', [{ date: '2018-08-17T12:00:00.000Z', id: 'row1', note: 'From the file.' }], null],
    ['sent back as calendar dates without ids', [{ date: '2018-08-17', note: 'From the file.' }], null],
    ['a note edited', [{ date: '2018-08-17', note: 'Nicer words.' }], 'written only by approval'],
    ['an entry added', [{ date: '2026-01-01', note: 'Mine.' }, ...stored], 'written only by approval'],
    ['emptied', [], 'written only by approval'],
    ['not a list', 'x', 'written only by approval'],
  ])('%s', (_name, sent, expected) => {
    const problem = changesWriteProblem(sent, stored)
    if (expected === null) expect(problem).toBeNull()
    else expect(problem).toContain(expected)
  })
})

describe('parseChangesSection: boilerplate with glossary links', () => {
  it('drops the PDQ boilerplate paragraph when its words are links', () => {
    expect(
      parseChangesSection(
        '## Changes to This Summary (01/02/2019)\n\nThe [PDQ](/def/1) [cancer](/def/2) information summaries are reviewed regularly.\n\nEditorial changes were made to this summary.',
        BASE,
      ),
    ).toEqual({ date: '2019-01-02', note: 'Editorial changes were made to this summary.' })
  })
})

describe('changeEntryProblems', () => {
  it.each([
    ['no entries', [], []],
    ['a dated note', [{ date: '2025-03-04', note: 'Updated statistics.' }], []],
    ['an empty note', [{ date: '2025-03-04', note: '' }], ['changes.0.note']],
    ['a note past the limit', [{ date: '2025-03-04', note: 'x'.repeat(MAX_CHANGE_NOTE + 1) }], ['changes.0.note']],
    ['a note at the limit', [{ date: '2025-03-04', note: 'x'.repeat(MAX_CHANGE_NOTE) }], []],
    ['a date that is no calendar date, second entry', [{ date: '2025-03-04', note: 'a' }, { date: '2025-02-30', note: 'b' }], ['changes.1.date']],
  ] as [string, ChangeEntry[], string[]][])('%s', (_name, entries, paths) => {
    expect(changeEntryProblems(entries).map((problem) => problem.path)).toEqual(paths)
  })
})
