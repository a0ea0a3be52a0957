// The rules of a regulation compiled, at load, into closures over a run's flat arrays:
// every fact (case paths, asOf, parameters at their legal date, derived facts, other
// decisions' fields) read once per run and kept; every rule's conditions; the values a
// fired rule gives; every decision field settled as the Evaluator settles it (exceptions
// set aside the rules they override; rules that disagree are an error). Rules run in
// json-rules-engine's order (priority sets, highest first); the first error of a run
// ends it and is what deciding the case throws, as on the json-rules-engine path.
// Nothing here evaluates text: closures are built from the typed rule and condition trees.
import type { Regulation, RuleSpec } from '../../model/model.js';
import { readFactName } from '../../core/fact-names.js';
import { EvaluationError } from '../../core/evaluation-error.js';
import { own, isInheritedName } from '../../core/own.js';
import { parameterOn } from '../../model/parameters.js';
import { currentPlace, placeEntryOn } from '../../model/place-values.js';
import { derivedFunctions } from '../../core/derived/registry.js';
import type { FieldOrder } from '../../model/field-order.js';
import { ALWAYS, compileCondition, resultTree, type Skip, type Test } from './compile-condition.js';
import { compileValue, pathKeys, pathWalker, type Read } from './fact-reader.js';
import { deepFreeze } from '../../core/deep-freeze.js';
import { FAILED, FIRED, NO_VALUE, UNSET, type CompiledRun, type FieldValue } from './compiled-run.js';
import type { CaseInput } from '../../model/case/case-input.js';
import type { DerivedRecord, RuleRecord, RunState } from '../run-state.js';
import { TYPE_CHECKS } from '../derived-value.js';
import { generateRules, type DerivedPlan, type Generated } from './generate-rules.js';

const IN_PROGRESS: unique symbol = Symbol('in progress');

const fail = (code: string, message: string) => (): never => {
  throw new EvaluationError(code, message);
};

interface FieldPlan {
  decision: string;
  field: string;
  key: string;
  list: boolean;
  default: unknown;
  /** the rules that set this field, in rule order (a rule setting it twice counted twice) */
  setters: Array<{ rule: number; id: string; entry: number; overriddenBy: number[] }>;
}

/**
 * [...new Set(values.flat())] (the Evaluator's list field: every value given, lists opened, each
 * item once, in order) without the Set for the short lists a decision has: `includes` compares
 * as a Set does (SameValueZero), -0 is kept as 0 as a Set keeps it, and forEach passes over
 * holes as flat does.
 */
export function distinctItems(values: unknown[]): unknown[] {
  // a long list (a case's own, say): the Set, so that the work stays linear
  let items = 0;
  for (const value of values) items += Array.isArray(value) ? value.length : 1;
  if (items > 32) return [...new Set(values.flat())];
  const out: unknown[] = [];
  const add = (v: unknown): void => {
    // a Set keeps -0 as 0
    if (!out.includes(v)) out.push(v === 0 ? 0 : v);
  };
  for (const value of values) {
    if (Array.isArray(value)) value.forEach(add);
    else add(value);
  }
  return out;
}

/** How the rules' conditions run: generated source (the default) or the closures it falls back to. */
export interface CompileOptions {
  /** run the conditions as generated source (generate-rules.ts); false: as closures */
  generated?: boolean;
}

