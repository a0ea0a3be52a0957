// Instruments in time and in hierarchy: a Qujing case is decided under the instrument in force
// on its date (rules/instruments.yaml): the measures inside 2017-10-09…2022-10-08, 《居住证暂行条例》
// outside them (interpretation outside-the-measures, default `superior`), none before 2016;
// documents and printed pages cite what was applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CaseInput } from '../engine/explain/decider.js';
import { InstrumentDecider } from '../engine/project/instruments/instrument-decider.js';
import { loadInstruments, projectDecider } from '../engine/project/instruments/load-instruments.js';
import { tiaoli } from './support/cli.js';
import { ProjectStore } from '../engine/server/project-store.js';
import { readProject } from '../engine/project/read-project.js';
import { checkProject } from '../engine/project/check-project.js';
import { qujing, root, rulesDir } from './support/regulation.js';

const OUTSIDE = 'test/cases/23-outside-the-measures';
const COMPLETE_2024 = `${OUTSIDE}/2024-03-01-complete-application-accepted-under-the-regulation.yaml`;
const SAME_CITY_2024 = `${OUTSIDE}/2024-03-01-same-city-move-ineligible-under-the-regulation.yaml`;
const BEFORE_2016 = `${OUTSIDE}/2015-12-31-no-instrument-in-force.yaml`;

const caseOf = (file: string): CaseInput => {
  const { expect: _e, ...input } = parse(readFileSync(join(root, file), 'utf8')) as CaseInput & { expect?: unknown };
  return input;
};
const text = (html: string): string => html.replace(/<[^>]*>/g, '');

describe('the instrument in force decides', () => {
  it('a complete, eligible application of 2024-03-01: 《居住证暂行条例》, accept, the last day to issue, and why', () => {
    const r = tiaoli(['decide', '--brief', COMPLETE_2024]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.instrument).toBe('national-2016');
    expect(doc.decisions.application.outcome).toBe('accept');
    // 2024-03-01 + 15 days = Saturday 2024-03-16 → Monday 2024-03-18 (民法典 art. 203)
    expect(doc.decisions.application.issueBy).toBe('2024-03-18');
    expect(doc.readings['outside-the-measures']).toBe('superior');
    expect(doc.applied).toMatchObject({ id: 'national-2016', title: '居住证暂行条例', level: 'national', inForce: { from: '2016-01-01' }, date: { fact: 'asOf', value: '2024-03-01' } });
    expect(doc.applied.version).toMatch(/^[0-9a-f]{16}$/);
    expect(doc.applied.because.join('\n')).toContain('2017-10-09 至 2022-10-08（首尾两日都包括）：2024-03-01 不在其施行期内');
    expect(doc.applied.because.join('\n')).toContain('residence.county 530302 → residence.city 530300');
  });

  it('--reading outside-the-measures=notInForce gives exactly the decisions of the measures alone (v2)', async () => {
    const r = tiaoli(['decide', '--reading', 'outside-the-measures=notInForce', COMPLETE_2024]);
    const doc = JSON.parse(r.stdout);
    expect(doc.instrument).toBe('qujing-2017');
    expect(doc.decisions.application.outcome).toBe('notInForce');
    const alone = JSON.parse(JSON.stringify(await qujing().decide({ ...caseOf(COMPLETE_2024), readings: { 'outside-the-measures': 'notInForce' } })));
    expect(doc.decisions).toEqual(alone.decisions);
  });

  it('inside the term the measures decide, and name themselves; before 2016 nothing is in force', () => {
    const inside = JSON.parse(tiaoli(['decide', '--brief', 'test/cases/23-in-force/last-day-2022-10-08-in-force.yaml']).stdout);
    expect(inside.instrument).toBe('qujing-2017');
    expect(inside.applied.because.join('')).toContain('2022-10-08 在其施行期内');
    const none = JSON.parse(tiaoli(['decide', '--brief', BEFORE_2016]).stdout);
    expect(none.instrument).toBe('none');
    expect(none.decisions.application.outcome).toBe('notInForce');
    expect(none.applied.because.at(-1)).toContain('2015-12-31 没有任何规范性文件施行');
  });

  it('decide --jsonl dispatches each line by its date', () => {
    const lines = [caseOf(COMPLETE_2024), caseOf('test/cases/23-in-force/complete-application-on-last-day-issued.yaml')].map((c) => JSON.stringify(c)).join('\n');
    const out = tiaoli(['decide', '--jsonl', '--brief'], `${lines}\n`).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((d) => [d.instrument, d.decisions.application.outcome])).toEqual([['national-2016', 'accept'], ['qujing-2017', 'issueOnSpot']]);
  });

  it('the reference path (json-rules-engine) decides the national path as the compiled rules do', async () => {
    const regulation = qujing().base;
    const loaded = loadInstruments(rulesDir, regulation, 'rules', new Map(), root);
    const compiled = projectDecider(regulation, loaded);
    const jre = projectDecider(regulation, loaded, { engine: 'jre' });
    for (const file of [COMPLETE_2024, SAME_CITY_2024, BEFORE_2016, `${OUTSIDE}/2024-04-20-endorsement-under-the-regulation.yaml`, `${OUTSIDE}/2024-03-01-by-analogy-issued-on-the-spot.yaml`]) {
      const input = caseOf(file);
      expect(JSON.stringify(await jre.decide(input)), file).toBe(JSON.stringify(await compiled.decide(input)));
    }
    expect(compiled).toBeInstanceOf(InstrumentDecider);
  });
});

describe('the studio\'s server and check', () => {
  it('the server decides as tiaoli decide does (each case under the instrument in force)', async () => {
    const store = new ProjectStore(root);
    const snapshot = await store.snapshot();
    expect(snapshot.problems).toEqual([]);
    const doc = await snapshot.decider!.decide(caseOf(COMPLETE_2024));
    expect([doc.instrument, doc.decisions.application.outcome, doc.decisions.application.issueBy]).toEqual(['national-2016', 'accept', '2024-03-18']);
  });

  it('the project check without the superiors\' rules (the browser) does not flag the fixtures decided under them', () => {
    const project = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
    expect(checkProject(project.files, '2026-12-07').problems).toEqual([]);
    // a fixture of the measures' own term still has its paths checked
    const files = { ...project.files, 'test/cases/x.yaml': 'asOf: 2020-01-01\nfacts: {}\nexpect: { application.issueBy: 2020-01-02 }\n' };
    expect(checkProject(files, '2026-12-07').problems.map((p) => p.message)).toEqual(['expect 中的 application.issueBy 不是已定义的决定字段']);
  });
});

describe('printed pages cite the instrument applied', () => {
  it('a refusal in 2024 for a person ineligible under the 条例 cites the 条例, never the expired measures', () => {
    const r = tiaoli(['print', 'refusal', SAME_CITY_2024, '--office', 'qilin-nanning']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('依据《居住证暂行条例》第二条');
    expect(page).toContain('离开常住户口所在地，到其他城市居住');
    expect(page).not.toContain('曲靖市居住证管理实施办法');
    expect(page).not.toContain('第十三条、第二十三条');
  });

  it('the slip of an application accepted in 2024 gives the last day to issue under the 条例', () => {
    const page = text(tiaoli(['print', 'slip', COMPLETE_2024]).stdout);
    expect(page).toContain('最迟于2024年3月18日');
    expect(page).toContain('依据：《居住证暂行条例》');
  });

  it('no instrument in force: no refusal is printed, and the message says why', () => {
    const r = tiaoli(['print', 'refusal', BEFORE_2016]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2015-12-31 没有施行的规范性文件可依');
  });
});
