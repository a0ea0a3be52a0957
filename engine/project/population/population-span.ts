// The decision dates a population spans, and how a draft change widens them: a change whose
// dates fall outside the span (a date parameter moved from one year to another, a new value
// from a later day) would show "nothing changes" on cases that never reach those dates.
import { addDays, addMonthsCivil, compareDates, dayNumber, fromDayNumber, type CalendarDate } from '../../core/dates/calendar-date.js';
import type { Regulation } from '../../model/model.js';

export interface DateSpan { from: CalendarDate; to: CalendarDate }

/** The days cases are decided on: every day of the spans, or Monday to Friday only; in order, each once. */
export function spanDays(spans: readonly DateSpan[], days: 'workdays' | 'everyDay'): CalendarDate[] {
  const key = `${days}|${JSON.stringify(spans)}`;
  if (lastDays?.key === key) return lastDays.days;
  // the spans merged first (day numbers), so overlapping spans cost nothing twice
  const ranges = spans.map((s) => [dayNumber(s.from), dayNumber(s.to)] as [number, number]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a <= b).sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: CalendarDate[] = [];
  for (const [a, b] of merged) {
    for (let n = a; n <= b; n++) {
      const w = (((n % 7) + 7 + 4) % 7); // as weekday(): 0 Sunday … 6 Saturday
      if (days === 'everyDay' || (w !== 0 && w !== 6)) out.push(fromDayNumber(n));
    }
  }
  lastDays = { key, days: out };
  return out;
}
/** the days of the spans last asked for (a file is checked, then drawn from, with the same spans) */
let lastDays: { key: string; days: CalendarDate[] } | undefined;

/** The first and last day of the spans. */
export function spanBounds(spans: readonly DateSpan[]): DateSpan {
  return {
    from: spans.reduce((m, s) => (compareDates(s.from, m) < 0 ? s.from : m), spans[0].from),
    to: spans.reduce((m, s) => (compareDates(s.to, m) > 0 ? s.to : m), spans[0].to),
  };
}

/** Dates a population can be drawn on (the calendar the engine reads). */
const SANE = { from: '1900-01-01', to: '2099-12-31' };
const sane = (d: unknown): d is CalendarDate => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && d >= SANE.from && d <= SANE.to;

const inside = (spans: readonly DateSpan[], d: CalendarDate): boolean => spans.some((s) => compareDates(s.from, d) <= 0 && compareDates(d, s.to) <= 0);

/**
 * The spans widened so that each date, and the year that follows it, lies inside: one span
 * from the earliest to the latest day. Dates already inside change nothing. `widened` is
 * false when nothing had to change.
 */
export function coverDates(spans: readonly DateSpan[], dates: readonly CalendarDate[]): { spans: DateSpan[]; widened: boolean } {
  const outside = dates.filter((d) => sane(d) && !inside(spans, d));
  if (!outside.length) return { spans: [...spans], widened: false };
  const bounds = spanBounds(spans);
  let { from, to } = bounds;
  for (const d of outside.filter(sane)) {
    if (compareDates(d, from) < 0) from = d;
    const yearAfter = d >= SANE.to ? SANE.to : addDays(addMonthsCivil(d, 12), -1);
    if (compareDates(yearAfter, to) > 0) to = yearAfter;
  }
  return { spans: [{ from, to }], widened: true };
}


type Values = Array<{ from: string; value: unknown }>;

/** A parameter's history in order, read day after day (each call with a later day than the last). */
function reader(values: Values): (day: string) => { has: boolean; value?: unknown } {
  const sorted = values.filter((v) => typeof v.from === 'string').sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let i = -1;
  return (day) => {
    while (i + 1 < sorted.length && sorted[i + 1].from <= day) i++;
    return i >= 0 ? { has: true, value: sorted[i].value } : { has: false };
  };
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
    const wasOn = reader(before);
    const nowOn = reader(after);
    const starts: CalendarDate[] = [];
    const periods: DateSpan[] = [];
    turns.forEach((day, i) => {
      const was = wasOn(day);
      const now = nowOn(day);
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
