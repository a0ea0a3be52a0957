// npm run bench (first part): cases per second of every path, in ONE process, on the built
// engine (engine/dist/bench-api.js, as `tiaoli` runs it), the paths interleaved in short slices
// (BENCH_SLICE_MS, default 60 ms) round after round for BENCH_SECONDS (default 120 s), each
// slice timed in this process's CPU time (process.cpuUsage: a slice that lost the core to
// another process is not charged for it). A ratio is the median of the per-round ratios, with
// their min–max: a load swing moves both paths of a round alike, not one block of paths.
//   compiledTraced  check + compiled run + decision document with the trace, `because` made and written as JSON
//   compiled        check + compiled run + decision document, no trace (the document as an object)
//   compiledText    the same written as JSON (what `decide --jsonl --brief` prints per line)
//   caseCheck       the case check alone; runAlone: the compiled run alone (checked case in, no document)
//   jre             check + json-rules-engine + decision document with `because`, as JSON
//   jreUntraced     the same without the trace, as an object
//   jreBare         bare json-rules-engine over the same rules, the facts worked out in advance
// Then `tiaoli decide --jsonl --brief` end to end over BENCH_CLI_LINES generated lines (default
// 200,000, as the target is stated), its CPU time read from the kernel's account of finished children. With --differential
// (or BENCH_DIFF_CASES=N) the two engines are compared on 200,000 generated cases (npm test
// compares 2,000). `-- --json` prints one JSON document on stdout and the rest on stderr.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCases } from './generate-cases.js';

type Api = typeof import('../../engine/cli/bench-api.js');

const root = resolve(import.meta.dirname, '..', '..');
const dist = join(root, 'engine', 'dist');
const asJson = process.argv.includes('--json');
const say = (line: string): void => void (asJson ? process.stderr : process.stdout).write(`${line}\n`);
const COUNT = Number(process.env.BENCH_CASES ?? 20_000);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 60);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);
const WARM_MS = Number(process.env.BENCH_WARM_MS ?? 1500);
const CLI_LINES = Number(process.env.BENCH_CLI_LINES ?? 200_000);
const DIFF = Number(process.env.BENCH_DIFF_CASES ?? (process.argv.includes('--differential') ? 200_000 : 0));

if (!existsSync(join(dist, 'bench-api.js'))) throw new Error('engine/dist/bench-api.js is missing: npm run bench builds it (tsx engine/cli/build/build-engine.ts)');
const api = (await import(pathToFileURL(join(dist, 'bench-api.js')).href)) as Api;
await api.usePreparedBuild({ validators: join(dist, 'validators'), sources: join(dist, 'sources.json'), regulations: join(dist, 'regulations.json') });

const loadAtStart = loadavg();
const t0 = performance.now();
const regulation = api.loadRegulationOrThrow(join(root, 'rules'));
const compiled = new api.Decider(regulation);
const jre = new api.Decider(regulation, { engine: 'jre' });
const loadMs = performance.now() - t0;
const cases = generateCases(COUNT, 99);

type Input = Parameters<Api['Decider']['prototype']['decide']>[0];
const checked = (c: unknown): Input => api.checkCase(regulation, c).case ?? (c as Input);
const checkedCases = cases.map(checked);
/** The compiled run alone; a case whose decision is an error ends in it, as in `compiled`. */
const runQuietly = (c: Input): void => {
  try {
    compiled.runCompiled(c, false);
  } catch {
    // the error is the decision
  }
};
const quietly = async (work: Promise<unknown>): Promise<void> => {
  try {
    await work;
  } catch {
    // a case whose decision is an error: the error is the decision
  }
};

// bare json-rules-engine over the facts each case's rules used (worked out by tiaoli beforehand)
const snapshots: Array<Record<string, unknown>> = [];
for (const c of checkedCases.slice(0, 5000)) {
  try {
    snapshots.push((await jre.decideWithFacts(c)).facts);
  } catch {
    // a case whose decision is an error has no facts to replay
  }
}
const bare = new api.Engine([], { allowUndefinedFacts: true, pathResolver: api.resolvePath });
for (const op of api.engineOperators()) bare.addOperator(op);
for (const rule of regulation.rules) {
  bare.addRule({ name: rule.id, priority: jre.order.priority.get(rule.id) ?? 1, conditions: rule.when as never, event: { type: rule.id } });
}

