import type { PayloadRequest } from 'payload'

import { slugs } from '../../rules/collectionSlugs.js'
import { todayUtc, toCalendarDate } from '../../rules/calendarDate.js'
import type { SanitizedOptions } from '../../rules/options.js'
import { reviewState } from '../../rules/reviewSchedule.js'
import { REVIEW_STATES, type ReviewState } from '../../rules/vocabulary.js'
import { PLUGIN_NAME } from '../../rules/pluginName.js'

/** What a sweep found and changed. */
export interface SweepResult {
  /** Active articles looked at. */
  checked: number
  /** Articles whose stored review state changed. */
  changed: number
  /** Ids of active articles due within the window. */
  dueSoon: (number | string)[]
  /** Ids of active articles past their review date. */
  overdue: (number | string)[]
  /** The day the sweep judged by. */
  today: string
}

/**
 * Re-evaluates the review state of every active article as of today and stores it where it
 * changed (one bulk update per state, straight to the live row: a review state is derived, not
 * content, so it makes no new version). Runs daily on the jobs queue and on demand.
 */
export const sweepReviewStates = async ({
  options,
  req,
}: {
  options: SanitizedOptions
  req: PayloadRequest
}): Promise<SweepResult> => {
  const { articles } = slugs(options)
  const today = todayUtc(options.now())
  const { docs } = await req.payload.db.find<{ id: number | string; nextReviewDue?: null | string; reviewState?: null | string }>({
    collection: articles,
    limit: 0,
    pagination: false,
    req,
    select: { nextReviewDue: true, reviewState: true },
    where: { status: { equals: 'active' } },
  })
  const byState = new Map<ReviewState, (number | string)[]>(REVIEW_STATES.map((state) => [state, []]))
  const toChange = new Map<ReviewState, (number | string)[]>(REVIEW_STATES.map((state) => [state, []]))
  for (const doc of docs) {
    const due = toCalendarDate(doc.nextReviewDue)
    if (!due) continue
    const state = reviewState(due, today, options.dueSoonDays)
    byState.get(state)?.push(doc.id)
    if (doc.reviewState !== state) toChange.get(state)?.push(doc.id)
  }
  for (const [state, ids] of toChange) {
    if (ids.length === 0) continue
    await req.payload.db.updateMany({
      collection: articles,
      data: { reviewState: state },
      req,
      returning: false,
      where: { id: { in: ids } },
    })
  }
  const result: SweepResult = {
    changed: [...toChange.values()].reduce((sum, ids) => sum + ids.length, 0),
    checked: docs.length,
    dueSoon: byState.get('due_soon') ?? [],
    overdue: byState.get('overdue') ?? [],
    today,
  }
  req.payload.logger.info(
    `[${PLUGIN_NAME}] review sweep ${today}: ${result.checked} active, ${result.overdue.length} overdue, ${result.dueSoon.length} due soon, ${result.changed} changed`,
  )
  return result
}
