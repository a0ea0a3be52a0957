// Decides cases: one json-rules-engine Engine built once from a loaded regulation, run
// once per case. Decisions that read other decisions run after them (field-order.ts);
// where a rule names others it overrides, the exception wins (Catala-style).
import { Engine, type Almanac, type RuleResult } from 'json-rules-engine';
import type { DecisionSpec, Regulation, RuleSpec } from '../model.js';
import { derivedFunctions } from '../derived/registry.js';
import { isCalendarDate } from '../dates/calendar-date.js';
import { engineOperators } from './operators.js';
import { factNamesOf, fieldOrder, targetsOf, type FieldOrder } from './field-order.js';
import { factRefsIn, isFactRef, readFactName, resolvePath } from './fact-names.js';
import { parameterOn } from './parameters.js';
import { newRunState, type RunState } from './run-state.js';
import { explainDecision } from '../explain/explain-decision.js';

export interface CaseInput {
  name?: string;
  asOf: string;
  facts: Record<string, unknown>;
}

export interface Decision {
  [field: string]: unknown;
  articles: string[];
  interpretations: string[];
  /** the trace; left out when deciding with `{ trace: false }` */
  because: unknown[];
}

export interface DecideOptions {
  /** build `because` (default true); without it a batch runs about twice as fast */
  trace?: boolean;
}

export interface DecisionDocument {
  asOf: string;
  ruleset: string;
  decisions: Record<string, Decision>;
}

export class EvaluationError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const RUN = '$run';

