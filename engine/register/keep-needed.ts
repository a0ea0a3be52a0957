// Sensitive personal information is stored only where a decision rests on it (《个人信息保护法》
// 第六条 the least needed; 第二十八条 health data such as a disability, and all personal
// information of a minor under fourteen, are sensitive; 第二十九条 processed only for a specific
// purpose and where necessary; 第三十一条 minors under fourteen). Before a decision is stored,
// the facts the project names in its parameters — `sensitiveFacts` for everyone, and
// `minorFacts` too for a person under `sensitiveMinorAge` on the decision date — are taken out
// of the case when every decision value stays the same without them: the decision does not
// rest on them. The ones it rests on stay. The decision document stored is made again on the
// case as kept, so its trace quotes nothing taken out. A project without these parameters
// stores the case whole.
import { fullYearsBetween, isCalendarDate } from '../core/dates/calendar-date.js';
import { own } from '../core/own.js';
import { yieldTurn } from '../core/yield-turn.js';
import type { DecisionDocument } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import type { Regulation } from '../model/model.js';
import { parameterOn } from '../model/parameters.js';
import { decisionValues } from './decision-values.js';

export type Decide = (input: CaseInput, options: { trace?: boolean }) => Promise<DecisionDocument>;

export interface Kept {
  case: CaseInput;
  document: DecisionDocument;
  /** the facts taken out (paths under facts), none when the decision rests on all that were there */
  dropped: string[];
}

/** A parameter's value on `day` as a list of fact paths, or none. */
function factList(regulation: Regulation, name: string, day: string): string[] {
  const spec = own(regulation.parameters, name);
  if (!spec) return [];
  const value = parameterOn(spec, day).value;
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && /^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/.test(p)) : [];
}

/** The person's birth date: as given, or from an 18-digit ID number (GB 11643: digits 7–14). */
function birthDate(input: CaseInput): string | undefined {
  const person = own(input.facts, 'person') as Record<string, unknown> | undefined;
  const given = own(person, 'birthDate');
  if (isCalendarDate(given)) return given;
  const id = own(person, 'idNumber');
  const digits = typeof id === 'string' ? /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(id.trim()) : null;
  const day = digits ? `${digits[1]}-${digits[2]}-${digits[3]}` : undefined;
  return isCalendarDate(day) ? day : undefined;
}

/** Whether the person is under `sensitiveMinorAge` on the decision date (a birthday on 29 February counts on 1 March: the longer protection). */
export function sensitiveMinor(regulation: Regulation, input: CaseInput): boolean {
  const spec = own(regulation.parameters, 'sensitiveMinorAge');
  const age = spec ? parameterOn(spec, input.asOf).value : undefined;
  const born = birthDate(input);
  if (typeof age !== 'number' || !born || !isCalendarDate(input.asOf) || born > input.asOf) return false;
  return fullYearsBetween(born, input.asOf, 'nextDay') < age;
}

const has = (facts: unknown, path: string): boolean => {
  let at: unknown = facts;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
};

/** The case without the facts at `paths` (a copy; objects left empty are removed too). */
export function withoutFacts(input: CaseInput, paths: string[]): CaseInput {
  const copy = structuredClone(input);
  for (const path of paths) {
    const keys = path.split('.');
    const chain: Array<Record<string, unknown>> = [copy.facts as Record<string, unknown>];
    for (const key of keys.slice(0, -1)) {
      const next = own(chain[chain.length - 1], key);
      if (!next || typeof next !== 'object') break;
      chain.push(next as Record<string, unknown>);
    }
    if (chain.length !== keys.length) continue;
    delete chain[chain.length - 1]![keys[keys.length - 1]!];
    for (let i = chain.length - 1; i > 0 && Object.keys(chain[i]!).length === 0; i--) delete chain[i - 1]![keys[i - 1]!];
  }
  return copy;
}

/** Decision values as one comparable text (keys in order at every level). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** The case and decision document to store: the sensitive facts the decision does not rest on taken out. */
export async function keepNeeded(regulation: Regulation, input: CaseInput, document: DecisionDocument, decide: Decide): Promise<Kept> {
  const day = input.asOf;
  const listed = [...factList(regulation, 'sensitiveFacts', day), ...(sensitiveMinor(regulation, input) ? factList(regulation, 'minorFacts', day) : [])];
  const present = [...new Set(listed)].filter((p) => has(input.facts, p));
  if (!present.length) return { case: input, document, dropped: [] };
  const decided = canonical(decisionValues(document.decisions));
  // each decision again after the server's waiting requests (GET /, another counter) have had their turn
  const same = async (paths: string[]) => {
    await yieldTurn();
    return canonical(decisionValues((await decide(withoutFacts(input, paths), { trace: false })).decisions)) === decided;
  };
  let dropped = present;
  if (!(await same(dropped))) {
    // the decision rests on some of them: each weighed alone, then the rest taken out together
    dropped = [];
    for (const path of present) if (await same([path])) dropped.push(path);
    if (dropped.length && !(await same(dropped))) dropped = []; // together they matter: all kept
  }
  if (!dropped.length) return { case: input, document, dropped };
  const kept = withoutFacts(input, dropped);
  await yieldTurn();
  return { case: kept, document: await decide(kept, { trace: true }), dropped };
}
