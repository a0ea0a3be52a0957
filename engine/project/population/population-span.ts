// The decision dates a population spans, and how a draft change widens them: a change whose
// dates fall outside the span (a date parameter moved from one year to another, a new value
// from a later day) would show "nothing changes" on cases that never reach those dates.
import { addDays, addMonthsCivil, compareDates, weekday, type CalendarDate } from '../../core/dates/calendar-date.js';
import type { Regulation } from '../../model/model.js';

export interface DateSpan { from: CalendarDate; to: CalendarDate }

/** The days cases are decided on: every day of the spans, or Monday to Friday only; in order, each once. */
export function spanDays(spans: readonly DateSpan[], days: 'workdays' | 'everyDay'): CalendarDate[] {
  const all = new Set<CalendarDate>();
  for (const s of spans) {
    for (let d = s.from; compareDates(d, s.to) <= 0; d = addDays(d, 1)) {
      const w = weekday(d);
      if (days === 'everyDay' || (w !== 0 && w !== 6)) all.add(d);
    }
  }
  return [...all].sort();
}

/** The first and last day of the spans. */
export function spanBounds(spans: readonly DateSpan[]): DateSpan {
  return {
    from: spans.reduce((m, s) => (compareDates(s.from, m) < 0 ? s.from : m), spans[0].from),
    to: spans.reduce((m, s) => (compareDates(s.to, m) > 0 ? s.to : m), spans[0].to),
  };
}

const inside = (spans: readonly DateSpan[], d: CalendarDate): boolean => spans.some((s) => compareDates(s.from, d) <= 0 && compareDates(d, s.to) <= 0);

/**
 * The spans widened so that each date, and the year that follows it, lies inside: one span
 * from the earliest to the latest day. Dates already inside change nothing. `widened` is
 * false when nothing had to change.
 */
export function coverDates(spans: readonly DateSpan[], dates: readonly CalendarDate[]): { spans: DateSpan[]; widened: boolean } {
  const outside = dates.filter((d) => !inside(spans, d));
  if (!outside.length) return { spans: [...spans], widened: false };
  const bounds = spanBounds(spans);
  let { from, to } = bounds;
  for (const d of outside) {
    if (compareDates(d, from) < 0) from = d;
    const yearAfter = addDays(addMonthsCivil(d, 12), -1);
    if (compareDates(yearAfter, to) > 0) to = yearAfter;
  }
  return { spans: [{ from, to }], widened: true };
}

/** Dates a population can be drawn on (the calendar the engine reads). */
const SANE = { from: '1900-01-01', to: '2099-12-31' };
const sane = (d: unknown): d is CalendarDate => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= SANE.from && d <= SANE.to;

type Values = Array<{ from: string; value: unknown }>;

/** The value a parameter's history gives on a day (the entry from the latest day on or before it). */
function valueOn(values: Values, day: string): { has: boolean; value?: unknown } {
  let best: { from: string; value: unknown } | undefined;
  for (const v of values) if (v.from <= day && (!best || v.from >= best.from)) best = v;
  return best ? { has: true, value: best.value } : { has: false };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The dates a draft change concerns, from the saved and the working rules' parameters: where a
 * parameter's value differs, the day it starts to differ (unless the spans already see the
 * difference), and for a date parameter its old and new value (the day asOf is compared with).
 */
export function changeDates(saved: Regulation, working: Regulation, spans: readonly DateSpan[]): CalendarDate[] {
  const out = new Set<CalendarDate>();
  const names = new Set([...Object.keys(saved.parameters), ...Object.keys(working.parameters)]);
  for (const name of names) {
    const before: Values = Object.hasOwn(saved.parameters, name) ? saved.parameters[name].values : [];
    const after: Values = Object.hasOwn(working.parameters, name) ? working.parameters[name].values : [];
    // the days on which either history changes value, in order: between two of them both are constant
    const turns = [...new Set([...before, ...after].map((v) => v.from).filter(sane))].sort();
    const starts: CalendarDate[] = [];
    const periods: DateSpan[] = [];
    turns.forEach((day, i) => {
      const was = valueOn(before, day);
      const now = valueOn(after, day);
      if (was.has === now.has && same(was.value, now.value)) return;
      starts.push(day);
      periods.push({ from: day, to: i + 1 < turns.length ? addDays(turns[i + 1], -1) : SANE.to });
      for (const v of [was.value, now.value]) if (sane(v)) out.add(v);
    });
    // a change the spans already see needs no wider span; else the first day it applies
    if (periods.length && !periods.some((p) => spans.some((s) => compareDates(p.from, s.to) <= 0 && compareDates(s.from, p.to) <= 0))) out.add(starts[0]);
  }
  return [...out].sort();
}
