// Dates of one case that cannot be in this order, as the regulation declares them
// (regulation.yaml `dateOrders:`, e.g. a person born after the day of the decision). Each pair
// out of order is refused naming both fields, at the one that is wrong given the other: the
// one that is not the decision date, else the later. Dates after asOf are otherwise allowed on
// purpose (a case replayed on an earlier day ignores what has not happened yet).
import type { PathSegment, Problem, SourceFile } from '../../core/source-file.js';
import { isCalendarDate } from '../../core/dates/calendar-date.js';
import { residentIdBirthDate } from '../../core/derived/resident-id.js';
import type { DateOrder, Regulation } from '../model.js';

interface Field { path: readonly PathSegment[]; label: string | (() => string); value: string }
type Json = Record<string, unknown>;

const own = (node: unknown, key: string): unknown =>
  node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key) ? (node as Json)[key] : undefined;

/** What a case field is called: the regulation's own label (vocabulary.facts), else its path. */
function labelOf(regulation: Regulation, name: string): string {
  const facts = regulation.vocabulary.facts;
  return (Object.hasOwn(facts, name) ? facts[name] : undefined) ?? name;
}

const paths = new Map<string, readonly string[]>();
/** Where a fact name is in a case: `asOf` at the top, any other under `facts` (each name split once). */
function casePath(name: string): readonly string[] {
  let path = paths.get(name);
  if (!path) {
    path = Object.freeze(name === 'asOf' ? ['asOf'] : ['facts', ...name.split('.')]);
    // the names are the regulations' own (dateOrders:), so the map stays as small as they are
    if (paths.size < 10_000) paths.set(name, path);
  }
  return path;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (let k = 0; k < path.length && node !== undefined; k++) node = own(node, path[k]);
  return node;
}

/** Each order's sides as the paths of their names, worked out once per regulation. */
const sidePaths = new WeakMap<Regulation, Array<{ earlier: Array<readonly string[]>; later: Array<readonly string[]> }>>();

function ordersOf(regulation: Regulation): Array<{ earlier: Array<readonly string[]>; later: Array<readonly string[]> }> {
  let known = sidePaths.get(regulation);
  if (!known) {
    known = regulation.dateOrders.map((o) => ({ earlier: o.earlier.map(casePath), later: o.later.map(casePath) }));
    sidePaths.set(regulation, known);
  }
  return known;
}

/**
 * The dates a side of an order names in a case: the first of its facts the case has; a list
 * gives each of its items; a resident ID number (not a date) gives the birth date it carries.
 */
function datesOf(data: unknown, side: readonly string[]): Array<{ value: string; path: readonly PathSegment[]; fromId: boolean; name: string }> {
  for (const name of side) {
    const path = casePath(name);
    const v = valueAt(data, path);
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      const items = v.flatMap((item, i) => (isCalendarDate(item) ? [{ value: item, path: [...path, i], fromId: false, name }] : []));
      if (items.length) return items;
      continue;
    }
    if (isCalendarDate(v)) return [{ value: v, path, fromId: false, name }];
    const birth = typeof v === 'string' ? residentIdBirthDate(v) : undefined;
    if (birth) return [{ value: birth, path, fromId: true, name }];
  }
  return [];
}

/**
 * The latest (or earliest) of the dates datesOf gives for a side, without listing them: a
 * pair of sides is in order when the latest of the earlier side is not after the earliest of
 * the later side.
 */
function extremeOf(data: unknown, side: ReadonlyArray<readonly string[]>, latest: boolean): string | undefined {
  for (let s = 0; s < side.length; s++) {
    const v = valueAt(data, side[s]);
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      let found: string | undefined;
      for (const item of v) {
        if (isCalendarDate(item) && (found === undefined || (latest ? item > found : item < found))) found = item;
      }
      if (found !== undefined) return found;
      continue;
    }
    if (isCalendarDate(v)) return v;
    const birth = typeof v === 'string' ? residentIdBirthDate(v) : undefined;
    if (birth) return birth;
  }
  return undefined;
}

/** Whether every declared pair is in order: what almost every case is, worked out without a message or a list. */
export function allInOrder(data: unknown, regulation: Regulation): boolean {
  for (const order of ordersOf(regulation)) {
    const earlier = extremeOf(data, order.earlier, true);
    if (earlier === undefined) continue;
    const later = extremeOf(data, order.later, false);
    if (later !== undefined && earlier > later) return false;
  }
  return true;
}

export function dateOrderProblems(data: unknown, source: SourceFile, regulation: Regulation): Problem[] {
  return allInOrder(data, regulation) ? [] : orderProblems(data, source, regulation);
}

/** Each pair of dates out of order, with its message and place (exported for the test that holds allInOrder to it). */
export function orderProblems(data: unknown, source: SourceFile, regulation: Regulation): Problem[] {
  const problems: Problem[] = [];
  const fieldOf = (d: ReturnType<typeof datesOf>[number]): Field => ({
    path: d.path, value: d.value,
    // the label is looked up only for a date in the wrong order
    label: () => (d.fromId ? `${labelOf(regulation, d.name)}中的出生日期` : labelOf(regulation, d.name)),
  });
  for (const order of regulation.dateOrders) {
    for (const e of datesOf(data, order.earlier)) {
      for (const l of datesOf(data, order.later)) {
        if (e.value <= l.value) continue;
        const [first, then] = [fieldOf(e), fieldOf(l)];
        const atFirst = isAsOf(order.later) && !isAsOf(order.earlier);
        const name = (f: Field) => `${f.path.join('.')}（${typeof f.label === 'function' ? f.label() : f.label} ${f.value}）`;
        const message = atFirst
          ? `${name(first)}晚于${name(then)}：日期顺序不可能，请核对这两项`
          : `${name(then)}早于${name(first)}：日期顺序不可能，请核对这两项`;
        problems.push({ code: 'case.dateOrder', message, location: source.locate(atFirst ? first.path : then.path) });
      }
    }
  }
  return problems;
}

const isAsOf = (side: readonly string[]): boolean => side.length === 1 && side[0] === 'asOf';

/** `dateOrders:` as regulation.yaml writes them: a side is one fact name or a list of them (the first present). */
export function readDateOrders(data: unknown): DateOrder[] {
  if (!Array.isArray(data)) return [];
  const side = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? [v] : []);
  return data.filter((o) => o && typeof o === 'object').map((o: Json) => ({ earlier: side(o.earlier), later: side(o.later) }));
}
