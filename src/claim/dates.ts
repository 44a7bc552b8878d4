/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` strings, in whole day numbers: no Date
 * objects, so time zones and daylight saving never shift a date of service.
 */
export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `count` digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Whether year, month and day (-1 where `digitsAt` found no number) name a day the calendar has. */
function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Whether the four year digits at `yearAt` and the two month and day digits at `monthAt`
 * and `dayAt` of `text` make a real date; read in place, without making strings, for
 * every layout that writes one (YYYY-MM-DD here, CCYYMMDD in an 837).
 */
export function isDateAt(text: string, yearAt: number, monthAt: number, dayAt: number): boolean {
  return isRealDate(digitsAt(text, yearAt, 4), digitsAt(text, monthAt, 2), digitsAt(text, dayAt, 2));
}

function parseText(value: string): CalendarDate | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** A real date written YYYY-MM-DD, or null for anything else. */
export function parseIsoDate(value: unknown): CalendarDate | null {
  // parsing ten characters costs less than looking a fresh string up in a cache
  return typeof value === 'string' ? parseText(value) : null;
}

/** Whether a value is a real date written YYYY-MM-DD; checked in place, since rules ask it often. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 && isDateAt(value, 0, 5, 8);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Days since 1970-01-01 (proleptic Gregorian), by H. Hinnant's days-from-civil arithmetic. */
export function toDayNumber(date: CalendarDate): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5) + date.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function formatIsoDate(date: CalendarDate): string {
  const mm = date.month < 10 ? `0${date.month}` : String(date.month);
  const dd = date.day < 10 ? `0${date.day}` : String(date.day);
  return `${String(date.year).padStart(4, '0')}-${mm}-${dd}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day `months` later; when that month is shorter the last day of the month is
 * used (a February 29 service plus 12 months is February 28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const zeroBased = date.month - 1 + months;
  const year = date.year + Math.floor(zeroBased / 12);
  const month = (((zeroBased % 12) + 12) % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole years of age on `on` for someone born on `birth`; null when born after `on`. */
export function ageInYears(birth: CalendarDate, on: CalendarDate): number | null {
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age < 0 ? null : age;
}

export function todayIso(): string {
  const now = new Date();
  return formatIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
