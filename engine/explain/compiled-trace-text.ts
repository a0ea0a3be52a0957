// The decision document with `because` as JSON text, written straight from a compiled run:
// exactly JSON.stringify(compiledDocument(…, true)) — explain-decision.ts's words, key for
// key — without building the trace's objects first. What does not depend on the case is in
// the trace plan (trace-plan.ts), made once; a condition's JSON is kept per value of its fact
// (the same value, the same outcome, the same words). What `decide` writes with the trace.
import type { Evaluator } from '../evaluate/decider.js';
import type { CompiledRules } from '../evaluate/compiled/compiled-rules.js';
import { FIRED, type CompiledRun } from '../evaluate/compiled/compiled-run.js';
import type { RunState } from '../evaluate/run-state.js';
import { calendarVersion, engineVersion } from '../evaluate/versions.js';
import { describeValue } from './describe-value.js';
import { compiledDocument, groundsText, namesArePlain } from './compiled-document.js';
import { readingsText, type InstrumentPart } from './compiled-document-text.js';
import { derivedAgainText, derivedText, placeNote, setAsideText, tableRefs } from './explain-decision.js';
import { json, jsonValue, plainText, tracePlan, type DerivedPlan, type LeafPlan, type NodePlan, type RuleInDecision, type TracePlan } from './trace-plan.js';

/** A condition's JSON kept per fact value at most this many values. */
const KEEP_VALUES = 256;

/** One document's writing: the run, and what is made once per run (whose values the parameters had, each derived fact's JSON). */
interface Writing {
  decider: Evaluator;
  compiled: CompiledRules;
  run: CompiledRun;
  plan: TracePlan;
  state?: RunState;
  /** derived index → its JSON worked out in full, and named again */
  derived: Array<{ full: string; again: string } | undefined>;
}

/** The run as far as a place note and a parameter's table read it: the parameters' values. */
function stateOf(w: Writing): RunState {
  if (!w.state) {
    const params = new Map();
    w.compiled.paramNames.forEach((name, p) => {
      if (w.run.params[p]) params.set(name, w.run.params[p]);
    });
    w.state = { params } as RunState;
  }
  return w.state;
}

const PRIMITIVE: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'undefined']);
/** A presence check's key for any list or map: it says only that the section is there. */
const SECTION = Symbol('section');

/**
 * The key a condition's JSON is kept under: the fact's value when it is null or of one
 * kind (a presence check: any section alike); undefined when the JSON is not kept.
 */
function keyOf(l: LeafPlan, a: unknown): unknown {
  if (a === null || PRIMITIVE.has(typeof a)) return a;
  return l.present && typeof a === 'object' ? SECTION : undefined;
}

function leafJson(w: Writing, l: LeafPlan): string {
  const trace = w.run.trace!;
  const result = trace[l.at + 2] as boolean | undefined;
  if (l.noted) return writeLeaf(w, l, result);
  if (result === undefined) return (l.unevaluated ??= writeLeaf(w, l, undefined));
  // compared with a fact: its values are seldom the same twice
  if (l.from) return writeLeaf(w, l, result);
  // a literal: the same value, the same outcome and the same words, kept per value
  const a = keyOf(l, trace[l.at]);
  if (a === undefined && trace[l.at] !== undefined) return writeLeaf(w, l, result);
  const seen = l.seen[result ? 1 : 0];
  let text = seen.get(a);
  if (text === undefined) {
    text = writeLeaf(w, l, result);
    if (seen.size >= KEEP_VALUES) seen.clear();
    seen.set(a, text);
  }
  return text;
}

