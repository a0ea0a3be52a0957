// A rule's `when:` as a closure, with json-rules-engine's meaning exactly (rule.js,
// condition.js, almanac.js of json-rules-engine 7): a group of one condition is that
// condition; an empty group holds (`any: []` too); otherwise its conditions are taken in
// sets by priority (a condition on a derived fact or a nested group: 1; any other fact: 10),
// highest first, every condition of a set evaluated, and the next set only while the
// outcome is open. A condition compares `value` (a fact when it names one, read first)
// with the fact's value at `path`; the operator's fact check comes first. Built from the
// condition tree, never from text.
import { operatorsByName, type OperatorEntry } from '../../core/operators.js';
import { EvaluationError } from '../../core/evaluation-error.js';
import { readFactName } from '../../core/fact-names.js';
import { withPath, type Read } from './fact-reader.js';
import type { CompiledRun } from './compiled-run.js';

export type Test = (run: CompiledRun) => boolean;

export interface ConditionCompiler {
  readFact: (name: string) => Read;
  /** the next leaf's index in the run's trace arrays */
  nextLeaf: () => number;
}

const DERIVED_PRIORITY = 1;
const FACT_PRIORITY = 10;
const GROUP_PRIORITY = 1;

function has(node: object, key: string): boolean {
  return Object.hasOwn(node, key);
}

/** The priority json-rules-engine gives a condition in its group. */
function priorityOf(node: Record<string, unknown>): number {
  if (has(node, 'any') || has(node, 'all') || has(node, 'not')) return GROUP_PRIORITY;
  return typeof node.fact === 'string' && readFactName(node.fact)?.kind === 'derived' ? DERIVED_PRIORITY : FACT_PRIORITY;
}

/** An operator that fails is an evaluation error of the case (operators.ts engineOperators). */
function guarded(name: string, fn: (a: unknown, b: unknown) => boolean): (a: unknown, b: unknown) => boolean {
  return (a, b) => {
    try {
      return fn(a, b);
    } catch (e) {
      throw e instanceof EvaluationError ? e : new EvaluationError('operator.failed', `运算符 ${name} 无法比较：${(e as Error).message}`);
    }
  };
}

function compileLeaf(node: Record<string, unknown>, c: ConditionCompiler): Test {
  const index = c.nextLeaf();
  const op = operatorsByName.get(node.operator as string) as OperatorEntry;
  const evaluate = guarded(op.name, op.evaluate);
  const validFact = op.validFact ? guarded(op.name, op.validFact) : undefined;
  const value = node.value;
  // almanac.getValue: an object with its own `fact` is a fact to read
  const rhs = value != null && typeof value === 'object' && has(value, 'fact')
    ? withPath(c.readFact((value as { fact: string }).fact), (value as { path?: unknown }).path)
    : undefined;
  const lhs = withPath(c.readFact(node.fact as string), node.path);
  return (run) => {
    const b = rhs ? rhs(run) : value;
    const a = lhs(run);
    const result = (validFact ? validFact(a, undefined) : true) && evaluate(a, b);
    const trace = run.trace;
    if (trace) {
      trace.fact[index] = a;
      trace.value[index] = b;
      trace.result[index] = result ? 1 : 0;
    }
    return result;
  };
}

function compileGroup(children: unknown[], kind: 'all' | 'any', c: ConditionCompiler): Test {
  if (children.length === 0) return () => true;
  if (children.length === 1) return compileCondition(children[0], c);
  // compiled in document order (leaf indices follow the tree), then taken in priority sets
  const compiled = children.map((child) => ({ priority: priorityOf(child as Record<string, unknown>), test: compileCondition(child, c) }));
  const priorities = [...new Set(compiled.map((x) => x.priority))].sort((a, b) => b - a);
  const sets = priorities.map((p) => compiled.filter((x) => x.priority === p).map((x) => x.test));
  if (kind === 'all') {
    return (run) => {
      for (const set of sets) {
        let holds = true;
        for (const test of set) if (!test(run)) holds = false;
        if (!holds) return false;
      }
      return true;
    };
  }
  return (run) => {
    for (const set of sets) {
      let holds = false;
      for (const test of set) if (test(run)) holds = true;
      if (holds) return true;
    }
    return false;
  };
}

/** A condition (group or leaf) of a rule whose shape has been checked (condition-shape.ts). */
export function compileCondition(node: unknown, c: ConditionCompiler): Test {
  const n = node as Record<string, unknown>;
  if (has(n, 'any')) return compileGroup(n.any as unknown[], 'any', c);
  if (has(n, 'all')) return compileGroup(n.all as unknown[], 'all', c);
  if (has(n, 'not')) {
    const inner = compileCondition(n.not, c);
    return (run) => !inner(run);
  }
  return compileLeaf(n, c);
}

/**
 * The condition tree as json-rules-engine leaves it in a rule result: each evaluated
 * condition with `factResult`, `valueResult` and `result`, the others as written. Made only
 * when a trace is read; leaves are numbered in the same order as when compiled.
 */
export function resultTree(node: unknown, run: CompiledRun, next: () => number): unknown {
  const n = node as Record<string, unknown>;
  if (has(n, 'any')) return { any: (n.any as unknown[]).map((x) => resultTree(x, run, next)) };
  if (has(n, 'all')) return { all: (n.all as unknown[]).map((x) => resultTree(x, run, next)) };
  if (has(n, 'not')) return { not: resultTree(n.not, run, next) };
  const index = next();
  const out: Record<string, unknown> = { ...n };
  const trace = run.trace;
  if (trace && trace.result[index] >= 0) {
    out.factResult = trace.fact[index];
    out.valueResult = trace.value[index];
    out.result = trace.result[index] === 1;
  }
  return out;
}