interface Path { label: string; inputs: readonly unknown[]; work: (c: unknown) => unknown; next: number }
const path = (label: string, inputs: readonly unknown[], work: (c: unknown) => unknown): Path => ({ label, inputs, work, next: 0 });
const paths: Record<string, Path> = {
  compiledTraced: path('check + compiled + trace, `because` made and written as JSON', cases, (c) => quietly(compiled.decideText(checked(c), { trace: true }))),
  compiled: path('check + compiled + decision document, no trace', cases, (c) => quietly(compiled.decide(checked(c), { trace: false }))),
  compiledText: path('the same, written as JSON (decide --jsonl --brief, per line)', cases, (c) => quietly(compiled.decideText(checked(c), { trace: false }))),
  caseCheck: path('the case check alone', cases, (c) => api.checkCase(regulation, c)),
  runAlone: path('the compiled run alone (checked case in)', checkedCases, (c) => runQuietly(c as Input)),
  jre: path('check + json-rules-engine + `because`, as JSON', cases, (c) => quietly(jre.decideText(checked(c), { trace: true }))),
  jreUntraced: path('check + json-rules-engine, no trace', cases, (c) => quietly(jre.decide(checked(c), { trace: false }))),
  jreBare: path(`bare json-rules-engine, facts precomputed (${snapshots.length} cases)`, snapshots, (s) => bare.run(s as Record<string, unknown>)),
};
const names = Object.keys(paths);

/** One slice of a path: cases done and CPU microseconds spent, going on from where its last slice stopped. */
async function slice(p: Path, ms: number): Promise<{ cases: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const end = performance.now() + ms;
  let n = 0;
  do {
    for (let k = 0; k < 4; k++) {
      const r = p.work(p.inputs[p.next]);
      if (r instanceof Promise) await r;
      p.next = p.next + 1 === p.inputs.length ? 0 : p.next + 1;
      n++;
    }
  } while (performance.now() < end);
  const d = process.cpuUsage(cpu0);
  return { cases: n, cpu: d.user + d.system };
}

for (const name of names) await slice(paths[name], WARM_MS); // every path warmed up (optimised) before any is timed
const perRound: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const started = performance.now();
let rounds = 0;
while (performance.now() - started < SECONDS * 1000 || rounds < 5) {
  // the order turns each round, so no path always follows the same one (whose garbage it may collect)
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + rounds) % names.length];
    const { cases: n, cpu } = await slice(paths[name], SLICE_MS);
    perRound[name].push(cpu > 0 ? (n / cpu) * 1e6 : Number.NaN);
  }
  rounds++;
}
const loadAtEnd = loadavg();

const sorted = (xs: number[]): number[] => xs.filter(Number.isFinite).sort((a, b) => a - b);
const median = (xs: number[]): number => {
  const s = sorted(xs);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs: number[]): { median: number; min: number; max: number } => {
  const s = sorted(xs);
  return { median: median(s), min: s[0], max: s[s.length - 1] };
};
const casesPerSecond = Object.fromEntries(names.map((n) => [n, median(perRound[n])]));
/** a / b, round by round: the median and the spread */
const ratio = (a: string, b: string) => spread(perRound[a].map((x, i) => x / perRound[b][i]));
const ratios = {
  compiledOverJreBare: ratio('compiled', 'jreBare'),
  compiledTextOverJreBare: ratio('compiledText', 'jreBare'),
  runAloneOverJreBare: ratio('runAlone', 'jreBare'),
  compiledTracedOverJreBare: ratio('compiledTraced', 'jreBare'),
  compiledOverJre: ratio('compiled', 'jreUntraced'),
  compiledTracedOverJre: ratio('compiledTraced', 'jre'),
};
const targets: Partial<Record<keyof typeof ratios, number>> = { compiledOverJreBare: 50, runAloneOverJreBare: 100 };
// where a `compiled` case's time goes: the check and the run measured alone, the rest is the document
const us = (rate: number): number => 1e6 / rate;
const parts = {
  caseCheck: us(casesPerSecond.caseCheck),
  run: us(casesPerSecond.runAlone),
  documentAndRest: Math.max(0, us(casesPerSecond.compiled) - us(casesPerSecond.caseCheck) - us(casesPerSecond.runAlone)),
  becauseMadeAndWritten: Math.max(0, us(casesPerSecond.compiledTraced) - us(casesPerSecond.compiled)),
};