/** explain-decision.ts traceConditions, as JSON. */
function writeLeaf(w: Writing, l: LeafPlan, result: boolean | undefined): string {
  const regulation = w.decider.regulation;
  const trace = w.run.trace!;
  const evaluated = result !== undefined;
  const a = evaluated ? trace[l.at] : undefined;
  const b = evaluated ? trace[l.at + 1] : undefined;
  const label = l.noted ? l.label + placeNote(regulation, l.fact, stateOf(w)) : l.label;
  let out = l.noted ? l.head + json(label) + l.path : l.start;
  if (evaluated) {
    // a presence check on a section of the case says only that it is there
    const shown = jsonValue(l.present && a !== null && typeof a === 'object' ? true : a);
    if (shown !== undefined) out += `,"value":${shown}`;
  }
  out += l.operator;
  let rhs: string;
  if (l.from) {
    const expected = evaluated ? jsonValue(b) : undefined;
    if (expected !== undefined) out += `,"expected":${expected}`;
    out += `,"expectedFrom":${l.from.json}`;
    const note = l.noted ? placeNote(regulation, l.from.fact, stateOf(w)) : '';
    rhs = `${l.from.label}${note}${l.from.ref}${evaluated ? describeValue(b, regulation.vocabulary) : '（未计算）'}`;
  } else {
    if (l.literal!.json !== undefined) out += `,"expected":${l.literal!.json}`;
    rhs = l.literal!.text;
  }
  out += `,"result":${evaluated ? String(result) : 'null'}`;
  const fact = !evaluated ? '（未计算）' : l.present ? (a === undefined || a === null ? '（无）' : '（有）') : describeValue(a, regulation.vocabulary);
  const verdict = evaluated ? (result ? '成立' : '不成立') : '未判断（前面的条件已决定结果）';
  const text = `${label}${l.factRef}${fact}${l.reads}${rhs} → ${verdict}`;
  // words JSON writes as they are (the plan's, and this run's when they are too) need no JSON.stringify
  const plain = l.plainWords && plainText(fact) && (!l.from || plainText(rhs)) && (!l.noted || plainText(label));
  return `${out},"text":${plain ? `"${text}"` : json(text)}}`;
}

function nodeJson(w: Writing, node: NodePlan): string {
  if (node.leaf) return leafJson(w, node);
  if (node.kind === 'not') return `{"not":${nodeJson(w, node.children[0])}}`;
  let out = `{"${node.kind}":[`;
  for (let i = 0; i < node.children.length; i++) out += (i ? ',' : '') + nodeJson(w, node.children[i]);
  return `${out}]}`;
}

/** The derived facts a rule uses, as JSON; `shown`: those the decision's trace has worked out already. */
function derivedJson(w: Writing, r: RuleInDecision, shown: Set<number>): string {
  let out = '[';
  let first = true;
  for (const d of r.plan.derived) {
    const args = w.run.derivedArgs[d.index];
    if (!args) continue;
    const made = (w.derived[d.index] ??= derivedMade(w, d, args));
    out += (first ? '' : ',') + (shown.has(d.index) ? made.again : made.full);
    shown.add(d.index);
    first = false;
  }
  return `${out}]`;
}

/**
 * A value JSON writes faithfully (null, a boolean, a finite number, a string, lists and plain
 * maps of these): two such values with the same JSON read the same in the trace's words.
 */
