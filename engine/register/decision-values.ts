// What a decision decided, without what it rests on and why (its articles, interpretations and
// `because`, the trace): what replay compares, and what the register keeps apart from the
// whole document so a replay reads a few hundred bytes per record, not the trace's hundred kB.
import type { DecisionDocument } from '../explain/decider.js';

/** The fields of a decision that are not decision values. */
export const NOT_VALUES = new Set(['articles', 'interpretations', 'because']);

export function decisionValues(decisions: DecisionDocument['decisions'] | undefined): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, fields] of Object.entries(decisions ?? {})) {
    out[name] = Object.fromEntries(Object.entries((fields ?? {}) as Record<string, unknown>).filter(([field]) => !NOT_VALUES.has(field)));
  }
  return out;
}
