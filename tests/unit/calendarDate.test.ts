import { addMonths, type CalendarDate, daysBetween, isCalendarDate, toCalendarDate, todayUtc, toStoredDate } from '../../rules/calendarDate.js'

describe('addMonths', () => {
  it.each<[CalendarDate, number, CalendarDate]>([
    ['2025-12-30', 3, '2026-03-30'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 24, '2026-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-31', 6, '2026-06-30'],
    ['2025-10-15', 3, '2026-01-15'],
    ['2025-12-01', 1, '2026-01-01'],
    ['2023-03-31', -1, '2023-02-28'],
    ['1999-12-31', 24, '2001-12-31'],
  ])('%s + %i months = %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected)
  })
})

describe('isCalendarDate', () => {
  it.each([
    ['2025-12-30', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-1-1', false],
    ['30/12/2025', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected)
  })
})

describe('toCalendarDate', () => {
  it.each<[unknown, CalendarDate | null]>([
    ['2025-12-30', '2025-12-30'],
    ['2025-12-30T12:00:00.000Z', '2025-12-30'],
    ['2025-12-30T23:59:59.999Z', '2025-12-30'],
    [new Date('2025-06-01T12:00:00Z'), '2025-06-01'],
    [new Date('invalid'), null],
    ['2025-02-30', null],
    ['not a date', null],
    ['', null],
    [null, null],
    [undefined, null],
    [20251230, null],
  ])('%p → %p', (value, expected) => {
    expect(toCalendarDate(value)).toBe(expected)
  })
})

describe('stored dates and day arithmetic', () => {
  it('stores a day at 12:00 UTC, as the admin date picker does', () => {
    expect(toStoredDate('2025-12-30')).toBe('2025-12-30T12:00:00.000Z')
    expect(toCalendarDate(toStoredDate('2025-12-30'))).toBe('2025-12-30')
  })

  it.each<[CalendarDate, CalendarDate, number]>([
    ['2025-12-30', '2025-12-30', 0],
    ['2025-12-30', '2026-01-13', 14],
    ['2026-01-13', '2025-12-30', -14],
    ['2024-02-28', '2024-03-01', 2],
    ['2025-02-28', '2025-03-01', 1],
    ['2025-03-29', '2025-03-31', 2],
  ])('from %s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days)
  })

  it('reads today in UTC from an injected clock', () => {
    expect(todayUtc(new Date('2026-11-26T23:30:00-05:00'))).toBe('2026-11-27')
    expect(todayUtc(new Date('2026-11-26T00:30:00Z'))).toBe('2026-11-26')
  })
})