// the command line end to end, as a user runs it: the file on stdin, the answers in a file
/** CPU seconds of this process's finished (reaped) children, from /proc (Linux); undefined elsewhere. */
function childrenCpu(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}
const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-bench-'));
const input = join(scratch, 'cases.jsonl');
writeFileSync(input, `${generateCases(CLI_LINES, 7).map((c) => JSON.stringify(c)).join('\n')}\n`);
/** The lines of a file, counted in its bytes a megabyte at a time (200,000 answers are some 600 MB: more than one string holds). */
function linesIn(file: string): number {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  let last = 10;
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      for (let at = chunk.indexOf(10); at >= 0 && at < read; at = chunk.indexOf(10, at + 1)) lines++;
      last = chunk[read - 1];
    }
  } finally {
    closeSync(fd);
  }
  return last === 10 ? lines : lines + 1;
}
function cliRun(threads: string | undefined): { linesPerSecond: number; linesPerCpuSecond?: number; status: number | null; answers: number; stderr: string } {
  const stdin = openSync(input, 'r');
  const output = join(scratch, 'answers.jsonl');
  const stdout = openSync(output, 'w');
  const cpu0 = childrenCpu();
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'decide', '--jsonl', '--brief'], {
    cwd: root, stdio: [stdin, stdout, 'pipe'], encoding: 'utf8', env: { ...process.env, ...(threads === undefined ? {} : { TIAOLI_THREADS: threads }) },
  });
  const wall = (performance.now() - start) / 1000;
  const cpu1 = childrenCpu();
  closeSync(stdin);
  closeSync(stdout);
  const answers = linesIn(output);
  return {
    linesPerSecond: CLI_LINES / wall,
    linesPerCpuSecond: cpu0 === undefined || cpu1 === undefined || cpu1 <= cpu0 ? undefined : CLI_LINES / (cpu1 - cpu0),
    status: r.status, answers, stderr: r.stderr.slice(0, 300),
  };
}
const cli = { oneThread: cliRun('0'), threads: cliRun(undefined) };
rmSync(scratch, { recursive: true, force: true });

const n = (x: number): string => Math.round(x).toLocaleString('en');
const load = (l: number[]): string => l.map((x) => x.toFixed(1)).join(' ');
say(`rules loaded and checked: ${loadMs.toFixed(0)} ms (${regulation.rules.length} rules, ruleset ${regulation.ruleset}), from engine/dist`);
say(`${rounds} rounds of ${names.length} slices of ${SLICE_MS} ms, in this process's CPU time; load ${load(loadAtStart)} at the start, ${load(loadAtEnd)} at the end`);
say(`${'path'.padEnd(78)}${'cases/s'.padStart(11)}${'µs/case'.padStart(10)}${'min–max cases/s'.padStart(22)}`);
for (const name of names) {
  const s = spread(perRound[name]);
  say(`${`${name}: ${paths[name].label}`.padEnd(78)}${n(s.median).padStart(11)}${us(s.median).toFixed(1).padStart(10)}${`${n(s.min)}–${n(s.max)}`.padStart(22)}`);
}
say(`compiled, per case: check ${parts.caseCheck.toFixed(1)} µs, run ${parts.run.toFixed(1)} µs, decision document and the rest ${parts.documentAndRest.toFixed(1)} µs; the trace with \`because\` made and written adds ${parts.becauseMadeAndWritten.toFixed(1)} µs`);
for (const [k, v] of Object.entries(ratios)) {
  const target = targets[k as keyof typeof ratios];
  say(`${k}: ${v.median.toFixed(1)}× (rounds ${v.min.toFixed(1)}–${v.max.toFixed(1)}×)${target ? ` target ≥ ${target}×` : ''}`);
}
for (const [k, r] of Object.entries(cli)) {
  say(`decide --jsonl --brief, ${n(CLI_LINES)} lines${k === 'oneThread' ? ', TIAOLI_THREADS=0' : ', worker threads as the load allows'}: ${n(r.linesPerSecond)} lines/s wall${r.linesPerCpuSecond ? `, ${n(r.linesPerCpuSecond)} lines per CPU second` : ''} (${r.answers} answers, exit ${r.status}${r.status !== null && r.status > 1 ? `: ${r.stderr}` : ''})`);
}

