/**
 * Calendar dates ("2025-12-30") without time zones. Payload's day-only date picker stores a
 * day as 12:00 UTC of that day; we store and read days the same way, so that the calendar
 * day never drifts between a server in one time zone and an editor in another.
 */

/** A calendar date as `YYYY-MM-DD`. */
export type CalendarDate = `${number}-${number}-${number}`

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `value` is a real `YYYY-MM-DD` day (no 2025-02-30). */
export const isCalendarDate = (value: string): value is CalendarDate => {
  const match = CALENDAR_DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** Number of days in a month (1-12) of a year, leap years included. */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate()

/**
 * The calendar day of a stored date value: a `YYYY-MM-DD` string as is, or the UTC day of an
 * ISO timestamp or `Date`. Returns `null` for anything that is not a date.
 */
export const toCalendarDate = (value: unknown): CalendarDate | null => {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : (value.toISOString().slice(0, 10) as CalendarDate)
  }
  if (typeof value !== 'string' || value.length === 0) return null
  if (CALENDAR_DATE.test(value)) return isCalendarDate(value) ? value : null
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? null : (parsed.toISOString().slice(0, 10) as CalendarDate)
}

/** The stored form of a calendar day: 12:00 UTC, as Payload's day-only picker writes it. */
export const toStoredDate = (day: CalendarDate): string => `${day}T12:00:00.000Z`

/**
 * Adds calendar months to a day. A day that does not exist in the target month becomes that
 * month's last day: 2025-01-31 + 1 month = 2025-02-28, 2024-02-29 + 12 months = 2025-02-28.
 */
export const addMonths = (day: CalendarDate, months: number): CalendarDate => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const monthIndex = year * 12 + (month - 1) + months
  const targetYear = Math.floor(monthIndex / 12)
  const targetMonth = (monthIndex % 12) + 1
  const targetDay = Math.min(date, daysInMonth(targetYear, targetMonth))
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(targetDay)}` as CalendarDate
}

/** The day `days` days after `day` (before it when negative). */
export const addDays = (day: CalendarDate, days: number): CalendarDate =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as CalendarDate

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** Today's calendar day in UTC. */
export const todayUtc = (now: Date = new Date()): CalendarDate => now.toISOString().slice(0, 10) as CalendarDate

const pad = (value: number): string => String(value).padStart(2, '0')
