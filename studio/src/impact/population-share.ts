// Which cases of a set a worker holds: worker `index` of `of` holds one run of consecutive
// cases, the runs one after another, of sizes differing by one at most.
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import { populationCases } from '../../../engine/project/population/generate-population.js';
import type { PopulationSpec } from '../../../engine/project/population/population-spec.js';
import type { DateSpan } from '../../../engine/project/population/population-span.js';

export interface Share { index: number; of: number }

/** The first case and the one after the last of a share of `total` cases. */
export function shareRange(total: number, share: Share): { from: number; to: number } {
  return { from: Math.floor((total * share.index) / share.of), to: Math.floor((total * (share.index + 1)) / share.of) };
}

/** A share of a population drawn from its file: its cases alone, each the same as in the command line's draw. */
export function populationShare(spec: PopulationSpec, total: number, seed: number | undefined, share: Share, spans?: DateSpan[]): CaseInput[] {
  const { from, to } = shareRange(total, share);
  return [...populationCases(spec, { size: to, seed, from, spans })];
}