export class CompiledRules {
  /** the generated run over the rules, when made (else the closures run) */
  readonly generated?: Generated;
  /** why the closures run instead of generated source (undefined: generated, or not asked for) */
  readonly whyClosures?: string;
  readonly factNames: string[] = [];
  private readonly factIndex = new Map<string, number>();
  private readonly computers: Read[] = [];
  private readonly directReaders = new Map<string, Read>();
  readonly derivedNames: string[] = [];
  /** how each derived fact is worked out, for the generated source (names that no object inherits only) */
  private readonly derivedPlans = new Map<string, DerivedPlan>();
  private readonly derivedIndex = new Map<string, number>();
  readonly paramNames: string[] = [];
  private readonly paramIndex = new Map<string, number>();
  readonly rules: RuleSpec[];
  private readonly tests: Test[] = [];
  private readonly givers: Array<Read[]> = [];
  /** each rule's first leaf index (its leaves are numbered in document order) */
  private readonly firstLeaf: number[] = [];
  private leafCount = 0;
  /** each distinct condition (fact, path, operator, value) → its outcome's slot in a run */
  private readonly outcomeSlots = new Map<string, number>();
  /** rule indices in json-rules-engine's order: priority sets, highest first, rule order within */
  private readonly order: number[];
  readonly fields: FieldPlan[] = [];
  readonly fieldIndex = new Map<string, number>();
  /** per decision (regulation order): its fields' indices, in field order */
  readonly decisionFields: Array<{ name: string; fields: number[] }> = [];
  private readonly blank: unknown[];
  /** no decision or field is named as something every object inherits */
  private readonly plainNames: boolean;

  constructor(readonly regulation: Regulation, order: FieldOrder, options: CompileOptions = {}) {
    this.rules = regulation.rules;
    for (const spec of Object.values(regulation.decisions)) {
      const fields: number[] = [];
      for (const [field, f] of Object.entries(spec.fields)) {
        const key = `${spec.name}.${field}`;
        this.fieldIndex.set(key, this.fields.length);
        fields.push(this.fields.length);
        this.fields.push({ decision: spec.name, field, key, list: f.type === 'list', default: f.default, setters: [] });
      }
      this.decisionFields.push({ name: spec.name, fields });
    }
    this.rules.forEach((rule, i) => {
      const entries = [...Object.entries(rule.set), ...Object.entries(rule.add)];
      this.firstLeaf.push(this.leafCount);
      this.tests.push(compileCondition(rule.when, {
        readFact: (name) => this.reader(name), canRead: (name) => this.canRead(name), nextLeaf: () => this.leafCount++,
        outcomeSlot: (condition) => this.outcomeSlots.get(condition) ?? this.outcomeSlots.set(condition, this.outcomeSlots.size).size - 1,
      }));
      this.givers.push(entries.map(([, spec]) => compileValue(spec, (name) => this.reader(name))));
      for (const [target] of entries) {
        const plan = this.fieldIndex.has(target) ? this.fields[this.fieldIndex.get(target)!] : undefined;
        // Object.fromEntries keeps the last entry for a key; own(values, key) reads that one
        if (plan) plan.setters.push({ rule: i, id: rule.id, entry: entries.map(([t]) => t).lastIndexOf(target), overriddenBy: [] });
      }
    });
    for (const plan of this.fields) {
      for (const s of plan.setters) s.overriddenBy = plan.setters.filter((o) => this.rules[o.rule].overrides.includes(s.id)).map((o) => o.rule);
    }
    const priorities = [...new Set(this.rules.map((r) => order.priority.get(r.id) ?? 1))].sort((a, b) => b - a);
    this.order = priorities.flatMap((p) => this.rules.flatMap((r, i) => ((order.priority.get(r.id) ?? 1) === p ? [i] : [])));
    if (options.generated !== false) {
      try {
        this.generated = this.generate();
      } catch (e) {
        // new Function refused (a page whose policy forbids it) or a rule the generator cannot
        // write: the closures decide, with the same meaning
        this.whyClosures = (e as Error).message;
      }
    }
    this.blank = this.computers.map(() => UNSET);
    this.plainNames = this.decisionFields.every((d) => !isInheritedName(d.name)) && this.fields.every((f) => !isInheritedName(f.field));
  }

