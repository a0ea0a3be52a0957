// Draws one case from a compiled population file: its decision date from the span, then each
// step in the file's order, the first alternative whose condition holds. Nothing in it knows
// a fact of any project: the file names every fact, share and code. Never throws on what a
// file can say: a date worked out from something that is not a date is left out.
import { addDays, addMonthsCivil, fullYearsBetween, isCalendarDate, type CalendarDate } from '../../core/dates/calendar-date.js';
import { checkCharacter } from '../../core/derived/resident-id.js';
import { operatorsByName } from '../../core/operators.js';
import { isFactRef, resolvePath } from '../../core/fact-names.js';
import type { Random } from './prng.js';
import type { Amounts, Condition, Draw, Expr, Step } from './population-spec.js';

type Json = Record<string, unknown>;

export interface Drawing {
  r: Random;
  asOf: CalendarDate;
  facts: Json;
  draws: Map<string, unknown>;
}

const HELPER = 'draw.';
/** how many dates a series may hold (a period of one day over a century is still bounded) */
const MAX_SERIES = 1000;

const setOwn = (node: Json, key: string, value: unknown): void => {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
};

/** A value drawn so far: asOf, a helper `draw.NAME`, or a case fact by its path (own properties only). */
export function readName(d: Drawing, name: string): unknown {
  if (name === 'asOf') return d.asOf;
  if (name.startsWith(HELPER)) return d.draws.get(name);
  let node: unknown = d.facts;
  for (const key of keysOf(name)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** A name's dotted keys, split once (a name is read for every case). */
const split = new Map<string, string[]>();
function keysOf(name: string): string[] {
  let keys = split.get(name);
  if (!keys) {
    keys = name.split('.');
    if (split.size > 10_000) split.clear();
    split.set(name, keys);
  }
  return keys;
}

function setFact(facts: Json, path: string, value: unknown): void {
  const keys = keysOf(path);
  let node = facts;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next && typeof next === 'object' && !Array.isArray(next)) node = next as Json;
    else {
      const made: Json = {};
      setOwn(node, key, made);
      node = made;
    }
  }
  setOwn(node, keys[keys.length - 1], value);
}

/** A rules-style condition over the values drawn so far (checked by check-population.ts). */
export function holds(d: Drawing, c: Condition): boolean {
  const node = c as Json;
  if (Object.hasOwn(node, 'all')) return (node.all as Condition[]).every((x) => holds(d, x));
  if (Object.hasOwn(node, 'any')) return (node.any as Condition[]).some((x) => holds(d, x));
  if (Object.hasOwn(node, 'not')) return !holds(d, node.not);
  const op = operatorsByName.get(node.operator as string);
  if (!op) return false;
  const read = readName(d, node.fact as string);
  const fact = node.path === undefined ? read : resolvePath(read, node.path);
  const value = isFactRef(node.value) ? resolvePath(readName(d, node.value.fact), node.value.path ?? '') : node.value;
  if (op.validFact && !op.validFact(fact)) return false;
  try {
    return op.evaluate(fact, value);
  } catch {
    return false;
  }
}

const copy = (v: unknown): unknown => (v && typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v);

export function evaluate(d: Drawing, e: Expr): unknown {
  if (e.kind === 'literal') return copy(e.value);
  if (e.kind === 'read') return readName(d, e.name);
  return drawValue(d, e);
}

const whole = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 100_000 ? v : undefined);

/** A date moved by whole years, months (civil months: 31 Jan + 1 month is 28/29 Feb) and days. */
function moved(d: Drawing, date: unknown, amounts: Amounts | undefined, sign: 1 | -1): CalendarDate | undefined {
  if (!isCalendarDate(date)) return undefined;
  if (!amounts) return date;
  const years = amounts.years ? whole(evaluate(d, amounts.years)) : 0;
  const months = amounts.months ? whole(evaluate(d, amounts.months)) : 0;
  const days = amounts.days ? whole(evaluate(d, amounts.days)) : 0;
  if (years === undefined || months === undefined || days === undefined) return undefined;
  const m = 12 * years + months;
  const out = addDays(m ? addMonthsCivil(date, sign * m) : date, sign * days);
  return isCalendarDate(out) ? out : undefined;
}

/** The smaller (or larger) of values of one kind: numbers with numbers, dates with dates. */
function extreme(values: unknown[], latest: boolean): unknown {
  const present = values.filter((v) => v !== undefined && v !== null);
  const kind = typeof present[0];
  if (!present.length || present.some((v) => typeof v !== kind)) return present[0];
  return present.reduce((a, b) => ((latest ? (b as number) > (a as number) : (b as number) < (a as number)) ? b : a));
}

