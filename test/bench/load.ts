// npm run bench (second part): the studio's server under a bounded, mixed load, on loopback
// only. It starts the real server (`startServer`) as a child process on a scratch copy of the
// project, gets the session secret the way the studio page does (from index.html), then sends
// LOAD_REQUESTS requests (default 10,000), LOAD_CONCURRENCY at a time (default 20), for at most
// LOAD_SECONDS (default 60, so that `npm run bench` takes some 5 minutes): GET /api/project, POST /api/check, POST /api/decide,
// POST /api/fixtures/run and static files. It reports p50/p99 per kind and overall, requests/s,
// and the server's memory (VmRSS from /proc) before, during and after.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { generateCases } from './generate-cases.js';

const root = resolve(import.meta.dirname, '..', '..');
const TOTAL = Number(process.env.LOAD_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 20);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const HOST = '127.0.0.1'; // loopback only, whatever the environment says

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-load-'));
const project = join(scratch, 'project');
for (const sub of ['rules', 'forms', 'test/cases']) {
  mkdirSync(join(project, sub), { recursive: true });
  cpSync(join(root, sub), join(project, sub), { recursive: true });
}

// The built studio when there is one; else a stand-in with an index.html and two assets.
let studio = join(root, 'studio', 'dist');
if (!existsSync(join(studio, 'index.html'))) {
  studio = join(scratch, 'studio');
  mkdirSync(join(studio, 'assets'), { recursive: true });
  writeFileSync(join(studio, 'index.html'), '<!doctype html><html><head><title>条例工作室</title><script type="module" src="./assets/app.js"></script></head><body></body></html>');
  writeFileSync(join(studio, 'assets', 'app.js'), `// stand-in\n${'console.log("studio");\n'.repeat(8000)}`);
  writeFileSync(join(studio, 'assets', 'app.css'), `body{margin:0}\n${'.x{color:red}\n'.repeat(2000)}`);
}
const assets = existsSync(join(studio, 'assets')) ? readdirSync(join(studio, 'assets')).map((n) => `assets/${n}`) : [];

const serverScript = join(scratch, 'server.mts');
writeFileSync(serverScript, `
import { startServer } from ${JSON.stringify(pathToFileURL(join(root, 'engine/server/serve.ts')).href)};
const started = await startServer({ root: process.argv[2], port: 0, host: ${JSON.stringify(HOST)}, studio: process.argv[3] });
console.log(JSON.stringify({ url: started.url }));
process.on('SIGTERM', () => started.close().finally(() => process.exit(0)));
`);
const profile = process.env.LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`] : [];
const server = spawn(process.execPath, [...profile, '--import', 'tsx', serverScript, project, studio], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
let serverErrors = '';
server.stderr.on('data', (d) => (serverErrors += d));
const url: string = await new Promise((done, fail) => {
  const timer = setTimeout(() => fail(new Error(`server did not start: ${serverErrors}`)), 60_000);
  createInterface({ input: server.stdout }).once('line', (line) => {
    clearTimeout(timer);
    done(JSON.parse(line).url);
  });
  server.once('exit', (code) => fail(new Error(`server exited (${code}): ${serverErrors}`)));
});
if (!new URL(url).hostname.startsWith('127.')) throw new Error(`not loopback: ${url}`);

function rssMb(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// What the studio page sends: the session secret from its index.html, its own Origin, JSON.
const page = await (await fetch(url)).text();
const session = /<meta name="tiaoli-session" content="([^"]+)"/.exec(page)?.[1];
const origin = new URL(url).origin;
const headers: Record<string, string> = { origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
if (session) headers['x-tiaoli-session'] = session;

const project0 = await (await fetch(`${url}api/project`, { headers })).json() as { files: Record<string, { text: string }> };
const editable = 'rules/articles/23-in-force.yaml';
const original = project0.files[editable]!.text;
// a few edits a user might be trying, some with an error, and the file as it is
const edits = [original, original.replace('params.inForceUntil', 'params.inForceTill'), `${original}\n# 备注\n`, original.replace(/^/, '# 草稿\n')];
const cases = generateCases(500, 7);

type Kind = 'project' | 'check' | 'decide' | 'fixtures' | 'static';
const MIX: Array<[Kind, number]> = [['project', 25], ['check', 20], ['decide', 33], ['fixtures', 2], ['static', 20]];
const plan: Kind[] = [];
for (let i = 0; i < TOTAL; i++) {
  let pick = (i * 7919) % 100;
  for (const [kind, share] of MIX) {
    if (pick < share) {
      plan.push(kind);
      break;
    }
    pick -= share;
  }
}