  /** The rules' conditions and run as generated source (generate-rules.ts), over the same facts and slots. */
  private generate(): Generated {
    const rules = this.rules.map((rule, i) => {
      const specs = [...Object.values(rule.set), ...Object.values(rule.add)];
      // a value that is neither a fact nor a list or map is given as it is (compileValue)
      const fixedGivers = specs.map((spec) => (spec === null || typeof spec !== 'object' ? { value: spec } : undefined));
      return { when: rule.when, givers: this.givers[i], fixedGivers, specs };
    });
    return generateRules({ rules, order: this.order, unset: UNSET, inProgress: IN_PROGRESS, fired: FIRED, failed: FAILED }, {
      reader: (name) => this.reader(name),
      derived: (name) => {
        const fact = readFactName(name);
        return fact?.kind === 'derived' ? this.derivedPlans.get(fact.name) : undefined;
      },
      value: (spec) => compileValue(spec, (n) => this.reader(n), true),
      caseKeys: (name) => {
        const fact = readFactName(name);
        return fact?.kind === 'case' ? pathKeys(fact.path.join('.')) : undefined;
      },
      slot: (name) => (readFactName(name)?.kind === 'asOf' ? undefined : (this.reader(name), this.factIndex.get(name))),
      canRead: (name) => {
        const skip = this.canRead(name);
        if (skip === null) return null;
        if (skip === ALWAYS) return 'always';
        return this.factIndex.get(name)!;
      },
      outcomeSlot: (condition) => {
        const slot = this.outcomeSlots.get(condition);
        if (slot === undefined) throw new Error('a condition the closures did not number');
        return slot;
      },
    });
  }

  /** How a run reads a fact: asOf as it is, any other from the run's slot, worked out on first read. */
  private reader(name: string): Read {
    const direct = this.directReaders.get(name);
    if (direct) return direct;
    if (readFactName(name)?.kind === 'asOf') {
      const read: Read = (run) => run.asOf;
      this.directReaders.set(name, read);
      return read;
    }
    let i = this.factIndex.get(name);
    if (i === undefined) {
      i = this.factNames.length;
      this.factIndex.set(name, i);
      this.factNames.push(name);
      this.computers.push(fail('ref.badFactName', `事实名 ${name} 的写法不对`));
      this.computers[i] = this.computer(name);
    }
    const slot = i;
    const compute = (run: CompiledRun): unknown => {
      const values = run.values;
      values[slot] = IN_PROGRESS;
      const v = this.computers[slot](run);
      values[slot] = v;
      return v;
    };
    return (run) => {
      const v = run.values[slot];
      if (v === UNSET) return compute(run);
      if (v === IN_PROGRESS) throw new EvaluationError('derived.cycle', `事实 ${name} 的计算依赖它自己`);
      return v;
    };
  }

  /** Whether reading a fact cannot throw (compile-condition.ts Skip). */
  private canRead(name: string): Skip {
    const fact = readFactName(name);
    switch (fact?.kind) {
      case 'asOf':
      case 'case':
        return ALWAYS;
      case 'param':
        // a parameter without a dated value throws param.noValue
        return own(this.regulation.parameters, fact.name)?.values.length ? ALWAYS : null;
      case 'derived':
      case 'decision': {
        // once worked out in this run (a failure would have ended it)
        this.reader(name);
        const slot = this.factIndex.get(name)!;
        return (run) => {
          const v = run.values[slot];
          return v !== UNSET && v !== IN_PROGRESS;
        };
      }
      default:
        return null;
    }
  }

  private computer(name: string): Read {
    const fact = readFactName(name);
    switch (fact?.kind) {
      case 'asOf':
        return (run) => run.asOf;
      case 'case': {
        const walk = pathWalker(fact.path.join('.'));
        return (run) => walk(run.facts);
      }
      case 'param':
        return this.paramComputer(fact.name);
      case 'decision': {
        const i = this.fieldIndex.get(`${fact.decision}.${fact.field}`);
        if (i === undefined || !own(own(this.regulation.decisions, fact.decision)?.fields, fact.field)) {
          return fail('ref.unknownDecision', `决定字段 ${fact.decision}.${fact.field} 未在 regulation.yaml 中定义`);
        }
        return (run) => this.fieldValue(run, i);
      }
      case 'derived':
        return this.derivedComputer(fact.name);
      default:
        return fail('ref.badFactName', `事实名 ${name} 的写法不对`);
    }
  }

