// npm run bench: cases per second, measured in the same run on the same generated cases —
//   compiledTraced  validate + compiled rules + decision document, trace recorded (`because` made when read)
//   compiled        the same without the trace (--brief)
//   jre             today's path: validate + json-rules-engine + decision document with `because` (--engine jre)
//   jreBare         bare json-rules-engine, the same rules, facts worked out in advance
//   cliJsonl        `tiaoli decide --jsonl --brief` end to end over a file of generated cases
// Every in-process path is warmed up first, then measured BENCH_ROUNDS times (default 3) in turn; the median counts.
// then the differential check of the two paths on BENCH_DIFF_CASES generated cases (default
// 200,000; whole documents, `because` included). `-- --json` prints one JSON document on
// stdout ({ casesPerSecond, ratios, … }) and the rest on stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from 'json-rules-engine';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { engineOperators } from '../../engine/core/operators.js';
import { resolvePath } from '../../engine/core/fact-names.js';
import type { CaseInput } from '../../engine/model/case/case-input.js';
import { generateCases } from './generate-cases.js';
import { bothEngines, difference, readingChoices, ruleCoverage } from '../differential/both-engines.js';

const root = resolve(import.meta.dirname, '..', '..');
const asJson = process.argv.includes('--json');
const say = (line: string): void => void (asJson ? process.stderr : process.stdout).write(`${line}\n`);
const COUNT = Number(process.env.BENCH_CASES ?? 5000);
const FAST_COUNT = Number(process.env.BENCH_FAST_CASES ?? 100_000);
const CLI_LINES = Number(process.env.BENCH_CLI_LINES ?? 20_000);
const DIFF = Number(process.env.BENCH_DIFF_CASES ?? 200_000);

const t0 = performance.now();
const regulation = loadRegulationOrThrow(join(root, 'rules'));
const compiled = new Decider(regulation);
const jre = new Decider(regulation, { engine: 'jre' });
const loadMs = performance.now() - t0;
const cases = generateCases(COUNT);
const fastCases = generateCases(FAST_COUNT, 99);

/** cases/s of `work` over `inputs` (one pass). */
async function pass(inputs: unknown[], work: (c: unknown) => unknown): Promise<number> {
  const start = performance.now();
  for (const c of inputs) await work(c);
  return (inputs.length / (performance.now() - start)) * 1000;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Each path's cases/s: every path warmed up first (on its first `warm` inputs), then the
 * paths measured in turn, ROUNDS times, and the median taken — so that no path is measured
 * while the optimiser is still at work or while another process happens to take the machine.
 */
async function rates(paths: Record<string, { inputs: unknown[]; work: (c: unknown) => unknown; warm: number }>): Promise<Record<string, number>> {
  for (const p of Object.values(paths)) for (const c of p.inputs.slice(0, p.warm)) await p.work(c);
  const seen: Record<string, number[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, p] of Object.entries(paths)) (seen[name] ??= []).push(await pass(p.inputs, p.work));
  }
  return Object.fromEntries(Object.entries(seen).map(([name, xs]) => [name, median(xs)]));
}

const checked = (c: unknown): CaseInput => checkCase(regulation, c).case ?? (c as CaseInput);
const fastChecked = fastCases.map(checked);
/** The compiled run alone (no check, no document); a case whose decision is an error ends in it, as in `compiled`. */
const runQuietly = (c: CaseInput): void => {
  try {
    compiled.runCompiled(c, false);
  } catch {
    // the error is the decision
  }
};

// The compiled paths first, then the json-rules-engine ones: a process runs one engine, and
// the functions both share (operators, derived functions) would otherwise be optimised for both.
const compiledRates = await rates({
  compiledTraced: { inputs: fastCases, work: (c) => compiled.decide(checked(c), { trace: true }), warm: 2000 },
  compiled: { inputs: fastCases, work: (c) => compiled.decide(checked(c), { trace: false }), warm: 2000 },
  withBecause: { inputs: cases, work: async (c) => JSON.stringify(await compiled.decide(checked(c), { trace: true })), warm: 500 },
  // the parts of `compiled`, to say where its time goes: the case check alone, the run alone
  caseCheck: { inputs: fastCases, work: (c) => checkCase(regulation, c), warm: 2000 },
  runAlone: { inputs: fastChecked, work: (c) => runQuietly(c as CaseInput), warm: 2000 },
});

// bare json-rules-engine over the facts each case's rules used (worked out by tiaoli beforehand)
const snapshots: Array<Record<string, unknown>> = [];
for (const c of cases) {
  try {
    snapshots.push((await jre.decideWithFacts(checked(c))).facts);
  } catch {
    // a case whose decision is an error has no facts to replay
  }
}
const bare = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
for (const op of engineOperators()) bare.addOperator(op);
for (const rule of regulation.rules) {
  bare.addRule({ name: rule.id, priority: jre.order.priority.get(rule.id) ?? 1, conditions: rule.when as never, event: { type: rule.id } });
}

const measured = {
  ...compiledRates,
  ...(await rates({
    jre: { inputs: cases, work: (c) => jre.decide(checked(c), { trace: true }), warm: 200 },
    jreUntraced: { inputs: cases, work: (c) => jre.decide(checked(c), { trace: false }), warm: 200 },
    jreBare: { inputs: snapshots, work: (s) => bare.run(s as Record<string, unknown>), warm: 200 },
  })),
};
const casesPerSecond: Record<string, number> = { compiledTraced: measured.compiledTraced, compiled: measured.compiled, jre: measured.jre, jreBare: measured.jreBare };
const withBecause = measured.withBecause;
const jreUntraced = measured.jreUntraced;