export class Decider {
  private readonly engine: Engine;
  readonly order: FieldOrder;
  readonly rulesById: Map<string, RuleSpec>;
  readonly settersByField: Map<string, RuleSpec[]>;
  /** per rule, worked out once: the fields it sets and the derived facts it uses (dependencies first) */
  readonly ruleTargets: Map<string, string[]>;
  readonly ruleDerived: Map<string, string[]>;
  readonly rulesByDecision: Map<string, RuleSpec[]>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly regulation: Regulation) {
    this.order = fieldOrder(regulation);
    this.rulesById = new Map(regulation.rules.map((r) => [r.id, r]));
    this.settersByField = new Map();
    for (const r of regulation.rules) for (const t of targetsOf(r)) this.settersByField.set(t, [...(this.settersByField.get(t) ?? []), r]);

    this.ruleTargets = new Map(regulation.rules.map((r) => [r.id, targetsOf(r)]));
    this.ruleDerived = new Map(regulation.rules.map((r) => [r.id, derivedClosure(regulation, factNamesOf(r))]));
    this.rulesByDecision = new Map(Object.keys(regulation.decisions).map((d) => [d, regulation.rules.filter((r) => this.ruleTargets.get(r.id)!.some((t) => t.startsWith(`${d}.`)))]));

    this.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    for (const op of engineOperators()) this.engine.addOperator(op);
    for (const name of this.referencedFacts()) {
      const kind = readFactName(name)?.kind;
      // Cheap facts first, so that a rule stops before working out a derived fact it does not need.
      this.engine.addFact(name, (_params, almanac) => this.factValue(name, almanac), { cache: true, priority: kind === 'derived' ? 1 : 10 });
    }
    for (const rule of regulation.rules) {
      this.engine.addRule({
        name: rule.id,
        priority: this.order.priority.get(rule.id) ?? 1,
        conditions: rule.when as any,
        event: { type: 'rule', params: { rule: rule.id } },
      });
    }
    this.engine.on('success', async (event, almanac, result) => this.record(event.params!.rule, true, almanac, result));
    this.engine.on('failure', async (event, almanac, result) => this.record(event.params!.rule, false, almanac, result));
  }

  /** Decide one case. Cases are decided one at a time on the shared engine. */
  decide(input: CaseInput, options: DecideOptions = {}): Promise<DecisionDocument> {
    const next = this.queue.then(() => this.run(input, undefined, options.trace !== false));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Decide one case and return, beside the document, every fact value the rules used. */
  decideWithFacts(input: CaseInput): Promise<{ document: DecisionDocument; facts: Record<string, unknown> }> {
    const next = this.queue.then(async () => {
      const state = newRunState(input.asOf, input.facts ?? {});
      const document = await this.run(input, state);
      const facts: Record<string, unknown> = {};
      for (const name of this.referencedFacts()) {
        const f = readFactName(name);
        if (f?.kind === 'asOf') facts[name] = state.asOf;
        else if (f?.kind === 'case') facts[name] = resolvePath(state.facts, f.path.join('.'));
        else if (f?.kind === 'param') facts[name] = state.params.get(f.name)?.value;
        else if (f?.kind === 'derived') facts[name] = state.derived.get(f.name)?.value;
        else if (f?.kind === 'decision') facts[name] = state.fieldValues.get(`${f.decision}.${f.field}`)?.value;
      }
      return { document, facts };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async run(input: CaseInput, state: RunState = newRunState(input.asOf, input.facts ?? {}), trace = true): Promise<DecisionDocument> {
    await this.engine.run({ [RUN]: state });
    const decisions: Record<string, Decision> = {};
    for (const spec of Object.values(this.regulation.decisions)) decisions[spec.name] = this.assemble(spec, state, trace);
    return { asOf: input.asOf, ruleset: this.regulation.ruleset, decisions };
  }

  private assemble(spec: DecisionSpec, state: RunState, trace: boolean): Decision {
    const values: Record<string, unknown> = {};
    for (const field of Object.keys(spec.fields)) {
      const v = this.fieldValue(spec.name, field, state);
      if (v.present) values[field] = v.value;
    }
    return { ...values, ...explainDecision(this, spec, state, trace) } as Decision;
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

  private async record(ruleId: string, fired: boolean, almanac: Almanac, result: RuleResult): Promise<void> {
    const state = (await almanac.factValue(RUN)) as RunState;
    const rule = this.rulesById.get(ruleId)!;
    const values: Record<string, unknown> = {};
    if (fired) {
      for (const [target, spec] of [...Object.entries(rule.set), ...Object.entries(rule.add)]) {
        values[target] = await resolveValue(spec, almanac);
      }
    }
    state.rules.set(ruleId, { id: ruleId, fired, result, values });
  }

  /** The value of a decision field, once every rule that sets it has run. */
  fieldValue(decision: string, field: string, state: RunState): { value: unknown; present: boolean } {
    const key = `${decision}.${field}`;
    const known = state.fieldValues.get(key);
    if (known) return known;
    const spec = this.regulation.decisions[decision].fields[field];
    const effective = this.effectiveRules(key, state);
    let out: { value: unknown; present: boolean };
    if (spec.type === 'list') {
      const items = effective.map((r) => state.rules.get(r.id)!.values[key]).filter((v) => v !== undefined);
      out = effective.length ? { value: [...new Set(items.flat())], present: true } : { value: spec.default, present: spec.default !== undefined };
    } else {
      const given = effective
        .map((r) => ({ rule: r.id, value: state.rules.get(r.id)!.values[key] }))
        .filter((g) => g.value !== undefined);
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

  private async factValue(name: string, almanac: Almanac): Promise<unknown> {
    const state = (await almanac.factValue(RUN)) as RunState;
    const fact = readFactName(name);
    switch (fact?.kind) {
      case 'asOf':
        return state.asOf;
      case 'case':
        return resolvePath(state.facts, fact.path.join('.'));
      case 'param': {
        const p = parameterOn(this.regulation.parameters[fact.name], state.asOf);
        state.params.set(fact.name, p);
        return p.value;
      }
      case 'decision':
        return this.fieldValue(fact.decision, fact.field, state).value;
      case 'derived':
        return this.derivedValue(fact.name, state, almanac);
      default:
        return undefined;
    }
  }

  private async derivedValue(name: string, state: RunState, almanac: Almanac): Promise<unknown> {
    const spec = this.regulation.derived[name];
    const fn = derivedFunctions.get(spec.function)!;
    const args: Record<string, unknown> = {};
    for (const [arg, value] of Object.entries(spec.args)) args[arg] = await resolveValue(value, almanac);
    let value: unknown;
    const missing = Object.entries(fn.args).some(([arg, a]) => !a.optional && (args[arg] === undefined || args[arg] === null));
    if (!missing) {
      for (const [arg, a] of Object.entries(fn.args)) {
        const v = args[arg];
        if (v === undefined || v === null) continue;
        const wrong = (a.type === 'date' && !isCalendarDate(v)) || (a.type === 'integer' && !Number.isInteger(v)) || (a.type === 'list' && !Array.isArray(v));
        if (wrong) throw new EvaluationError('derived.argumentType', `派生事实 ${name}（${spec.label}）的参数 ${arg} 应为 ${a.type}，实为 ${JSON.stringify(v)}`);
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
}

/** The derived facts a list of fact names uses, directly or through other derived facts, dependencies first. */
function derivedClosure(regulation: Regulation, facts: string[]): string[] {
  const out: string[] = [];
  const visit = (fact: string): void => {
    const f = readFactName(fact);
    if (f?.kind !== 'derived' || out.includes(f.name) || !regulation.derived[f.name]) return;
    for (const ref of factRefsIn(regulation.derived[f.name].args)) visit(ref.fact);
    if (!out.includes(f.name)) out.push(f.name);
  };
  facts.forEach(visit);
  return out;
}

async function resolveValue(spec: unknown, almanac: Almanac): Promise<unknown> {
  if (isFactRef(spec)) return almanac.factValue(spec.fact, {}, spec.path ?? '');
  if (Array.isArray(spec)) return Promise.all(spec.map((s) => resolveValue(s, almanac)));
  if (spec && typeof spec === 'object') {
    const entries = await Promise.all(Object.entries(spec).map(async ([k, v]) => [k, await resolveValue(v, almanac)] as const));
    return Object.fromEntries(entries);
  }
  return spec;
}
