// Calendar dates without time zones: "YYYY-MM-DD" strings throughout.
// Arithmetic goes through a day number so that no clock or zone is involved.

export type CalendarDate = string;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : MONTH_DAYS[month - 1];
}

export interface DateParts { year: number; month: number; day: number }

/** A digit's value at `i`, or -1 ([0-9] only, as `\d` reads without the u flag). */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The year of a real calendar date, or -1 for anything else (2019-02-30, 2019-1-2): parseDate without the parts. */
export function calendarYear(text: unknown): number {
  // /^(\d{4})-(\d{2})-(\d{2})$/ read by hand: this runs for every date of every case
  if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return -1;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year;
}

/** The parts of a real calendar date, or undefined for anything else (2019-02-30, 2019-1-2). */
export function parseDate(text: unknown): DateParts | undefined {
  const year = calendarYear(text);
  if (year < 0) return undefined;
  const t = text as string;
  return { year, month: (t.charCodeAt(5) - 48) * 10 + t.charCodeAt(6) - 48, day: (t.charCodeAt(8) - 48) * 10 + t.charCodeAt(9) - 48 };
}

export function isCalendarDate(text: unknown): text is CalendarDate {
  return calendarYear(text) >= 0;
}

/** The years a date in a case or form may fall in: people living now, and the documents they hold. */
export const DATE_YEARS: readonly [number, number] = [1900, 2100];

/** Why a real calendar date cannot be taken (outside DATE_YEARS), or undefined. */
export function dateRangeProblem(text: unknown): string | undefined {
  const year = calendarYear(text);
  if (year < 0 || (year >= DATE_YEARS[0] && year <= DATE_YEARS[1])) return undefined;
  return `日期 ${String(text)} 超出可处理的范围（${DATE_YEARS[0]}–${DATE_YEARS[1]} 年）`;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

export function formatDate({ year, month, day }: DateParts): CalendarDate {
  const y = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${TWO_DIGITS[month] ?? String(month).padStart(2, '0')}-${TWO_DIGITS[day] ?? String(day).padStart(2, '0')}`;
}

function partsOf(date: CalendarDate): DateParts {
  const parts = parseDate(date);
  if (!parts) throw new RangeError(`不是有效的日期：${String(date)}`);
  return parts;
}

/**
 * Days since 1970-01-01 in the proleptic Gregorian calendar, by arithmetic alone: no clock,
 * no zone, and no Date.UTC, which reads the years 0–99 as 1900–1999.
 */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = partsOf(date);
  // Howard Hinnant's days_from_civil: years counted from March, so 29 February ends a year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function fromDayNumber(n: number): CalendarDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return formatDate({ year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: CalendarDate): number {
  return ((dayNumber(date) % 7) + 7 + 4) % 7;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The day a period of whole months that starts on `start` ends on, by the Civil Code
 * (民法典 arts. 201–203): the first day is not counted, and the period ends on the
 * corresponding day of the last month, or on that month's last day where it has none.
 */
export function addMonthsCivil(start: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = partsOf(start);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/**
 * Where an anniversary falls in a year that has no such day (29 February in a common year):
 * `nextDay`, the day after the month's last day (1 March); `lastDay`, the month's last day
 * (28 February). Which one is a legal choice, made in YAML (interpretation leap-day-birthday).
 */
export type MissingAnniversary = 'nextDay' | 'lastDay';

/** Full years between two dates: the age on `on` of someone born on `birth`. */
export function fullYearsBetween(birth: CalendarDate, on: CalendarDate, missing: MissingAnniversary): number {
  const b = partsOf(birth);
  const o = partsOf(on);
  let years = o.year - b.year;
  const lastDay = daysInMonth(o.year, b.month);
  const birthdayThisYear = formatDate({ year: o.year, month: b.month, day: Math.min(b.day, lastDay) });
  const anniversary = b.day > lastDay && missing === 'nextDay' ? addDays(birthdayThisYear, 1) : birthdayThisYear;
  if (compareDates(on, anniversary) < 0) years -= 1;
  return years;
}
