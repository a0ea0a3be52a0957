// The decision document without `because` (--brief) as JSON text, written straight from a
// compiled run: exactly the text JSON.stringify gives for compiledDocument(…, false), key
// for key, made without building the document first. The parts that are the same for every
// case (ruleset, readings, engine, calendar) and each pattern's grounds are written once
// and kept. What `decide --jsonl --brief` writes for each line.
import type { Evaluator } from '../evaluate/decider.js';
import type { CompiledRun } from '../evaluate/compiled/compiled-run.js';
import { calendarVersion, engineVersion } from '../evaluate/versions.js';
import { compiledDocument, groundsText, namesArePlain } from './compiled-document.js';

/** Per evaluator: the text after asOf up to the decisions, and each decision's and field's key as JSON. */
interface TextPlan { middle: string; decisionKeys: string[]; fieldKeys: string[] }
const plans = new WeakMap<Evaluator, TextPlan>();

function textPlan(decider: Evaluator, readings: Record<string, string>): TextPlan {
  let plan = plans.get(decider);
  if (!plan) {
    const compiled = decider.compiled!;
    const middle = `,"ruleset":${JSON.stringify(decider.regulation.ruleset)},"readings":${JSON.stringify({ ...readings })},"engine":${JSON.stringify({ ...engineVersion })},"calendar":${JSON.stringify({ ...calendarVersion, years: [...calendarVersion.years] })},"decisions":{`;
    plan = {
      middle,
      decisionKeys: compiled.decisionFields.map((d) => `${JSON.stringify(d.name)}:{`),
      fieldKeys: compiled.fields.map((f) => `${JSON.stringify(f.field)}:`),
    };
    plans.set(decider, plan);
  }
  return plan;
}

/** JSON.stringify(v) for a value JSON writes (not undefined, a function or a symbol); a boolean or number without the call. */
function jsonOf(v: unknown): string {
  if (v === true) return 'true';
  if (v === false) return 'false';
  // JSON writes a number as String does (-0 as 0), and NaN and the infinities as null
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  return JSON.stringify(v);
}

/** JSON.stringify(compiledDocument(decider, run, false, readings)), written directly. */
export function compiledDocumentText(decider: Evaluator, run: CompiledRun, readings: Record<string, string>): string {
  const compiled = decider.compiled!;
  // names an object inherits, or a field named like the grounds: the document itself, stringified
  // (an index-like name, which JSON writes first, is first in the regulation's fields already)
  if (!namesArePlain(compiled)) return JSON.stringify(compiledDocument(decider, run, false, readings));
  const plan = textPlan(decider, readings);
  let text = `{"asOf":${JSON.stringify(run.input.asOf)}${plan.middle}`;
  const decisions = compiled.decisionFields;
  for (let k = 0; k < decisions.length; k++) {
    if (k) text += ',';
    text += plan.decisionKeys[k];
    for (const f of decisions[k].fields) {
      const v = compiled.fieldValue(run, f);
      // as JSON.stringify leaves out a key whose value it cannot write
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      text += `${plan.fieldKeys[f]}${jsonOf(v)},`;
    }
    text += groundsText(decider, compiled, run, k);
    text += '}';
  }
  return `${text}}}`;
}
