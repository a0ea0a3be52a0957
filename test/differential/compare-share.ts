// One share of the differential test's generated cases, compared in a process of its own
// (compiled-vs-jre.test.ts starts one per core): `tsx compare-share.ts SHARE SHARES COUNT SEED LIMIT`
// compares, of the first LIMIT of COUNT cases, those whose index modulo SHARES is SHARE, each
// with the trace (`because` included) and without it (where a set stops at its outcome), and
// prints one JSON line: { traced: { compared, differing }, untraced: { compared, differing } },
// each with its first three differences written out.
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { generateCases } from '../bench/generate-cases.js';
import { rulesDir } from '../support/regulation.js';
import { bothEngines, difference, readingChoices } from './both-engines.js';

const [share, shares, count, seed] = process.argv.slice(2, 6).map(Number);
const limit = Number(process.argv[6] ?? count);
const regulation = loadRegulationOrThrow(rulesDir);
const engines = bothEngines(regulation);
const cases = generateCases(count, seed, readingChoices(regulation));
const result = { traced: { compared: 0, differing: [] as string[] }, untraced: { compared: 0, differing: [] as string[] } };
for (let i = share; i < Math.min(limit, cases.length); i += shares) {
  const c = cases[i];
  for (const [trace, mode] of [[true, result.traced], [false, result.untraced]] as const) {
    if (mode.differing.length >= 3) continue;
    const d = await difference(engines, c, trace);
    mode.compared++;
    if (d) mode.differing.push(`${JSON.stringify(c)}\n compiled: ${d.compiled.error ?? d.compiled.json.slice(0, 400)}\n jre: ${d.jre.error ?? d.jre.json.slice(0, 400)}`);
  }
  if (result.traced.differing.length >= 3 && result.untraced.differing.length >= 3) break;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
