// Deciding the same case on both paths — compiled (the default) and json-rules-engine (the
// reference) — and telling whether the two whole outcomes are the same: the decision
// document with `because` (as JSON, key order included; on the compiled path both the
// document and the text decideText writes straight from the run), or the same error.
import type { Regulation } from '../../engine/model/model.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { executableInterpretations } from '../../engine/model/readings.js';
import { FIRED } from '../../engine/evaluate/compiled/compiled-run.js';

export interface Outcome { json: string; error?: string }

export interface Engines { compiled: Decider; jre: Decider }

/** The compiled path as it runs by default — generated source (compiled/generate-rules.ts) — and json-rules-engine. */
export function bothEngines(regulation: Regulation): Engines {
  const compiled = new Decider(regulation);
  // rules that can run are compared as generated source, never silently as the closures
  if (compiled.compiled && !compiled.compiled.generated) throw new Error(`the compiled rules fell back to closures: ${compiled.compiled.whyClosures}`);
  return { compiled, jre: new Decider(regulation, { engine: 'jre' }) };
}

async function outcome(decider: Decider, input: unknown, trace: boolean): Promise<Outcome> {
  const checked = checkCase(decider.regulation, input);
  if (!checked.case) return { json: '', error: `invalid: ${checked.problems.map((p) => p.message).join('; ')}` };
  try {
    return { json: JSON.stringify(await decider.decide(checked.case, { trace })) };
  } catch (e) {
    return { json: '', error: `${(e as { code?: string }).code ?? ''} ${(e as Error).message}` };
  }
}

/** The compiled path's document written as text (decideText: with the trace, written straight from the run). */
async function written(decider: Decider, input: unknown, trace: boolean): Promise<Outcome> {
  const checked = checkCase(decider.regulation, input);
  if (!checked.case) return { json: '', error: `invalid: ${checked.problems.map((p) => p.message).join('; ')}` };
  try {
    return { json: await decider.decideText(checked.case, { trace }) };
  } catch (e) {
    return { json: '', error: `${(e as { code?: string }).code ?? ''} ${(e as Error).message}` };
  }
}

/** The first difference between the two paths on this case, or undefined; with the trace, the compiled path's text is compared too. */
export async function difference(engines: Engines, input: unknown, trace = true): Promise<{ compiled: Outcome; jre: Outcome } | undefined> {
  const [compiled, jre] = [await outcome(engines.compiled, input, trace), await outcome(engines.jre, input, trace)];
  if (compiled.json !== jre.json || compiled.error !== jre.error) return { compiled, jre };
  if (!trace) return undefined;
  const text = await written(engines.compiled, input, trace);
  return text.json === jre.json && text.error === jre.error ? undefined : { compiled: text, jre };
}

/** The regulation's interpretations with executable alternatives, for the generator's `readings:`. */
export function readingChoices(regulation: Regulation): Array<{ id: string; ids: string[] }> {
  return executableInterpretations(regulation).map((i) => ({ id: i.spec.id, ids: i.ids }));
}

/** Of the rules, how many fired in at least one of these cases (under the default readings), and which never did. */
export function ruleCoverage(decider: Decider, cases: unknown[]): { fired: number; rules: number; never: string[]; invalid: number; failed: number } {
  const fired = new Set<string>();
  let invalid = 0;
  let failed = 0;
  for (const c of cases) {
    const checked = checkCase(decider.regulation, c);
    if (!checked.case) {
      invalid++;
      continue;
    }
    try {
      const run = decider.runCompiled({ ...checked.case, readings: undefined }, false);
      decider.regulation.rules.forEach((r, i) => {
        if (run.fired[i] === FIRED) fired.add(r.id);
      });
    } catch {
      failed++;
    }
  }
  const never = decider.regulation.rules.filter((r) => !fired.has(r.id)).map((r) => r.id);
  return { fired: fired.size, rules: decider.regulation.rules.length, never, invalid, failed };
}
