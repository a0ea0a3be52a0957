// A rule's `when:` as a closure, with json-rules-engine's meaning exactly (rule.js,
// condition.js, almanac.js of json-rules-engine 7): a group of one condition is that
// condition; an empty group holds (`any: []` too); otherwise its conditions are taken in
// sets by priority (a condition on a derived fact or a nested group: 1; any other fact: 10),
// highest first, every condition of a set evaluated, and the next set only while the
// outcome is open. A condition compares `value` (a fact when it names one, read first)
// with the fact's value at `path`; the operator's fact check comes first. Without the trace,
// a set stops at its outcome, leaving out only conditions that could not have thrown (Skip).
// Built from the condition tree, never from text.
import { operatorsByName, type OperatorEntry } from '../../core/operators.js';
import { EvaluationError } from '../../core/evaluation-error.js';
import { readFactName } from '../../core/fact-names.js';
import { withPath, type Read } from './fact-reader.js';
import type { CompiledRun } from './compiled-run.js';

export type Test = (run: CompiledRun) => boolean;

/**
 * Whether a condition may be left out of a run without the trace, at the moment it would be
 * evaluated, once the outcome of its set is known: when evaluating it could not throw (its
 * operator cannot fail and its facts are case facts, parameters, or derived facts and
 * decisions already worked out in this run). `null`: never; it is evaluated for the error it
 * may give, as json-rules-engine evaluates it.
 */
export type Skip = ((run: CompiledRun) => boolean) | null;

/** A condition that may always be left out. */
export const ALWAYS: (run: CompiledRun) => boolean = () => true;

export interface ConditionCompiler {
  readFact: (name: string) => Read;
  /** whether reading a fact cannot throw: always, never (`null`), or once a run has worked it out */
  canRead: (name: string) => Skip;
  /** the next leaf's index in the run's trace arrays */
  nextLeaf: () => number;
  /** the run's slot for a condition's outcome, shared by every condition written the same way */
  outcomeSlot: (condition: string) => number;
}

const DERIVED_PRIORITY = 1;
const FACT_PRIORITY = 10;
const GROUP_PRIORITY = 1;

function has(node: object, key: string): boolean {
  return Object.hasOwn(node, key);
}

/** The priority json-rules-engine gives a condition in its group. */
export function priorityOf(node: Record<string, unknown>): number {
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

/**
 * Operators whose check and comparison cannot throw, whatever the values (strict equality,
 * presence, date strings compared after isCalendarDate, `includes` on a value that is an
 * array): they need no guard. The number operators read their fact with parseFloat, which
 * can throw on an object, and `in`/`notIn` throw on a value that is not a list.
 */
const CANNOT_THROW: ReadonlySet<string> = new Set(['equal', 'notEqual', 'present', 'before', 'onOrBefore', 'after', 'onOrAfter', 'contains', 'doesNotContain', 'isEmpty']);

/**
 * The comparison of a leaf, the operator's fact check first: the operator's own functions,
 * or, where the meaning is the same, a quicker one (a fixed list held as a Set: `includes`
 * and `Set.has` both compare by SameValueZero).
 */
export function comparison(op: OperatorEntry, literal: { value: unknown } | undefined): (a: unknown, b: unknown) => boolean {
  const list = literal && Array.isArray(literal.value) ? new Set(literal.value as unknown[]) : undefined;
  if (list && op.name === 'in') return (a) => list.has(a);
  if (list && op.name === 'notIn') return (a) => !list.has(a);
  if (op.name === 'equal') return (a, b) => a === b;
  if (op.name === 'notEqual') return (a, b) => a !== b;
  const safe = CANNOT_THROW.has(op.name);
  const evaluate = safe ? op.evaluate : guarded(op.name, op.evaluate);
  if (!op.validFact) return evaluate;
  const validFact = safe ? op.validFact : guarded(op.name, op.validFact);
  return (a, b) => validFact(a, undefined) && evaluate(a, b);
}

interface Compiled { test: Test; skip: Skip }

/** Leaves out when every one of `skips` allows it. */
function allOf(skips: Skip[]): Skip {
  if (skips.some((x) => x === null)) return null;
  const checks = skips.filter((x) => x !== ALWAYS) as Array<(run: CompiledRun) => boolean>;
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0];
  return (run) => checks.every((check) => check(run));
}

/** Whether the comparison cannot throw: see CANNOT_THROW; `in`/`notIn` with a fixed list (or none). */
export function comparisonIsSafe(op: OperatorEntry, literal: { value: unknown } | undefined): boolean {
  if (CANNOT_THROW.has(op.name)) return true;
  return (op.name === 'in' || op.name === 'notIn') && literal !== undefined && (literal.value == null || Array.isArray(literal.value));
}

/** A value JSON writes as it is: null, a boolean, a finite number other than -0, a string, lists and plain maps of these. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return (proto === Object.prototype || proto === null) && Object.values(v).every(isPlainJson);
  }
  return false;
}

/**
 * What makes two conditions the same: fact, path, operator and value, written as JSON — for
 * values JSON writes faithfully; a condition with any other value (NaN, a date object, no
 * value at all) is its own.
 */
export function conditionKey(node: Record<string, unknown>, index: number): string {
  const parts = [node.fact, has(node, 'path') ? node.path : null, node.operator, has(node, 'value') ? node.value : null];
  return has(node, 'value') && parts.every(isPlainJson) ? JSON.stringify(parts) : `#${index}`;
}

