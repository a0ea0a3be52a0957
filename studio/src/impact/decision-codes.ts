// A population's decisions under one set of rules, kept compactly: for every case and every
// decision field (never the trace), the index of its value in a table of that field's values.
// Comparing two rule sets is then one string comparison a field, no documents kept.
import type { DecisionDocument } from '../../../engine/explain/decider.js';
import { own } from '../../../engine/core/own.js';

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

export class DecisionCodes {
  readonly codes: Int32Array;
  private readonly tables: Array<{ index: Map<string, number>; values: string[] }>;

  constructor(readonly fields: Array<[string, string]>, readonly size: number) {
    this.codes = new Int32Array(size * fields.length);
    this.tables = fields.map(() => ({ index: new Map(), values: [] }));
  }

  /** The canonical value of every field of a document. */
  static valuesOf(fields: Array<[string, string]>, doc: DecisionDocument): string[] {
    return fields.map(([d, f]) => canonical(own(own(doc.decisions, d) as Record<string, unknown> | undefined, f)));
  }

  set(i: number, values: string[]): void {
    const base = i * this.fields.length;
    values.forEach((v, f) => {
      const table = this.tables[f];
      let code = table.index.get(v);
      if (code === undefined) {
        code = table.values.length;
        table.values.push(v);
        table.index.set(v, code);
      }
      this.codes[base + f] = code;
    });
  }

  value(i: number, f: number): string {
    return this.tables[f].values[this.codes[i * this.fields.length + f]];
  }
}