  private paramComputer(name: string): Read {
    const spec = own(this.regulation.parameters, name);
    if (!spec) return fail('ref.unknownParameter', `参数 ${name} 未定义（rules/parameters/）`);
    const p = this.paramNames.length;
    this.paramNames.push(name);
    this.paramIndex.set(name, p);
    // the date it is read at: its `readAt` fact when the case has it, else asOf
    const readAt = spec.readAt && spec.readAt.fact !== 'asOf' ? pathWalker(spec.readAt.fact) : undefined;
    // parameterOn(spec, date) without a new object per read: one per entry, before the first date or not
    const entries = spec.values;
    // each value copied once and frozen: every run is given the same one, which derived
    // functions may then index once (a table of codes as a Map) and nothing can change
    const made = entries.map((e) => {
      const value = deepFreeze(structuredClone(e.value));
      return [false, true].map((beforeFirst) => ({ name: spec.name, value, from: e.from, beforeFirst }));
    });
    // keyed by place: the case's code (a former one as its successor) and, per place, its values made once
    const readIn = spec.readIn;
    const placeOf = readIn ? pathWalker(readIn.fact) : undefined;
    const table = readIn?.successions ? own(this.regulation.parameters, readIn.successions) : undefined;
    const placeMade = new Map((spec.places ?? []).map((place) => [place, place.values.map((e) => ({
      name: spec.name, value: deepFreeze(structuredClone(e.value)), from: e.from, beforeFirst: false, place: place.code,
    }))]));
    const general: Read = (run) => {
      const at = readAt ? readAt(run.facts) : undefined;
      const date = typeof at === 'string' ? at : run.asOf;
      if (placeOf) {
        const code = currentPlace(placeOf(run.facts), table ? parameterOn(table, date).value : undefined);
        const local = placeEntryOn(spec.places, code, date);
        if (local) {
          const value = placeMade.get(local.place)![local.entry];
          run.params[p] = value;
          return value.value;
        }
      }
      if (!entries.length) return parameterOn(spec, date).value; // throws param.noValue
      let chosen = 0;
      for (let e = 0; e < entries.length; e++) if (entries[e].from <= date) chosen = e;
      const value = made[chosen][date < entries[0].from ? 1 : 0];
      run.params[p] = value;
      return value.value;
    };
    if (readAt || placeOf || entries.length !== 1) return general;
    // one value from one date, read on the decision date (most parameters): no date to look up, no entry to choose
    const [from, [onOrAfter, before]] = [entries[0].from, made[0]];
    return (run) => {
      const value = run.asOf < from ? before : onOrAfter;
      run.params[p] = value;
      return value.value;
    };
  }

