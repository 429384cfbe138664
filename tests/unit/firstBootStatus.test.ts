import {
  advanceStatus,
  applyImportMessage,
  describeFirstBootImport,
  type FirstBootImportStatus,
  idleStatus,
  importInProgress,
  importProcessExited,
  importProcessStarted,
  isFirstBootImportMessage,
} from '../../src/app/_firstBoot/status.js'

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
    [{ ...idleStatus(), startedAt: '2026-12-01T00:00:00.000Z', state: 'starting' }, 'Importing the demo content: starting…'],
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
    [{ ...idleStatus(), state: 'waiting' }, 'Another app instance is importing the demo content. The admin works meanwhile.'],
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

  const NOW = new Date('2026-12-02T03:00:00.000Z')
  const LATER = new Date('2026-12-02T03:01:00.000Z')

  it('follows the import process: started, progress, done', () => {
    const started = applyImportMessage(idleStatus(), { kind: 'started' }, NOW)
    expect(started).toEqual({ done: 0, startedAt: NOW.toISOString(), state: 'running', total: 0 })
    const writing = applyImportMessage(started, { kind: 'progress', progress: { done: 5, phase: 'write', total: 17 } }, LATER)
    expect(writing).toEqual({ ...started, done: 5, phase: 'write', total: 17 })
    const done = applyImportMessage(writing, { created: 17, failed: 0, glossaryCreated: 95, kind: 'done', seconds: 25 }, LATER)
    expect(done).toEqual({ ...writing, created: 17, failed: 0, finishedAt: LATER.toISOString(), state: 'done' })
    // The process exits after saying it is done: that changes nothing.
    expect(importProcessExited(done, { code: 0, signal: null }, LATER)).toBe(done)
  })

  it('says `starting` from the moment the server starts the import process, until the process says more', () => {
    const starting = importProcessStarted(idleStatus(), NOW)
    expect(starting).toEqual({ done: 0, startedAt: NOW.toISOString(), state: 'starting', total: 0 })
    expect(applyImportMessage(starting, { kind: 'started' }, LATER)).toEqual({ done: 0, startedAt: LATER.toISOString(), state: 'running', total: 0 })
    expect(applyImportMessage(starting, { kind: 'waiting' }, LATER).state).toBe('waiting')
    expect(applyImportMessage(starting, { kind: 'skipped' }, LATER).state).toBe('skipped')
    // A process that dies while loading is a failed import.
    expect(importProcessExited(starting, { code: 1, signal: null }, LATER)).toEqual({
      ...starting,
      error: 'the import process exited with code 1 before it finished',
      finishedAt: LATER.toISOString(),
      state: 'failed',
    })
  })

  it.each<[FirstBootImportStatus['state']]>([['off'], ['failed'], ['skipped'], ['running'], ['waiting'], ['done'], ['starting']])(
    'starting the import process leaves a status of %p as it is',
    (state) => {
      const status: FirstBootImportStatus = { ...idleStatus(), state }
      expect(importProcessStarted(status, NOW)).toBe(status)
    },
  )

  it.each<[FirstBootImportStatus['state'], boolean]>([
    ['idle', true],
    ['starting', true],
    ['waiting', true],
    ['running', true],
    ['done', false],
    ['failed', false],
    ['off', false],
    ['skipped', false],
  ])('an import in state %p may still change by itself (the admin keeps asking): %p', (state, expected) => {
    expect(importInProgress({ ...idleStatus(), state })).toBe(expected)
  })

  it('says when another instance imports, and skips a database that has articles', () => {
    const waiting = applyImportMessage(idleStatus(), { kind: 'waiting' }, NOW)
    expect(waiting).toEqual({ done: 0, state: 'waiting', total: 0 })
    expect(applyImportMessage(waiting, { kind: 'skipped' }, LATER)).toEqual({ done: 0, state: 'skipped', total: 0 })
    // The other instance failed before writing an article: this one imports after all.
    expect(applyImportMessage(waiting, { kind: 'started' }, LATER).state).toBe('running')
  })

  it('keeps the error of a failed import, and says how an import process that went silent ended', () => {
    const running = applyImportMessage(idleStatus(), { kind: 'started' }, NOW)
    const failed = applyImportMessage(running, { error: 'connection refused', kind: 'failed' }, LATER)
    expect(failed).toEqual({ ...running, error: 'connection refused', finishedAt: LATER.toISOString(), state: 'failed' })
    expect(importProcessExited(failed, { code: 1, signal: null }, LATER)).toBe(failed)
    expect(importProcessExited(running, { code: null, signal: 'SIGKILL' }, LATER)).toEqual({
      ...running,
      error: 'the import process was stopped by SIGKILL before it finished',
      finishedAt: LATER.toISOString(),
      state: 'failed',
    })
    expect(importProcessExited(idleStatus(), { code: 2, signal: null }, LATER)).toEqual({
      done: 0,
      error: 'the import process exited with code 2 before it finished',
      finishedAt: LATER.toISOString(),
      state: 'failed',
      total: 0,
    })
    // A skipped import ended as it should.
    const skipped = applyImportMessage(idleStatus(), { kind: 'skipped' }, NOW)
    expect(importProcessExited(skipped, { code: 0, signal: null }, LATER)).toBe(skipped)
  })

  it('a late "done" does not revive an import that was reported failed', () => {
    const failed: FirstBootImportStatus = { ...running(), error: 'boom', state: 'failed' }
    expect(applyImportMessage(failed, { created: 1, failed: 0, glossaryCreated: 0, kind: 'done', seconds: 1 }, LATER)).toBe(failed)
  })

  it.each<[unknown, boolean]>([
    [{ kind: 'started' }, true],
    [{ kind: 'progress', progress: { done: 1, phase: 'read', total: 2 } }, true],
    [{ kind: 'something else' }, false],
    [{ state: 'running' }, false],
    ['started', false],
    [null, false],
  ])('%p is a message of the import process: %p', (value, expected) => {
    expect(isFirstBootImportMessage(value)).toBe(expected)
  })
})
