// A parameter's value on a date: the latest entry that holds from on or before that date.
// Before the first entry, the first value is used and the trace says so (interpretation
// in-force-period: decisions outside the measures' period are worked out for review).
import type { ParameterSpec } from '../model.js';

export interface ParameterValue {
  name: string;
  value: unknown;
  from: string;
  beforeFirst: boolean;
}

export function parameterOn(spec: ParameterSpec, date: string): ParameterValue {
  let chosen = spec.values[0];
  for (const entry of spec.values) if (entry.from <= date) chosen = entry;
  return { name: spec.name, value: chosen.value, from: chosen.from, beforeFirst: date < spec.values[0].from };
}
