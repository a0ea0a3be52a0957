// Run by input.test.ts in its own process (node --expose-gc --import tsx): loads the rules
// LOADS times and validates CASES cases, and prints the heap growth in MB. Each load is the
// manifest and case schema only (what compiles the case schema), to stay quick.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRegulationFiles, readTextFiles } from '../../engine/model/load-regulation.js';
import { parseCase } from '../../engine/model/case/validate-case.js';

const [loads, cases] = process.argv.slice(2).map(Number);
const rules = join(import.meta.dirname, '..', '..', 'rules');
const all = readTextFiles(rules);
// (with the parameters: they name codes of the vocabulary's lists, which the case schema uses)
const files = new Map([...all].filter(([name]) => ['regulation.yaml', 'case.schema.yaml', 'source.txt'].includes(name) || name.startsWith('parameters/')));
const text = readFileSync(join(import.meta.dirname, '..', 'cases', '13-application', 'complete-materials-issue-on-spot.yaml'), 'utf8');
const gc = (globalThis as { gc?: () => void }).gc!;

function run(n: number, validations: number): void {
  let regulation = loadRegulationFiles(rules, files).regulation!;
  for (let i = 0; i < validations; i += 1) {
    if (i % Math.max(1, Math.floor(validations / n)) === 0) regulation = loadRegulationFiles(rules, files).regulation!;
    const checked = parseCase(regulation, text, 'case.yaml');
    if (!checked.case) throw new Error(JSON.stringify(checked.problems));
  }
}

run(10, 20);
gc();
const before = process.memoryUsage().heapUsed;
run(loads, cases);
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(JSON.stringify({ loads, cases, growthMB: (after - before) / 1e6 }));
