/**
 * The demo's first-boot import as the admin and the launcher see it: plain data and pure
 * functions (no Payload), shared by the import process, the server that started it and the admin
 * banner.
 */

/** The import's phases, in order: glossary terms, then reading the files, then saving the articles. */
export const FIRST_BOOT_PHASES = ['glossary', 'read', 'write'] as const
export type FirstBootPhase = (typeof FIRST_BOOT_PHASES)[number]

/** What `GET /api/first-boot-import` answers. */
export interface FirstBootImportStatus {
  /** Articles created, once done. */
  created?: number
  /** Items of the current phase finished so far. */
  done: number
  /** The error message, when it failed. */
  error?: string
  /** Articles that failed to import, once done. */
  failed?: number
  finishedAt?: string
  phase?: FirstBootPhase
  startedAt?: string
  /**
   * `idle`: no import process yet (the server is still initialising); `starting`: the import
   * process was started and is loading (some seconds, before it says more); `waiting`: another app
   * instance is importing (this one waits for it to finish, then finds the articles there); `off`:
   * turned off (SEED_ON_FIRST_BOOT=false); `skipped`: the database already had articles.
   */
  state: 'done' | 'failed' | 'idle' | 'off' | 'running' | 'skipped' | 'starting' | 'waiting'
  /** Items of the current phase in all. */
  total: number
}

/** The status before anything happened. */
export const idleStatus = (): FirstBootImportStatus => ({ done: 0, state: 'idle', total: 0 })

/**
 * The status once the server has started the import process (before the process says anything):
 * `starting`, stamped with when; a status the process already reported is left as it is.
 */
export const importProcessStarted = (status: FirstBootImportStatus, now: Date): FirstBootImportStatus =>
  status.state === 'idle' ? { ...idleStatus(), startedAt: now.toISOString(), state: 'starting' } : status

/** Whether the import may still change the status by itself (the admin keeps asking meanwhile). */
export const importInProgress = (status: FirstBootImportStatus): boolean =>
  status.state === 'idle' || status.state === 'starting' || status.state === 'waiting' || status.state === 'running'

/** The status after a progress report of the importer; a finished import stays finished. */
export const advanceStatus = (
  status: FirstBootImportStatus,
  progress: { done: number; phase: FirstBootPhase; total: number },
): FirstBootImportStatus =>
  status.state === 'running' ? { ...status, done: progress.done, phase: progress.phase, total: progress.total } : status

const PHASE_TEXT: Readonly<Record<FirstBootPhase, string>> = {
  glossary: 'glossary terms',
  read: 'articles read',
  write: 'articles saved',
}

/**
 * One line for the admin, or null when there is nothing to say (no import, or one that ended
 * without failures). Percentages are of the whole import: each phase counts for a third.
 */
export const describeFirstBootImport = (status: FirstBootImportStatus): null | string => {
  if (status.state === 'failed') return `Importing the demo content failed: ${status.error ?? 'see the server log'}.`
  if (status.state === 'done') {
    return status.failed ? `Demo content imported: ${status.created ?? 0} articles, ${status.failed} failed (see the server log).` : null
  }
  if (status.state === 'waiting') return 'Another app instance is importing the demo content. The admin works meanwhile.'
  if (status.state === 'starting') return 'Importing the demo content: starting…'
  if (status.state !== 'running') return null
  if (!status.phase) return 'Importing the demo content: starting…'
  const phaseIndex = FIRST_BOOT_PHASES.indexOf(status.phase)
  const within = status.total > 0 ? Math.min(status.done / status.total, 1) : 0
  const percent = Math.floor(((phaseIndex + within) / FIRST_BOOT_PHASES.length) * 100)
  return `Importing the demo content: ${percent}% (${status.done} of ${status.total} ${PHASE_TEXT[status.phase]}). The admin works meanwhile.`
}

/**
 * What the import process (seed/firstBoot.ts) tells the server that started it, one message at a
 * time over its IPC channel: `waiting` while another app instance holds the import's lock,
 * `started` once it holds the lock on an empty database, `skipped` when the database already has
 * articles, then `progress` reports and `done` or `failed`.
 */
export type FirstBootImportMessage =
  | { created: number; failed: number; glossaryCreated: number; kind: 'done'; seconds: number }
  | { error: string; kind: 'failed' }
  | { kind: 'progress'; progress: { done: number; phase: FirstBootPhase; total: number } }
  | { kind: 'skipped' }
  | { kind: 'started' }
  | { kind: 'waiting' }

const MESSAGE_KINDS: ReadonlySet<string> = new Set(['done', 'failed', 'progress', 'skipped', 'started', 'waiting'])

/** Whether a value received over the IPC channel is one of the import process's messages. */
export const isFirstBootImportMessage = (value: unknown): value is FirstBootImportMessage =>
  typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string' && MESSAGE_KINDS.has(value.kind)

/** The status after a message of the import process; `now` stamps when it started or finished. */
export const applyImportMessage = (status: FirstBootImportStatus, message: FirstBootImportMessage, now: Date): FirstBootImportStatus => {
  switch (message.kind) {
    case 'waiting':
      return { ...idleStatus(), state: 'waiting' }
    case 'started':
      return { ...idleStatus(), startedAt: now.toISOString(), state: 'running' }
    case 'skipped':
      return { ...idleStatus(), state: 'skipped' }
    case 'progress':
      return advanceStatus(status, message.progress)
    case 'done':
      return status.state === 'running' ? { ...status, created: message.created, failed: message.failed, finishedAt: now.toISOString(), state: 'done' } : status
    case 'failed':
      return { ...status, error: message.error, finishedAt: now.toISOString(), state: 'failed' }
  }
}

/**
 * The status once the import process has exited: unchanged when it had said how it ended (done,
 * failed, skipped), else failed, saying how the process ended (a crash, a kill, an exit code).
 */
export const importProcessExited = (status: FirstBootImportStatus, exit: { code: null | number; signal: null | string }, now: Date): FirstBootImportStatus => {
  if (status.state === 'done' || status.state === 'failed' || status.state === 'skipped') return status
  const how = exit.signal ? `was stopped by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`
  return { ...status, error: `the import process ${how} before it finished`, finishedAt: now.toISOString(), state: 'failed' }
}
