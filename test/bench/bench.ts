// npm run bench: cases per second for tiaoli (validate, derive, decide, explain) and for a
// bare json-rules-engine run of the same rules over facts worked out in advance; then
// the batch command line end to end.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Engine } from 'json-rules-engine';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { engineOperators } from '../../engine/core/operators.js';
import { resolvePath } from '../../engine/core/fact-names.js';
import { generateCases } from './generate-cases.js';

const root = resolve(import.meta.dirname, '..', '..');
const COUNT = Number(process.env.BENCH_CASES ?? 5000);

const t0 = performance.now();
const regulation = loadRegulationOrThrow(join(root, 'rules'));
const decider = new Decider(regulation);
const loadMs = performance.now() - t0;
const cases = generateCases(COUNT);

// warm up
for (const c of cases.slice(0, 200)) await decider.decide(checkCase(regulation, c).case!);

let start = performance.now();
const snapshots: Array<Record<string, unknown>> = [];
for (const c of cases) {
  const checked = checkCase(regulation, c);
  const { facts } = await decider.decideWithFacts(checked.case!);
  snapshots.push(facts);
}
const tiaoliMs = performance.now() - start;

start = performance.now();
for (const c of cases) await decider.decide(checkCase(regulation, c).case!, { trace: false });
const untracedMs = performance.now() - start;

const bare = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
for (const op of engineOperators()) bare.addOperator(op);
for (const rule of regulation.rules) {
  bare.addRule({ name: rule.id, priority: decider.order.priority.get(rule.id) ?? 1, conditions: rule.when as any, event: { type: rule.id } });
}
for (const s of snapshots.slice(0, 200)) await bare.run(s);
start = performance.now();
for (const s of snapshots) await bare.run(s);
const bareMs = performance.now() - start;

const lines = `${generateCases(20000, 7).map((c) => JSON.stringify(c)).join('\n')}\n`;
start = performance.now();
const cli = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'decide', '--jsonl', '--brief'], { cwd: root, input: lines, encoding: 'utf8', maxBuffer: 1 << 30 });
const cliMs = performance.now() - start;
const answered = cli.stdout.trim().split('\n').length;

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en')} cases/s`;
console.log(`rules loaded and checked: ${loadMs.toFixed(0)} ms (${regulation.rules.length} rules, ruleset ${regulation.ruleset})`);
console.log(`tiaoli (validate + derive + decide + trace), ${COUNT} cases: ${tiaoliMs.toFixed(0)} ms, ${rate(COUNT, tiaoliMs)}`);
console.log(`tiaoli without the trace (--brief), ${COUNT} cases: ${untracedMs.toFixed(0)} ms, ${rate(COUNT, untracedMs)}`);
console.log(`bare json-rules-engine, same rules, facts precomputed, ${COUNT} cases: ${bareMs.toFixed(0)} ms, ${rate(COUNT, bareMs)}`);
console.log(`tiaoli decide --jsonl --brief, 20000 lines end to end: ${cliMs.toFixed(0)} ms, ${rate(20000, cliMs)}, ${answered} answers, exit ${cli.status}`);