// the differential check: the two paths agree on every generated case (--differential: 200,000)
let differential: { cases: number; differing: number; rules: number; rulesFired: number } | undefined;
if (DIFF > 0) {
  const { bothEngines, difference, readingChoices, ruleCoverage } = await import('../differential/both-engines.js');
  const { loadRegulationOrThrow } = await import('../../engine/model/load-regulation.js');
  const sourceRegulation = loadRegulationOrThrow(join(root, 'rules'));
  const engines = bothEngines(sourceRegulation);
  const diffCases = generateCases(DIFF, 20_171_009, readingChoices(sourceRegulation));
  const coverage = ruleCoverage(engines.compiled, diffCases);
  say(`differential: ${DIFF.toLocaleString('en')} generated cases (${coverage.invalid} refused by the case checks, ${coverage.fired}/${coverage.rules} rules fired at least once${coverage.never.length ? `; never: ${coverage.never.join(', ')}` : ''})`);
  const start = performance.now();
  let differing = 0;
  for (const c of diffCases) {
    const d = await difference(engines, c);
    if (d) {
      differing++;
      if (differing <= 3) say(`  differs: ${JSON.stringify(c)}\n    compiled: ${d.compiled.error ?? d.compiled.json.slice(0, 300)}\n    jre: ${d.jre.error ?? d.jre.json.slice(0, 300)}`);
    }
  }
  say(`differential: ${differing} differing of ${DIFF.toLocaleString('en')} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
  differential = { cases: DIFF, differing, rules: coverage.rules, rulesFired: coverage.fired };
} else {
  say('differential: not run (npm test compares 2,000 cases; --differential or BENCH_DIFF_CASES=N compares more)');
}
if (differential?.differing || Object.values(cli).some((r) => r.status === null || r.status > 1)) process.exitCode = 1;

if (asJson) {
  const round1 = (x: number): number => Math.round(x * 10) / 10;
  process.stdout.write(`${JSON.stringify({
    casesPerSecond: { ...Object.fromEntries(names.map((k) => [k, Math.round(casesPerSecond[k])])), cliJsonl: Math.round(cli.threads.linesPerSecond) },
    casesPerSecondRange: Object.fromEntries(names.map((k) => { const s = spread(perRound[k]); return [k, [Math.round(s.min), Math.round(s.max)]]; })),
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round1(v.median)])),
    ratioRanges: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, [round1(v.min), round1(v.max)]])),
    targets,
    microsecondsPerCompiledCase: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round1(v)])),
    cli: Object.fromEntries(Object.entries(cli).map(([k, r]) => [k, { lines: CLI_LINES, linesPerSecond: Math.round(r.linesPerSecond), linesPerCpuSecond: r.linesPerCpuSecond && Math.round(r.linesPerCpuSecond), exit: r.status }])),
    timing: { rounds, sliceMs: SLICE_MS, clock: 'process CPU (user + system)', engine: 'engine/dist', loadAverage: { start: loadAtStart.map(round1), end: loadAtEnd.map(round1) } },
    ...(differential ? { differential } : {}),
  })}\n`);
}
