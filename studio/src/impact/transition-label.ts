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

export function transitionLabel(t: Transition, show: (v: unknown) => string): string {
  return `${t.decision}.${t.field}：${show(rawValue(t.before))} → ${show(rawValue(t.after))}`;
}