function bounded(d: Drawing, draw: Draw, value: unknown): unknown {
  let v = value;
  for (const [bound, latest] of [[draw.atLeast, true], [draw.atMost, false]] as const) {
    if (!bound) continue;
    const b = evaluate(d, bound);
    const comparable = (typeof v === 'number' && typeof b === 'number') || (isCalendarDate(v) && isCalendarDate(b));
    if (comparable) v = extreme([v, b], latest);
  }
  return v;
}

/** The value of one draw, or undefined when its condition fails or its probability leaves it out. */
export function drawValue(d: Drawing, draw: Draw, whenChecked = false): unknown {
  if (!whenChecked && draw.when !== undefined && !holds(d, draw.when)) return undefined;
  if (draw.probability !== undefined && !d.r.chance(draw.probability)) return undefined;
  const value = kindValue(d, draw);
  return value === undefined ? undefined : bounded(d, draw, value);
}

function kindValue(d: Drawing, draw: Draw): unknown {
  const { r } = d;
  switch (draw.kind) {
    case 'value': return evaluate(d, draw.value);
    case 'shares': return copy(r.pick(draw.shares));
    case 'bands': return r.band(draw.bands);
    case 'between': return r.between(draw.from, draw.to);
    case 'chance': return r.chance(draw.p);
    case 'oneOf': return copy(r.item(draw.items));
    case 'date': {
      const base = evaluate(d, draw.base);
      return draw.minus ? moved(d, moved(d, base, draw.plus, 1), draw.minus, -1) : moved(d, base, draw.plus, 1);
    }
    case 'earliest':
    case 'latest': return extreme(draw.items.map((e) => evaluate(d, e)), draw.kind === 'latest');
    case 'fullYears': {
      const from = evaluate(d, draw.from);
      const to = evaluate(d, draw.to);
      return isCalendarDate(from) && isCalendarDate(to) ? fullYearsBetween(from, to, 'nextDay') : undefined;
    }
    case 'residentId': {
      // GB 11643: address code, birth date, order code, check character
      const region = evaluate(d, draw.region);
      const born = evaluate(d, draw.birthDate);
      if (typeof region !== 'string' || !/^[1-8][0-9]{5}$/.test(region) || !isCalendarDate(born)) return undefined;
      const first17 = `${region}${born.replace(/-/g, '')}${String(r.between(1, 999)).padStart(3, '0')}`;
      return first17 + checkCharacter(first17);
    }
    case 'series': return series(d, draw);
    case 'entries': {
      const out: Json = {};
      for (const e of draw.entries) {
        if (e.when !== undefined && !holds(d, e.when)) continue;
        if (e.probability !== undefined && !r.chance(e.probability)) continue;
        const key = evaluate(d, e.key);
        const value = evaluate(d, e.value);
        if ((typeof key === 'string' || typeof key === 'number') && value !== undefined) setOwn(out, String(key), value);
      }
      return out;
    }
    default: return undefined;
  }
}

/** Dates at a regular period after a start, each moved by `shift`, while before an end (at most `most`). */
function series(d: Drawing, draw: Extract<Draw, { kind: 'series' }>): CalendarDate[] | undefined {
  const start = evaluate(d, draw.after);
  const end = evaluate(d, draw.before);
  if (!isCalendarDate(start) || !isCalendarDate(end)) return undefined;
  const years = draw.every.years ? whole(evaluate(d, draw.every.years)) : 0;
  const months = draw.every.months ? whole(evaluate(d, draw.every.months)) : 0;
  const days = draw.every.days ? whole(evaluate(d, draw.every.days)) : 0;
  if (years === undefined || months === undefined || days === undefined) return undefined;
  const most = draw.most ? whole(evaluate(d, draw.most)) : MAX_SERIES;
  const out: CalendarDate[] = [];
  let previous = start;
  for (let k = 1; k <= Math.min(most ?? 0, MAX_SERIES); k++) {
    const m = k * (12 * years + months);
    const due = addDays(m ? addMonthsCivil(start, m) : start, k * days);
    if (!isCalendarDate(due) || due <= previous || due >= end) break;
    previous = due;
    const on = moved(d, due, draw.shift, 1);
    if (!on || on >= end) break;
    out.push(on);
  }
  return out;
}

/** One case: asOf from the days, then every step in order. */
export function drawCase(steps: readonly Step[], r: Random, days: readonly CalendarDate[]): { asOf: CalendarDate; facts: Json } {
  const d: Drawing = { r, asOf: r.item(days), facts: {}, draws: new Map() };
  for (const step of steps) {
    const chosen = step.alternatives.find((a) => a.when === undefined || holds(d, a.when));
    if (!chosen) continue;
    const value = drawValue(d, chosen, true);
    if (value === undefined) continue;
    if (step.name.startsWith(HELPER)) d.draws.set(step.name, value);
    else setFact(d.facts, step.name, value);
  }
  return { asOf: d.asOf, facts: d.facts };
}
