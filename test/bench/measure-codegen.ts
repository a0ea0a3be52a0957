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

// the size of a decision with `because`, and the time to make and write it
const sizes: number[] = [];
let becauseCpu = 0;
for (const c of checkedCases.slice(0, 1000)) {
  const start = cpu();
  try {
    sizes.push(JSON.stringify(await paths.generated.decide(c, { trace: true })).length);
  } catch {
    // an error
  }
  becauseCpu += cpu() - start;
}
sizes.sort((a, b) => a - b);
console.log(`decision with because: median ${(sizes[sizes.length >> 1] / 1024).toFixed(1)} KB, max ${(sizes[sizes.length - 1] / 1024).toFixed(1)} KB over ${sizes.length}; made and written ${(becauseCpu / 1000).toFixed(0)} µs/case`);
console.log(`load average at start ${load.toFixed(2)}, now ${loadavg()[0].toFixed(2)}`);
