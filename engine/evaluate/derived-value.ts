// Working out a derived fact for one run: its arguments (literals or other facts), checked
// against the function's declared types, then the function itself. Every failure is an
// EvaluationError naming the derived fact.
import type { Almanac } from 'json-rules-engine';
import type { Regulation } from '../model/model.js';
import { derivedFunctions } from '../core/derived/registry.js';
import type { ArgType } from '../core/derived/function.js';
import { isCalendarDate } from '../core/dates/calendar-date.js';
import { isFactRef } from '../core/fact-names.js';
import { EvaluationError } from '../core/evaluation-error.js';
import type { RunState } from './run-state.js';
import { own } from '../core/own.js';

/** How a derived function's argument of each declared type is checked (both evaluation paths). */
export const TYPE_CHECKS: Record<ArgType, (v: unknown) => boolean> = {
  date: isCalendarDate,
  integer: Number.isInteger,
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  list: Array.isArray,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  any: () => true,
};

export async function derivedValue(regulation: Regulation, name: string, state: RunState, almanac: Almanac): Promise<unknown> {
  const spec = own(regulation.derived, name);
  if (!spec) throw new EvaluationError('ref.unknownDerived', `派生事实 ${name} 未定义`);
  const fn = derivedFunctions.get(spec.function);
  if (!fn) throw new EvaluationError('ref.unknownFunction', `派生事实 ${name}（${spec.label}）使用未知的函数 ${spec.function}`);
  const entries: Array<[string, unknown]> = [];
  for (const [arg, value] of Object.entries(spec.args ?? {})) entries.push([arg, await resolveValue(value, almanac)]);
  const args: Record<string, unknown> = Object.fromEntries(entries);
  let value: unknown;
  const given = (arg: string): unknown => own(args, arg);
  const missing = Object.entries(fn.args).some(([arg, a]) => !a.optional && (given(arg) === undefined || given(arg) === null));
  if (!missing) {
    for (const [arg, a] of Object.entries(fn.args)) {
      const v = given(arg);
      if (v === undefined || v === null) continue;
      if (!TYPE_CHECKS[a.type](v)) {
        throw new EvaluationError('derived.argumentType', `派生事实 ${name}（${spec.label}）的参数 ${arg} 应为 ${a.type}，实为 ${JSON.stringify(v)}`);
      }
    }
    try {
      value = fn.compute(args);
    } catch (e) {
      throw new EvaluationError((e as { code?: string }).code ?? 'derived.failed', `无法计算${spec.label}（derived.${name}）：${(e as Error).message}`);
    }
  }
  state.derived.set(name, { name, function: spec.function, args, value });
  return value;
}

/** A value in YAML with every fact reference in it replaced by the fact's value. */
export async function resolveValue(spec: unknown, almanac: Almanac): Promise<unknown> {
  if (isFactRef(spec)) return almanac.factValue(spec.fact, {}, spec.path ?? '');
  if (Array.isArray(spec)) return Promise.all(spec.map((s) => resolveValue(s, almanac)));
  if (spec && typeof spec === 'object') {
    const entries = await Promise.all(Object.entries(spec).map(async ([k, v]) => [k, await resolveValue(v, almanac)] as const));
    return Object.fromEntries(entries);
  }
  return spec;
}
