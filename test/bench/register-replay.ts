// npm run bench:register (and the third part of npm run bench): the server keeps answering the
// counter while the register is replayed. It stores one decision in a fresh embedded register,
// copies it to REPLAY_RECORDS records (default 30,000; real sealed records, each decrypted and
// decided again), starts the server as `tiaoli serve` runs it (the built engine, engine/dist,
// and its replay worker thread) in a child process, asks it for a replay, and while the replay
// runs: one client asks GET / again and again, and two counters store 25 decisions each at once
// (POST /api/register/decisions). It prints p50/p90/p99/max of GET / and of the stores, checks
// that the 50 stores got unique numbers without a gap, then cancels the replay (REPLAY_FINISH=1:
// waits for it instead). The goal: GET / and stores within 200 ms while the replay runs.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { openRegister } from '../../engine/register/open-register.js';
import { Decider } from '../../engine/explain/decider.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { copyRecord } from '../register/bulk.js';
import { application, complete, NUMBER_FORMAT, OFFICES } from '../register/cases.js';

const root = resolve(import.meta.dirname, '..', '..');
const RECORDS = Number(process.env.REPLAY_RECORDS ?? 30_000);
const STORES_EACH = 25;
const built = join(root, 'engine', 'dist', 'serve.js');
if (!existsSync(built)) throw new Error('engine/dist/serve.js is missing: build the engine first (npx tsx engine/cli/build/build-engine.ts; npm run bench:register does)');

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-replay-bench-'));
const project = join(scratch, 'project');
for (const sub of ['rules', 'forms']) {
  mkdirSync(join(project, sub), { recursive: true });
  cpSync(join(root, sub), join(project, sub), { recursive: true });
}
writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
const data = join(scratch, 'data');
const env = { TIAOLI_DATA: data, DATABASE_URL: '', TIAOLI_REGISTER_KEY: '' };

