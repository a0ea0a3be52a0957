// What one compiled run of one case keeps, in flat arrays indexed by numbers fixed when the
// rules were compiled: fact values, derived facts' arguments, parameters read, each rule's
// outcome and the values it gives, each decision field's value; and, when the trace is
// recorded, each condition's fact value, compared value and result. Cheap to fill; the
// readable trace is made from it only when asked (engine/explain/compiled-document.ts).
import type { CaseInput } from '../../model/case/case-input.js';
import type { ParameterValue } from '../../model/parameters.js';

/** A fact slot not yet worked out in this run. */
export const UNSET: unique symbol = Symbol('unset');

export const NOT_RUN = 0;
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
  /** rule index → NOT_RUN, FAILED or FIRED */
  fired: Uint8Array;
  /** rule index → for a fired rule, the value of each of its `set`/`add` entries, in order */
  ruleValues: Array<unknown[] | undefined>;
  /** field index → its value, once settled */
  fieldValues: Array<FieldValue | undefined>;
  /** recorded only with the trace: leaf index → fact value, compared value, result (-1: not evaluated) */
  trace?: { fact: unknown[]; value: unknown[]; result: Int8Array };
}
