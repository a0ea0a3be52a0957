// A case of this project read in a superior instrument's vocabulary, as its mapping file says:
// each `from` fact copied to its `to` (a division code cut to its city's where the mapping
// says so). Facts the mapping does not name are left behind: the superior's rules cannot
// read them. The date and the name stay; this project's readings do not carry over.
import type { CaseInput } from '../../model/case/case-input.js';
import type { FactMapping, Mapping } from './instrument-model.js';

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function valueAt(facts: Obj, path: string): unknown {
  let node: unknown = facts;
  for (const key of path.split('.')) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

function setAt(facts: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = facts;
  for (const key of keys.slice(0, -1)) {
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
  const value = valueAt(facts, entry.from);
  if (value === undefined) return undefined;
  if (entry.division) return typeof value === 'string' && /^\d{6}$/.test(value) ? divisionOf(value, entry.division) : undefined;
  return structuredClone(value);
}

export function mapCase(input: CaseInput, mapping: Mapping): CaseInput {
  const facts: Obj = {};
  for (const entry of mapping.facts) {
    const value = mappedValue(input.facts, entry);
    if (value !== undefined) setAt(facts, entry.to, value);
  }
  return { ...(input.name === undefined ? {} : { name: input.name }), asOf: input.asOf, facts };
}

/** "a.county 110105 → a.city 110000": what the mapping did, for the trace. */
export function mappingLines(input: CaseInput, mapping: Mapping): string[] {
  return mapping.facts.flatMap((entry) => {
    const value = mappedValue(input.facts, entry);
    if (value === undefined || !entry.division) return [];
    return [`${entry.from} ${String(valueAt(input.facts, entry.from))} → ${entry.to} ${String(value)}`];
  });
}
