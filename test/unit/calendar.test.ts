import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addWorkingDays, CalendarRangeError, isWorkingDay } from '../../engine/core/dates/working-days.js';
import { addDays, addMonthsCivil, calendarYear, dateRangeProblem, dayNumber, fromDayNumber, fullYearsBetween, isCalendarDate, parseDate, weekday } from '../../engine/core/dates/calendar-date.js';
import { runs } from '../support/fuzz.js';

describe('working days (art. 10: 5个工作日内)', () => {
  it('counts a make-up Sunday and skips National Day 2019', () => {
    // 9-27 Fri; 9-29 Sun is a make-up working day; 10-1..10-7 holiday
    expect(addWorkingDays('2019-09-27', 5)).toBe('2019-10-10');
  });
  it('knows the 2020 Spring Festival extension to 2 February', () => {
    // 1-23 Thu is the 1st; 1-24..2-2 holiday (2-1 is no longer a make-up day); 2-3..2-6
    expect(addWorkingDays('2020-01-22', 5)).toBe('2020-02-06');
    expect(isWorkingDay('2020-02-01')).toBe(false);
  });
  it('Labour Day 2019: 4-28 and 5-5 are make-up Sundays', () => {
    expect(isWorkingDay('2019-04-28')).toBe(true);
    expect(isWorkingDay('2019-05-05')).toBe(true);
    // 4-30 is the 1st; 5-1..5-4 holiday; 5-5 (make-up), 5-6, 5-7, 5-8
    expect(addWorkingDays('2019-04-29', 5)).toBe('2019-05-08');
  });
  it('refuses a year the calendar data does not have, instead of guessing', () => {
    expect(() => addWorkingDays('2026-12-28', 5)).toThrow(CalendarRangeError);
    expect(() => isWorkingDay('2027-03-01')).toThrow(/2027 年/);
  });
  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(addWorkingDays('2019-09-27', 5)).toBe('2019-10-10');
      process.env.TZ = 'Asia/Shanghai';
      expect(addWorkingDays('2019-09-27', 5)).toBe('2019-10-10');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('Civil Code periods (民法典 arts. 201–203)', () => {
  it('ends on the corresponding day, or the last day of a shorter month', () => {
    expect(addMonthsCivil('2019-02-27', 6)).toBe('2019-08-27');
    expect(addMonthsCivil('2019-08-31', 6)).toBe('2020-02-29');
    expect(addMonthsCivil('2018-08-31', 6)).toBe('2019-02-28');
    expect(addMonthsCivil('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonthsCivil('2019-12-31', 6)).toBe('2020-06-30');
  });
  it('ages in full years; a 29 February birthday comes on 1 March in a common year', () => {
    expect(fullYearsBetween('2004-02-29', '2020-02-28', 'nextDay')).toBe(15);
    expect(fullYearsBetween('2004-02-29', '2020-02-29', 'nextDay')).toBe(16);
    expect(fullYearsBetween('2003-02-28', '2021-02-27', 'nextDay')).toBe(17);
    expect(fullYearsBetween('2004-02-29', '2021-02-28', 'nextDay')).toBe(16);
    expect(fullYearsBetween('2004-02-29', '2021-03-01', 'nextDay')).toBe(17);
    // the other reading (interpretation leap-day-birthday): the month's last day
    expect(fullYearsBetween('2004-02-29', '2021-02-28', 'lastDay')).toBe(17);
    expect(fullYearsBetween('2004-02-29', '2021-02-27', 'lastDay')).toBe(16);
    expect(fullYearsBetween('2004-02-29', '2020-02-29', 'lastDay')).toBe(16);
  });
  it('rejects impossible dates', () => {
    expect(parseDate('2019-02-29')).toBeUndefined();
    expect(parseDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29 });
    expect(parseDate('2019-1-2')).toBeUndefined();
  });
  it('reads a date as the pattern YYYY-MM-DD and the calendar say, whatever the text (fast-check)', () => {
    // the reference: the pattern, then the date Date.UTC makes from the parts has the same parts
    const reference = (text: string): { year: number; month: number; day: number } | undefined => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      if (!m) return undefined;
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const d = new Date(0);
      d.setUTCFullYear(year, month - 1, day);
      return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : undefined;
    };
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9٠-٩]{4}-[0-9]{2}-[0-9]{2}$/)), (text) => {
      const want = reference(text);
      expect(parseDate(text)).toEqual(want);
      expect(calendarYear(text)).toBe(want ? want.year : -1);
      expect(isCalendarDate(text)).toBe(want !== undefined);
    }), { numRuns: runs(2_000, 200_000) });
  });
});

describe('day arithmetic in every year (Date.UTC reads the years 0–99 as 1900–1999)', () => {
  it('years 0–99 are themselves', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0004-02-28', 1)).toBe('0004-02-29'); // a leap year
    expect(addDays('0100-02-28', 1)).toBe('0100-03-01'); // not one
    expect(dayNumber('0099-01-01')).toBe(Date.parse('0099-01-01') / 86_400_000);
    expect(fromDayNumber(dayNumber('0001-01-01'))).toBe('0001-01-01');
    expect(weekday('0001-01-01')).toBe(1);
  });
  it('agrees with ISO dates from 1600 to 2400, day by day', () => {
    for (let n = dayNumber('1600-01-01'); n <= dayNumber('2400-12-31'); n += 1) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (fromDayNumber(n) !== iso || dayNumber(iso) !== n) expect({ n, date: fromDayNumber(n) }).toEqual({ n, date: iso });
    }
  });
  it('only 1900–2100 is taken from a case or form', () => {
    expect(dateRangeProblem('1900-01-01')).toBeUndefined();
    expect(dateRangeProblem('2100-12-31')).toBeUndefined();
    expect(dateRangeProblem('1899-12-31')).toMatch(/超出可处理的范围（1900–2100 年）/);
    expect(dateRangeProblem('0099-01-01')).toMatch(/0099-01-01/);
  });
});

describe('forward periods rules can name (addDays, addYears)', () => {
  it('counts "自受理之日起15日内" from the day after acceptance: the 15th day is the last', async () => {
    const { derivedFunctions } = await import('../../engine/core/derived/registry.js');
    const addDaysFn = derivedFunctions.get('addDays')!;
    const addYearsFn = derivedFunctions.get('addYears')!;
    expect(addDaysFn.compute({ from: '2024-03-01', days: 15 })).toBe('2024-03-16');
    expect(addDaysFn.compute({ from: '2023-12-25', days: 15 })).toBe('2024-01-09');
    // a year from 29 February ends on 28 February of a common year (民法典 art. 203: no such day → the month's last day)
    expect(addYearsFn.compute({ from: '2020-02-29', years: 1 })).toBe('2021-02-28');
    expect(addYearsFn.compute({ from: '2019-07-10', years: 1 })).toBe('2020-07-10');
  });
});
