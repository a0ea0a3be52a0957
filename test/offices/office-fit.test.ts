// The counter's office checked against the case (arts. 14 ¶1–2, 15, 16): an application at the
// residence's county, an endorsement or replacement at the permit's issuer (原办证机关), an
// address change at the new residence (现居住地). A mismatch is a warning the clerk confirms;
// the register stores the case only once confirmed. The offices and forms are the project's own.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProject } from '../../engine/project/read-project.js';
import { checkProject } from '../../engine/project/check-project.js';
import { officeMismatches } from '../../engine/project/offices/office-fit.js';
import type { CaseInput } from '../../engine/explain/decider.js';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';

const project = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
const check = checkProject(project.files, '2026-12-07');
const office = (id: string) => check.offices!.get(id)!;
const form = (name: string) => check.forms!.forms[name];
const mismatches = (formName: string, officeId: string, input: CaseInput) => officeMismatches(form(formName).office, office(officeId), input, check.regulation!);

const holder = {
  person: { idNumber: '510104198905050369' },
  hukou: { county: '510104' },
  residence: { county: '530302', township: '南宁街道', townshipKind: 'street', registeredOn: '2019-01-04' },
  grounds: { employment: true },
};
/** An endorsement request: the permit issued by `issuedBy` (absent: not written on the form). */
const endorsement = (issuedBy?: string): CaseInput => ({
  asOf: '2020-06-20',
  facts: { ...holder, permit: { issuedOn: '2019-07-10', endorsedOn: [], ...(issuedBy ? { issuedBy } : {}) }, endorsement: { materials: { idCard: 1, residencePermit: 1, laborContract: 1 } } },
});

describe('the office against the case', () => {
  it('an application: the residence\'s county (a 派出所 of 麒麟区 for a residence in 麒麟区 fits; 沾益 does not)', () => {
    const input: CaseInput = { asOf: '2019-07-10', facts: { ...holder, application: { materials: {} } } };
    expect(mismatches('permit-application', 'qilin-nanning', input)).toEqual([]);
    const other = mismatches('permit-application', 'zhanyi-xiping', input);
    expect(other.map((m) => m.code)).toEqual(['office.otherCounty']);
    expect(other[0].message).toContain('居住地在麒麟区（530302），本机关（曲靖市公安局沾益分局西平派出所）在沾益区（530303）');
    expect(other[0].message).toContain('第14条第1款');
  });

  it('a former county code is read as its successor: 马龙县 530321 is 马龙区 530304', () => {
    const input: CaseInput = { asOf: '2019-07-10', facts: { ...holder, residence: { ...holder.residence, county: '530321', township: '通泉街道' }, application: { materials: {} } } };
    expect(mismatches('permit-application', 'malong-tongquan', input)).toEqual([]);
  });

  it('an endorsement: the permit\'s issuer — the bureau or the office itself fits; another county\'s bureau, or none written, is said', () => {
    expect(mismatches('endorsement', 'qilin-nanning', endorsement('曲靖市公安局麒麟分局'))).toEqual([]);
    expect(mismatches('endorsement', 'qilin-nanning', endorsement('曲靖市公安局麒麟分局南宁派出所'))).toEqual([]);
    const other = mismatches('endorsement', 'qilin-nanning', endorsement('陆良县公安局'));
    expect(other.map((m) => m.code)).toEqual(['office.notIssuer']);
    expect(other[0].message).toMatch(/^居住证的签发机关（原办证机关）是“陆良县公安局”，不是本机关（曲靖市公安局麒麟分局南宁派出所，曲靖市公安局麒麟分局）：依第14条第2款，应到原办证机关办理/);
    expect(mismatches('endorsement', 'qilin-nanning', endorsement()).map((m) => m.code)).toEqual(['office.issuerUnknown']);
  });

  it('an address change: the new residence (现居住地), not the old one', () => {
    const input: CaseInput = {
      asOf: '2020-06-20',
      facts: { ...holder, permit: { issuedOn: '2019-07-10', issuedBy: '曲靖市公安局麒麟分局' }, addressChange: { county: '530322', township: '中枢街道', townshipKind: 'street', materials: {} } },
    };
    expect(mismatches('address-change', 'luliang-zhongshu', input)).toEqual([]);
    const at = mismatches('address-change', 'qilin-nanning', input);
    expect(at.map((m) => m.code)).toEqual(['office.otherCounty']);
    expect(at[0].message).toContain('现居住地在陆良县（530322）');
    expect(at[0].message).toContain('第16条');
  });
});

// The register on its embedded back-end (the office check is before any database work)
describe('POST /api/register/decisions with an office the case does not belong to', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cleanup: () => Promise<void>;
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

  it('is refused (409) with the warning until the clerk confirms; then stored', async () => {
    const request = { case: endorsement('陆良县公安局'), officeId: 'qilin-nanning', operator: '王警官', form: 'endorsement', requestId: 'office-fit-1' };
    const refused = await post(request);
    expect(refused.status).toBe(409);
    expect(refused.body.field).toBe('officeConfirmed');
    expect(refused.body.mismatches.map((m: { code: string }) => m.code)).toEqual(['office.notIssuer']);
    expect(refused.body.error).toContain('陆良县公安局');
    const stored = await post({ ...request, officeConfirmed: true });
    expect(stored.status).toBe(201);
    expect(stored.body.officeName).toBe('曲靖市公安局麒麟分局南宁派出所');
    // the issuer's own office needs no confirmation
    expect((await post({ ...request, requestId: 'office-fit-2', case: endorsement('曲靖市公安局麒麟分局') })).status).toBe(201);
  }, 60_000);
});
