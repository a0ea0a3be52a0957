// Why a decision is what it is: every rule that could set one of its fields, fired or not,
// each condition with the fact's value, the operator and the value it was compared with;
// the derived facts used and how they were worked out; and the articles and
// interpretations the decision rests on.
import type { DecisionSpec, Regulation, RuleSpec } from '../model/model.js';
import type { Evaluator as Decider, RunRecord } from '../evaluate/decider.js';
import { calendarVersion, engineVersion, type CalendarVersion, type EngineVersion } from '../evaluate/versions.js';
import type { RunState } from '../evaluate/run-state.js';
import { operatorsByName } from '../core/operators.js';
import { isFactRef, readFactName } from '../core/fact-names.js';
import { articleLabel, compareArticleRefs } from './article-label.js';
import { describeValue } from './describe-value.js';
import { own } from '../core/own.js';
import { workedFields } from './worked-fields.js';
import type { Because, ConditionNode, DerivedTrace, TableRef } from './trace-types.js';

export interface Decision {
  [field: string]: unknown;
  articles: string[];
  interpretations: string[];
  /** the trace; left out when deciding with `{ trace: false }` */
  because?: Because[];
}

export interface DecisionDocument {
  asOf: string;
  ruleset: string;
  /** for every interpretation with executable alternatives, the one this decision used */
  readings: Record<string, string>;
  /** the engine and the calendar data the decision was made with (CASES.md §2 allows added fields) */
  engine: EngineVersion;
  calendar: CalendarVersion;
  /** the instrument decided under (a project that declares its instruments): its id, or `none` */
  instrument?: string;
  /** that instrument, its version and why it applies on the date that matters */
  applied?: AppliedInstrument;
  decisions: Record<string, Decision>;
}

/** The instrument a decision was made under, and why (a project's rules/instruments.yaml). */
export interface AppliedInstrument {
  /** `none` when no instrument was in force on the date */
  id: string;
  title?: string;
  level?: string;
  /** the content hash of the rules applied (the version of the text as encoded) */
  version?: string;
  inForce?: { from: string; until?: string };
  /** the date that chose it, which fact gives it, and in words */
  date: { fact: string; label: string; value: string };
  /** the reading of the interpretation that says what happens outside the project's own instrument */
  reading?: { interpretation: string; alternative: string };
  /** why, in sentences */
  because: string[];
}

/** The decision document of a run: each decision's values, grounds and (unless `trace` is false) `because`. */
export function decisionDocument(decider: Decider, record: RunRecord, trace = true, readings: Record<string, string> = {}): DecisionDocument {
  const decisions = Object.values(decider.regulation.decisions).map((spec) =>
    [spec.name, { ...own(record.fields, spec.name), ...explainDecision(decider, spec, record.state, trace) } as Decision] as const);
  return {
    asOf: record.input.asOf, ruleset: decider.regulation.ruleset, readings: { ...readings },
    engine: { ...engineVersion }, calendar: { ...calendarVersion, years: [...calendarVersion.years] },
    decisions: Object.fromEntries(decisions),
  };
}

export function factLabel(regulation: Regulation, name: string, path?: string): string {
  const f = readFactName(name);
  const suffix = path ? `.${path}` : '';
  if (!f) return name;
  switch (f.kind) {
    case 'asOf': return own(regulation.vocabulary.facts, 'asOf') ?? '决定日期';
    case 'case': return own(regulation.vocabulary.facts, f.path.join('.')) ?? name;
    case 'derived': return (own(regulation.derived, f.name)?.label ?? name) + suffix;
    case 'param': return own(regulation.parameters, f.name)?.label ?? name;
    case 'decision': {
      const decision = own(regulation.decisions, f.decision);
      return `${decision?.label ?? f.decision}：${own(decision?.fields, f.field)?.label ?? f.field}`;
    }
  }
}

/**
 * For a parameter read for a place (keyed by place): whose value it is, "（330106 西湖区的值）";
 * for any other fact, or the value everywhere, nothing.
 */
export function placeNote(regulation: Regulation, fact: unknown, state: RunState | undefined): string {
  const f = typeof fact === 'string' && fact.startsWith('params.') ? readFactName(fact) : undefined;
  if (f?.kind !== 'param' || !state) return '';
  const used = state.params.get(f.name);
  const spec = own(regulation.parameters, f.name);
  if (!spec?.readIn) return '';
  if (!used?.place) return `（${spec.readIn.label}未另定，取通用的值）`;
  const list = spec.readIn.codes ? own(regulation.vocabulary.lists, spec.readIn.codes) : undefined;
  const name = list ? own(list, used.place)?.label : undefined;
  return `（${used.place}${name ? ` ${name}` : ''}的值）`;
}

