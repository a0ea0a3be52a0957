// The register through the studio's API, on every back-end: the server decides each stored
// case itself, numbers parallel counters without gaps, masks ID numbers in searches and in a
// stored decision (stored exactly), replays the working copy's rules — and writes no ID number to
// its logs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { qujingProject } from '../support/regulation.js';
import { backends } from './backends.js';
import { withoutFacts } from '../../engine/register/keep-needed.js';
import { maskThroughout } from '../../engine/register/mask-record.js';
import { application, complete, OFFICES, onePhoto } from './cases.js';

describe.each(backends)('the register API on $name', (backend) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cleanup: () => Promise<void>;
  let dir: string;
  let access: RegisterAccess;
  const logged: string[] = [];
  const post = async (path: string, body: unknown) => {
    const res = await studioFetch(server, path, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  beforeAll(async () => {
    const fresh = await backend.fresh();
    cleanup = fresh.cleanup;
    dir = projectCopy();
    writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
    for (const method of ['log', 'error', 'warn', 'info'] as const) vi.spyOn(console, method).mockImplementation((...args) => void logged.push(args.join(' ')));
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: any, ...rest: any[]) => (logged.push(String(chunk)), write(chunk, ...rest)));
    access = new RegisterAccess(() => openRegister(dir, { env: fresh.env }));
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: access });
  }, 120_000);
  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    await cleanup?.();
  });

  it('stores a counter decision as the server decides it, never as the browser says', async () => {
    const input = application('李四', '510104198905050369', onePhoto);
    const fake = { decisions: { application: { outcome: 'issueOnSpot' } } };
    const r = await post('api/register/decisions', { case: input, document: fake, officeId: 'test-office', operator: '王警官', form: 'permit-application' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ documentNumber: `测南居〔${year}〕000001号`, outcome: 'notice', idNumber: '5101**********0369', operator: '王警官', officeName: '测试派出所' });
    // over the API (single-user mode: the counter's role), the record with its ID number masked
    const shown = await (await studioFetch(server, `api/register/decisions/${r.body.id}`)).json();
    // stored without "not disabled, not impaired": the decision does not rest on them (keep-needed.ts)
    const kept = withoutFacts(input, ['person.disabled', 'person.mobilityImpaired']);
    expect(shown.case).toEqual(maskThroughout(kept));
    expect(JSON.stringify(shown)).not.toContain('510104198905050369');
    expect(shown.document.decisions.application).toMatchObject({ outcome: 'notice', missing: ['photo'] });
    // in the register, as decided
    const stored = (await (await access.get()).get(r.body.id))!;
    expect(stored.case).toEqual(kept);
    expect(stored.document).toEqual(JSON.parse(JSON.stringify(await qujingProject().decide(kept))));
  }, 60_000);

  it('refuses without operator or office, and an invalid case, saying which', async () => {
    const input = application('李四', '510104198905050369', onePhoto);
    expect(await post('api/register/decisions', { case: input, officeId: 'test-office' })).toMatchObject({ status: 400, body: { field: 'operator' } });
    expect(await post('api/register/decisions', { case: input, operator: '王警官' })).toMatchObject({ status: 400, body: { field: 'officeId' } });
    expect(await post('api/register/decisions', { case: input, operator: '王警官', officeId: 'nowhere' })).toMatchObject({ status: 422, body: { field: 'officeId' } });
    expect((await post('api/register/decisions', { case: { ...input, asOf: '2019-02-30' }, operator: '王警官', officeId: 'test-office' })).status).toBe(422);
    expect((await (await studioFetch(server, 'api/register/decisions/99999')).json()).error).toMatch(/没有第 99999 号/);
  }, 60_000);

  it('numbers 20 counters storing at once without a gap or duplicate', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      post('api/register/decisions', { case: application(`并发${i}`, '510104199003070015', complete), officeId: 'test-office', operator: '王警官' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const seqs = answers.map((a) => Number(/(\d{6})号$/.exec(a.body.documentNumber)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  }, 120_000);

  it('searches by ID number and name, ID numbers masked in the answer', async () => {
    const byId = await post('api/register/search', { idNumber: '510104198905050369' });
    expect(byId.status).toBe(200);
    expect(byId.body.entries).toHaveLength(1);
    expect(byId.body.entries[0]).toMatchObject({ personName: '李四', idNumber: '5101**********0369' });
    expect(JSON.stringify(byId.body)).not.toContain('510104198905050369');
    expect((await post('api/register/search', { name: '并发1' })).body.entries).toHaveLength(11); // 并发1, 并发10…19
    expect((await post('api/register/search', { outcome: 'notice' })).body.entries.map((e: { personName: string }) => e.personName)).toEqual(['李四']);
    expect((await post('api/register/search', { from: 'yesterday' })).status).toBe(400);
  });

  it('replays the stored cases under the working copy of the rules (photoCount 1): 李四 would be issued on the spot', async () => {
    const same = await post('api/register/replay', {});
    expect(same.body).toMatchObject({ total: 21, changed: 0 });
    const file = 'rules/parameters/materials.yaml';
    const changed = readFileSync(join(dir, file), 'utf8').replace(/(photoCount:[\s\S]*?values:\s*\n\s*2017-10-09: )2/, '$11');
    const r = await post('api/register/replay', { changes: { [file]: changed } });
    expect(r.status).toBe(200);
    expect(r.body.fields.find((f: { field: string }) => f.field === 'application.outcome').pairs)
      .toEqual([{ before: 'notice', after: 'issueOnSpot', count: 1, records: [`测南居〔${year}〕000001号`] }]);
    expect(r.body.records[0]).toMatchObject({ personName: '李四', idNumber: '5101**********0369' });
  }, 120_000);

  it('wrote no ID number to its logs', () => {
    expect(logged.join('\n')).not.toMatch(/510104198905050369|510104199003070015/);
  });
});
