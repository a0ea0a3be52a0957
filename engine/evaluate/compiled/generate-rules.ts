// The rules' conditions and the run over them as JavaScript source, made at load and run with
// `new Function`, as ajv runs the checks it generates: straight-line code per rule instead of a
// closure per condition. The source holds no text from any file: only names the generator
// chooses (`k`, `run`, `c12`, …), numbers it makes itself (indexes into the run's arrays and
// into the constants array) and fixed syntax; every value the rules give — a fact's name, a
// path, a compared value, a list — stays data, in the constants array `k` the source is given
// as its argument. Nothing from YAML is ever evaluated: checkGeneratedSource refuses any
// source with a quote, a comment, an escape or a name outside that vocabulary, before it runs.
//
// The meaning is compile-condition.ts's, step for step (json-rules-engine's: priority sets,
// every condition of a set evaluated, the next set only while the outcome is open; without
// the trace, a set stops at its outcome and leaves out only what could not have thrown; a
// condition written alike in several rules worked out once per run).
import { operatorsByName, type OperatorEntry } from '../../core/operators.js';
import { isFactRef, readFactName } from '../../core/fact-names.js';
import { comparison, comparisonIsSafe, conditionKey, priorityOf } from './compile-condition.js';
import { almanacPath, type Read } from './fact-reader.js';
import type { CompiledRun } from './compiled-run.js';

/** How a derived fact is worked out (compiled-rules.ts derivedComputer, step for step). */
export interface DerivedPlan {
  /** its index in `run.derivedArgs` */
  index: number;
  /** its arguments' names and values as written, in the YAML's order */
  argNames: string[];
  argSpecs: unknown[];
  /** the function's declared arguments: optional or not, their type check, where in argNames (-1: not given) */
  declared: Array<{ optional: boolean; check: (v: unknown) => boolean; at: number; wrong: (v: unknown) => never }>;
  /** the function (one for every regulation: the engine's optimised code is shared) */
  fn: { compute: (given: Record<string, unknown>) => unknown };
  /** throws the evaluation error for a function that failed */
  failed: (e: unknown) => never;
}

/** How a fact is read, as the generator needs it (compiled-rules.ts provides it). */
export interface GeneratorFacts {
  /** the reader closure: reads the run's slot, works the fact out on first read */
  reader: (name: string) => Read;
  /** a derived fact's plan (undefined: not a derived fact, or one the closures work out) */
  derived: (name: string) => DerivedPlan | undefined;
  /** a value as written (not a fact) read in a run: compileValue's closure */
  value: (spec: unknown) => Read;
  /** a case fact's keys in the case (resolvePath's), or undefined for any other fact */
  caseKeys: (name: string) => string[] | undefined;
  /** the fact's slot in `run.values`, or undefined (asOf: read as `run.asOf`) */
  slot: (name: string) => number | undefined;
  /** whether reading the fact cannot throw: always, never (null), or once its slot is worked out */
  canRead: (name: string) => 'always' | null | number;
  /** a distinct condition's outcome slot (shared with the closures) */
  outcomeSlot: (condition: string) => number;
}

export interface GeneratorPlan {
  /** per rule: its condition tree, each `set`/`add` value's reader, the value when it is a literal, the value as written */
  rules: Array<{ when: unknown; givers: Read[]; fixedGivers: Array<{ value: unknown } | undefined>; specs: unknown[] }>;
  /** rule indices in the order they run */
  order: number[];
  unset: symbol;
  inProgress: symbol;
  fired: number;
  failed: number;
}

/** The run over the rules: fills `fired` and `ruleValues` of a run, or throws the run's first error. */
export type GeneratedRun = (run: CompiledRun) => void;

/** A skip: left out always, never (null), or when these fact slots are worked out. */
type SkipInfo = 'always' | null | number[];

function allOf(skips: SkipInfo[]): SkipInfo {
  if (skips.some((s) => s === null)) return null;
  const slots = [...new Set(skips.flatMap((s) => (s === 'always' ? [] : (s as number[]))))];
  return slots.length ? slots : 'always';
}

