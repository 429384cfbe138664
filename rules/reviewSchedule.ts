import { addMonths, type CalendarDate, daysBetween } from './calendarDate.js'
import type { ReviewFrequency, ReviewState } from './vocabulary.js'

/**
 * When an article must next be reviewed: `lastReviewed` plus the frequency's interval in
 * calendar months (SPEC.md, Review frequency). Always derived, never typed.
 */
export const nextReviewDue = (
  lastReviewed: CalendarDate,
  frequency: ReviewFrequency,
  intervals: Readonly<Record<ReviewFrequency, number>>,
): CalendarDate => addMonths(lastReviewed, intervals[frequency])

/**
 * Where an article stands on `today`: `overdue` once its due day has passed, `due_soon` from
 * `dueSoonDays` days before it up to and including the due day, `current` before that.
 */
export const reviewState = (due: CalendarDate, today: CalendarDate, dueSoonDays: number): ReviewState => {
  const daysLeft = daysBetween(today, due)
  if (daysLeft < 0) return 'overdue'
  if (daysLeft <= dueSoonDays) return 'due_soon'
  return 'current'
}

/** Why a `lastReviewed` day is refused, or `null` when it is acceptable: it may not be in the future. */
export const lastReviewedProblem = (lastReviewed: CalendarDate, today: CalendarDate): string | null =>
  daysBetween(today, lastReviewed) > 0
    ? `lastReviewed ${lastReviewed} is in the future (today is ${today}): a review cannot be recorded before it happens`
    : null
