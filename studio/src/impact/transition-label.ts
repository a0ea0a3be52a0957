// A transition's values as shown: the canonical strings of decision-codes.ts read back.
import type { Transition } from './impact-types.js';

/** a date, whichever (decisions' dates are counted together) */
export const A_DATE = '#date';

/** A canonical value (decision-codes.ts) as the raw value it stands for. */
export function rawValue(canonical: string): unknown {
  if (canonical === '') return undefined;
  if (canonical === A_DATE) return A_DATE;
  const v: unknown = JSON.parse(canonical);
  return Array.isArray(v) ? v.map((x) => JSON.parse(String(x))) : v;
}

/** `field：before → after`, the field and the values as `name` and `show` write them. */
export function transitionLabel(t: Transition, name: (decision: string, field: string) => string, show: (v: unknown) => string): string {
  return `${name(t.decision, t.field)}：${show(rawValue(t.before))} → ${show(rawValue(t.after))}`;
}
