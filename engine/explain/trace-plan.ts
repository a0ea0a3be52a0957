// What a decision's trace (`because`) says that does not depend on the case, worked out once
// per evaluator: each rule's id, name, articles and interpretations as JSON and the start of
// its sentence; each condition's fact, label, path, operator, what it reads as and the value
// it is compared with (in words and as JSON); the fields a rule gives a decision and the
// exceptions that can set them aside; each field's default. compiled-trace-text.ts writes a
// run's trace from it: the very text explain-decision.ts gives, key for key.
import type { Evaluator } from '../evaluate/decider.js';
import type { CompiledRules } from '../evaluate/compiled/compiled-rules.js';
import type { DerivedFactSpec, Regulation, RuleSpec } from '../model/model.js';
import { operatorsByName } from '../core/operators.js';
import { isFactRef, readFactName } from '../core/fact-names.js';
import { own } from '../core/own.js';
import { articleLabel } from './article-label.js';
import { describeValue } from './describe-value.js';
import { factLabel } from './explain-decision.js';

/** JSON.stringify(v), or undefined where JSON leaves the key out (undefined, a function, a symbol). */
export const json = (v: unknown): string | undefined => JSON.stringify(v) as string | undefined;

/** One condition as written. */
export interface LeafPlan {
  leaf: true;
  fact: string;
  /** its place in the run's trace record (3 × index) */
  at: number;
  /** `{"fact":…,"label":` */
  head: string;
  /** `{"fact":…,"label":…,"path":…` for a label without a place note */
  start: string;
  /** the fact's label without the place note */
  label: string;
  /** `,"path":…` or nothing */
  path: string;
  /** `,"operator":…` */
  operator: string;
  present: boolean;
  /** `〔fact.path〕= ` */
  factRef: string;
  /** ` reads ` */
  reads: string;
  /** the compared value as written, as JSON (undefined: left out) and in words, when it is not a fact */
  literal?: { json: string | undefined; text: string };
  /** when compared with a fact: its name (with path) as JSON, its label and `〔name〕= ` */
  from?: { json: string; label: string; ref: string; fact: string };
  /** its words that do not depend on the case are all written by JSON as they are (no quote, backslash, control character or surrogate) */
  plainWords: boolean;
  /** a parameter read for a place names whose value it is: the fact's, the compared fact's */
  noted: boolean;
  /** the whole condition's JSON when it was not evaluated and has no place note */
  unevaluated?: string;
  /** this run's JSON by fact value (a literal's outcome follows from it), for values of one kind */
  seen: [Map<unknown, string>, Map<unknown, string>];
}

export type NodePlan = LeafPlan | { leaf: false; kind: 'all' | 'any' | 'not'; children: NodePlan[] };

export interface RulePlan {
  index: number;
  rule: RuleSpec;
  /** `{"rule":…,"name":…,"result":"` */
  head: string;
  /** `,"articles":[…],"interpretations":[…]` */
  grounds: string;
  /** `名称（第…条；规则 id）：` */
  sentence: string;
  /** whether JSON writes the sentence's start as it is */
  plainSentence: boolean;
  /** when it did not fire: its JSON up to its conditions, and its sentence to the end */
  failed: string;
  failedEnd: string;
  conditions: NodePlan;
  /** the derived facts it uses (dependencies first) */
  derived: DerivedPlan[];
}

/** A derived fact as its trace names it: `{"name":…,"label":…,"function":…,"args":`, and the arguments that are a parameter read for a place. */
export interface DerivedPlan {
  name: string;
  /** its index in the run's record */
  index: number;
  spec: DerivedFactSpec;
  head: string;
  /** argument → the parameter whose place note it carries */
  noted: Map<string, string>;
  /** whether an argument is a parameter read whole (its table may be given by reference: explain-decision.ts tableRefs) */
  tables: boolean;
  /** its JSON up to its words → with its words (worked out in full, named again), kept for values seen */
  seen: Map<string, { full: string; again: string }>;
}

/** A rule as it bears on one decision: the decision's fields it gives, each with the entry giving it and the exceptions that could set it aside. */
export interface RuleInDecision {
  plan: RulePlan;
  mine: Array<{ key: string; keyJson: string; entry: number; overriders: Array<{ index: number; id: string }> }>;
}

