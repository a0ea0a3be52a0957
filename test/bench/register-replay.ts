// npm run bench (third part): the server keeps answering during a replay of the register. It
// stores one decision in a fresh embedded register, copies it to REPLAY_RECORDS records
// (default 30,000; real sealed records, each decrypted and decided again), starts the real
// server as a child process, asks it for a replay, and while the replay runs (in its worker
// thread) times GET / and a counter's store (POST /api/register/decisions) one after another.
// It reports p50/p99/max of each, how many stores went through with unique numbers, and how
// fast the replay went. The goal: both within 200 ms while the replay runs.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
const SAMPLES = Number(process.env.REPLAY_SAMPLES ?? 100);

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
const serverScript = join(scratch, 'server.mts');
writeFileSync(serverScript, `
import { startServer } from ${JSON.stringify(pathToFileURL(join(root, 'engine/server/serve.ts')).href)};
const started = await startServer({ root: process.argv[2], port: 0, host: '127.0.0.1', studio: process.argv[3] });
console.log(JSON.stringify({ url: started.url }));
process.on('SIGTERM', () => started.close().finally(() => process.exit(0)));
`);
const server = spawn(process.execPath, ['--import', 'tsx', serverScript, project, studio], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
let serverErrors = '';
server.stderr.on('data', (d) => (serverErrors += d));
const url: string = await new Promise((done, fail) => {
  createInterface({ input: server.stdout }).once('line', (line) => done(JSON.parse(line).url));
  server.once('exit', (code) => fail(new Error(`server exited (${code}): ${serverErrors}`)));
});
const page = await (await fetch(url)).text();
const session = /<meta name="tiaoli-session" content="([^"]+)"/.exec(page)?.[1] ?? '';
const headers = { 'content-type': 'application/json', 'x-tiaoli-session': session, origin: url.replace(/\/$/, '') };
const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const progress = async () => (await (await fetch(`${url}api/register/replay`, { headers })).json()) as { state: string; done: number; total: number };

// warm up: the register opened, the rules checked, a store decided
await (await post('api/register/decisions', { case: application('预热', '510104199003070015', complete), officeId: 'test-office', operator: '王警官', requestId: 'bench-warm-up' })).arrayBuffer();

const replayStarted = performance.now();
const replay = post('api/register/replay', {}).then(async (r) => ({ status: r.status, body: await r.json(), ms: performance.now() - replayStarted }));
while ((await progress()).state !== 'running') await new Promise((r) => setTimeout(r, 20));

const gets: number[] = [];
const stores: number[] = [];
const numbers = new Set<string>();
let refused = 0;
for (let i = 0; i < SAMPLES && (await progress()).state === 'running'; i++) {
  let t0 = performance.now();
  await (await fetch(url)).arrayBuffer();
  gets.push(performance.now() - t0);
  t0 = performance.now();
  const r = await post('api/register/decisions', { case: application(`窗口${i}`, '510104199003070015', complete), officeId: 'test-office', operator: '王警官', requestId: `bench-store-${i}` });
  const body = (await r.json()) as { documentNumber?: string };
  stores.push(performance.now() - t0);
  if (r.status === 201 && body.documentNumber) numbers.add(body.documentNumber);
  else refused++;
}
const during = await progress();
const replayed = await replay;
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(scratch, { recursive: true, force: true });

const q = (xs: number[], p: number): string => (xs.length ? xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(0) : '—');
console.log(`\nregister replay of ${RECORDS} records: ${replayed.status}, ${replayed.body.total ?? '?'} decided again in ${(replayed.ms / 1000).toFixed(1)} s (${((replayed.body.total ?? 0) / (replayed.ms / 1000)).toFixed(0)} records/s); sampled while ${during.state === 'running' ? 'still running' : 'running'} (${during.done}/${during.total} when the samples ended)`);
console.log(`${'during it'.padEnd(14)}${'count'.padStart(7)}${'p50 ms'.padStart(10)}${'p90 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}  over 200 ms (sample numbers)`);
for (const [name, xs] of [['GET /', gets], ['store', stores]] as const) {
  const slow = xs.map((ms, i) => [ms, i] as const).filter(([ms]) => ms > 200).map(([ms, i]) => `#${i} ${ms.toFixed(0)}`);
  console.log(`${name.padEnd(14)}${String(xs.length).padStart(7)}${q(xs, 0.5).padStart(10)}${q(xs, 0.9).padStart(10)}${q(xs, 0.99).padStart(10)}${q(xs, 1).padStart(10)}  ${slow.length} ${slow.slice(0, 8).join(', ')}`);
}
console.log(`stores: ${numbers.size} stored with ${numbers.size} distinct numbers, ${refused} refused`);
if (refused || numbers.size !== stores.length) process.exitCode = 1;
