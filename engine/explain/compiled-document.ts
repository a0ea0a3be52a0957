// The decision document of a compiled run: the same document decisionDocument()
// (explain-decision.ts) makes from a json-rules-engine run, key for key. A decision's
// articles and interpretations depend only on which rules fired, so they are worked out
// once per pattern of fired rules (by explain-decision.ts itself) and kept. `because` is
// made only when read: the run has recorded every condition's values, and the first read
// builds the run's state and the trace from it with explain-decision.ts — the very same text.
import type { Evaluator } from '../evaluate/decider.js';
import type { CompiledRules } from '../evaluate/compiled/compiled-rules.js';
import { FIRED, type CompiledRun } from '../evaluate/compiled/compiled-run.js';
import type { RunState } from '../evaluate/run-state.js';
import { calendarVersion, engineVersion } from '../evaluate/versions.js';
import { isInheritedName, own } from '../core/own.js';
import { explainDecision, type Decision, type DecisionDocument } from './explain-decision.js';

interface Grounds { articles: string[]; interpretations: string[]; text?: string }

/**
 * Per decision, the rules whose firing its grounds depend on (groundsOf): the rules that can
 * set its fields, and, through the decision fields those rules read, theirs, and so on.
 */
function relevantRules(decider: Evaluator, compiled: CompiledRules): number[][] {
  const index = new Map(compiled.rules.map((r, i) => [r.id, i]));
  return compiled.decisionFields.map((d) => {
    const rules = new Set<number>();
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const rule of decider.settersByField.get(key) ?? []) {
        rules.add(index.get(rule.id)!);
        for (const read of decider.order.reads.get(rule.id) ?? []) visit(read);
      }
    };
    d.fields.forEach((f) => visit(compiled.fields[f].key));
    return [...rules].sort((a, b) => a - b);
  });
}

interface GroundsPlan { relevant: number[][]; kept: Array<Map<number | string, Grounds>> }

/** Kept grounds per evaluator and decision: which of its relevant rules fired → its grounds. */
const plans = new WeakMap<Evaluator, GroundsPlan>();
const KEEP_AT_MOST = 4096;

function groundsPlan(decider: Evaluator, compiled: CompiledRules): GroundsPlan {
  let plan = plans.get(decider);
  if (!plan) {
    const relevant = relevantRules(decider, compiled);
    plan = { relevant, kept: relevant.map(() => new Map()) };
    plans.set(decider, plan);
  }
  return plan;
}

function groundsFor(decider: Evaluator, compiled: CompiledRules, run: CompiledRun, k: number, plan: GroundsPlan): Grounds {
  const relevant = plan.relevant[k];
  const fired = run.fired;
  let key: number | string;
  if (relevant.length <= 30) {
    key = 0;
    for (let j = 0; j < relevant.length; j++) if (fired[relevant[j]] === FIRED) key |= 1 << j;
  } else {
    key = '';
    for (let j = 0; j < relevant.length; j++) key += fired[relevant[j]] === FIRED ? '1' : '0';
  }
  const kept = plan.kept[k];
  let grounds = kept.get(key);
  if (!grounds) {
    // effectiveRules and groundsOf read only whether each rule fired, and only of the relevant rules
    const rules = new Map<string, { fired: boolean }>();
    for (const i of relevant) rules.set(compiled.rules[i].id, { fired: fired[i] === FIRED });
    grounds = explainDecision(decider, own(decider.regulation.decisions, compiled.decisionFields[k].name)!, { rules } as unknown as RunState, false);
    if (kept.size >= KEEP_AT_MOST) kept.clear();
    kept.set(key, grounds);
  }
  return grounds;
}

/** A decision's grounds as the end of its JSON text: `"articles":[…],"interpretations":[…]`, made once per pattern. */
export function groundsText(decider: Evaluator, compiled: CompiledRules, run: CompiledRun, k: number): string {
  const grounds = groundsFor(decider, compiled, run, k, groundsPlan(decider, compiled));
  return (grounds.text ??= `"articles":${JSON.stringify(grounds.articles)},"interpretations":${JSON.stringify(grounds.interpretations)}`);
}

/** Decision names and field names that can be written with plain assignment (no inherited names, no clash with the grounds). */
const plainNames = new WeakMap<CompiledRules, boolean>();
export function namesArePlain(compiled: CompiledRules): boolean {
  let plain = plainNames.get(compiled);
  if (plain === undefined) {
    const reserved = new Set(['articles', 'interpretations', 'because']);
    plain = compiled.decisionFields.every((d) => !isInheritedName(d.name)) && compiled.fields.every((f) => !isInheritedName(f.field) && !reserved.has(f.field));
    plainNames.set(compiled, plain);
  }
  return plain;
}

const kept = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: true, configurable: true });

/** Each decision's fields that have a value, its grounds, and (with `trace`) `because` from the run's state. */
function decisionsOf(decider: Evaluator, compiled: CompiledRules, run: CompiledRun, trace: boolean): Record<string, Decision> {
  const plain = namesArePlain(compiled);
  const state = trace ? compiled.stateOf(run) : undefined;
  const decisions: Record<string, Decision> = {};
  const plan = groundsPlan(decider, compiled);
  compiled.decisionFields.forEach((d, k) => {
    const grounds = groundsFor(decider, compiled, run, k, plan);
    let decision: Decision;
    if (plain) {
      decision = {} as Decision;
      for (const f of d.fields) {
        const v = compiled.fieldValue(run, f);
        if (v !== undefined) decision[compiled.fields[f].field] = v;
      }
      decision.articles = grounds.articles.slice();
      decision.interpretations = grounds.interpretations.slice();
      if (state) decision.because = explainDecision(decider, own(decider.regulation.decisions, d.name)!, state, true).because;
      decisions[d.name] = decision;
    } else {
      const fields = Object.fromEntries(d.fields.flatMap((f) => {
        const v = compiled.fieldValue(run, f);
        return v !== undefined ? [[compiled.fields[f].field, v]] : [];
      }));
      const because = state ? { because: explainDecision(decider, own(decider.regulation.decisions, d.name)!, state, true).because } : {};
      decision = { ...fields, articles: grounds.articles.slice(), interpretations: grounds.interpretations.slice(), ...because };
      Object.defineProperty(decisions, d.name, kept(decision));
    }
  });
  return decisions;
}

/**
 * The decision document. Without the trace, whole at once; with it, `decisions` is made
 * when first read (then kept as a plain property): until then the run's record is all
 * there is, and a document never read costs no trace.
 */
export function compiledDocument(decider: Evaluator, run: CompiledRun, trace: boolean, readings: Record<string, string>): DecisionDocument {
  const compiled = decider.compiled!;
  if (!trace) {
    return {
      asOf: run.input.asOf, ruleset: decider.regulation.ruleset, readings: { ...readings },
      engine: { ...engineVersion }, calendar: { ...calendarVersion, years: [...calendarVersion.years] },
      decisions: decisionsOf(decider, compiled, run, false),
    };
  }
  return {
    asOf: run.input.asOf, ruleset: decider.regulation.ruleset, readings: { ...readings },
    engine: { ...engineVersion }, calendar: { ...calendarVersion, years: [...calendarVersion.years] },
    get decisions() {
      const decisions = decisionsOf(decider, compiled, run, true);
      Object.defineProperty(this, 'decisions', kept(decisions));
      return decisions;
    },
    set decisions(value) {
      Object.defineProperty(this, 'decisions', kept(value));
    },
  };
}
