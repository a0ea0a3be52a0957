// Deciding the same case on both paths — compiled (the default) and json-rules-engine (the
// reference) — and telling whether the two whole outcomes are the same: the decision
// document with `because` (as JSON, key order included), or the same error.
import type { Regulation } from '../../engine/model/model.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';

export interface Outcome { json: string; error?: string }

export interface Engines { compiled: Decider; jre: Decider }

export function bothEngines(regulation: Regulation): Engines {
  return { compiled: new Decider(regulation), jre: new Decider(regulation, { engine: 'jre' }) };
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

/** The first difference between the two paths on this case, or undefined. */
export async function difference(engines: Engines, input: unknown, trace = true): Promise<{ compiled: Outcome; jre: Outcome } | undefined> {
  const [compiled, jre] = [await outcome(engines.compiled, input, trace), await outcome(engines.jre, input, trace)];
  return compiled.json === jre.json && compiled.error === jre.error ? undefined : { compiled, jre };
}