export interface DecisionPlan {
  rules: RuleInDecision[];
  /** per field (in the decision's order): the `because` step for its default, and the rules whose firing could give it a value */
  defaults: Array<{ step: string; setters: Array<{ index: number; overriders: number[] }> } | undefined>;
}

export interface TracePlan {
  decisions: DecisionPlan[];
  /** derived index → the run's fact slot holding its value */
  derivedValueSlot: number[];
  /** how many conditions the rules have, numbered as when compiled */
  leaves: number;
}

const plans = new WeakMap<Evaluator, TracePlan | null>();

/** The plan of an evaluator's traces; null when its rules are of a shape the plain writer leaves to JSON.stringify. */
export function tracePlan(decider: Evaluator, compiled: CompiledRules): TracePlan | null {
  let plan = plans.get(decider);
  if (plan === undefined) {
    plan = makePlan(decider, compiled);
    plans.set(decider, plan);
  }
  return plan;
}

/**
 * Whether JSON.stringify writes a text as it is between its quotes: no quote, backslash,
 * control character or surrogate (such text joined to other such text stays such text).
 */
export function plainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** JSON.stringify(v) (undefined where JSON leaves the key out), without the call for a boolean, a number or plain text. */
export function jsonValue(v: unknown): string | undefined {
  if (typeof v === 'string') return plainText(v) ? `"${v}"` : JSON.stringify(v);
  if (v === true) return 'true';
  if (v === false) return 'false';
  // JSON writes a finite number as String does (-0 as 0), NaN and the infinities as null
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return json(v);
}

const grounds = (rule: RuleSpec): string => `"articles":${json(rule.articles)},"interpretations":${json(rule.interpretations)}`;

function placeNoted(regulation: Regulation, fact: unknown): boolean {
  if (typeof fact !== 'string' || !fact.startsWith('params.')) return false;
  const f = readFactName(fact);
  return f?.kind === 'param' && own(regulation.parameters, f.name)?.readIn !== undefined;
}

function makePlan(decider: Evaluator, compiled: CompiledRules): TracePlan | null {
  const regulation = decider.regulation;
  const ruleIndex = new Map(compiled.rules.map((r, i) => [r.id, i]));
  if (ruleIndex.size !== compiled.rules.length) return null;
  let leaves = 0;
  const node = (n: Record<string, unknown>): NodePlan => {
    if (Object.hasOwn(n, 'any')) return { leaf: false, kind: 'any', children: (n.any as Array<Record<string, unknown>>).map(node) };
    if (Object.hasOwn(n, 'all')) return { leaf: false, kind: 'all', children: (n.all as Array<Record<string, unknown>>).map(node) };
    if (Object.hasOwn(n, 'not')) return { leaf: false, kind: 'not', children: [node(n.not as Record<string, unknown>)] };
    return leafPlan(regulation, n, 3 * leaves++);
  };
  const derivedIndex = new Map(compiled.derivedNames.map((name, d) => [name, d]));
  const derivedPlans = new Map<string, DerivedPlan>();
  const rules: RulePlan[] = compiled.rules.map((rule, index) => ({
    index, rule,
    head: `{"rule":${json(rule.id)},"name":${json(rule.name)},"result":"`,
    grounds: `,${grounds(rule)}`,
    sentence: `${rule.name}（${rule.articles.map(articleLabel).join('、')}；规则 ${rule.id}）：`,
    plainSentence: plainText(`${rule.name}（${rule.articles.map(articleLabel).join('、')}；规则 ${rule.id}）：`),
    failedEnd: `,"text":${json(`${rule.name}（${rule.articles.map(articleLabel).join('、')}；规则 ${rule.id}）：条件不成立，不适用`)}}`,
    failed: `{"rule":${json(rule.id)},"name":${json(rule.name)},"result":"failed",${grounds(rule)},"conditions":`,
    conditions: node(rule.when as unknown as Record<string, unknown>),
    derived: (decider.ruleDerived.get(rule.id) ?? []).flatMap((name) => {
      const d = derivedIndex.get(name);
      const spec = own(regulation.derived, name);
      if (d === undefined || !spec) return [];
      return [derivedPlans.get(name) ?? derivedPlans.set(name, derivedPlan(regulation, name, d, spec)).get(name)!];
    }),
  }));
  const decisions: DecisionPlan[] = [];
  for (const d of compiled.decisionFields) {
    const spec = own(regulation.decisions, d.name);
    if (!spec) return null;
    const keys = Object.keys(spec.fields).map((f) => `${spec.name}.${f}`);
    const inDecision: RuleInDecision[] = [];
    for (const rule of decider.rulesByDecision.get(spec.name) ?? []) {
      const targets = decider.ruleTargets.get(rule.id)!;
      const mine = targets.filter((t) => keys.includes(t));
      // a rule giving a field twice (set and add): left to JSON.stringify of the document
      if (new Set(mine).size !== mine.length) return null;
      inDecision.push({
        plan: rules[ruleIndex.get(rule.id)!],
        mine: mine.map((key) => ({
          key, keyJson: json(key)!, entry: targets.lastIndexOf(key),
          overriders: (decider.settersByField.get(key) ?? []).filter((s) => s.overrides.includes(rule.id)).map((s) => ({ index: ruleIndex.get(s.id)!, id: s.id })),
        })),
      });
    }
    const defaults = keys.map((key) => {
      const value = own(spec.fields, key.slice(spec.name.length + 1))?.default;
      if (value === undefined) return undefined;
      const setters = (decider.settersByField.get(key) ?? []).map((r, _, all) => ({
        index: ruleIndex.get(r.id)!,
        overriders: all.filter((s) => s.overrides.includes(r.id)).map((s) => ruleIndex.get(s.id)!),
      }));
      return { step: json({ field: key, default: value, text: `没有规则认定 ${key}，取默认值 ${describeValue(value, regulation.vocabulary)}` })!, setters };
    });
    decisions.push({ rules: inDecision, defaults });
  }
  // the derived facts' values, where the run keeps them
  const factIndex = new Map(compiled.factNames.map((name, i) => [name, i]));
  const derivedValueSlot = compiled.derivedNames.map((name) => factIndex.get(`derived.${name}`) ?? -1);
  return { decisions, derivedValueSlot, leaves };
}

