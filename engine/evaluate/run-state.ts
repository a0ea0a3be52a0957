// What one evaluation of one case keeps: the case, the derived facts worked out, and each
// rule's result, from which decisions and their reasons are made; and the first error met,
// kept here rather than thrown inside json-rules-engine (whose run goes on in the
// background after rejecting).
import type { RuleResult } from 'json-rules-engine';
import type { ParameterValue } from '../model/parameters.js';

export interface DerivedRecord {
  name: string;
  function: string;
  args: Record<string, unknown>;
  value: unknown;
}

export interface RuleRecord {
  id: string;
  fired: boolean;
  result: RuleResult;
  /** target field → value this rule gives it (for fired rules) */
  values: Record<string, unknown>;
}

export interface RunState {
  asOf: string;
  facts: Record<string, unknown>;
  derived: Map<string, DerivedRecord>;
  params: Map<string, ParameterValue>;
  rules: Map<string, RuleRecord>;
  fieldValues: Map<string, { value: unknown; present: boolean }>;
  /** the first error of this run; once set, the run only winds down */
  failed?: { error: unknown };
}

export function newRunState(asOf: string, facts: Record<string, unknown>): RunState {
  return { asOf, facts, derived: new Map(), params: new Map(), rules: new Map(), fieldValues: new Map() };
}

/** Keeps the first error of a run. */
export function recordFailure(state: RunState, error: unknown): void {
  state.failed ??= { error };
}