function traceConditions(node: any, regulation: Regulation, state?: RunState): ConditionNode {
  if (Array.isArray(node?.all)) return { all: node.all.map((c: unknown) => traceConditions(c, regulation, state)) };
  if (Array.isArray(node?.any)) return { any: node.any.map((c: unknown) => traceConditions(c, regulation, state)) };
  if (node?.not) return { not: traceConditions(node.not, regulation, state) };
  const evaluated = typeof node.result === 'boolean';
  const label = factLabel(regulation, node.fact, node.path) + placeNote(regulation, node.fact, state);
  const expectedFrom = isFactRef(node.value) ? node.value.fact + (node.value.path ? `.${node.value.path}` : '') : undefined;
  const expected = expectedFrom ? node.valueResult : node.value;
  const reads = operatorsByName.get(node.operator)?.reads ?? node.operator;
  const v = (x: unknown): string => describeValue(x, regulation.vocabulary);
  // for a presence check, whether there is a value is what matters, not the value itself
  const shownFact = node.operator === 'present' ? (node.factResult === undefined || node.factResult === null ? '（无）' : '（有）') : v(node.factResult);
  const lhs = `${label}〔${node.fact}${node.path ? `.${node.path}` : ''}〕= ${evaluated ? shownFact : '（未计算）'}`;
  const rhs = expectedFrom ? `${factLabel(regulation, node.value.fact, node.value.path)}${placeNote(regulation, node.value.fact, state)}〔${expectedFrom}〕= ${evaluated ? v(expected) : '（未计算）'}` : v(expected);
  const verdict = evaluated ? (node.result ? '成立' : '不成立') : '未判断（前面的条件已决定结果）';
  // a presence check on a section of the case (a list or map) says only that it is there:
  // the section itself is in the case, not again in every rule that checks it
  const value = !evaluated ? undefined : node.operator === 'present' && node.factResult !== null && typeof node.factResult === 'object' ? true : node.factResult;
  return {
    fact: node.fact, label, path: node.path, value, operator: node.operator,
    expected: evaluated || !expectedFrom ? expected : undefined, expectedFrom, result: evaluated ? node.result : null,
    text: `${lhs} ${reads} ${rhs} → ${verdict}`,
  };
}

/**
 * The arguments of a derived fact that are a parameter's table (a list or map, read whole):
 * each as a reference to the parameter and the value it had (its name, the date that value
 * holds from, the place it is for), not the table again in every rule that reads the fact —
 * the table itself is in the rules of the decision's `ruleset`.
 */
export function tableRefs(decider: Decider, spec: { args?: Record<string, unknown> }, record: { args: Record<string, unknown> }, state?: RunState): Map<string, TableRef> | undefined {
  let refs: Map<string, TableRef> | undefined;
  for (const k of Object.keys(record.args)) {
    const written = spec.args && Object.hasOwn(spec.args, k) ? spec.args[k] : undefined;
    if (!isFactRef(written) || written.path) continue;
    const f = readFactName(written.fact);
    const value = record.args[k];
    if (f?.kind !== 'param' || value === null || typeof value !== 'object') continue;
    const used = state?.params.get(f.name);
    if (!used) continue;
    (refs ??= new Map()).set(k, { parameter: f.name, from: used.from, ...(used.place ? { place: used.place } : {}) });
  }
  return refs;
}

/** A table's reference in words: the parameter, and from when its value holds (whose value it is: placeNote). */
function tableRefText(ref: TableRef): string {
  return `〔params.${ref.parameter}〕（自 ${ref.from} 起的值）`;
}

/** Per run, each derived fact's line of the trace: made once, however many rules read the fact. */
const derivedTexts = new WeakMap<RunState, Map<string, string>>();

