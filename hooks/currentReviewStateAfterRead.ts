import type { FieldHook } from 'payload'

import { todayUtc, toCalendarDate } from '../rules/calendarDate.js'
import type { SanitizedOptions } from '../rules/options.js'
import { reviewState } from '../rules/reviewSchedule.js'

/**
 * Answers the review state as of today on every read, so that an API reader never sees a state
 * the daily sweep has not refreshed yet. The stored value (kept by writes and the sweep) is
 * what filters and indexes use.
 */
export const currentReviewStateAfterRead =
  (options: SanitizedOptions): FieldHook =>
  ({ siblingData, value }) => {
    const due = toCalendarDate(siblingData?.nextReviewDue)
    return due ? reviewState(due, todayUtc(options.now()), options.dueSoonDays) : (value ?? null)
  }