  private derivedComputer(name: string): Read {
    const spec = own(this.regulation.derived, name);
    if (!spec) return fail('ref.unknownDerived', `派生事实 ${name} 未定义`);
    const fn = derivedFunctions.get(spec.function);
    if (!fn) return fail('ref.unknownFunction', `派生事实 ${name}（${spec.label}）使用未知的函数 ${spec.function}`);
    const d = this.derivedNames.length;
    this.derivedNames.push(name);
    this.derivedIndex.set(name, d);
    // a fixed list or map among the arguments is made once, frozen, and given to every run
    const args = Object.entries(spec.args ?? {}).map(([arg, value]) => [arg, compileValue(value, (n) => this.reader(n), true)] as const);
    const safeNames = args.every(([arg]) => !isInheritedName(arg));
    const argNames = args.map(([arg]) => arg);
    const argumentType = (a: { arg: string; type: string }, v: unknown): never => {
      throw new EvaluationError('derived.argumentType', `派生事实 ${name}（${spec.label}）的参数 ${a.arg} 应为 ${a.type}，实为 ${JSON.stringify(v)}`);
    };
    const declared = Object.entries(fn.args).map(([arg, a]) => ({ arg, optional: a.optional, check: TYPE_CHECKS[a.type], type: a.type, at: argNames.indexOf(arg) }));
    const argReads = args.map(([, read]) => read);
    if (safeNames) {
      this.derivedPlans.set(name, {
        index: d, argNames, argSpecs: Object.values(spec.args ?? {}),
        declared: declared.map((a) => ({ optional: a.optional === true, check: a.check, at: a.at, wrong: (v: unknown) => argumentType(a, v) })),
        fn,
        failed: (e) => {
          throw new EvaluationError((e as { code?: string }).code ?? 'derived.failed', `无法计算${spec.label}（derived.${name}）：${(e as Error).message}`);
        },
      });
    }
    return (run) => {
      // every argument read, in the YAML's order; a declared argument's value is read[a.at]
      // (own(given, a.arg): undefined when the YAML gives none)
      const read = new Array<unknown>(argReads.length);
      for (let k = 0; k < argReads.length; k++) read[k] = argReads[k](run);
      let given: Record<string, unknown>;
      if (safeNames) {
        given = {};
        for (let k = 0; k < argNames.length; k++) given[argNames[k]] = read[k];
      } else {
        given = Object.fromEntries(argNames.map((arg, k) => [arg, read[k]]));
      }
      let value: unknown;
      let missing = false;
      for (let k = 0; k < declared.length; k++) {
        const a = declared[k];
        const v = a.at < 0 ? undefined : read[a.at];
        if (!a.optional && (v === undefined || v === null)) missing = true;
      }
      if (!missing) {
        for (let k = 0; k < declared.length; k++) {
          const a = declared[k];
          const v = a.at < 0 ? undefined : read[a.at];
          if (v !== undefined && v !== null && !a.check(v)) argumentType(a, v);
        }
      }
      if (!missing) {
        try {
          value = fn.compute(given);
        } catch (e) {
          throw new EvaluationError((e as { code?: string }).code ?? 'derived.failed', `无法计算${spec.label}（derived.${name}）：${(e as Error).message}`);
        }
      }
      run.derivedArgs[d] = given;
      return value;
    };
  }

  /** Run one case through the rules; `trace` records every condition's values for `because`. */
  run(input: CaseInput, trace: boolean): CompiledRun {
    const n = this.rules.length;
    const run: CompiledRun = {
      input, asOf: input.asOf, facts: input.facts ?? {}, values: this.blank.slice(),
      derivedArgs: new Array(this.derivedNames.length), params: new Array(this.paramNames.length),
      fired: new Array(n), ruleValues: new Array(n), fieldValues: new Array(this.fields.length), outcomes: new Array(3 * this.outcomeSlots.size),
      trace: trace ? new Array(this.leafCount * 3) : undefined,
    };
    if (this.generated) this.generated.run(run);
    else for (const i of this.order) {
      if (this.tests[i](run)) {
        run.fired[i] = FIRED;
        const givers = this.givers[i];
        const values = new Array(givers.length);
        for (let g = 0; g < givers.length; g++) values[g] = givers[g](run);
        run.ruleValues[i] = values;
      } else {
        run.fired[i] = FAILED;
      }
    }
    for (let f = 0; f < this.fields.length; f++) this.fieldValue(run, f);
    return run;
  }

