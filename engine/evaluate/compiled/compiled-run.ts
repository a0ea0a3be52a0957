// What one compiled run of one case keeps, in flat arrays indexed by numbers fixed when the
// rules were compiled: fact values, derived facts' arguments, parameters read, each rule's
// outcome and the values it gives, each decision field's value; and, when the trace is
// recorded, each condition's fact value, compared value and result. Cheap to fill; the
// readable trace is made from it only when asked (engine/explain/compiled-document.ts).
import type { CaseInput } from '../../model/case/case-input.js';
import type { ParameterValue } from '../../model/parameters.js';

/** A fact slot not yet worked out in this run. */
export const UNSET: unique symbol = Symbol('unset');

/** A decision field settled without a value (no rule gave one, no default). */
export const NO_VALUE: unique symbol = Symbol('no value');

export const FAILED = 1;
export const FIRED = 2;

export interface FieldValue { value: unknown; present: boolean }

export interface CompiledRun {
  input: CaseInput;
  asOf: string;
  facts: Record<string, unknown>;
  /** fact index → value (UNSET until worked out) */
  values: unknown[];
  /** derived index → the arguments it was worked out with (undefined: not worked out) */
  derivedArgs: Array<Record<string, unknown> | undefined>;
  /** parameter index → the value read */
  params: Array<ParameterValue | undefined>;
  /** rule index → FAILED or FIRED (undefined: not run) */
  fired: Array<number | undefined>;
  /** rule index → for a fired rule, the value of each of its `set`/`add` entries, in order */
  ruleValues: Array<unknown[] | undefined>;
  /** field index → its value once settled (undefined: not yet; NO_VALUE: settled without one) */
  fieldValues: unknown[];
  /** per distinct condition, at 3 × its slot: the fact value, the compared value and the outcome (undefined: not yet evaluated) */
  outcomes: unknown[];
  /** recorded only with the trace: at 3 × leaf index, the fact value, the compared value and the result (undefined: not evaluated) */
  trace?: unknown[];
}
