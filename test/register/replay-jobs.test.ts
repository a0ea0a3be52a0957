// Replays run off the request path (a worker thread) and the server keeps storing meanwhile:
// a newer replay supersedes the one running (the studio asks again after each draft change),
// one can be cancelled, its progress can be read, and 50 stores from two counters during a
// replay of a few hundred records all succeed with unique numbers, no gap. (How fast the server answers
// during a 30,000-record replay is measured by the bench, test/bench/register-replay.ts.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import type { Register } from '../../engine/register/register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { backends } from './backends.js';
import { copyRecord } from './bulk.js';
import { application, complete, OFFICES, onePhoto } from './cases.js';

/** Few, for CI: how fast the server answers during a 30,000-record replay is the bench's (npm run bench:register). */
const RECORDS = 400;

describe.each(backends)('replay jobs on $name', (backend) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cleanup: () => Promise<void>;
  let register: Register;
  const post = async (path: string, body: unknown) => {
    const res = await studioFetch(server, path, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const progress = async () => (await studioFetch(server, 'api/register/replay')).json();
  const running = async () => {
    for (;;) {
      const p = await progress();
      if (p.state === 'running' && p.total > 0) return p;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    const dir = projectCopy();
    writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
    // as the server opens it: the embedded database in a thread of its own
    const access = new RegisterAccess(() => openRegister(dir, { env: fresh.env, opener: { what: 'tiaoli serve', thread: true } }));
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: access, dataFolder: fresh.env.TIAOLI_DATA });
    const first = await post('api/register/decisions', { case: application('李四', '510104198905050369', onePhoto), officeId: 'test-office', operator: '王警官', requestId: 'first-store' });
    expect(first.status).toBe(201);
    register = await access.get();
    await copyRecord(register, first.body.id, RECORDS - 1);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('a newer replay supersedes the one running; a cancelled one says so; progress is read meanwhile', async () => {
    const older = post('api/register/replay', {});
    expect((await running()).total).toBe(RECORDS);
    const newer = post('api/register/replay', {});
    expect(await older).toMatchObject({ status: 409, body: { superseded: true } });
    const done = await newer;
    expect(done).toMatchObject({ status: 200, body: { total: RECORDS, changed: 0, failed: 0 } });
    expect(await progress()).toMatchObject({ state: 'done', done: RECORDS, total: RECORDS });

    const cancelled = post('api/register/replay', {});
    await running();
    expect((await post('api/register/replay/cancel', {})).body).toEqual({ cancelled: true });
    expect(await cancelled).toMatchObject({ status: 409, body: { cancelled: true } });
    expect((await progress()).state).toBe('cancelled');
    expect((await post('api/register/replay/cancel', {})).body).toEqual({ cancelled: false });
  }, 180_000);

  it('50 stores from two counters during a replay all succeed, numbered without a gap or a duplicate', async () => {
    const replaying = post('api/register/replay', {});
    await running();
    const counter = (who: string) => (async () => {
      const answers = [];
      for (let i = 0; i < 25; i++) {
        answers.push(await post('api/register/decisions', { case: application(`${who}${i}`, '510104199003070015', complete), officeId: 'test-office', operator: who, requestId: `counter-${who === "窗口甲" ? "a" : "b"}-${i}` }));
      }
      return answers;
    })();
    const answers = (await Promise.all([counter('窗口甲'), counter('窗口乙')])).flat();
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const seqs = answers.map((a) => Number(/(\d{6})号$/.exec(a.body.documentNumber)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 2)); // 1 is the first store's
    expect(answers.every((a) => a.body.documentNumber.startsWith(`测南居〔${year}〕`))).toBe(true);
    const replayed = await replaying;
    expect(replayed.status).toBe(200);
    expect(replayed.body.total).toBeGreaterThanOrEqual(RECORDS);
  }, 180_000);
});