  /** A decision field's value (undefined: it has none) once every rule that sets it has run (Evaluator.fieldValue). */
  fieldValue(run: CompiledRun, f: number): unknown {
    const known = run.fieldValues[f];
    if (known !== undefined) return known === NO_VALUE ? undefined : known;
    const plan = this.fields[f];
    const fired = run.fired;
    const ruleValues = run.ruleValues;
    let effective = 0;
    // the values given, without a list for the usual one or none
    let count = 0;
    let firstValue: unknown;
    let firstId = '';
    let more: Array<{ id: string; value: unknown }> | undefined;
    const setters = plan.setters;
    for (let i = 0; i < setters.length; i++) {
      const s = setters[i];
      if (fired[s.rule] !== FIRED) continue;
      const by = s.overriddenBy;
      let overridden = false;
      for (let j = 0; j < by.length; j++) if (fired[by[j]] === FIRED) overridden = true;
      if (overridden) continue;
      effective++;
      const value = ruleValues[s.rule]![s.entry];
      if (value === undefined) continue;
      if (count === 0) {
        firstValue = value;
        firstId = s.id;
      } else {
        (more ??= [{ id: firstId, value: firstValue }]).push({ id: s.id, value });
      }
      count++;
    }
    let out: unknown;
    if (plan.list) {
      if (!effective) out = plan.default;
      else if (!count) out = [];
      // one list of at most one item given: a copy of it
      else if (!more && Array.isArray(firstValue) && firstValue.length <= 1) out = firstValue.slice();
      else out = distinctItems(more ? more.map((g) => g.value) : [firstValue]);
    } else {
      if (more) {
        const given = more;
        const json = JSON.stringify(given[0].value);
        if (given.some((g) => JSON.stringify(g.value) !== json)) {
          throw new EvaluationError('rule.conflict', `规则冲突：${given.map((g) => `${g.id} 认为 ${plan.key} = ${JSON.stringify(g.value)}`).join('；')}。应以 overrides 指明例外关系`);
        }
      }
      out = count ? firstValue : plan.default;
    }
    run.fieldValues[f] = out === undefined ? NO_VALUE : out;
    return out;
  }

  /** A settled field's value and whether it has one, as the Evaluator records it. */
  settled(run: CompiledRun, f: number): FieldValue | undefined {
    const v = run.fieldValues[f];
    if (v === undefined) return undefined;
    return v === NO_VALUE ? { value: undefined, present: false } : { value: v, present: true };
  }

  /** A rule's values as the Evaluator records them: target → value. */
  ruleValuesOf(run: CompiledRun, i: number): Record<string, unknown> {
    const values = run.ruleValues[i];
    if (!values) return {};
    const rule = this.rules[i];
    const targets = [...Object.keys(rule.set), ...Object.keys(rule.add)];
    return Object.fromEntries(targets.map((t, k) => [t, values[k]]));
  }

  /** The run as the Evaluator's run state (explain/ reads it to build `because`). */
  stateOf(run: CompiledRun): RunState {
    const derived = new Map<string, DerivedRecord>();
    this.derivedNames.forEach((name, d) => {
      const args = run.derivedArgs[d];
      if (!args) return;
      derived.set(name, { name, function: own(this.regulation.derived, name)!.function, args, value: run.values[this.factIndex.get(`derived.${name}`)!] });
    });
    const params = new Map();
    this.paramNames.forEach((name, p) => {
      if (run.params[p]) params.set(name, run.params[p]);
    });
    const rules = new Map<string, RuleRecord>();
    this.rules.forEach((rule, i) => {
      if (!run.fired[i]) return;
      let leaf = this.firstLeaf[i];
      const conditions = resultTree(rule.when, run, () => leaf++);
      rules.set(rule.id, { id: rule.id, fired: run.fired[i] === FIRED, result: { conditions } as never, values: this.ruleValuesOf(run, i) });
    });
    const fieldValues = new Map<string, FieldValue>();
    this.fields.forEach((plan, f) => {
      const settled = this.settled(run, f);
      if (settled) fieldValues.set(plan.key, settled);
    });
    return { asOf: run.asOf, facts: run.facts, derived, params, rules, fieldValues };
  }

  /** Each decision's fields that have a value. */
  fieldsOf(run: CompiledRun): Record<string, Record<string, unknown>> {
    if (!this.plainNames) {
      return Object.fromEntries(this.decisionFields.map((d) => [d.name, Object.fromEntries(d.fields.flatMap((f) => {
        const v = this.fieldValue(run, f);
        return v !== undefined ? [[this.fields[f].field, v]] : [];
      }))]));
    }
    // names that no object inherits: written by plain assignment
    const out: Record<string, Record<string, unknown>> = {};
    for (const d of this.decisionFields) {
      const fields: Record<string, unknown> = {};
      for (const f of d.fields) {
        const v = this.fieldValue(run, f);
        if (v !== undefined) fields[this.fields[f].field] = v;
      }
      out[d.name] = fields;
    }
    return out;
  }

}