function faithful(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (depth > 8 || typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!faithful(v[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (Object.hasOwn(v, k) && !faithful((v as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** explain-decision.ts derivedStep, as JSON: worked out in full, and named again. */
function derivedMade(w: Writing, d: DerivedPlan, args: Record<string, unknown>): { full: string; again: string } {
  const record = { args, value: w.run.values[w.plan.derivedValueSlot[d.index]] };
  const state = stateOf(w);
  const tables = d.tables ? tableRefs(w.decider, d.spec, record, state) : undefined;
  const shownArgs = tables ? Object.fromEntries(Object.entries(args).map(([k, x]) => [k, tables.get(k) ?? x])) : args;
  let out = d.head + json(shownArgs);
  if (tables) out += `,"tables":${json([...tables.keys()])}`;
  if (d.noted.size) {
    let places: Array<[string, string]> | undefined;
    for (const k of Object.keys(args)) {
      const fact = d.noted.get(k);
      const note = fact === undefined ? '' : placeNote(w.decider.regulation, fact, state);
      if (note) (places ??= []).push([k, note]);
    }
    if (places) out += `,"places":${json(Object.fromEntries(places))}`;
  }
  const value = json(record.value);
  if (value !== undefined) out += `,"value":${value}`;
  // the words follow from what is written so far (the arguments as shown, whose values they are, the value)
  const kept = faithful(shownArgs) && (record.value === undefined || faithful(record.value));
  const known = kept ? d.seen.get(out) : undefined;
  if (known) return known;
  const text = derivedText(w.decider, d.spec, d.name, record, state);
  const again = derivedAgainText(w.decider, d.spec, d.name, record, text);
  const full = `${out},"text":${json(text)}}`;
  const made = { full, again: again === text ? full : `${out},"text":${json(again)}}` };
  if (kept) {
    if (d.seen.size >= KEEP_VALUES) d.seen.clear();
    d.seen.set(out, made);
  }
  return made;
}

/** explain-decision.ts's step of `because` for one rule, as JSON. */
function ruleJson(w: Writing, r: RuleInDecision, shown: Set<number>): string | undefined {
  const { plan } = r;
  const fired = w.run.fired[plan.index];
  if (!fired) return undefined;
  if (fired !== FIRED) return `${plan.failed}${nodeJson(w, plan.conditions)},"derived":${derivedJson(w, r, shown)}${plan.failedEnd}`;
  const values = w.run.ruleValues[plan.index] ?? [];
  const vocabulary = w.decider.regulation.vocabulary;
  // an exception sets aside only the fields it decides too: each field with the exceptions that set it aside
  let setAside: Array<readonly [string, string[]]> | undefined;
  for (const m of r.mine) {
    let by: string[] | undefined;
    for (const o of m.overriders) if (w.run.fired[o.index] === FIRED) (by ??= []).push(o.id);
    if (by) (setAside ??= []).push([m.key, by] as const);
  }
  let sets = '';
  let applied = '';
  let anyApplied = false;
  for (const m of r.mine) {
    const v = values[m.entry];
    const given = jsonValue(v);
    if (given !== undefined) sets += `${sets ? ',' : ''}${m.keyJson}:${given}`;
    if (setAside?.some(([k]) => k === m.key)) continue;
    applied += `${anyApplied ? '，' : ''}${m.key} = ${describeValue(v, vocabulary)}`;
    anyApplied = true;
  }
  const aside = setAside ? setAsideText(setAside, r.mine.length) : '';
  let out = `${plan.head}${anyApplied ? 'fired' : 'overridden'}"${plan.grounds},"sets":{${sets}}`;
  if (setAside) {
    out += `,"overriddenBy":${json([...new Set(setAside.flatMap(([, by]) => by))])},"setAside":${json(Object.fromEntries(setAside))}`;
  }
  const outcome = anyApplied ? `适用 → ${applied}${aside ? `；${aside}` : ''}` : `条件成立，但${aside}`;
  const text = plan.sentence + outcome;
  return `${out},"conditions":${nodeJson(w, plan.conditions)},"derived":${derivedJson(w, r, shown)},"text":${plan.plainSentence && plainText(outcome) ? `"${text}"` : json(text)}}`;
}

/** One decision's `because`: its rules, then the fields that took their default. */
function becauseJson(w: Writing, k: number): string {
  const decision = w.plan.decisions[k];
  const fired = w.run.fired;
  const shown = new Set<number>();
  let out = '[';
  for (const r of decision.rules) {
    const step = ruleJson(w, r, shown);
    if (step !== undefined) out += (out.length > 1 ? ',' : '') + step;
  }
  for (const d of decision.defaults) {
    if (!d) continue;
    const given = d.setters.some((s) => fired[s.index] === FIRED && !s.overriders.some((o) => fired[o] === FIRED));
    if (!given) out += (out.length > 1 ? ',' : '') + d.step;
  }
  return `${out}]`;
}

/** Per evaluator: the document's text from `ruleset` to its readings, and after them to the calendar's end. */
const middles = new WeakMap<Evaluator, { ruleset: string; versions: string }>();

/**
 * JSON.stringify(compiledDocument(decider, run, true, readings)), written directly, with the
 * instrument's keys (when given) between the calendar and the decisions.
 */
export function compiledTracedText(decider: Evaluator, run: CompiledRun, readings: Record<string, string>, instrument?: InstrumentPart): string {
  const compiled = decider.compiled!;
  const plan = run.trace && namesArePlain(compiled) ? tracePlan(decider, compiled) : null;
  if (!plan || 3 * plan.leaves !== run.trace!.length) {
    const doc = compiledDocument(decider, run, true, readings);
    return JSON.stringify(instrument ? instrument.add(doc) : doc);
  }
  let middle = middles.get(decider);
  if (middle === undefined) {
    middle = {
      ruleset: `"ruleset":${json(decider.regulation.ruleset)},"readings":`,
      versions: `,"engine":${json({ ...engineVersion })},"calendar":${json({ ...calendarVersion, years: [...calendarVersion.years] })}`,
    };
    middles.set(decider, middle);
  }
  const w: Writing = { decider, compiled, run, plan, derived: [] };
  const asOf = json(run.input.asOf);
  let text = `{${asOf === undefined ? '' : `"asOf":${asOf},`}${middle.ruleset}${readingsText(readings)}${middle.versions}${instrument ? instrument.text : ''},"decisions":{`;
  compiled.decisionFields.forEach((d, k) => {
    text += `${k ? ',' : ''}${json(d.name)}:{`;
    for (const f of d.fields) {
      const v = json(compiled.fieldValue(run, f));
      if (v !== undefined) text += `${json(compiled.fields[f].field)}:${v},`;
    }
    text += `${groundsText(decider, compiled, run, k)},"because":${becauseJson(w, k)}}`;
  });
  return `${text}}}`;
}
