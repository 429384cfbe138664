/**
 * The demo's first-boot import as the admin and the launcher see it: plain data and pure
 * functions (no Payload), shared by the server that runs the import and the admin banner.
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
  /** `off`: turned off (SEED_ON_FIRST_BOOT=false); `skipped`: the database already had articles. */
  state: 'done' | 'failed' | 'idle' | 'off' | 'running' | 'skipped'
  /** Items of the current phase in all. */
  total: number
}

/** The status before anything happened. */
export const idleStatus = (): FirstBootImportStatus => ({ done: 0, state: 'idle', total: 0 })

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
  if (status.state !== 'running') return null
  if (!status.phase) return 'Importing the demo content: starting…'
  const phaseIndex = FIRST_BOOT_PHASES.indexOf(status.phase)
  const within = status.total > 0 ? Math.min(status.done / status.total, 1) : 0
  const percent = Math.floor(((phaseIndex + within) / FIRST_BOOT_PHASES.length) * 100)
  return `Importing the demo content: ${percent}% (${status.done} of ${status.total} ${PHASE_TEXT[status.phase]}). The admin works meanwhile.`
}
