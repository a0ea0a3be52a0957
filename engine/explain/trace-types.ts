// The trace of a decision (`because`), as every consumer reads it — the CLI's `test`, the
// explanation, the studio's trace page and regression panel. Types only: explain-decision.ts
// builds these, nothing here runs.

/** One condition of a rule, evaluated: the fact's value, the operator, what it was compared with. */
export interface ConditionTrace {
  fact: string;
  label: string;
  path?: string;
  /** the fact's value; for `present` on a list or map (a section of the case), `true`: the section is in the case */
  value: unknown;
  operator: string;
  expected: unknown;
  expectedFrom?: string;
  result: boolean | null;
  text: string;
}

export type ConditionNode = { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | ConditionTrace;

/** A parameter's table as a derived fact's argument: which parameter, and the value it had (from when, for which place). */
export interface TableRef {
  parameter: string;
  from: string;
  place?: string;
}

export interface DerivedTrace {
  name: string;
  label: string;
  function: string;
  /** each argument's value; one named in `tables` is a TableRef to the parameter's table, not the table */
  args: Record<string, unknown>;
  /** the arguments that are a parameter's table, given by reference (TableRef) */
  tables?: string[];
  /** an argument that is a parameter read for a place → whose value it is (“（330106 西湖区的值）”) */
  places?: Record<string, string>;
  value: unknown;
  text: string;
}

export interface RuleTrace {
  rule: string;
  name: string;
  result: 'fired' | 'failed' | 'overridden';
  articles: string[];
  interpretations: string[];
  sets?: Record<string, unknown>;
  overriddenBy?: string[];
  /** each field an exception sets aside → the exceptions (the rule's other fields still apply) */
  setAside?: Record<string, string[]>;
  conditions: ConditionNode;
  derived: DerivedTrace[];
  text: string;
}

export interface DefaultTrace {
  field: string;
  default: unknown;
  text: string;
}


/** One step of `because`: a rule that could set a field of the decision, or a field that took its default. */
export type Because = RuleTrace | DefaultTrace;

export function isRuleTrace(step: Because): step is RuleTrace {
  return Object.hasOwn(step, 'rule');
}

/** The condition nodes that group others (all / any / not), told from a single condition. */
export function conditionChildren(node: ConditionNode): { kind: 'all' | 'any' | 'not'; children: ConditionNode[] } | undefined {
  if ('all' in node) return { kind: 'all', children: node.all };
  if ('any' in node) return { kind: 'any', children: node.any };
  if ('not' in node) return { kind: 'not', children: [node.not] };
  return undefined;
}