function request(kind: Kind, i: number): Promise<Response> {
  switch (kind) {
    case 'project':
      return fetch(`${url}api/project`, { headers });
    case 'check':
      return fetch(`${url}api/check`, { method: 'POST', headers, body: JSON.stringify({ files: { [editable]: edits[i % edits.length] } }) });
    case 'decide':
      return fetch(`${url}api/decide`, { method: 'POST', headers, body: JSON.stringify({ case: cases[i % cases.length] }) });
    case 'fixtures':
      return fetch(`${url}api/fixtures/run`, { method: 'POST', headers, body: '{}' });
    case 'static':
      return fetch(`${url}${i % 3 === 0 || !assets.length ? '' : assets[i % assets.length]}`);
  }
}

const times = new Map<Kind | 'all', number[]>();
const statuses = new Map<string, number>();
const record = (kind: Kind, ms: number, status: number): void => {
  for (const k of [kind, 'all'] as const) {
    if (!times.has(k)) times.set(k, []);
    times.get(k)!.push(ms);
  }
  const key = `${kind} ${status}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
};

const rssStart = rssMb();
// warm up: the first snapshot and check are not what a steady server does
for (const kind of ['project', 'check', 'decide', 'fixtures', 'static'] as Kind[]) await (await request(kind, 0)).arrayBuffer();
const rssBefore = rssMb();
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 250);

const started = performance.now();
const deadline = started + SECONDS * 1000;
let next = 0;
let failures = 0;
const errors = new Map<string, number>();
const rssAlong: string[] = [];
const tenth = Math.max(1, Math.floor(plan.length / 10));
async function worker(): Promise<void> {
  while (next < plan.length && performance.now() < deadline) {
    const i = next++;
    const kind = plan[i]!;
    if (i > 0 && i % tenth === 0) rssAlong.push(`${i}: ${rssMb().toFixed(0)}`);
    const t0 = performance.now();
    try {
      const res = await request(kind, i);
      await res.arrayBuffer();
      record(kind, performance.now() - t0, res.status);
    } catch (e) {
      failures++;
      const why = String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message);
      errors.set(why, (errors.get(why) ?? 0) + 1);
      record(kind, performance.now() - t0, 0);
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const elapsed = (performance.now() - started) / 1000;
clearInterval(sampler);
const rssAfter = rssMb();
await new Promise((r) => setTimeout(r, 2000));
const rssSettled = rssMb();
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
rmSync(scratch, { recursive: true, force: true });

const quantile = (xs: number[], q: number): number => {
  const sorted = xs.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const done = times.get('all')?.length ?? 0;
console.log(`\nload on ${url} (loopback), ${done} of ${TOTAL} requests, ${CONCURRENCY} at a time, ${elapsed.toFixed(1)} s${done < TOTAL ? ` (stopped at the ${SECONDS} s limit)` : ''}`);
console.log(`${'kind'.padEnd(10)}${'count'.padStart(7)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}`);
for (const kind of [...MIX.map(([k]) => k), 'all'] as const) {
  const xs = times.get(kind) ?? [];
  if (!xs.length) continue;
  console.log(`${kind.padEnd(10)}${String(xs.length).padStart(7)}${quantile(xs, 0.5).toFixed(1).padStart(10)}${quantile(xs, 0.99).toFixed(1).padStart(10)}${Math.max(...xs).toFixed(1).padStart(10)}`);
}
console.log(`requests/s: ${(done / elapsed).toFixed(0)}; answers: ${[...statuses].map(([k, n]) => `${k}: ${n}`).join(', ')}${failures ? `; ${failures} failed (${[...errors].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`);
console.log(`server memory (VmRSS): ${rssStart.toFixed(0)} MB at start, ${rssBefore.toFixed(0)} MB after warm-up, peak ${rssPeak.toFixed(0)} MB, ${rssAfter.toFixed(0)} MB after the load, ${rssSettled.toFixed(0)} MB 2 s later`);
console.log(`server memory along the way (request: MB): ${rssAlong.join(', ')}`);
// Fails on any answer other than 200/422, or when more than 1% of requests got no answer
// (a reset keep-alive connection while the server was busy for seconds counts here).
const unexpected = [...statuses].filter(([k]) => !/ (200|422|0)$/.test(k));
if (unexpected.length || failures > done / 100) process.exitCode = 1;