// the command line end to end, as a user runs it: the file on stdin, the answers on stdout
const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-bench-'));
const input = join(scratch, 'cases.jsonl');
writeFileSync(input, `${generateCases(CLI_LINES, 7).map((c) => JSON.stringify(c)).join('\n')}\n`);
const stdin = openSync(input, 'r');
let start = performance.now();
const cli = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'decide', '--jsonl', '--brief'], { cwd: root, stdio: [stdin, 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
const cliMs = performance.now() - start;
closeSync(stdin);
rmSync(scratch, { recursive: true, force: true });
const answered = cli.stdout.trim().split('\n').length;
casesPerSecond.cliJsonl = (CLI_LINES / cliMs) * 1000;

const ratios = {
  compiledTracedOverJreBare: casesPerSecond.compiledTraced / casesPerSecond.jreBare,
  compiledOverJreBare: casesPerSecond.compiled / casesPerSecond.jreBare,
  compiledOverJre: casesPerSecond.compiled / casesPerSecond.jre,
  compiledTracedOverJre: casesPerSecond.compiledTraced / casesPerSecond.jre,
};
const targets = { compiledTracedOverJreBare: 30, compiledOverJreBare: 100 };

const n = (x: number): string => Math.round(x).toLocaleString('en');
say(`rules loaded and checked: ${loadMs.toFixed(0)} ms (${regulation.rules.length} rules, ruleset ${regulation.ruleset}); each figure the median of ${ROUNDS} rounds after a warm-up of every path`);
say(`${'path'.padEnd(64)}${'cases/s'.padStart(12)}`);
const row = (label: string, x: number): void => say(`${label.padEnd(64)}${n(x).padStart(12)}`);
row(`compiledTraced: validate + compiled + trace recorded (${FAST_COUNT})`, casesPerSecond.compiledTraced);
row(`compiled: validate + compiled, no trace (${FAST_COUNT})`, casesPerSecond.compiled);
row(`compiled + because made and written as JSON (${COUNT})`, withBecause);
row(`jre: validate + json-rules-engine + because (${COUNT})`, casesPerSecond.jre);
row(`jre without the trace (${COUNT})`, jreUntraced);
row(`jreBare: bare json-rules-engine, facts precomputed (${snapshots.length})`, casesPerSecond.jreBare);
row(`cliJsonl: decide --jsonl --brief, ${CLI_LINES} lines end to end`, casesPerSecond.cliJsonl);
say(`  (cli: ${answered} answers, exit ${cli.status}${cli.status && cli.status > 1 ? `, ${cli.stderr.slice(0, 300)}` : ''})`);
// where a `compiled` case's time goes, and what that bounds: the check and the document are
// part of every decision, so even a run that took no time at all would leave compiled / jreBare below this
const us = (rate: number): number => 1e6 / rate;
const parts = { caseCheck: us(measured.caseCheck), run: us(measured.runAlone), documentAndRest: Math.max(0, us(casesPerSecond.compiled) - us(measured.caseCheck) - us(measured.runAlone)) };
const ceiling = 1e6 / (parts.caseCheck + parts.documentAndRest) / casesPerSecond.jreBare;
say(`compiled, per case: check ${parts.caseCheck.toFixed(1)} µs, run ${parts.run.toFixed(1)} µs, decision document and the rest ${parts.documentAndRest.toFixed(1)} µs; with a run of no time at all compiled / jreBare would be ${ceiling.toFixed(0)}×`);
for (const [k, v] of Object.entries(ratios)) say(`${k}: ${v.toFixed(1)}×${k in targets ? ` (target ≥ ${targets[k as keyof typeof targets]}×)` : ''}`);

// the differential check: the two paths agree on every generated case
const engines = bothEngines(regulation);
const diffCases = generateCases(DIFF, 20_171_009, readingChoices(regulation));
const coverage = ruleCoverage(engines.compiled, diffCases);
say(`differential: ${DIFF.toLocaleString('en')} generated cases (${coverage.invalid} refused by the case checks, ${coverage.fired}/${coverage.rules} rules fired at least once${coverage.never.length ? `; never: ${coverage.never.join(', ')}` : ''})`);
start = performance.now();
let differing = 0;
for (const c of diffCases) {
  const d = await difference(engines, c);
  if (d) {
    differing++;
    if (differing <= 3) say(`  differs: ${JSON.stringify(c)}\n    compiled: ${d.compiled.error ?? d.compiled.json.slice(0, 300)}\n    jre: ${d.jre.error ?? d.jre.json.slice(0, 300)}`);
  }
}
say(`differential: ${differing} differing of ${DIFF.toLocaleString('en')} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
if (differing || cli.status === null || cli.status > 1) process.exitCode = 1;

if (asJson) {
  const rounded = Object.fromEntries(Object.entries(casesPerSecond).map(([k, v]) => [k, Math.round(v)]));
  const r = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  process.stdout.write(`${JSON.stringify({ casesPerSecond: rounded, ratios: r, targets, extra: { compiledWithBecauseJson: Math.round(withBecause), jreUntraced: Math.round(jreUntraced) }, microsecondsPerCompiledCase: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v * 10) / 10])), compiledOverJreBareWithRunFree: Math.round(ceiling), differential: { cases: DIFF, differing, rules: coverage.rules, rulesFired: coverage.fired } })}\n`);
}
