// Working days (工作日) of the national calendar: weekends, the State Council's public
// holidays and its make-up working days (调休). The data is the built table of the
// `chinese-days` package (MIT); its date functions are not used, since they read dates
// in the machine's local time zone and shift by a day west of UTC.
import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dayNumber, fromDayNumber, parseDate, type CalendarDate } from './calendar-date.js';

interface HolidayTable {
  holidays: Record<CalendarDate, string>;
  workdays: Record<CalendarDate, string>;
}

const table = holidayTable as HolidayTable;

export class CalendarRangeError extends Error {
  readonly code = 'calendar.yearNotCovered';
  constructor(readonly year: number, readonly covered: readonly [number, number]) {
    super(`工作日历没有 ${year} 年的节假日安排（已收录 ${covered[0]}–${covered[1]} 年），无法计算工作日；不作推测`);
  }
}

/** The years for which the table holds the State Council's arrangement (it names that year's 元旦). */
function findCoveredYears(): [number, number] {
  const years = Object.entries(table.holidays)
    .filter(([, name]) => name.includes('元旦'))
    .map(([date]) => Number(date.slice(0, 4)));
  return [Math.min(...years), Math.max(...years)];
}

const covered = findCoveredYears();

export function coveredYears(): readonly [number, number] {
  return covered;
}

export function isWorkingDay(date: CalendarDate): boolean {
  const year = parseDate(date)?.year ?? NaN;
  if (!(year >= covered[0] && year <= covered[1])) throw new CalendarRangeError(year, covered);
  return working[dayNumber(date) - firstCovered] === 1;
}

// The table by day number over the years it covers, worked out once: whether each day is a
// working day (a make-up working day, else not a holiday and Monday to Friday), and the
// working days in order, so that the n-th working day after a date is found by its index.
const firstCovered = dayNumber(`${String(covered[0]).padStart(4, '0')}-01-01`);
const lastCovered = dayNumber(`${String(covered[1]).padStart(4, '0')}-12-31`);
const workdayNumbers = new Set(Object.entries(table.workdays).filter(([d, name]) => name && parseDate(d)).map(([d]) => dayNumber(d)));
const holidayNumbers = new Set(Object.entries(table.holidays).filter(([d, name]) => name && parseDate(d)).map(([d]) => dayNumber(d)));
const working = new Uint8Array(lastCovered - firstCovered + 1);
/** for each covered day, how many working days there are from the first covered day up to it */
const workingUpTo = new Int32Array(lastCovered - firstCovered + 1);
const workingDays: number[] = [];
for (let day = firstCovered; day <= lastCovered; day++) {
  const wd = (((day % 7) + 7 + 4) % 7);
  if (workdayNumbers.has(day) || (!holidayNumbers.has(day) && wd >= 1 && wd <= 5)) {
    working[day - firstCovered] = 1;
    workingDays.push(day);
  }
  workingUpTo[day - firstCovered] = workingDays.length;
}

/** The n-th working day after `from` (`from` itself is not counted). */
export function addWorkingDays(from: CalendarDate, n: number): CalendarDate {
  if (!(n > 0)) return from;
  const day = dayNumber(from);
  // counting starts the day after `from`: that day, or one after the table, is a year it does not cover
  if (day + 1 < firstCovered || day + 1 > lastCovered) throw new CalendarRangeError(parseDate(fromDayNumber(day + 1))!.year, covered);
  const before = day < firstCovered ? 0 : workingUpTo[day - firstCovered];
  // a fractional n counts as the next whole working day, as counting one day at a time does
  const index = before + Math.ceil(n) - 1;
  if (index >= workingDays.length) throw new CalendarRangeError(covered[1] + 1, covered);
  return fromDayNumber(workingDays[index]);
}
