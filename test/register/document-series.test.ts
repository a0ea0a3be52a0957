// Each document a decision owes is entered in the register with its own number, in a series of
// its own per office and year (forms/offices.yaml documentSeries: 受理通知书 受, 补正材料通知书 补 …):
// the 受理回执 has none (it carries the decision's register number); a retry gives the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { backends } from './backends.js';
import { application, complete, onePhoto } from './cases.js';

describe('document numbers, one series per document (the project\'s own offices file)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cleanup: () => Promise<void>;
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const post = async (body: unknown) => {
    const res = await studioFetch(server, 'api/register/decisions', { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  beforeAll(async () => {
    const fresh = await backends.find((b) => b.name === 'pglite')!.fresh();
    cleanup = fresh.cleanup;
    const dir = projectCopy();
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('numbers the 受理通知书 and the 补正材料通知书 each in its own series; the decisions in theirs', async () => {
    const at = { officeId: 'qilin-nanning', operator: '王警官', form: 'permit-application' };
    const first = await post({ ...at, case: application('甲', '510104198905050369', complete), requestId: 'series-first' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.documentNumber).toBe(`麒南居〔${year}〕000001号`);
    // complete: the 受理通知书 in the 受 series; the 回执 has no series of its own
    expect(first.body.documents).toEqual([{ kind: 'acceptance', documentNumber: `麒南居受字〔${year}〕第000001号` }]);
    const second = await post({ ...at, case: application('乙', '510104199003070015', onePhoto), requestId: 'series-second' });
    expect(second.body.documentNumber).toBe(`麒南居〔${year}〕000002号`);
    // incomplete: the 补正材料通知书, first of its series; no 受理通知书
    expect(second.body.documents).toEqual([{ kind: 'notice', documentNumber: `麒南居补字〔${year}〕第000001号` }]);
    const third = await post({ ...at, case: application('丙', '51010419880202001X', complete), requestId: 'series-third' });
    expect(third.body.documents).toEqual([{ kind: 'acceptance', documentNumber: `麒南居受字〔${year}〕第000002号` }]);
    // a retry of the first store: the same record and the same document numbers, nothing numbered again
    const again = await post({ ...at, case: application('甲', '510104198905050369', complete), requestId: 'series-first' });
    expect(again.body).toMatchObject({ id: first.body.id, repeated: true, documents: first.body.documents });
    // the 台账 shows them with the stored decision
    const shown = await (await studioFetch(server, `api/register/decisions/${second.body.id}`)).json();
    expect(shown.documents).toEqual(second.body.documents);
  }, 60_000);

  it('a store without its form numbers no document: the pages are not known', async () => {
    const r = await post({ officeId: 'qilin-nanning', operator: '王警官', case: application('丁', '510104198702020012', complete), requestId: 'series-no-form' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.documents).toEqual([]);
  }, 60_000);
});
