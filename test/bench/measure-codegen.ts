// The generated rules against the closures, in one process: µs per case (process CPU) for a
// whole untraced decision (check + run + document as JSON text) and for the run alone, on
// 20,000 generated cases, the two paths interleaved in short slices (a load swing falls on
// both); and the size of a decision document with `because`. `npx tsx test/bench/measure-codegen.ts [cases]`.
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider, type CaseInput } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { generateCases } from './generate-cases.js';
import { readingChoices } from '../differential/both-engines.js';
import { rulesDir } from '../support/regulation.js';
import { loadavg } from 'node:os';

const COUNT = Number(process.argv[2] ?? 20_000);
const regulation = loadRegulationOrThrow(rulesDir);
const cases = generateCases(COUNT, 11, readingChoices(regulation));
const checkedCases = cases.map((c) => checkCase(regulation, c).case).filter((c): c is CaseInput => c !== undefined);

const paths: Record<string, Decider> = {
  generated: new Decider(regulation, { generated: true } as never),
  closures: new Decider(regulation, { generated: false } as never),
};

const quietly = async (work: () => unknown): Promise<void> => {
  try {
    await work();
  } catch {
    // a case whose decision is an error ends in it
  }
};
const parts = {
  whole: (d: Decider, c: unknown) => quietly(() => {
    const checked = checkCase(d.regulation, c).case;
    return checked ? d.decideText(checked, { trace: false }) : undefined;
  }),
  runAlone: (d: Decider, c: unknown) => quietly(() => d.runCompiled(c as CaseInput, false)),
};
const inputs = { whole: cases as unknown[], runAlone: checkedCases as unknown[] };

const cpu = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const SLICE = 500;
const spent: Record<string, number> = {};
const count: Record<string, number> = {};
for (const d of Object.values(paths)) for (const part of Object.keys(parts) as Array<keyof typeof parts>) for (const c of inputs[part].slice(0, 3000)) await parts[part](d, c);
const load = loadavg()[0];
for (let round = 0; round < 3; round++) {
  for (const part of Object.keys(parts) as Array<keyof typeof parts>) {
    const xs = inputs[part];
    for (let from = 0; from < xs.length; from += SLICE) {
      for (const [name, d] of Object.entries(paths)) {
        const key = `${name} ${part}`;
        const start = cpu();
        const end = Math.min(xs.length, from + SLICE);
        for (let i = from; i < end; i++) await parts[part](d, xs[i]);
        spent[key] = (spent[key] ?? 0) + cpu() - start;
        count[key] = (count[key] ?? 0) + end - from;
      }
    }
  }
}
for (const key of Object.keys(spent)) console.log(`${key.padEnd(24)} ${(spent[key] / count[key]).toFixed(2).padStart(8)} µs/case`);

// the size of a decision document with `because` (UTF-8 JSON), of each decision in it, and the time to make and write it
const sizes: number[] = [];
const decisionSizes: number[] = [];
let becauseCpu = 0;
for (const c of checkedCases.slice(0, 1000)) {
  const start = cpu();
  let text = '';
  try {
    text = JSON.stringify(await paths.generated.decide(c, { trace: true }));
  } catch {
    // an error
  }
  becauseCpu += cpu() - start;
  if (!text) continue;
  sizes.push(Buffer.byteLength(text));
  for (const d of Object.values((JSON.parse(text) as { decisions: Record<string, unknown> }).decisions)) decisionSizes.push(Buffer.byteLength(JSON.stringify(d)));
}
const kb = (xs: number[], q: number): string => (xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] / 1024).toFixed(1);
sizes.sort((a, b) => a - b);
decisionSizes.sort((a, b) => a - b);
console.log(`document with because: median ${kb(sizes, 0.5)} KB, max ${kb(sizes, 1)} KB over ${sizes.length} cases; made and written ${(becauseCpu / sizes.length).toFixed(0)} µs/case`);
console.log(`one decision with because: median ${kb(decisionSizes, 0.5)} KB, 99th percentile ${kb(decisionSizes, 0.99)} KB, max ${kb(decisionSizes, 1)} KB over ${decisionSizes.length}`);
console.log(`load average at start ${load.toFixed(2)}, now ${loadavg()[0].toFixed(2)}`);
