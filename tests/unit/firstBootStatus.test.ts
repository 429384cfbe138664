import { advanceStatus, describeFirstBootImport, type FirstBootImportStatus, idleStatus } from '../../src/app/_firstBoot/status.js'

const running = (extra: Partial<FirstBootImportStatus> = {}): FirstBootImportStatus => ({
  done: 0,
  startedAt: '2026-12-01T00:00:00.000Z',
  state: 'running',
  total: 0,
  ...extra,
})

describe('the first-boot import as the admin shows it', () => {
  it.each<[FirstBootImportStatus, null | string]>([
    [idleStatus(), null],
    [{ ...idleStatus(), state: 'off' }, null],
    [{ ...idleStatus(), state: 'skipped' }, null],
    [running(), 'Importing the demo content: starting…'],
    [running({ done: 0, phase: 'glossary', total: 95 }), 'Importing the demo content: 0% (0 of 95 glossary terms). The admin works meanwhile.'],
    [running({ done: 95, phase: 'glossary', total: 95 }), 'Importing the demo content: 33% (95 of 95 glossary terms). The admin works meanwhile.'],
    [running({ done: 8, phase: 'read', total: 16 }), 'Importing the demo content: 50% (8 of 16 articles read). The admin works meanwhile.'],
    [running({ done: 17, phase: 'write', total: 17 }), 'Importing the demo content: 100% (17 of 17 articles saved). The admin works meanwhile.'],
    // An empty phase (no files) counts as not begun rather than dividing by zero.
    [running({ done: 0, phase: 'write', total: 0 }), 'Importing the demo content: 66% (0 of 0 articles saved). The admin works meanwhile.'],
    [{ ...running(), created: 17, failed: 0, state: 'done' }, null],
    [{ ...running(), created: 15, failed: 2, state: 'done' }, 'Demo content imported: 15 articles, 2 failed (see the server log).'],
    [{ ...running(), error: 'connection refused', state: 'failed' }, 'Importing the demo content failed: connection refused.'],
    [{ ...running(), state: 'failed' }, 'Importing the demo content failed: see the server log.'],
  ])('%o → %p', (status, text) => {
    expect(describeFirstBootImport(status)).toBe(text)
  })

  it('advances a running import with each progress report, and leaves a finished one alone', () => {
    const advanced = advanceStatus(running(), { done: 3, phase: 'read', total: 17 })
    expect(advanced).toEqual(running({ done: 3, phase: 'read', total: 17 }))
    const done: FirstBootImportStatus = { ...advanced, created: 17, state: 'done' }
    expect(advanceStatus(done, { done: 4, phase: 'read', total: 17 })).toBe(done)
    expect(advanceStatus(idleStatus(), { done: 1, phase: 'glossary', total: 2 })).toEqual(idleStatus())
  })
})
