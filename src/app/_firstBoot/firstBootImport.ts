import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants, setPriority } from 'node:os'
import path from 'node:path'

import type { Endpoint, Payload } from 'payload'

import { applyImportMessage, type FirstBootImportStatus, idleStatus, importProcessExited, importProcessStarted, isFirstBootImportMessage } from './status.js'

/** The import process's entry, from the project's folder (where the launcher and Docker run the server). */
const IMPORT_SCRIPT = path.join('seed', 'firstBoot.ts')

/**
 * The import process's scheduling priority (`nice` 19, the lowest): on a machine with few cores
 * the server (an editor's save, readers) runs first, and the import takes the CPU time they leave.
 */
const IMPORT_PRIORITY = constants.priority.PRIORITY_LOW

interface FirstBootState {
  child: ChildProcess | null
  status: FirstBootImportStatus
}

// One state per server process, kept on globalThis: next dev bundles the config into more than
// one module graph (the API routes, the admin's pages) and re-evaluates modules on a reload, so
// a module variable would not be the one that the import process reports to.
const SHARED = Symbol.for('cancer-content.first-boot-import')
const shared = (): FirstBootState => {
  const holder = globalThis as typeof globalThis & { [SHARED]?: FirstBootState }
  return (holder[SHARED] ??= { child: null, status: idleStatus() })
}

/** The current status of the first-boot import as this server process knows it. */
export const firstBootImportStatus = (): FirstBootImportStatus => shared().status

/**
 * The demo seeds itself: on the first boot on an empty database, the bundled NCI corpus (or the
 * folder FIRST_BOOT_CORPUS names) is imported by a process of its own (seed/firstBoot.ts), so
 * that the server's event loop stays free for requests; it reports progress to this process over
 * its IPC channel, and the status endpoint shows it (`starting` from the moment it is started).
 * It runs at the lowest CPU priority, so requests come first. That process takes a database lock (one
 * import at a time across app instances) and imports only into a database without articles.
 * SEED_ON_FIRST_BOOT=false turns it off.
 */
export const startFirstBootImport = async (payload: Payload): Promise<void> => {
  const state = shared()
  if (process.env.SEED_ON_FIRST_BOOT === 'false') {
    state.status = { ...idleStatus(), state: 'off' }
    return
  }
  // Payload initialises again after a config reload in development: one import process per server.
  if (state.child) return
  const script = path.resolve(process.cwd(), IMPORT_SCRIPT)
  if (!existsSync(script)) {
    state.status = { ...idleStatus(), error: `${script} is missing: start the server from the project's folder`, state: 'failed' }
    payload.logger.error(`[seed] the first-boot import cannot start: ${script} is missing`)
    return
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: process.cwd(),
    // The server pushed the schema (or the launcher migrated it) before onInit: the import
    // process does neither, and leaves the jobs queue to the server.
    env: { ...process.env, JOBS_AUTORUN: 'false', PAYLOAD_DB_PUSH: 'false' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  state.child = child
  state.status = importProcessStarted(state.status, new Date())
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, IMPORT_PRIORITY)
    } catch (error) {
      payload.logger.warn(`[seed] the first-boot import runs at normal priority: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  child.on('message', (message: unknown) => {
    if (!isFirstBootImportMessage(message)) return
    state.status = applyImportMessage(state.status, message, new Date())
    if (message.kind === 'failed') payload.logger.error(`[seed] importing the demo content failed: ${message.error}`)
  })
  child.on('error', (error) => {
    state.status = { ...state.status, error: `the import process could not start: ${error.message}`, finishedAt: new Date().toISOString(), state: 'failed' }
    payload.logger.error({ err: error, msg: '[seed] the first-boot import process could not start' })
  })
  child.on('exit', (code, signal) => {
    const before = state.status
    state.status = importProcessExited(before, { code, signal }, new Date())
    if (state.status !== before) payload.logger.error(`[seed] ${state.status.error ?? 'the first-boot import failed'}`)
  })
  // The server's exit must not wait for the import process (which stops when its channel closes).
  child.unref()
  child.channel?.unref()
}

/**
 * `GET /api/first-boot-import`: where the first-boot import stands. Public (counts only): the
 * launcher calls it once the server answers, which also makes Payload boot at startup.
 */
export const firstBootImportEndpoint: Endpoint = {
  handler: () => Response.json(firstBootImportStatus(), { headers: { 'Cache-Control': 'no-store' } }),
  method: 'get',
  path: '/first-boot-import',
}
