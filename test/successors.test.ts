// A successor draft of the measures, through the studio's API: started from the current text
// with its own term, edited through the same checked save as any file, compared article by
// article and by its impact, published; then a 2023 application is decided under it, while one
// made inside the old term still is under the old text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionOf } from '../engine/server/project-files.js';
import { accountsServer, call, signIn, type AccountsServer } from './support/accounts-server.js';

let scratch: AccountsServer;
/** who is asking: the policy drafter unless said */
const cookies: Record<'drafter' | 'reviewer' | 'clerk', string> = { drafter: '', reviewer: '', clerk: '' };
beforeAll(async () => {
  scratch = await accountsServer();
  for (const who of Object.keys(cookies) as Array<keyof typeof cookies>) cookies[who] = await signIn(scratch.server, who);
}, 120_000);
afterAll(() => scratch?.close());
const ID = 'qujing-2022';
const TITLE = '曲靖市居住证管理实施办法（2022年修订）';
const ELIGIBILITY = `successors/${ID}/rules/parameters/eligibility.yaml`;

async function api(method: string, path: string, body?: unknown, who: keyof typeof cookies = 'drafter') {
  const res = await call(scratch.server, method, path, { cookie: cookies[who], body });
  return { status: res.status, body: await res.json() };
}

/** An application from Chengdu in 麒麟区, complete, residence registered on `registeredOn`. */
function application(asOf: string, registeredOn: string) {
  return {
    name: `${asOf} 申领`, asOf,
    facts: {
      person: { idNumber: '510104199003070015' },
      hukou: { county: '510104' },
      residence: { county: '530302', township: '南宁街道', townshipKind: 'street', arrivedOn: registeredOn, registeredOn },
      grounds: { employment: false, housing: true, study: false },
      application: { materials: { idCard: 1, photo: 2, leaseContract: 1 } },
    },
  };
}

describe('a successor draft of the measures', () => {
  it('refuses a draft whose dates are wrong or overlap the current term, and writes nothing', async () => {
    const bad = await api('POST', 'api/successors', { id: ID, title: TITLE, from: '2022-13-01', until: '2027-10-08' });
    expect(bad.status).toBe(422);
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'from' })]);
    const overlap = await api('POST', 'api/successors', { id: ID, title: TITLE, from: '2022-10-08', until: '2027-10-08' });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error).toContain('应晚于《曲靖市居住证管理实施办法》有效期的最后一日 2022-10-08');
    expect(existsSync(join(scratch.dir, 'successors'))).toBe(false);
    expect(readFileSync(join(scratch.dir, 'rules/instruments.yaml'), 'utf8')).not.toContain(ID);
  });

  it('starts a draft: a copy of the rules with the new term, listed as a draft and never applied', async () => {
    const started = await api('POST', 'api/successors', { id: ID, title: TITLE, from: '2022-10-09', until: '2027-10-08' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const article23 = readFileSync(join(scratch.dir, `successors/${ID}/rules/articles/23-in-force.yaml`), 'utf8');
    expect(article23).toContain('本办法自 2022 年 10 月 9 日起施行，有效期至 2027 年 10 月 8 日');
    expect(readFileSync(join(scratch.dir, 'rules/instruments.yaml'), 'utf8')).toMatch(/succeeds: qujing-2017\n\s+project: successors\/qujing-2022\n\s+draft: true/);
    expect((await api('GET', 'api/successors')).body.successors).toEqual([expect.objectContaining({ id: ID, draft: true, from: '2022-10-09' })]);
    const decided = await api('POST', 'api/decide', { case: application('2023-03-01', '2022-11-01') }, 'clerk');
    expect(decided.body.instrument).toBe('national-2016');
    // a second draft while one is open is refused
    expect((await api('POST', 'api/successors', { id: 'qujing-2023', title: TITLE, from: '2027-10-09', until: '2032-10-08' })).body.error).toContain('已有未发布的草案 qujing-2022');
  });

  it('saves an edit of the draft only when it is valid, and shows it article by article with its impact', async () => {
    const text = readFileSync(join(scratch.dir, ELIGIBILITY), 'utf8');
    const broken = await api('PUT', `api/files?path=${ELIGIBILITY}`, { text: text.replace('2017-10-09: 6', '2017-10-09: 半年'), baseVersion: versionOf(text) });
    expect(broken.status).toBe(422);
    expect(broken.body.problems[0].location.file).toBe(ELIGIBILITY);
    expect(readFileSync(join(scratch.dir, ELIGIBILITY), 'utf8')).toBe(text);
    // the draft asks three months' residence instead of half a year (art. 11)
    const saved = await api('PUT', `api/files?path=${ELIGIBILITY}`, { text: text.replace('2017-10-09: 6', '2017-10-09: 3'), baseVersion: versionOf(text) });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const report = (await api('GET', `api/successors/${ID}`)).body;
    expect(report.base).toMatchObject({ id: 'qujing-2017', until: '2022-10-08' });
    const byNumber = new Map(report.articles.map((a: { number: number }) => [a.number, a]));
    expect(byNumber.get(23)).toMatchObject({ change: 'changed', textChanged: true, parameters: ['inForceFrom', 'inForceUntil'] });
    expect(byNumber.get(11)).toMatchObject({ change: 'changed', textChanged: false, parameters: ['residenceMonths'] });
    expect(byNumber.get(13)).toMatchObject({ change: 'same' });
    // drawn over the draft's first year: people registered 3 to 6 months before become eligible
    expect(report.population.span).toEqual({ from: '2022-10-09', to: '2023-10-08' });
    expect(report.impact.changed).toBeGreaterThan(0);
    expect(report.impact.changes).toContainEqual(expect.objectContaining({ field: 'eligibility.eligible', from: 'false', to: 'true' }));
  });

  it('is published by legal review alone; a 2023 application is then decided under it, a 2021 one still under the old text', async () => {
    // the drafter can neither press 发布 nor take `draft: true` out of the list by editing it
    expect((await api('POST', `api/successors/${ID}/publish`, {})).status).toBe(403);
    const list = readFileSync(join(scratch.dir, 'rules/instruments.yaml'), 'utf8');
    const edited = await api('PUT', 'api/files?path=rules/instruments.yaml', { text: list.replace(/\n\s+draft: true/, ''), baseVersion: versionOf(list) });
    expect(edited.status).toBe(403);
    expect(edited.body.error).toContain('需要法制审核角色');

    const published = await api('POST', `api/successors/${ID}/publish`, {}, 'reviewer');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(readFileSync(join(scratch.dir, 'rules/instruments.yaml'), 'utf8')).not.toMatch(/draft: true/);
    expect((await api('POST', `api/successors/${ID}/publish`, {}, 'reviewer')).body.error).toContain('已经发布');

    // registered 2022-11-01, applying 2023-03-01: four months, enough under the draft's three
    const decided = await api('POST', 'api/decide', { case: application('2023-03-01', '2022-11-01') }, 'clerk');
    expect(decided.body.instrument).toBe(ID);
    expect(decided.body.applied).toMatchObject({ id: ID, title: TITLE, inForce: { from: '2022-10-09', until: '2027-10-08' } });
    expect(decided.body.decisions.application.outcome).toBe('issueOnSpot');
    const earlier = await api('POST', 'api/decide', { case: application('2021-03-01', '2020-11-01') }, 'clerk');
    expect(earlier.body.instrument).toBe('qujing-2017');
    expect(earlier.body.decisions.eligibility.eligible).toBe(false);
  });
});
