// renewableValidity, the regulation-neutral term renewed inside a period (both projects'
// endorsement): the n-th term ends on anchor + n terms (民法典 art. 202), never on a chain of
// one-term steps; the period's last day on a rest day or holiday moves to the next working
// day when the argument says so (民法典 art. 203); a year the calendar lacks is not guessed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonthsCivil, compareDates } from '../../engine/core/dates/calendar-date.js';
import { CalendarRangeError, isWorkingDay } from '../../engine/core/dates/working-days.js';
import { renewableValidity, renewalPeriod, type PeriodRule } from '../../engine/core/derived/functions/renewable-validity.js';

/** 《居住证暂行条例》 art. 10 as the national project reads it: A − 1 month … A − 1 day. */
const national: PeriodRule = { months: 12, opensMonths: 1, opensDays: 0, closesDays: 1, lastDayMovesPastRestDays: true };
/** Qujing art. 14 ¶2, reading window: E − 30 days … E. */
const qujing: PeriodRule = { months: 12, opensMonths: 0, opensDays: 30, closesDays: 0, lastDayMovesPastRestDays: true };
const unmoved = (rule: PeriodRule): PeriodRule => ({ ...rule, lastDayMovesPastRestDays: false });

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));

describe('the n-th term ends on anchor + n terms (民法典 art. 202)', () => {
  it('issued 2020-02-29, endorsed on time three years: the fourth year is complete on 2024-02-29, not 2024-02-28', () => {
    const v = renewableValidity('2020-02-29', ['2021-02-10', '2022-02-10', '2023-02-10'], '2023-12-01', national);
    expect(v).toMatchObject({ status: 'valid', endsOn: '2024-02-29', periodOpens: '2024-01-29', periodCloses: '2024-02-28' });
  });

  it('after a late endorsement on R the years count from R: R + n years', () => {
    // issued 2019-01-10, never endorsed; 补办 on 2020-02-29; on time in 2021, 2022, 2023
    const v = renewableValidity('2019-01-10', ['2020-02-29', '2021-02-10', '2022-02-10', '2023-02-10'], '2023-06-01', unmoved(qujing), '2018-09-03');
    expect(v).toMatchObject({ endsOn: '2024-02-29', countedFrom: '2020-02-29', status: 'valid' });
  });

  it('a term of any length, on-time acts anywhere in each period: endsOn = anchor + n·months', () => {
    const history = fc.record({
      anchor: day('1990-01-01', 40_000),
      months: fc.integer({ min: 1, max: 36 }),
      opensDays: fc.integer({ min: 0, max: 20 }),
      // where in the period each act falls, and whether the first is a late one (补办)
      places: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
      lateBy: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    });
    fc.assert(fc.property(history, ({ anchor: issuedOn, months, opensDays, places, lateBy }) => {
      const rule: PeriodRule = { months, opensMonths: 0, opensDays, closesDays: 0, lastDayMovesPastRestDays: false };
      const acts: string[] = [];
      // the oracle: anchor + n·months, computed here in one step each
      let anchor = issuedOn;
      if (lateBy !== undefined) {
        anchor = addDays(addMonthsCivil(issuedOn, months), lateBy); // after the first period's last day
        acts.push(anchor);
      }
      places.forEach((p, k) => {
        const end = addMonthsCivil(anchor, (k + 1) * months);
        acts.push(addDays(end, -Math.round(p * opensDays)));
      });
      const asOf = acts.length ? acts[acts.length - 1] : issuedOn;
      const v = renewableValidity(issuedOn, acts, asOf, rule, 'registered');
      expect(v.endsOn).toBe(addMonthsCivil(anchor, (places.length + 1) * months));
      expect(v.countedFrom).toBe(lateBy === undefined ? 'registered' : anchor);
      expect(v.status).toBe('valid');
    }), { numRuns: 400 });
  });
});

