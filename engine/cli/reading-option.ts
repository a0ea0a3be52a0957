// `--reading ID=ALTERNATIVE` (repeatable, CASES.md §4): decide under another reading of an
// interpretation. Checked against the regulation before any case is decided: an unknown
// interpretation or alternative is an error naming it.
import type { Regulation } from '../model/model.js';
import { readingProblem, type Readings } from '../model/readings.js';

/** commander's collector: each `--reading` adds one `ID=ALT` to the list. */
export function collectReading(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The readings the options name, or the message saying which one is wrong. */
export function parseReadings(regulation: Regulation, given: string[] | undefined): { readings?: Readings; problem?: string } {
  const readings: Readings = {};
  for (const item of given ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) return { problem: `--reading ${item}：应写作 --reading 解释=读法（解释的 id 与其读法的 id）` };
    const id = item.slice(0, eq).trim();
    const alt = item.slice(eq + 1).trim();
    const problem = readingProblem(regulation, id, alt);
    if (problem) return { problem: `--reading ${item}：${problem}` };
    readings[id] = alt;
  }
  return { readings: Object.keys(readings).length ? readings : undefined };
}
