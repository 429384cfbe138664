import type { CalendarDate } from '../../rules/calendarDate.js'
import { lastReviewedProblem, nextReviewDue, reviewState } from '../../rules/reviewSchedule.js'
import { DEFAULT_REVIEW_INTERVAL_MONTHS, type ReviewFrequency, type ReviewState } from '../../rules/vocabulary.js'

describe('nextReviewDue', () => {
  it.each<[CalendarDate, ReviewFrequency, CalendarDate]>([
    ['2025-12-30', 'monthly', '2026-01-30'],
    ['2025-12-30', 'quarterly', '2026-03-30'],
    ['2025-12-30', 'semiannual', '2026-06-30'],
    ['2025-12-30', 'annual', '2026-12-30'],
    ['2025-12-30', 'biennial', '2027-12-30'],
    ['2026-01-31', 'monthly', '2026-02-28'],
    ['2027-11-30', 'quarterly', '2028-02-29'],
    ['2024-02-29', 'annual', '2025-02-28'],
    ['2024-02-29', 'biennial', '2026-02-28'],
    ['2025-08-31', 'semiannual', '2026-02-28'],
  ])('%s reviewed %s is next due %s', (lastReviewed, frequency, expected) => {
    expect(nextReviewDue(lastReviewed, frequency, DEFAULT_REVIEW_INTERVAL_MONTHS)).toBe(expected)
  })

  it('uses configured intervals', () => {
    expect(nextReviewDue('2025-01-15', 'annual', { ...DEFAULT_REVIEW_INTERVAL_MONTHS, annual: 18 })).toBe('2026-07-15')
  })
})

describe('reviewState', () => {
  it.each<[CalendarDate, CalendarDate, number, ReviewState]>([
    ['2026-03-30', '2026-01-01', 14, 'current'],
    ['2026-03-30', '2026-03-15', 14, 'current'],
    ['2026-03-30', '2026-03-16', 14, 'due_soon'],
    ['2026-03-30', '2026-03-29', 14, 'due_soon'],
    ['2026-03-30', '2026-03-30', 14, 'due_soon'],
    ['2026-03-30', '2026-03-31', 14, 'overdue'],
    ['2026-03-30', '2027-01-01', 14, 'overdue'],
    ['2026-03-30', '2026-03-30', 0, 'due_soon'],
    ['2026-03-30', '2026-03-29', 0, 'current'],
    ['2026-03-30', '2026-02-28', 30, 'due_soon'],
  ])('due %s, today %s, window %i days → %s', (due, today, window, expected) => {
    expect(reviewState(due, today, window)).toBe(expected)
  })
})

describe('lastReviewedProblem', () => {
  it.each<[CalendarDate, CalendarDate, boolean]>([
    ['2025-12-30', '2026-11-26', false],
    ['2026-11-26', '2026-11-26', false],
    ['2026-11-27', '2026-11-26', true],
    ['2030-01-01', '2026-11-26', true],
  ])('reviewed %s, today %s: refused %s', (lastReviewed, today, refused) => {
    const problem = lastReviewedProblem(lastReviewed, today)
    if (refused) expect(problem).toMatch(/in the future/)
    else expect(problem).toBeNull()
  })
})