export function derivedText(decider: Decider, spec: { label: string; function: string; args?: Record<string, unknown> }, name: string, record: { args: Record<string, unknown>; value: unknown }, state?: RunState): string {
  const v = (x: unknown): string => describeValue(x, decider.regulation.vocabulary);
  // an argument that is a parameter read for a place says whose value it is
  const note = (k: string): string => {
    const written = spec.args && Object.hasOwn(spec.args, k) ? spec.args[k] : undefined;
    return isFactRef(written) ? placeNote(decider.regulation, written.fact, state) : '';
  };
  const tables = tableRefs(decider, spec, record, state);
  const args = Object.entries(record.args).map(([k, x]) => `${k} = ${tables?.has(k) ? tableRefText(tables.get(k)!) : v(x)}${note(k)}`).join('，');
  const worked = record.value as Record<string, unknown> | undefined;
  const steps = worked && typeof worked === 'object' && Array.isArray(worked.steps) ? worked.steps as string[] : undefined;
  const value = steps ? `${workedFields(decider.regulation.vocabulary, name, worked!).map(([label, x]) => `${label} ${v(x)}`).join('，')}（${steps.join('；')}）` : v(record.value);
  return `${spec.label}〔derived.${name}〕= ${spec.function}(${args}) = ${value}`;
}

/**
 * A derived fact a decision's trace has already worked out, in a later rule of that decision:
 * its value, the working once above (the same run, the same arguments).
 */
export function derivedAgainText(decider: Decider, spec: { label: string }, name: string, record: { value: unknown }, full: string): string {
  const worked = record.value as Record<string, unknown> | undefined;
  if (worked && typeof worked === 'object' && Array.isArray(worked.steps)) return full;
  return `${spec.label}〔derived.${name}〕= ${describeValue(record.value, decider.regulation.vocabulary)}（计算见上）`;
}

/** The derived facts a rule uses; `shown`: those the decision's trace has worked out already (named again, shortly). */
function derivedUsed(decider: Decider, rule: RuleSpec, state: RunState, shown: Set<string>): DerivedTrace[] {
  const regulation = decider.regulation;
  const out: DerivedTrace[] = [];
  let texts = derivedTexts.get(state);
  for (const name of decider.ruleDerived.get(rule.id) ?? []) {
    const spec = own(regulation.derived, name);
    const record = state.derived.get(name);
    if (!record || !spec) continue;
    if (!texts) derivedTexts.set(state, (texts = new Map()));
    let text = texts.get(name);
    if (text === undefined) texts.set(name, (text = derivedText(decider, spec, name, record, state)));
    if (shown.has(name)) text = derivedAgainText(decider, spec, name, record, text);
    else shown.add(name);
    out.push(derivedStep(decider, spec, name, record, state, text));
  }
  return out;
}

/** One derived fact of a rule's trace, with its line `text`: its arguments (a parameter's table by reference), whose values they are, its value. */
export function derivedStep(decider: Decider, spec: { label: string; function: string; args: Record<string, unknown> }, name: string, record: { args: Record<string, unknown>; value: unknown }, state: RunState, text: string): DerivedTrace {
  const places = Object.keys(record.args).flatMap((k) => {
    const written = Object.hasOwn(spec.args, k) ? spec.args[k] : undefined;
    const note = isFactRef(written) ? placeNote(decider.regulation, written.fact, state) : '';
    return note ? [[k, note] as const] : [];
  });
  const tables = tableRefs(decider, spec, record, state);
  const args = tables ? Object.fromEntries(Object.entries(record.args).map(([k, x]) => [k, tables.get(k) ?? x])) : record.args;
  return {
    name, label: spec.label, function: spec.function, args,
    ...(tables ? { tables: [...tables.keys()] } : {}),
    ...(places.length ? { places: Object.fromEntries(places) } : {}), value: record.value, text,
  };
}

/**
 * Which fields of a rule its exceptions set aside, in words: the whole rule when they set aside
 * all it decides (`of` fields) with one exception list, else field by field.
 */
export function setAsideText(setAside: ReadonlyArray<readonly [string, string[]]>, of: number): string {
  if (!setAside.length) return '';
  const lists = new Set(setAside.map(([, by]) => by.join('、')));
  if (setAside.length === of && lists.size === 1) return `被例外规则 ${[...lists][0]} 排除适用${of > 1 ? `（${setAside.map(([k]) => k).join('、')}）` : ''}`;
  return setAside.map(([k, by]) => `${k} 被例外规则 ${by.join('、')} 排除适用`).join('，');
}

