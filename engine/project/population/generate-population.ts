// A synthetic population of counter traffic, drawn from a population file's assumptions: one
// case a visit (CASES.md §1), decided on a day of the file's span. Deterministic for a seed;
// nothing in it is specific to one project: the file names every fact, code and share.
import type { CaseInput } from '../../model/case/case-input.js';
import { caseRandom } from './prng.js';
import { drawCase } from './draw-case.js';
import { spanDays, type DateSpan } from './population-span.js';
import type { PopulationSpec } from './population-spec.js';

export interface PopulationOptions {
  size?: number;
  seed?: number;
  /** the first case to draw (default 0): cases `from` … `size - 1`, the same as in the whole draw */
  from?: number;
  /** decision dates other than the file's (a span widened to cover a change's dates) */
  spans?: DateSpan[];
}

/**
 * The cases one after another: a million need not be held at once. Each case is drawn from a
 * generator of its own (its seed made from the population's seed and its number), so a share
 * of the cases is drawn without drawing the cases before it.
 */
export function* populationCases(spec: PopulationSpec, options: PopulationOptions = {}): Generator<CaseInput> {
  const size = options.size ?? spec.size;
  const seed = options.seed ?? spec.seed;
  const days = spanDays(options.spans ?? spec.spans, spec.days);
  if (!days.length) return;
  for (let i = Math.max(0, options.from ?? 0); i < size; i++) {
    const { asOf, facts } = drawCase(spec.steps, caseRandom(seed, i), days);
    yield { name: `${spec.label} #${i + 1}`, asOf, facts };
  }
}

export function generatePopulation(spec: PopulationSpec, options: PopulationOptions = {}): CaseInput[] {
  return [...populationCases(spec, options)];
}
