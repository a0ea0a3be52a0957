// A derived-fact function: a named, typed computation that rules use by name. Which facts
// and parameters it takes is said in YAML (`derived:` in an article file), never here.
export type ArgType = 'date' | 'integer' | 'number' | 'string' | 'boolean' | 'list' | 'object' | 'any';

export interface ArgSpec {
  type: ArgType;
  optional?: boolean;
  label: string;
}

export interface DerivedFunction {
  name: string;
  label: string;
  args: Record<string, ArgSpec>;
  returns: ArgType;
  /** for `returns: object`: the fields of the result, so that `path:` into it has a type */
  returnsFields?: Record<string, { type: ArgType; values?: string[]; items?: ArgType }>;
  /** the result is one of the items of this (list) argument: its type is theirs */
  returnsItemOf?: string;
  /** Called only when every required argument is present; optional ones may be undefined. */
  compute(args: Record<string, any>): unknown;
}

export function defineFunction(fn: DerivedFunction): DerivedFunction {
  return fn;
}