/** Names the generator writes, besides `c`/`g`/`r` followed by a number: checked in every source. */
const VOCABULARY: ReadonlySet<string> = new Set([
  'var', 'function', 'return', 'if', 'else', 'undefined', 'true', 'false', 'typeof', 'new', 'Array',
  'k', 'run', 'vs', 'o', 'r', 'a', 'b', 'v', 't', 'U', 'IP', 'f', 'rv', 'trace', 'values', 'outcomes', 'fired', 'ruleValues', 'asOf', 'has',
  'null', 'try', 'catch', 'e', 'x', 'g', 'derivedArgs', 'compute', 'facts', 'H', 'O',
]);

/**
 * Throws unless `source` is made only of the generator's own vocabulary: names above or a
 * letter and a number, unsigned integers, and punctuation — no quote, backtick, slash
 * (comment or pattern), backslash or dollar sign, so that no text can be in it.
 */
export function checkGeneratedSource(source: string): void {
  const bad = /[^A-Za-z0-9_\s;:,.(){}[\]=!&|?<>+\-*]/.exec(source);
  if (bad) throw new Error(`generated source holds a character outside its vocabulary at ${bad.index}`);
  for (const m of source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) {
    if (!VOCABULARY.has(m[0]) && !/^[acdegr][0-9]+$/.test(m[0])) throw new Error(`generated source holds a name outside its vocabulary at ${m.index}`);
  }
}

/**
 * Each source made into a function once: the rules under another reading (or another
 * regulation) whose source is the same text — only their constants differ — share the
 * function, and so the engine's optimised code for it, as closures share theirs.
 */
const made = new Map<string, (constants: unknown[]) => GeneratedRun>();
const KEEP_AT_MOST = 256;

/** The generated source and its constants, for the run and for the test that searches it. */
export interface Generated { source: string; constants: unknown[]; run: GeneratedRun }

