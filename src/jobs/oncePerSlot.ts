import { commitTransaction, initTransaction, killTransaction, type PayloadRequest, ValidationError } from 'payload'

import { REVIEW_SWEEP_RUNS_SLUG } from '../../collections/ReviewSweepRuns/index.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** Whether an error is the ledger refusing a second row with the same key. */
const isTakenKey = (error: unknown): boolean =>
  error instanceof ValidationError && error.data.errors.some((entry) => entry.path === 'key')

/**
 * Runs a scheduled piece of work once for its slot, however many runners take the job: the
 * ledger row (`review-sweep-runs`, unique `key`) and the work share one transaction, so a second
 * runner of the same slot waits at the unique key until the first commits, then finds it taken
 * and does nothing (`null`); if the first rolled back, the second does the work. The ledger row
 * records how much the work `changed`. Used by the daily sweep and the weekly digest.
 */
export const runOncePerSlot = async <T>({
  job,
  key,
  label,
  req,
  work,
}: {
  job: { id: number | string }
  key: string
  label: string
  req: PayloadRequest
  work: () => Promise<{ changed: number; result: T }>
}): Promise<null | T> => {
  const shouldCommit = await initTransaction(req)
  try {
    try {
      await req.payload.db.create({ collection: REVIEW_SWEEP_RUNS_SLUG, data: { job: String(job.id), key }, req })
    } catch (error) {
      if (!isTakenKey(error)) throw error
      // The failed insert aborted the transaction; nothing of ours is in it yet.
      await killTransaction(req)
      req.payload.logger.info(`[${PLUGIN_NAME}] ${label} ${key}: already done by another runner, skipped`)
      return null
    }
    const { changed, result } = await work()
    await req.payload.db.updateMany({
      collection: REVIEW_SWEEP_RUNS_SLUG,
      data: { changed },
      req,
      returning: false,
      where: { key: { equals: key } },
    })
    if (shouldCommit) await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
