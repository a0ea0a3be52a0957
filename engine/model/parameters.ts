// A parameter's value on a date: the latest entry that holds from on or before that date.
// Before the first entry, the first value is used and the trace says so (interpretation
// in-force-period: decisions outside the measures' period are worked out for review).
// A place-keyed parameter (`readIn`, `places`) is read for a place: the most specific place
// with a value on that date (engine/model/place-values.ts), else the value everywhere.
import type { ParameterSpec } from './model.js';
import { EvaluationError } from '../core/evaluation-error.js';
import { placeEntryOn } from './place-values.js';

export interface ParameterValue {
  name: string;
  value: unknown;
  from: string;
  beforeFirst: boolean;
  /** the place whose value this is (a parameter keyed by place); absent: the value everywhere */
  place?: string;
}

export function parameterOn(spec: ParameterSpec, date: string, place?: string): ParameterValue {
  const local = placeEntryOn(spec.places, place, date);
  if (local) {
    const chosen = local.place.values[local.entry];
    return { name: spec.name, value: chosen.value, from: chosen.from, beforeFirst: false, place: local.place.code };
  }
  const first = spec.values[0];
  if (!first) throw new EvaluationError('param.noValue', `参数 ${spec.name} 没有任何取值`);
  let chosen = first;
  for (const entry of spec.values) if (entry.from <= date) chosen = entry;
  return { name: spec.name, value: chosen.value, from: chosen.from, beforeFirst: date < first.from };
}
