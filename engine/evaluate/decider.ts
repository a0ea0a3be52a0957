// Evaluates cases: runs the rules and returns the run record (every rule's result, every
// fact and field value); explain/ turns a run record into a decision document. Each case
// runs on a json-rules-engine Engine of its own, built for it, so that nothing of one
// case (engine status, almanac, events, facts) can reach another. No fact, operator or
// event handler ever throws inside the engine: the first error is kept in the run's
// state, the run winds down, and the error is thrown once the engine has finished
// (json-rules-engine rejects on the first error but goes on in the background).
// Decisions that read other decisions run after them (field-order.ts); where a rule names
// others it overrides, the exception wins (Catala-style).
import { Engine, Rule, type Almanac, type RuleProperties, type RuleResult } from 'json-rules-engine';
import type { DecisionSpec, PlaceOfReading, Regulation, RuleSpec } from '../model/model.js';
import { engineOperators, operatorsByName } from '../core/operators.js';
import { factNamesOf, fieldOrder, targetsOf, type FieldOrder } from '../model/field-order.js';
import { conditionLeaves, factRefsIn, readFactName, resolvePath } from '../core/fact-names.js';
import { conditionShapeProblems } from '../core/condition-shape.js';
import { parameterOn } from '../model/parameters.js';
import { currentPlace } from '../model/place-values.js';
import { newRunState, recordFailure, type RunState } from './run-state.js';
import { EvaluationError } from '../core/evaluation-error.js';
import { derivedValue, resolveValue } from './derived-value.js';
import { own } from '../core/own.js';
import { derivedClosure } from '../model/derived-closure.js';
import type { CaseInput } from '../model/case/case-input.js';
import { CompiledRules, type CompileOptions } from './compiled/compiled-rules.js';
import type { CompiledRun } from './compiled/compiled-run.js';

export { EvaluationError } from '../core/evaluation-error.js';

export type { CaseInput } from '../model/case/case-input.js';

/** One case run through the rules: the state every rule left, and each decision's field values. */
export interface RunRecord {
  input: CaseInput;
  state: RunState;
  /** per decision, the fields that have a value (set by a rule or a default) */
  fields: Record<string, Record<string, unknown>>;
}

/**
 * How rules are run: `compiled` (the default) runs them as closures compiled at load
 * (compiled/); `jre` on json-rules-engine, the reference the compiled path is tested against.
 */
export type EngineChoice = 'compiled' | 'jre';

export class Evaluator {
  readonly order: FieldOrder;
  readonly rulesById: Map<string, RuleSpec>;
  readonly settersByField: Map<string, RuleSpec[]>;
  /** per rule, worked out once: the fields it sets and the derived facts it uses (dependencies first) */
  readonly ruleTargets: Map<string, string[]>;
  readonly ruleDerived: Map<string, string[]>;
  readonly rulesByDecision: Map<string, RuleSpec[]>;
  /** every fact the rules and derived facts name, with the priority json-rules-engine gives it */
  private readonly facts: Array<{ name: string; priority: number }>;
  private readonly rules: RuleProperties[];
  /** why these rules cannot run at all (a regulation loaded with problems) */
  private readonly unrunnable?: EvaluationError;
  private queue: Promise<unknown> = Promise.resolve();
  /** the rules compiled (engine `compiled`, rules runnable) */
  readonly compiled?: CompiledRules;

  constructor(readonly regulation: Regulation, readonly engine: EngineChoice = 'compiled', readonly compileOptions: CompileOptions = {}) {
    this.order = fieldOrder(regulation);
    this.rulesById = new Map(regulation.rules.map((r) => [r.id, r]));
    this.settersByField = new Map();
    for (const r of regulation.rules) for (const t of targetsOf(r)) this.settersByField.set(t, [...(this.settersByField.get(t) ?? []), r]);

    this.ruleTargets = new Map(regulation.rules.map((r) => [r.id, targetsOf(r)]));
    this.ruleDerived = new Map(regulation.rules.map((r) => [r.id, derivedClosure(regulation, factNamesOf(r))]));
    this.rulesByDecision = new Map(Object.keys(regulation.decisions).map((d) => [d, regulation.rules.filter((r) => this.ruleTargets.get(r.id)!.some((t) => t.startsWith(`${d}.`)))]));

    // Cheap facts first, so that a rule stops before working out a derived fact it does not need.
    this.facts = [...this.referencedFacts()].map((name) => ({ name, priority: readFactName(name)?.kind === 'derived' ? 1 : 10 }));
    this.rules = regulation.rules.map((rule) => ({
      name: rule.id,
      priority: this.order.priority.get(rule.id) ?? 1,
      conditions: rule.when as any,
      event: { type: 'rule', params: { rule: rule.id } },
    }));
    this.unrunnable = this.whyUnrunnable();
    if (engine === 'compiled' && !this.unrunnable) this.compiled = new CompiledRules(regulation, this.order, compileOptions);
  }