describe('the last day on a rest day or holiday (民法典 art. 203)', () => {
  it('Qujing, National Day 2019: a term ending 2019-10-03 may be renewed on 2019-10-08, the first working day after', () => {
    const on8 = renewableValidity('2018-10-03', [], '2019-10-08', qujing);
    expect(on8).toMatchObject({ status: 'valid', endsOn: '2019-10-03', periodOpens: '2019-09-03', periodCloses: '2019-10-08' });
    expect(renewableValidity('2018-10-03', [], '2019-10-09', qujing).status).toBe('suspended');
    // renewed on 10-08: on time, the count does not restart, and the next term is 2018-10-03 + 2 years
    const renewed = renewableValidity('2018-10-03', ['2019-10-08'], '2020-01-10', qujing, '2018-09-03');
    expect(renewed).toMatchObject({ endsOn: '2020-10-03', countedFrom: '2018-09-03', periodCloses: '2020-10-09' });
  });

  it('unmoved (the argument false): the same act is late, and the count restarts there', () => {
    expect(renewableValidity('2018-10-03', [], '2019-10-08', unmoved(qujing)).status).toBe('suspended');
    const late = renewableValidity('2018-10-03', ['2019-10-08'], '2020-01-10', unmoved(qujing), '2018-09-03');
    expect(late).toMatchObject({ endsOn: '2020-10-08', countedFrom: '2019-10-08', periodCloses: '2020-10-08' });
  });

  it('a make-up working day (调休) is a working day: 2023-09-29 (holiday) moves to Saturday 2023-10-07', () => {
    expect(renewalPeriod('2023-09-30', national).closes).toBe('2023-10-07');
  });

  it('the moved last day is the first working day on or after the text\'s last day (2005–2025)', () => {
    fc.assert(fc.property(day('2005-01-01', 7600), (endsOn) => {
      const p = renewalPeriod(endsOn, qujing);
      expect(p.closesByText).toBe(endsOn);
      expect(isWorkingDay(p.closes)).toBe(true);
      for (let d = p.closesByText; compareDates(d, p.closes) < 0; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
      expect(renewalPeriod(endsOn, unmoved(qujing)).closes).toBe(endsOn);
    }), { numRuns: 300 });
  });

  it('a last day in a year the calendar lacks: shown unmoved with a note, and not guessed when a date after it matters', () => {
    const issuedToday = renewableValidity('2026-12-07', [], '2026-12-07', qujing);
    expect(issuedToday).toMatchObject({ status: 'valid', endsOn: '2027-12-07', periodCloses: '2027-12-07' });
    expect(issuedToday.steps[0]).toContain('工作日历尚无 2027 年的节假日安排');
    expect(() => renewableValidity('2026-12-07', [], '2027-12-08', qujing)).toThrow(CalendarRangeError);
    expect(() => renewableValidity('2026-12-07', ['2027-12-08'], '2028-01-01', qujing)).toThrow(/2027 年/);
    // unmoved, the calendar is not needed
    expect(renewableValidity('2026-12-07', [], '2027-12-08', unmoved(qujing)).status).toBe('suspended');
  });
});

describe('a late act that is the act of the term it begins (lateActIsTheTermsAct)', () => {
  /** Qujing art. 14 ¶2, reading literal: from the day after the year begins until E − 30 days. */
  const literal: PeriodRule = { months: 12, opensMonths: 12, opensDays: -1, closesDays: 30, lastDayMovesPastRestDays: true };

  it('补办 on 2020-04-15 renews its own year: valid through 2022-04-15; an act 8 days later does not count', () => {
    // issued 2019-03-30; the last day 2020-03-02 passed without an act; 补办 2020-04-15, again 2020-04-23
    const v = renewableValidity('2019-03-30', ['2020-04-15', '2020-04-23'], '2020-05-01', literal, '2018-09-03', true, true);
    expect(v).toMatchObject({ status: 'valid', endsOn: '2022-04-15', periodOpens: '2021-04-16', periodCloses: '2022-03-16', countedFrom: '2020-04-15', earlyActs: [] });
  });

  it('without it (the window reading\'s shape) the same two acts renew twice: the shape the argument exists to refuse', () => {
    const v = renewableValidity('2019-03-30', ['2020-04-15', '2020-04-23'], '2020-05-01', literal, '2018-09-03', true, false);
    expect(v.endsOn).toBe('2022-04-15');
    const once = renewableValidity('2019-03-30', ['2020-04-15'], '2020-05-01', literal, '2018-09-03', true, false);
    expect(once.endsOn).toBe('2021-04-15');
  });
});
