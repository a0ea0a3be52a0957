// One share of the differential test's generated cases, compared in a process of its own
// (compiled-vs-jre.test.ts starts one per core): `tsx compare-share.ts SHARE SHARES COUNT SEED TRACE LIMIT`
// compares, of the first LIMIT of COUNT cases, those whose index modulo SHARES is SHARE, and prints one JSON line:
// { compared, differing: [first three differences, written out] }.
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { generateCases } from '../bench/generate-cases.js';
import { rulesDir } from '../support/regulation.js';
import { bothEngines, difference, readingChoices } from './both-engines.js';

const [share, shares, count, seed] = process.argv.slice(2, 6).map(Number);
const trace = process.argv[6] !== 'false';
const limit = Number(process.argv[7] ?? count);
const regulation = loadRegulationOrThrow(rulesDir);
const engines = bothEngines(regulation);
const cases = generateCases(count, seed, readingChoices(regulation));
const differing: string[] = [];
let compared = 0;
for (let i = share; i < Math.min(limit, cases.length); i += shares) {
  const c = cases[i];
  const d = await difference(engines, c, trace);
  compared++;
  if (d && differing.push(`${JSON.stringify(c)}\n compiled: ${d.compiled.error ?? d.compiled.json.slice(0, 400)}\n jre: ${d.jre.error ?? d.jre.json.slice(0, 400)}`) >= 3) break;
}
process.stdout.write(`${JSON.stringify({ compared, differing })}\n`);