  /** Run one case. Cases run one after another, each on an engine of its own (or, compiled, on arrays of its own). */
  evaluate(input: CaseInput): Promise<RunRecord> {
    if (this.engine === 'compiled') {
      return new Promise((resolve) => {
        const run = this.runCompiled(input, true);
        resolve({ input, state: this.compiled!.stateOf(run), fields: this.compiled!.fieldsOf(run) });
      });
    }
    return this.enqueue(() => this.run(input, newRunState(input.asOf, input.facts ?? {})));
  }

  /** Run one case on the compiled rules, at once; `trace` records what `because` is made from. Throws the run's first error. */
  runCompiled(input: CaseInput, trace: boolean): CompiledRun {
    if (this.unrunnable) throw this.unrunnable;
    if (!this.compiled) throw new EvaluationError('rule.invalid', '规则未编译（engine: jre）');
    return this.compiled.run(input, trace);
  }

  /** Every fact the rules name, with the value it had in a run. */
  factsUsed(state: RunState): Record<string, unknown> {
    const facts: Array<[string, unknown]> = [];
    for (const name of this.referencedFacts()) {
      const f = readFactName(name);
      if (f?.kind === 'asOf') facts.push([name, state.asOf]);
      else if (f?.kind === 'case') facts.push([name, resolvePath(state.facts, f.path.join('.'))]);
      else if (f?.kind === 'param') facts.push([name, state.params.get(f.name)?.value]);
      else if (f?.kind === 'derived') facts.push([name, state.derived.get(f.name)?.value]);
      else if (f?.kind === 'decision') facts.push([name, state.fieldValues.get(`${f.decision}.${f.field}`)?.value]);
    }
    return Object.fromEntries(facts);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(input: CaseInput, state: RunState): Promise<RunRecord> {
    if (this.unrunnable) throw this.unrunnable;
    try {
      await this.engineFor(state).run();
    } catch (e) {
      // not expected (nothing of ours throws inside the engine); the engine was this run's alone
      recordFailure(state, e);
    }
    if (state.failed) throw state.failed.error;
    const fields = Object.values(this.regulation.decisions).map((spec) => [spec.name, this.fieldsOf(spec, state)] as const);
    return { input, state, fields: Object.fromEntries(fields) };
  }

  /** An engine for one run: its facts, operators and handlers all work on that run's state. */
  private engineFor(state: RunState): Engine {
    const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    const fail = (e: unknown): void => {
      recordFailure(state, e);
      engine.stop(); // the rules not yet started are skipped
    };
    const guarded = async <T>(work: () => Promise<T> | T): Promise<T | undefined> => {
      if (state.failed) return undefined;
      try {
        return await work();
      } catch (e) {
        fail(e);
        return undefined;
      }
    };
    for (const op of engineOperators(fail)) engine.addOperator(op);
    for (const { name, priority } of this.facts) {
      engine.addFact(name, (_params, almanac) => guarded(() => this.factValue(name, state, almanac)), { cache: true, priority });
    }
    for (const rule of this.rules) engine.addRule(rule);
    engine.on('success', (event, almanac, result) => guarded(() => this.record(String(event.params?.rule), true, state, almanac, result)));
    engine.on('failure', (event, almanac, result) => guarded(() => this.record(String(event.params?.rule), false, state, almanac, result)));
    return engine;
  }

  /** Rules json-rules-engine cannot take or would throw on: refused before any case runs. */
  private whyUnrunnable(): EvaluationError | undefined {
    for (const rule of this.regulation.rules) {
      const where = `${rule.file}:${rule.location.line}:${rule.location.column}`;
      const shape = conditionShapeProblems(rule.when);
      if (shape.length) return new EvaluationError('rule.invalid', `规则 ${rule.id} 的条件无效：${shape[0].message}（${where}）`);
      const unknown = conditionLeaves(rule.when).find((leaf) => !operatorsByName.has(leaf.operator));
      if (unknown) return new EvaluationError('rule.invalid', `规则 ${rule.id} 使用未知的运算符 ${unknown.operator}（${where}）`);
    }
    try {
      for (const rule of this.rules) new Rule(rule);
    } catch (e) {
      return new EvaluationError('rule.invalid', `规则无法执行：${(e as Error).message}`);
    }
    return undefined;
  }

  private fieldsOf(spec: DecisionSpec, state: RunState): Record<string, unknown> {
    const values: Array<[string, unknown]> = [];
    for (const field of Object.keys(spec.fields)) {
      const v = this.fieldValue(spec.name, field, state);
      if (v.present) values.push([field, v.value]);
    }
    return Object.fromEntries(values);
  }

  private referencedFacts(): Set<string> {
    const names = new Set<string>(['asOf']);
    for (const r of this.regulation.rules) for (const f of factNamesOf(r)) names.add(f);
    for (const d of Object.values(this.regulation.derived)) {
      names.add(`derived.${d.name}`);
      for (const ref of factRefsIn(d.args)) names.add(ref.fact);
    }
    return names;
  }

  private async record(ruleId: string, fired: boolean, state: RunState, almanac: Almanac, result: RuleResult): Promise<void> {
    const rule = this.rulesById.get(ruleId);
    if (!rule) throw new EvaluationError('rule.unknown', `未知的规则 ${ruleId}`);
    const values: Array<[string, unknown]> = [];
    if (fired) {
      for (const [target, spec] of [...Object.entries(rule.set), ...Object.entries(rule.add)]) {
        values.push([target, await resolveValue(spec, almanac)]);
      }
    }
    state.rules.set(ruleId, { id: ruleId, fired, result, values: Object.fromEntries(values) });
  }

  /** The value of a decision field, once every rule that sets it has run. */
  fieldValue(decision: string, field: string, state: RunState): { value: unknown; present: boolean } {
    const key = `${decision}.${field}`;
    const known = state.fieldValues.get(key);
    if (known) return known;
    const spec = own(own(this.regulation.decisions, decision)?.fields, field);
    if (!spec) throw new EvaluationError('ref.unknownDecision', `决定字段 ${key} 未在 regulation.yaml 中定义`);
    const effective = this.effectiveRules(key, state);
    const given = effective
      .map((r) => ({ rule: r.id, value: own(state.rules.get(r.id)?.values, key) }))
      .filter((g) => g.value !== undefined);
    let out: { value: unknown; present: boolean };
    if (spec.type === 'list') {
      out = effective.length ? { value: [...new Set(given.map((g) => g.value).flat())], present: true } : { value: spec.default, present: spec.default !== undefined };
    } else {
      const distinct = [...new Set(given.map((g) => JSON.stringify(g.value)))];
      if (distinct.length > 1) {
        throw new EvaluationError('rule.conflict', `规则冲突：${given.map((g) => `${g.rule} 认为 ${key} = ${JSON.stringify(g.value)}`).join('；')}。应以 overrides 指明例外关系`);
      }
      out = given.length ? { value: given[0].value, present: true } : { value: spec.default, present: spec.default !== undefined };
    }
    state.fieldValues.set(key, out);
    return out;
  }

  /** Rules that fired for a field and were not set aside by a fired exception. */
  effectiveRules(key: string, state: RunState): RuleSpec[] {
    const fired = (this.settersByField.get(key) ?? []).filter((r) => state.rules.get(r.id)?.fired);
    return fired.filter((r) => !fired.some((s) => s.overrides.includes(r.id)));
  }

  overriddenBy(ruleId: string, key: string, state: RunState): string[] {
    return (this.settersByField.get(key) ?? []).filter((s) => state.rules.get(s.id)?.fired && s.overrides.includes(ruleId)).map((s) => s.id);
  }

  private async factValue(name: string, state: RunState, almanac: Almanac): Promise<unknown> {
    const fact = readFactName(name);
    switch (fact?.kind) {
      case 'asOf':
        return state.asOf;
      case 'case':
        return resolvePath(state.facts, fact.path.join('.'));
      case 'param': {
        const spec = own(this.regulation.parameters, fact.name);
        if (!spec) throw new EvaluationError('ref.unknownParameter', `参数 ${fact.name} 未定义（rules/parameters/）`);
        const date = readAtDate(spec.readAt, state);
        const p = parameterOn(spec, date, spec.readIn ? placeOfReading(this.regulation, spec.readIn, state, date) : undefined);
        state.params.set(fact.name, p);
        return p.value;
      }
      case 'decision':
        return this.fieldValue(fact.decision, fact.field, state).value;
      case 'derived':
        return derivedValue(this.regulation, fact.name, state, almanac);
      default:
        throw new EvaluationError('ref.badFactName', `事实名 ${name} 的写法不对`);
    }
  }
}

/** The place a parameter keyed by place is read for: the case's code, a former code as its successor. */
function placeOfReading(regulation: Regulation, readIn: PlaceOfReading, state: RunState, date: string): string | undefined {
  const table = readIn.successions ? own(regulation.parameters, readIn.successions) : undefined;
  return currentPlace(resolvePath(state.facts, readIn.fact), table ? parameterOn(table, date).value : undefined);
}

/** The date a parameter is read at: its `readAt` fact when the case has it, else asOf. */
function readAtDate(readAt: { fact: string } | undefined, state: RunState): string {
  if (!readAt || readAt.fact === 'asOf') return state.asOf;
  const value = resolvePath(state.facts, readAt.fact);
  return typeof value === 'string' ? value : state.asOf;
}
