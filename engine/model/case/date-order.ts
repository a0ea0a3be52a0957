// Dates of one case that cannot be in this order: a person born after the day of the
// decision, registered before arriving, a permit endorsed before it was issued, a contract
// reported before it was signed. Each is refused naming both fields, at the one that is
// wrong given the other. Dates after asOf are otherwise allowed on purpose (a case replayed
// on an earlier day ignores what has not happened yet: test/cases/14-permit/future-*).
import type { PathSegment, Problem, SourceFile } from '../../core/source-file.js';
import { isCalendarDate } from '../../core/dates/calendar-date.js';
import { residentIdBirthDate } from '../../core/derived/resident-id.js';
import type { Regulation } from '../model.js';

interface Field { path: PathSegment[]; label: string | (() => string); value: string }
type Json = Record<string, unknown>;

const own = (node: unknown, key: string): unknown =>
  node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key) ? (node as Json)[key] : undefined;

/** What a case field is called: the regulation's own label (vocabulary.facts), else its path. */
function labelOf(regulation: Regulation | undefined, path: PathSegment[]): string {
  const name = path.slice(1).filter((p) => typeof p === 'string').join('.');
  const facts = regulation?.vocabulary.facts;
  return (facts && Object.hasOwn(facts, name) ? facts[name] : undefined) ?? name;
}

function field(data: unknown, path: PathSegment[], label: string | (() => string)): Field | undefined {
  let node: unknown = data;
  for (const key of path) node = typeof key === 'number' ? (Array.isArray(node) ? node[key] : undefined) : own(node, key);
  return isCalendarDate(node) ? { path, label, value: node } : undefined;
}

/** The birth date: `birthDate`, or the one the ID number carries. */
function birth(data: unknown): Field | undefined {
  const given = field(data, ['facts', 'person', 'birthDate'], '出生日期');
  if (given) return given;
  const id = own(own(own(data, 'facts'), 'person'), 'idNumber');
  const fromId = typeof id === 'string' ? residentIdBirthDate(id) : undefined;
  return fromId ? { path: ['facts', 'person', 'idNumber'], label: '公民身份号码中的出生日期', value: fromId } : undefined;
}

/** [first, then]: `then` may not be before `first`. Problems are placed at `at`. */
type Pair = [first: Field | undefined, then: Field | undefined, at: 'first' | 'then'];

/** A date of the case at `keys`, when it is a real calendar date (as `field` reads it). */
function dateAt(data: unknown, a: string, b: string): string | undefined {
  const v = own(own(own(data, 'facts'), a), b);
  return isCalendarDate(v) ? v : undefined;
}

/** `first` not after `then` (or either missing). */
const inOrder = (first: string | undefined, then: string | undefined): boolean => !first || !then || first <= then;

/** Whether every pair is in order: what almost every case is, worked out without a message. */
export function allInOrder(data: unknown): boolean {
  const asOf = own(data, 'asOf');
  const decided = isCalendarDate(asOf) ? asOf : undefined;
  let born = dateAt(data, 'person', 'birthDate');
  if (!born) {
    const id = own(own(own(data, 'facts'), 'person'), 'idNumber');
    born = typeof id === 'string' ? residentIdBirthDate(id) : undefined;
  }
  const arrived = dateAt(data, 'residence', 'arrivedOn');
  const issued = dateAt(data, 'permit', 'issuedOn');
  if (!inOrder(born, decided) || !inOrder(born, arrived) || !inOrder(born, issued) || !inOrder(issued, decided)) return false;
  if (!inOrder(arrived, dateAt(data, 'residence', 'registeredOn'))) return false;
  if (!inOrder(dateAt(data, 'contract', 'signedOn'), dateAt(data, 'contract', 'reportedOn'))) return false;
  const endorsements = own(own(own(data, 'facts'), 'permit'), 'endorsedOn');
  if (Array.isArray(endorsements) && issued) {
    for (const e of endorsements) if (isCalendarDate(e) && e < issued) return false;
  }
  return true;
}

export function dateOrderProblems(data: unknown, source: SourceFile, regulation?: Regulation): Problem[] {
  return allInOrder(data) ? [] : orderProblems(data, source, regulation);
}

/** Each pair of dates out of order, with its message and place (exported for the test that holds allInOrder to it). */
export function orderProblems(data: unknown, source: SourceFile, regulation?: Regulation): Problem[] {
  // the label is looked up only for a date in the wrong order
  const at = (path: PathSegment[]): Field | undefined => field(data, path, () => labelOf(regulation, path));
  const asOf = field(data, ['asOf'], '决定日期');
  const born = birth(data);
  const arrived = at(['facts', 'residence', 'arrivedOn']);
  const registered = at(['facts', 'residence', 'registeredOn']);
  const signed = at(['facts', 'contract', 'signedOn']);
  const reported = at(['facts', 'contract', 'reportedOn']);
  const issued = at(['facts', 'permit', 'issuedOn']);
  const endorsements = own(own(own(data, 'facts'), 'permit'), 'endorsedOn');
  const endorsed = Array.isArray(endorsements) ? endorsements.map((_, i) => at(['facts', 'permit', 'endorsedOn', i])) : [];
  const pairs: Pair[] = [
    [born, asOf, 'first'],
    [born, arrived, 'then'],
    [born, issued, 'then'],
    [arrived, registered, 'then'],
    [signed, reported, 'then'],
    [issued, asOf, 'first'],
    ...endorsed.map((e): Pair => [issued, e, 'then']),
  ];
  const problems: Problem[] = [];
  for (const [first, then, at] of pairs) {
    if (!first || !then || first.value <= then.value) continue;
    const name = (f: Field) => `${f.path.join('.')}（${typeof f.label === 'function' ? f.label() : f.label} ${f.value}）`;
    const message = at === 'then'
      ? `${name(then)}早于${name(first)}：日期顺序不可能，请核对这两项`
      : `${name(first)}晚于${name(then)}：日期顺序不可能，请核对这两项`;
    problems.push({ code: 'case.dateOrder', message, location: source.locate(at === 'then' ? then.path : first.path) });
  }
  return problems;
}
