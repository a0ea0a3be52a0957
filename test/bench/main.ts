// npm run bench [-- --json] [-- --differential]: cases per second of every path, interleaved
// in one process on the built engine (bench.ts, about 2.5 minutes), then the server under load
// (load.ts, at most a minute), then the server during a replay of 30,000 register records
// (register-replay.ts): some 5 minutes in all. --differential adds the 200,000-case comparison
// of the two engines. With --json, stdout carries only bench.ts's JSON document; everything
// else goes to stderr.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const run = (file: string, stdout: 'inherit' | number): number => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, file), ...args], { stdio: ['ignore', stdout, 'inherit'] });
  return r.status ?? 1;
};
const bench = run('bench.ts', 'inherit');
const load = process.env.BENCH_SKIP_LOAD ? 0 : run('load.ts', asJson ? 2 : 'inherit');
const replay = process.env.BENCH_SKIP_REPLAY ? 0 : run('register-replay.ts', asJson ? 2 : 'inherit');
process.exitCode = bench || load || replay;