/** The articles and interpretations a decision rests on, and (unless `trace` is false) `because`. */
export function explainDecision(decider: Decider, spec: DecisionSpec, state: RunState, trace = true) {
  const regulation = decider.regulation;
  const keys = Object.keys(spec.fields).map((f) => `${spec.name}.${f}`);
  const rules = trace ? decider.rulesByDecision.get(spec.name) ?? [] : [];
  const because: Because[] = [];
  const derivedShown = new Set<string>();
  for (const rule of rules) {
    const record = state.rules.get(rule.id);
    if (!record) continue;
    const mine = decider.ruleTargets.get(rule.id)!.filter((t) => keys.includes(t));
    // an exception sets aside only the fields it decides too: each field with the exceptions that set it aside
    const setAside = record.fired ? mine.flatMap((k) => {
      const by = decider.overriddenBy(rule.id, k, state);
      return by.length ? [[k, by] as const] : [];
    }) : [];
    const overriddenBy = [...new Set(setAside.flatMap(([, by]) => by))];
    const applied = mine.filter((k) => !setAside.some(([f]) => f === k));
    const result = !record.fired ? 'failed' : applied.length ? 'fired' : 'overridden';
    const sets = record.fired ? Object.fromEntries(mine.map((k) => [k, own(record.values, k)])) : undefined;
    const where = rule.articles.map(articleLabel).join('、');
    const aside = setAsideText(setAside, mine.length);
    const outcome = result === 'fired'
      ? `适用 → ${applied.map((k) => `${k} = ${describeValue(own(record.values, k), regulation.vocabulary)}`).join('，')}${aside ? `；${aside}` : ''}`
      : result === 'overridden' ? `条件成立，但${aside}` : '条件不成立，不适用';
    because.push({
      rule: rule.id, name: rule.name, result, articles: rule.articles, interpretations: rule.interpretations,
      ...(sets ? { sets } : {}), ...(overriddenBy.length ? { overriddenBy, setAside: Object.fromEntries(setAside.map(([k, by]) => [k, by])) } : {}),
      conditions: traceConditions((record.result as any).conditions, regulation, state),
      derived: derivedUsed(decider, rule, state, derivedShown),
      text: `${rule.name}（${where}；规则 ${rule.id}）：${outcome}`,
    });
  }
  for (const key of trace ? keys : []) {
    const field = key.slice(spec.name.length + 1);
    const d = own(spec.fields, field)?.default;
    if (!decider.effectiveRules(key, state).length && d !== undefined) {
      because.push({ field: key, default: d, text: `没有规则认定 ${key}，取默认值 ${describeValue(d, regulation.vocabulary)}` });
    }
  }
  const grounds = groundsOf(decider, keys, state);
  return {
    articles: [...new Set([...spec.articles, ...grounds.articles])].sort(compareArticleRefs),
    interpretations: [...grounds.interpretations].sort(),
    ...(trace ? { because } : {}),
  };
}

/**
 * The articles and interpretations a set of decision fields rests on: the rules that gave
 * their values, the exceptions that could have set those rules aside but did not apply,
 * the derived facts and other decisions those rules read; for a default, every rule that
 * could have given a value and did not.
 */
export function groundsOf(decider: Decider, keys: string[], state: RunState, seen = new Set<string>()) {
  const regulation = decider.regulation;
  const articles = new Set<string>();
  const interpretations = new Set<string>();
  const addRule = (rule: RuleSpec): void => {
    rule.articles.forEach((a) => articles.add(a));
    rule.interpretations.forEach((i) => interpretations.add(i));
  };
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    const effective = decider.effectiveRules(key, state);
    if (!effective.length) {
      (decider.settersByField.get(key) ?? []).forEach(addRule);
      continue;
    }
    for (const rule of effective) {
      addRule(rule);
      for (const other of decider.settersByField.get(key) ?? []) if (other.overrides.includes(rule.id)) addRule(other);
      for (const name of decider.ruleDerived.get(rule.id) ?? []) {
        own(regulation.derived, name)?.articles.forEach((a) => articles.add(a));
        own(regulation.derived, name)?.interpretations.forEach((i) => interpretations.add(i));
      }
      const read = decider.order.reads.get(rule.id) ?? [];
      const deeper = groundsOf(decider, read, state, seen);
      deeper.articles.forEach((a) => articles.add(a));
      deeper.interpretations.forEach((i) => interpretations.add(i));
    }
  }
  return { articles, interpretations };
}
