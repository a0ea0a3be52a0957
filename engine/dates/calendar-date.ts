// Calendar dates without time zones: "YYYY-MM-DD" strings throughout.
// Arithmetic goes through a day number so that no clock or zone is involved.

export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export interface DateParts { year: number; month: number; day: number }

/** The parts of a real calendar date, or undefined for anything else (2019-02-30, 2019-1-2). */
export function parseDate(text: unknown): DateParts | undefined {
  if (typeof text !== 'string') return undefined;
  const m = DATE_PATTERN.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDate(text: unknown): text is CalendarDate {
  return parseDate(text) !== undefined;
}

export function formatDate({ year, month, day }: DateParts): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function partsOf(date: CalendarDate): DateParts {
  const parts = parseDate(date);
  if (!parts) throw new RangeError(`不是有效的日期：${String(date)}`);
  return parts;
}

/** Days since 1970-01-01 (UTC arithmetic only, never local time). */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = partsOf(date);
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function fromDayNumber(n: number): CalendarDate {
  const d = new Date(n * 86_400_000);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
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

/** Full years between two dates: the age on `on` of someone born on `birth`. */
export function fullYearsBetween(birth: CalendarDate, on: CalendarDate): number {
  const b = partsOf(birth);
  const o = partsOf(on);
  let years = o.year - b.year;
  // A birthday of 29 February falls, in a common year, on 1 March (the day after 28 February).
  const birthdayThisYear = formatDate({ year: o.year, month: b.month, day: Math.min(b.day, daysInMonth(o.year, b.month)) });
  const anniversary = b.month === 2 && b.day === 29 && !isLeapYear(o.year) ? addDays(birthdayThisYear, 1) : birthdayThisYear;
  if (compareDates(on, anniversary) < 0) years -= 1;
  return years;
}

/** A YAML or JSON value as a calendar date string: accepts strings and (YAML 1.1) Date objects. */
export function normaliseDate(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return formatDate({ year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() });
  }
  return value;
}

/** Every date inside a value (lists, maps) as YYYY-MM-DD: quoted and unquoted YAML dates alike. */
export function normaliseDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseDates);
  if (value instanceof Date) return normaliseDate(value);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseDates(v)]));
  return value;
}
