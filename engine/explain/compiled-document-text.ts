// The decision document without `because` (--brief) as JSON text, written straight from a
// compiled run: exactly the text JSON.stringify gives for compiledDocument(…, false), key
// for key, made without building the document first. The parts that are the same for every
// case (ruleset, readings, engine, calendar) and each pattern's grounds are written once
// and kept. What `decide --jsonl --brief` writes for each line.
import type { Evaluator } from '../evaluate/decider.js';
import type { CompiledRun } from '../evaluate/compiled/compiled-run.js';
import { calendarVersion, engineVersion } from '../evaluate/versions.js';
import { compiledDocument, groundsText, namesArePlain } from './compiled-document.js';
import type { DecisionDocument } from './explain-decision.js';

/** Per evaluator: the ruleset's key and value, the engine's and calendar's, and each decision's and field's key as JSON. */
interface TextPlan { ruleset: string; versions: string; decisionKeys: string[]; fieldKeys: string[] }
const plans = new WeakMap<Evaluator, TextPlan>();
/** A frozen set of readings as JSON (it cannot change); any other is written each time. */
const readingsTexts = new WeakMap<Record<string, string>, string>();

export function readingsText(readings: Record<string, string>): string {
  const known = readingsTexts.get(readings);
  if (known !== undefined) return known;
  const text = JSON.stringify({ ...readings });
  if (Object.isFrozen(readings)) readingsTexts.set(readings, text);
  return text;
}

function textPlan(decider: Evaluator): TextPlan {
  let plan = plans.get(decider);
  if (!plan) {
    const compiled = decider.compiled!;
    plan = {
      ruleset: `,"ruleset":${JSON.stringify(decider.regulation.ruleset)},"readings":`,
      versions: `,"engine":${JSON.stringify({ ...engineVersion })},"calendar":${JSON.stringify({ ...calendarVersion, years: [...calendarVersion.years] })}`,
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

/** What a project's instruments add to a document: the text of its `instrument` and `applied` keys (with the leading comma), or the document with them. */
export interface InstrumentPart {
  text: string;
  add: (doc: DecisionDocument) => DecisionDocument;
  /** the readings the document names, when not the decider's own (a superior's, with the reading that sent the case there) */
  readings?: Record<string, string>;
}

/**
 * JSON.stringify(compiledDocument(decider, run, false, readings)), written directly, with the
 * instrument's keys (when given) between the calendar and the decisions.
 */
export function compiledDocumentText(decider: Evaluator, run: CompiledRun, readings: Record<string, string>, instrument?: InstrumentPart): string {
  const compiled = decider.compiled!;
  // names an object inherits, or a field named like the grounds: the document itself, stringified
  // (an index-like name, which JSON writes first, is first in the regulation's fields already)
  if (!namesArePlain(compiled)) {
    const doc = compiledDocument(decider, run, false, readings);
    return JSON.stringify(instrument ? instrument.add(doc) : doc);
  }
  const plan = textPlan(decider);
  let text = `{"asOf":${JSON.stringify(run.input.asOf)}${plan.ruleset}${readingsText(readings)}${plan.versions}${instrument ? instrument.text : ''},"decisions":{`;
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
