// A case of this project read in a superior instrument's vocabulary, as its mapping file says:
// each `from` fact copied to its `to` (a division code cut to its city's where the mapping
// says so). Facts the mapping does not name are left behind: the superior's rules cannot
// read them. The date and the name stay; this project's readings do not carry over.
import type { CaseInput } from '../../model/case/case-input.js';
import type { FactMapping, Mapping } from './instrument-model.js';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Each entry's paths split once (a mapping is not changed once read). */
interface Steps { from: readonly string[]; to: readonly string[] }
const steps = new WeakMap<FactMapping, Steps>();

function stepsOf(entry: FactMapping): Steps {
  let known = steps.get(entry);
  if (!known) {
    known = { from: entry.from.split('.'), to: entry.to.split('.') };
    steps.set(entry, known);
  }
  return known;
}

function valueAt(facts: Obj, keys: readonly string[]): unknown {
  let node: unknown = facts;
  for (let k = 0; k < keys.length && node !== undefined; k++) {
    const key = keys[k];
    node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return node;
}

function setAt(facts: Obj, keys: readonly string[], value: unknown): void {
  let node = facts;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k];
    if (!Object.hasOwn(node, key) || !isObject(node[key])) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[key] as Obj;
  }
  Object.defineProperty(node, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

/** A division code cut to `digits` digits (or the exception's, by its leading digits), padded with 0 to six. */
export function divisionOf(code: string, division: NonNullable<FactMapping['division']>): string {
  let digits = division.digits;
  for (const [prefix, n] of division.except) if (code.startsWith(prefix)) digits = n;
  return code.slice(0, digits).padEnd(6, '0');
}

/** The fact a mapping entry gives, or undefined when the case does not have its source. */
export function mappedValue(facts: Obj, entry: FactMapping): unknown {
  return mappedFrom(valueAt(facts, stepsOf(entry).from), entry);
}

/** What an entry makes of the source value found: a division cut, or a copy (a list or map copied, not shared). */
function mappedFrom(value: unknown, entry: FactMapping): unknown {
  if (value === undefined) return undefined;
  if (entry.division) return typeof value === 'string' && /^\d{6}$/.test(value) ? divisionOf(value, entry.division) : undefined;
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

export function mapCase(input: CaseInput, mapping: Mapping): CaseInput {
  const facts: Obj = {};
  for (const entry of mapping.facts) {
    const value = mappedValue(input.facts, entry);
    if (value !== undefined) setAt(facts, stepsOf(entry).to, value);
  }
  return { ...(input.name === undefined ? {} : { name: input.name }), asOf: input.asOf, facts };
}

/** "a.county 110105 → a.city 110000": what the mapping did, for the trace. */
export function mappingLines(input: CaseInput, mapping: Mapping): string[] {
  const lines: string[] = [];
  for (const entry of mapping.facts) {
    if (!entry.division) continue;
    const source = valueAt(input.facts, stepsOf(entry).from);
    const value = mappedFrom(source, entry);
    if (value !== undefined) lines.push(`${entry.from} ${String(source)} → ${entry.to} ${String(value)}`);
  }
  return lines;
}
