import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { todayUtc, toCalendarDate, toStoredDate } from '../rules/calendarDate.js'
import type { SanitizedOptions } from '../rules/options.js'
import { lastReviewedProblem, nextReviewDue, reviewState } from '../rules/reviewSchedule.js'
import { REVIEW_FREQUENCIES, type ReviewFrequency } from '../rules/vocabulary.js'

const isFrequency = (value: unknown): value is ReviewFrequency =>
  typeof value === 'string' && (REVIEW_FREQUENCIES as readonly string[]).includes(value)

/**
 * Keeps `nextReviewDue` and `reviewState` derived from `lastReviewed` and `reviewFrequency` on
 * every write, whatever the caller sent, and refuses a `lastReviewed` in the future.
 */
export const deriveReviewDatesBeforeChange =
  (options: SanitizedOptions): CollectionBeforeChangeHook =>
  ({ collection, data, originalDoc, req }) => {
    const today = todayUtc(options.now())
    // A field the caller may not write arrives undefined (a version restore): keep the stored day.
    const given: unknown = data.lastReviewed === undefined ? originalDoc?.lastReviewed : data.lastReviewed
    const lastReviewed = toCalendarDate(given)
    if (given && !lastReviewed) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message: `"${String(given)}" is not a date`, path: 'lastReviewed' }],
        req,
      })
    }
    if (lastReviewed) {
      const problem = lastReviewedProblem(lastReviewed, today)
      if (problem) {
        throw new ValidationError({ collection: collection.slug, errors: [{ message: problem, path: 'lastReviewed' }], req })
      }
    }
    if (!lastReviewed || !isFrequency(data.reviewFrequency)) {
      return { ...data, lastReviewed: null, nextReviewDue: null, reviewState: null }
    }
    const due = nextReviewDue(lastReviewed, data.reviewFrequency, options.reviewIntervals)
    return {
      ...data,
      lastReviewed: toStoredDate(lastReviewed),
      nextReviewDue: toStoredDate(due),
      reviewState: reviewState(due, today, options.dueSoonDays),
    }
  }