function compileLeaf(node: Record<string, unknown>, c: ConditionCompiler): Compiled {
  const index = c.nextLeaf();
  const op = operatorsByName.get(node.operator as string) as OperatorEntry;
  const value = node.value;
  // almanac.getValue: an object with its own `fact` is a fact to read
  const rhs = value != null && typeof value === 'object' && has(value, 'fact')
    ? withPath(c.readFact((value as { fact: string }).fact), (value as { path?: unknown }).path)
    : undefined;
  const lhs = withPath(c.readFact(node.fact as string), node.path);
  const literal = rhs ? undefined : { value };
  const compare = comparison(op, literal);
  const reads = [c.canRead(node.fact as string), ...(rhs ? [c.canRead((value as { fact: string }).fact)] : [])];
  const skip = comparisonIsSafe(op, literal) ? allOf(reads) : null;
  const record = (run: CompiledRun, a: unknown, b: unknown, result: boolean): void => {
    const trace = run.trace!;
    trace[3 * index] = a;
    trace[3 * index + 1] = b;
    trace[3 * index + 2] = result;
  };
  // the same condition in another rule has the same outcome in this run (its facts are read
  // once per run): worked out once, recorded in the trace at each place it is written
  const slot = 3 * c.outcomeSlot(conditionKey(node, index));
  return {
    skip,
    test: (run) => {
      const known = run.outcomes;
      let result = known[slot + 2] as boolean | undefined;
      if (result === undefined) {
        const b = rhs ? rhs(run) : value;
        const a = lhs(run);
        result = compare(a, b);
        known[slot] = a;
        known[slot + 1] = b;
        known[slot + 2] = result;
      }
      if (run.trace) record(run, known[slot], known[slot + 1], result);
      return result;
    },
  };
}

/**
 * The conditions of a set after its outcome is known: with the trace, every one (their values
 * are in it); without, only those that could throw (their error is the run's).
 */
function evaluateRest(set: Compiled[], from: number, run: CompiledRun): void {
  for (let j = from; j < set.length; j++) {
    const skip = set[j].skip;
    if (run.trace || skip === null || (skip !== ALWAYS && !skip(run))) set[j].test(run);
  }
}

function compileGroup(children: unknown[], kind: 'all' | 'any', c: ConditionCompiler): Compiled {
  if (children.length === 0) return { test: () => true, skip: ALWAYS };
  if (children.length === 1) return compileNode(children[0], c);
  // compiled in document order (leaf indices follow the tree), then taken in priority sets
  const compiled = children.map((child) => ({ priority: priorityOf(child as Record<string, unknown>), ...compileNode(child, c) }));
  const priorities = [...new Set(compiled.map((x) => x.priority))].sort((a, b) => b - a);
  const sets = priorities.map((p) => compiled.filter((x) => x.priority === p));
  // a set's outcome is known at its first false (all) or true (any) condition; the others
  // are still evaluated where json-rules-engine's evaluating them could show (evaluateRest)
  const every = (set: Compiled[]): Test => (run) => {
    for (let i = 0; i < set.length; i++) {
      if (!set[i].test(run)) {
        evaluateRest(set, i + 1, run);
        return false;
      }
    }
    return true;
  };
  const some = (set: Compiled[]): Test => (run) => {
    for (let i = 0; i < set.length; i++) {
      if (set[i].test(run)) {
        evaluateRest(set, i + 1, run);
        return true;
      }
    }
    return false;
  };
  const bySet = sets.map(kind === 'all' ? every : some);
  const skip = allOf(compiled.map((x) => x.skip));
  if (bySet.length === 1) return { test: bySet[0], skip };
  if (kind === 'all') {
    return {
      skip,
      test: (run) => {
        for (let i = 0; i < bySet.length; i++) if (!bySet[i](run)) return false;
        return true;
      },
    };
  }
  return {
    skip,
    test: (run) => {
      for (let i = 0; i < bySet.length; i++) if (bySet[i](run)) return true;
      return false;
    },
  };
}

function compileNode(node: unknown, c: ConditionCompiler): Compiled {
  const n = node as Record<string, unknown>;
  if (has(n, 'any')) return compileGroup(n.any as unknown[], 'any', c);
  if (has(n, 'all')) return compileGroup(n.all as unknown[], 'all', c);
  if (has(n, 'not')) {
    const inner = compileNode(n.not, c);
    return { test: (run) => !inner.test(run), skip: inner.skip };
  }
  return compileLeaf(n, c);
}

/** A condition (group or leaf) of a rule whose shape has been checked (condition-shape.ts). */
export function compileCondition(node: unknown, c: ConditionCompiler): Test {
  return compileNode(node, c).test;
}

/**
 * The condition tree as json-rules-engine leaves it in a rule result, as far as the trace reads
 * it (explain-decision.ts): each leaf's fact, path, operator and value, and, when it was
 * evaluated, `factResult`, `valueResult` and `result`. Made only when a trace is read; leaves
 * are numbered in the same order as when compiled.
 */
export function resultTree(node: unknown, run: CompiledRun, next: () => number): unknown {
  const n = node as Record<string, unknown>;
  if (has(n, 'any')) return { any: (n.any as unknown[]).map((x) => resultTree(x, run, next)) };
  if (has(n, 'all')) return { all: (n.all as unknown[]).map((x) => resultTree(x, run, next)) };
  if (has(n, 'not')) return { not: resultTree(n.not, run, next) };
  const index = next();
  const trace = run.trace;
  const evaluated = trace !== undefined && trace[3 * index + 2] !== undefined;
  // every leaf of one shape, with what explain-decision.ts reads of it (the condition as
  // written, then its values when it was evaluated): quicker to make and to read than a
  // copy of each leaf as written
  return {
    fact: n.fact, path: n.path, operator: n.operator, value: n.value,
    factResult: evaluated ? trace[3 * index] : undefined,
    valueResult: evaluated ? trace[3 * index + 1] : undefined,
    result: evaluated ? trace[3 * index + 2] : undefined,
  };
}