export function generateRules(plan: GeneratorPlan, facts: GeneratorFacts): Generated {
  const constants: unknown[] = [plan.unset, plan.inProgress, Object.hasOwn];
  const constantIndex = new Map<unknown, number>();
  const k = (value: unknown): string => {
    let i = constantIndex.get(value);
    if (i === undefined) {
      i = constants.push(value) - 1;
      // NaN is never found again by a Map lookup of NaN's identity; a fresh slot is harmless
      constantIndex.set(value, i);
    }
    return `k[${i}]`;
  };
  const num = (n: number): string => {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error('generator index is not a natural number');
    return String(n);
  };
  const functions: string[] = [];
  let leaf = 0;
  let nodes = 0;
  const readers = new Map<string, string>();

  /** A fact's value: the run's slot when worked out, else its reader (which works it out or reports a cycle). */
  const readExpr = (name: string): string => {
    if (readFactName(name)?.kind === 'asOf') return 'run.asOf';
    const slot = facts.slot(name);
    let reader = readers.get(name);
    if (reader === undefined) readers.set(name, (reader = k(facts.reader(name))));
    if (slot === undefined) return `${reader}(run)`;
    const plan = facts.derived(name);
    const keys = facts.caseKeys(name);
    const compute = plan ? `${derivedFunction(name, slot, plan, reader)}(run)` : keys ? `${caseFunction(slot, keys)}(run)` : `${reader}(run)`;
    return `((v = vs[${num(slot)}]) === U || v === IP ? ${compute} : v)`;
  };
  /** A value as a derived fact's argument (compileValue with `fixed`): a fact read, else as written. */
  const argExpr = (spec: unknown): string => {
    if (isFactRef(spec)) return withPath(readExpr(spec.fact), spec.path);
    if (spec === null || typeof spec !== 'object') return k(spec);
    return `${k(facts.value(spec))}(run)`;
  };
  /** A case fact read in the source: its keys walked as resolvePath walks them (own properties only). */
  const caseFunctions = new Map<number, string>();
  function caseFunction(slot: number, keys: string[]): string {
    const known = caseFunctions.get(slot);
    if (known) return known;
    const fname = `e${num(slot)}`;
    caseFunctions.set(slot, fname);
    const walk = keys.map((key) => `  x = x !== null && typeof x === O && H(x, ${k(key)}) ? x[${k(key)}] : undefined;`);
    functions.push(`function ${fname}(run) {\n  var x = run.facts;\n${walk.join('\n')}\n  run.values[${num(slot)}] = x;\n  return x;\n}`);
    return fname;
  }
  const derivedFunctions = new Map<string, string>();
  /**
   * A derived fact worked out in the source (compiled-rules.ts derivedComputer, step for step):
   * its arguments read in the YAML's order, a missing required one leaves it without a value,
   * a wrong type is an error, the function's failure an error naming the fact.
   */
  function derivedFunction(name: string, slot: number, plan: DerivedPlan, reader: string): string {
    const known = derivedFunctions.get(name);
    if (known) return known;
    const fname = `d${num(slot)}`;
    derivedFunctions.set(name, fname);
    const args = plan.argSpecs.map((_, i) => `a${num(i)}`);
    const lines = [
      `  if (vs[${num(slot)}] === IP) return ${reader}(run);`,
      `  vs[${num(slot)}] = IP;`,
      ...plan.argSpecs.map((spec, i) => `  ${args[i]} = ${argExpr(spec)};`),
      '  g = {};',
      ...plan.argNames.map((argName, i) => `  g[${k(argName)}] = ${args[i]};`),
    ];
    const required = plan.declared.filter((a) => !a.optional);
    if (required.every((a) => a.at >= 0)) {
      const present = required.map((a) => `${args[a.at]} !== undefined && ${args[a.at]} !== null`);
      const checks = plan.declared.filter((a) => a.at >= 0)
        .map((a) => `    if (${args[a.at]} !== undefined && ${args[a.at]} !== null && !${k(a.check)}(${args[a.at]})) ${k(a.wrong)}(${args[a.at]});`);
      lines.push(`  if (${present.length ? present.join(' && ') : 'true'}) {`, ...checks,
        `    try { x = ${k(plan.fn)}.compute(g); } catch (e) { ${k(plan.failed)}(e); }`, '  }');
    }
    lines.push(`  run.derivedArgs[${num(plan.index)}] = g;`, `  vs[${num(slot)}] = x;`, '  return x;');
    const locals = ['vs = run.values', 'v', 'g', 'x', ...args].join(', ');
    functions.push(`function ${fname}(run) {
  var ${locals};
${lines.join('\n')}
}`);
    return fname;
  }
  const withPath = (expr: string, path: unknown): string => {
    const at = almanacPath(path);
    return at ? `${k(at)}(${expr})` : expr;
  };
  const skipExpr = (slots: number[]): string => slots.map((s) => `(v = vs[${num(s)}]) !== U && v !== IP`).join(' && ');

  interface Node { call: string; skip: SkipInfo }

  const leafNode = (n: Record<string, unknown>): Node => {
    const index = leaf++;
    const op = operatorsByName.get(n.operator as string) as OperatorEntry;
    const value = n.value;
    const rhsFact = value != null && typeof value === 'object' && Object.hasOwn(value, 'fact') ? (value as { fact: string; path?: unknown }) : undefined;
    const literal = rhsFact ? undefined : { value };
    const slot = 3 * facts.outcomeSlot(conditionKey(n, index));
    const reads: SkipInfo[] = [n.fact as string, ...(rhsFact ? [rhsFact.fact] : [])].map((name) => {
      const c = facts.canRead(name);
      return c === null || c === 'always' ? c : [c];
    });
    const skip = comparisonIsSafe(op, literal) ? allOf(reads) : null;
    const b = rhsFact ? withPath(readExpr(rhsFact.fact), rhsFact.path) : k(value);
    const a = withPath(readExpr(n.fact as string), n.path);
    let compare: string;
    if (literal && Array.isArray(value) && op.name === 'in') compare = `${k(new Set(value as unknown[]))}.has(a)`;
    else if (literal && Array.isArray(value) && op.name === 'notIn') compare = `!${k(new Set(value as unknown[]))}.has(a)`;
    else if (op.name === 'equal') compare = 'a === b';
    else if (op.name === 'notEqual') compare = 'a !== b';
    else compare = `${k(comparison(op, literal))}(a, b)`;
    const name = `c${num(index)}`;
    const [s0, s1, s2] = [num(slot), num(slot + 1), num(slot + 2)];
    const [t0, t1, t2] = [num(3 * index), num(3 * index + 1), num(3 * index + 2)];
    functions.push(`function ${name}(run) {
  var o = run.outcomes, r = o[${s2}], vs = run.values, v, a, b, t;
  if (r === undefined) {
    b = ${b};
    a = ${a};
    r = ${compare};
    o[${s0}] = a; o[${s1}] = b; o[${s2}] = r;
  }
  t = run.trace;
  if (t !== undefined) { t[${t0}] = o[${s0}]; t[${t1}] = o[${s1}]; t[${t2}] = r; }
  return r;
}`);
    return { call: `${name}(run)`, skip };
  };

  /** A condition left to evaluate once its set's outcome is known (compile-condition.ts evaluateRest). */
  const rest = (node: Node): string => {
    if (node.skip === null) return `${node.call};`;
    if (node.skip === 'always') return `if (run.trace !== undefined) ${node.call};`;
    return `if (run.trace !== undefined || !(${skipExpr(node.skip)})) ${node.call};`;
  };

  const groupNode = (children: unknown[], kind: 'all' | 'any'): Node => {
    if (children.length === 0) return { call: 'true', skip: 'always' };
    if (children.length === 1) return node(children[0]);
    const compiled = children.map((child) => ({ priority: priorityOf(child as Record<string, unknown>), ...node(child) }));
    const priorities = [...new Set(compiled.map((x) => x.priority))].sort((x, y) => y - x);
    const lines: string[] = [];
    for (const p of priorities) {
      const set = compiled.filter((x) => x.priority === p);
      set.forEach((c, i) => {
        const after = set.slice(i + 1).map(rest).join(' ');
        lines.push(kind === 'all'
          ? `  if (!${c.call}) { ${after} return false; }`
          : `  if (${c.call}) { ${after} return true; }`);
      });
    }
    const name = `g${num(nodes++)}`;
    functions.push(`function ${name}(run) {
  var vs = run.values, v;
${lines.join('\n')}
  return ${kind === 'all' ? 'true' : 'false'};
}`);
    return { call: `${name}(run)`, skip: allOf(compiled.map((x) => x.skip)) };
  };

  const node = (tree: unknown): Node => {
    const n = tree as Record<string, unknown>;
    if (Object.hasOwn(n, 'any')) return groupNode(n.any as unknown[], 'any');
    if (Object.hasOwn(n, 'all')) return groupNode(n.all as unknown[], 'all');
    if (Object.hasOwn(n, 'not')) {
      const inner = node(n.not);
      return { call: `!${inner.call}`, skip: inner.skip };
    }
    return leafNode(n);
  };

  // each rule's conditions, in rule order (leaves numbered as the closures number them)
  const tests = plan.rules.map((rule) => node(rule.when).call);
  const body: string[] = ['  var f = run.fired, rv = run.ruleValues, vs = run.values, v;'];
  for (const i of plan.order) {
    const rule = plan.rules[i];
    // a literal as it is; a fact read in the source as a condition reads it; a list or map by its reader (made anew each run)
    const values = rule.givers.map((giver, g) => {
      if (rule.fixedGivers[g]) return k(rule.fixedGivers[g]!.value);
      const spec = rule.specs[g];
      return isFactRef(spec) ? withPath(readExpr(spec.fact), spec.path ?? '') : `${k(giver)}(run)`;
    });
    body.push(`  if (${tests[i]}) { f[${num(i)}] = ${num(plan.fired)}; rv[${num(i)}] = [${values.join(', ')}]; } else f[${num(i)}] = ${num(plan.failed)};`);
  }
  const source = `var U = k[0], IP = k[1], H = k[2], O = typeof k;
${functions.join('\n')}
return function r0(run) {
${body.join('\n')}
};
`;
  let make = made.get(source);
  if (!make) {
    checkGeneratedSource(source);
    // the constants are the source's only argument; the source names nothing else
    make = new Function('k', source) as (constants: unknown[]) => GeneratedRun;
    if (made.size >= KEEP_AT_MOST) made.clear();
    made.set(source, make);
  }
  return { source, constants, run: make(constants) };
}