// the register: one decision stored properly, then copied
const seeding = performance.now();
{
  const register = await openRegister(project, { env });
  const decider = new Decider(loadRegulationOrThrow(join(project, 'rules')));
  const input = application('李四', '510104198905050369', complete);
  const entry = await register.record({ regulation: decider.base, case: input, document: await decider.decide(input), office: { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT }, operator: '王警官' });
  await copyRecord(register, entry.id, RECORDS - 1);
  await register.close();
}
console.error(`register: ${RECORDS} records in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

const studio = join(scratch, 'studio');
mkdirSync(studio);
writeFileSync(join(studio, 'index.html'), '<!doctype html><html><head><title>条例工作室</title></head><body></body></html>');
const serverScript = join(scratch, 'server.mjs');
// the server's own measure of how long its thread was held at once (event-loop delay), between two SIGUSR2
writeFileSync(serverScript, `
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from ${JSON.stringify(pathToFileURL(built).href)};
const started = await startServer({ root: process.argv[2], port: 0, host: '127.0.0.1', studio: process.argv[3] });
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
console.log(JSON.stringify({ url: started.url }));
const ms = (ns) => Math.round(ns / 1e6);
let marks = 0;
let kept;
// the first SIGUSR2 starts the measure, the second takes it
process.on('SIGUSR2', () => {
  if (marks++ === 0) loop.reset();
  else kept = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
});
process.on('SIGTERM', () => {
  console.log(JSON.stringify({ loop: kept }));
  started.close().finally(() => process.exit(0));
});
`);
const server = spawn(process.execPath, [serverScript, project, studio], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
let serverErrors = '';
server.stderr.on('data', (d) => (serverErrors += d));
const serverLines = createInterface({ input: server.stdout });
const url: string = await new Promise((done, fail) => {
  serverLines.once('line', (line) => done(JSON.parse(line).url));
  server.once('exit', (code) => fail(new Error(`server exited (${code}): ${serverErrors}`)));
});
const loopDelay: Promise<{ p50: number; p99: number; max: number } | undefined> = new Promise((done) => {
  serverLines.on('line', (line) => done((JSON.parse(line) as { loop?: { p50: number; p99: number; max: number } }).loop));
  server.once('exit', () => done(undefined));
});
const page = await (await fetch(url)).text();
const session = /<meta name="tiaoli-session" content="([^"]+)"/.exec(page)?.[1] ?? '';
const headers = { 'content-type': 'application/json', 'x-tiaoli-session': session, origin: url.replace(/\/$/, '') };
const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const progress = async () => (await (await fetch(`${url}api/register/replay`, { headers })).json()) as { state: string; done: number; total: number };
const timed = async (work: () => Promise<unknown>, into: number[]) => {
  const t0 = performance.now();
  await work();
  into.push(performance.now() - t0);
};
const getRoot = () => fetch(url).then((r) => r.arrayBuffer());
const seq = (n: string) => Number(/(\d+)号$/.exec(n)?.[1] ?? NaN);

// warm up: the register opened, the rules checked, a store decided (it takes number 000001)
const warm = await post('api/register/decisions', { case: application('预热', '510104199003070015', complete), officeId: 'test-office', operator: '王警官', requestId: 'bench-warm-up' });
const first = ((await warm.json()) as { documentNumber?: string }).documentNumber ?? '';
const quiet: number[] = [];
const quietStores: number[] = [];
for (let i = 0; i < 20; i++) await timed(getRoot, quiet);
for (let i = 0; i < 10; i++) {
  await timed(async () => {
    const r = await post('api/register/decisions', { case: application(`安静${i}`, '510104199003070015', complete), officeId: 'test-office', operator: '王警官', requestId: `bench-quiet-${i}` });
    await r.arrayBuffer();
  }, quietStores);
}
const firstDuring = seq(first) + quietStores.length; // the last number before the replay's stores

const replayStarted = performance.now();
const replay = post('api/register/replay', {}).then(async (r) => ({ status: r.status, body: (await r.json()) as { total?: number }, ms: performance.now() - replayStarted }));
for (let p = await progress(); p.state !== 'running' || p.done === 0; p = await progress()) await new Promise((r) => setTimeout(r, 20));
const before = await progress();
server.kill('SIGUSR2'); // the event-loop delay from here

const gets: number[] = [];
const stores: number[] = [];
const numbers: string[] = [];
const refusals: string[] = [];
let storing = true;
const getter = (async () => {
  while (storing) {
    await timed(getRoot, gets);
    await new Promise((r) => setTimeout(r, 25));
  }
})();
const counter = (who: string) => (async () => {
  for (let i = 0; i < STORES_EACH; i++) {
    let answer: { status: number; body: { documentNumber?: string; error?: string } } | undefined;
    await timed(async () => {
      const r = await post('api/register/decisions', { case: application(`${who}${i}`, '510104199003070015', complete), officeId: 'test-office', operator: who, requestId: `bench-${who === '窗口甲' ? 'a' : 'b'}-${i}` });
      answer = { status: r.status, body: await r.json() };
    }, stores);
    if (answer!.status === 201 && answer!.body.documentNumber) numbers.push(answer!.body.documentNumber);
    else refusals.push(`${answer!.status} ${answer!.body.error ?? ''}`);
  }
})();
await Promise.all([counter('窗口甲'), counter('窗口乙')]);
storing = false;
await getter;
const after = await progress();
const sampledMs = performance.now() - replayStarted;

server.kill('SIGUSR2'); // … to here
if (!process.env.REPLAY_FINISH) await post('api/register/replay/cancel', {});
const replayed = await replay;
server.kill('SIGTERM');
const loop = await loopDelay;
await new Promise((r) => server.once('exit', r));
rmSync(scratch, { recursive: true, force: true });

// the 50 numbers: unique, and one run after the quiet stores'
const seqs = numbers.map(seq).sort((a, b) => a - b);
const gapless = seqs.length === 2 * STORES_EACH && new Set(seqs).size === seqs.length && seqs.every((s, i) => s === firstDuring + 1 + i);

const q = (xs: number[], p: number): string => (xs.length ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(0) : '—');
const rate = replayed.status === 200 ? `${replayed.body.total ?? '?'} decided again in ${(replayed.ms / 1000).toFixed(1)} s` : `${after.done} decided again in ${(sampledMs / 1000).toFixed(1)} s, then ${replayed.status === 409 ? 'cancelled' : `answered ${replayed.status}`}`;
console.log(`\nregister replay of ${RECORDS} records (the built engine's worker thread): ${rate}`);
console.log(`the samples ran while the replay was ${before.done}/${before.total} → ${after.done}/${after.total} (${after.state})`);
console.log(`${''.padEnd(22)}${'count'.padStart(7)}${'p50 ms'.padStart(10)}${'p90 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}  over 200 ms`);
for (const [name, xs] of [['GET /, no replay', quiet], ['store, no replay', quietStores], ['GET /, replaying', gets], ['store, replaying', stores]] as const) {
  const slow = xs.filter((ms) => ms > 200).length;
  console.log(`${name.padEnd(22)}${String(xs.length).padStart(7)}${q(xs, 0.5).padStart(10)}${q(xs, 0.9).padStart(10)}${q(xs, 0.99).padStart(10)}${q(xs, 1).padStart(10)}  ${slow}`);
}
console.log(`stores: ${numbers.length} of ${2 * STORES_EACH} stored (two counters at once), numbers ${seqs[0] ?? '—'}–${seqs[seqs.length - 1] ?? '—'}: ${gapless ? 'unique, no gap' : 'NOT unique and gapless'}${refusals.length ? `; refused: ${refusals.slice(0, 3).join(' | ')}` : ''}`);
if (loop) console.log(`the server's thread, held at once while the replay ran (event-loop delay): p50 ${loop.p50} ms, p99 ${loop.p99} ms, max ${loop.max} ms`);
if (!gapless || refusals.length || after.state !== 'running') process.exitCode = 1;
