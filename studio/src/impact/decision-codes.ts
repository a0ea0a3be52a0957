// A population's decisions under one set of rules, kept compactly: for every case and every
// decision field (never the trace), the number of its value in a table of that field's values.
// The working copy's values are looked up in the same tables, so comparing two rule sets is
// one number comparison a field; no documents are kept and few strings are made.
import type { DecidedFields } from '../../../engine/explain/decider.js';

const TRACE_FIELDS = new Set(['articles', 'interpretations', 'because']);

/** A value as compared: lists without regard to order (CASES.md §2), absent as ''. */
export function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => JSON.stringify(v)).sort());
  return JSON.stringify(value);
}

/** The decision fields of a regulation, as [decision, field] pairs in a fixed order. */
export function decisionFields(decisions: Record<string, { fields: Record<string, unknown> }>): Array<[string, string]> {
  return Object.entries(decisions).flatMap(([d, spec]) => Object.keys(spec.fields).filter((f) => !TRACE_FIELDS.has(f)).map((f): [string, string] => [d, f]));
}

/** The values one decision field takes over a population, numbered in the order first met. */
export class ValueTable {
  readonly values: string[] = [];
  private readonly byCanonical = new Map<string, number>();
  /** a value met before, by itself (a string, number, boolean…) or by its JSON text (a list, an object) */
  private readonly seen = new Map<unknown, number>();

  code(value: unknown): number {
    const key = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    const text = canonical(value);
    let code = this.byCanonical.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.byCanonical.set(text, code);
    }
    this.seen.set(key, code);
    return code;
  }
}

/** A field of a decision document, read as own properties only. */
export function fieldOf(doc: DecidedFields, decision: string, field: string): unknown {
  const decisions = doc.decisions as Record<string, Record<string, unknown> | undefined>;
  const d = Object.hasOwn(decisions, decision) ? decisions[decision] : undefined;
  return d && Object.hasOwn(d, field) ? d[field] : undefined;
}

export class DecisionCodes {
  readonly codes: Int32Array;
  readonly tables: ValueTable[];

  constructor(readonly fields: Array<[string, string]>, readonly size: number) {
    this.codes = new Int32Array(size * fields.length);
    this.tables = fields.map(() => new ValueTable());
  }

  /** Keeps the value of every field of case `i`'s document. */
  set(i: number, doc: DecidedFields): void {
    const base = i * this.fields.length;
    for (let f = 0; f < this.fields.length; f++) this.codes[base + f] = this.tables[f].code(fieldOf(doc, this.fields[f][0], this.fields[f][1]));
  }

  code(i: number, f: number): number {
    return this.codes[i * this.fields.length + f];
  }

  value(i: number, f: number): string {
    return this.tables[f].values[this.code(i, f)];
  }
}