function derivedPlan(regulation: Regulation, name: string, index: number, spec: DerivedFactSpec): DerivedPlan {
  const noted = new Map<string, string>();
  let tables = false;
  for (const [arg, written] of Object.entries(spec.args ?? {})) {
    if (isFactRef(written) && placeNoted(regulation, written.fact)) noted.set(arg, written.fact);
    if (isFactRef(written) && !written.path && readFactName(written.fact)?.kind === 'param') tables = true;
  }
  return { name, index, spec, head: `{"name":${json(name)},"label":${json(spec.label)},"function":${json(spec.function)},"args":`, noted, tables, seen: new Map() };
}

function leafPlan(regulation: Regulation, n: Record<string, unknown>, at: number): LeafPlan {
  const fact = n.fact as string;
  const path = n.path as string | undefined;
  const op = n.operator as string;
  const value = n.value as { fact: string; path?: string } | undefined;
  const ref = isFactRef(value);
  const label = factLabel(regulation, fact, path);
  const plan: LeafPlan = {
    leaf: true, fact, at, label,
    head: `{"fact":${json(fact)},"label":`,
    path: json(path) === undefined ? '' : `,"path":${json(path)}`,
    start: `{"fact":${json(fact)},"label":${json(label)}${json(path) === undefined ? '' : `,"path":${json(path)}`}`,
    operator: `,"operator":${json(op)}`,
    present: op === 'present',
    factRef: `〔${fact}${path ? `.${path}` : ''}〕= `,
    reads: ` ${operatorsByName.get(op)?.reads ?? op} `,
    literal: ref ? undefined : { json: json(value), text: describeValue(value, regulation.vocabulary) },
    from: ref ? { json: json(value.fact + (value.path ? `.${value.path}` : ''))!, label: factLabel(regulation, value.fact, value.path), ref: `〔${value.fact}${value.path ? `.${value.path}` : ''}〕= `, fact: value.fact } : undefined,
    noted: placeNoted(regulation, fact) || (ref && placeNoted(regulation, value.fact)),
    plainWords: false,
    seen: [new Map(), new Map()],
  };
  const words = [plan.label, plan.factRef, plan.reads, plan.literal?.text ?? '', plan.from?.label ?? '', plan.from?.ref ?? ''];
  plan.plainWords = words.every(plainText);
  return plan;
}
