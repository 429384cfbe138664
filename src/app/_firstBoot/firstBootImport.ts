import type { Endpoint, Payload } from 'payload'

import { importBundledCorpus } from '../../../seed/index.js'
import { advanceStatus, type FirstBootImportStatus, idleStatus } from './status.js'

// One status per server process: the import runs in the process that booted Payload, and the
// endpoint answers from the same config, hence the same module.
let status: FirstBootImportStatus = idleStatus()

/** The current status of the first-boot import of this process. */
export const firstBootImportStatus = (): FirstBootImportStatus => status

/**
 * The demo seeds itself: on the first boot on an empty database it imports the bundled NCI corpus
 * in the background (the server answers meanwhile), reporting progress to the status endpoint.
 * SEED_ON_FIRST_BOOT=false turns it off.
 */
export const startFirstBootImport = async (payload: Payload): Promise<void> => {
  if (process.env.SEED_ON_FIRST_BOOT === 'false') {
    status = { ...idleStatus(), state: 'off' }
    return
  }
  const { totalDocs } = await payload.count({ collection: 'articles', overrideAccess: true })
  if (totalDocs > 0) {
    status = { ...idleStatus(), state: 'skipped' }
    return
  }
  payload.logger.info('[seed] empty database: importing the bundled corpus (SEED_ON_FIRST_BOOT=false turns this off)')
  const started = Date.now()
  status = { ...idleStatus(), startedAt: new Date(started).toISOString(), state: 'running' }
  void importBundledCorpus(payload, { onProgress: (progress) => (status = advanceStatus(status, progress)) })
    .then((summary) => {
      status = { ...status, created: summary.created, failed: summary.failed.length, finishedAt: new Date().toISOString(), state: 'done' }
      payload.logger.info(
        `[seed] bundled corpus imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.created} articles created, ${summary.failed.length} failed; ${summary.glossary.created} glossary terms`,
      )
    })
    .catch((error: unknown) => {
      status = { ...status, error: error instanceof Error ? error.message : String(error), finishedAt: new Date().toISOString(), state: 'failed' }
      payload.logger.error({ err: error, msg: '[seed] importing the bundled corpus failed' })
    })
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
