// The 《浙江省流动人口居住登记条例》 project (projects/zhejiang-2016), written from the guide alone:
// its rules and forms pass lint, its fixtures pass, and the studio's server, started on it,
// decides cases filled in on its counter forms — an application accepted with art. 18's fifteen
// days moved past the National Day holiday, and an endorsement refused under art. 19 ¶2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForms } from '../../engine/project/forms/read-forms.js';
import { formToCase } from '../../engine/project/forms/map-form.js';
import { tiaoli } from '../support/cli.js';
import { copyOfProject, describeLintAndFixtures, projectFolder, serveCopyOf } from '../support/projects-folder.js';
import { studioFetch } from '../support/studio-server.js';

const project = projectFolder('zhejiang-2016');

describeLintAndFixtures(project, ['浙江省流动人口居住登记条例', '40 条']);

// A clerk's application form: a hukou in 330382 乐清市 (温州), living in 330106 西湖区 (杭州) —
// another city, so a floating person by the codes alone (art. 2 ¶2) —, registered 2017-03-01, a
// 合法稳定住所 proved by a property certificate, everything handed in, on Saturday 2017-09-16.
const application = {
  acceptedOn: '2017-09-16',
  applicant: { name: '王小明', idNumber: '33010620010310001X' },
  residence: { hukouCounty: '330382', county: '330106', registeredOn: '2017-03-01' },
  grounds: { housing: true },
  materials: { idCard: 1, photo: 1, propertyCertificate: 1 },
};

// An endorsement asked for inside the month before the first year is complete, by a holder
// who has no employment, housing or study any more.
const endorsement = {
  acceptedOn: '2018-03-01',
  holder: { name: '王小明', idNumber: '33010620010310001X' },
  permit: { issuedOn: '2017-03-10' },
  registeredOn: '2016-09-10',
  grounds: { employment: false, housing: false, study: false },
};

describe('the studio server on the zhejiang-2016 project', () => {
  const server = serveCopyOf(project);

  it('offers the project\'s counter forms and decides an application made on one', async () => {
    const listed = await studioFetch(server(), 'api/project');
    expect(listed.status).toBe(200);
    const body = await listed.json();
    expect(body.checked.regulation.title).toBe('浙江省流动人口居住登记条例');
    expect(Object.keys(body.checked.forms.forms)).toEqual(
      expect.arrayContaining(['permit-application', 'endorsement', 'replacement', 'registration']),
    );

    const forms = loadForms(join(project, 'forms')).set.forms;
    const decided = await studioFetch(server(), 'api/decide', {
      method: 'POST',
      body: JSON.stringify({ case: formToCase(forms['permit-application']!, application) }),
    });
    expect(decided.status).toBe(200);
    const { decisions } = await decided.json();
    expect(decisions.floating).toMatchObject({ value: true });
    expect(decisions.eligibility).toMatchObject({ eligible: true, grounds: ['housing'], halfYearOn: '2017-09-01' });
    // 2017-09-16 + 15 days = 2017-10-01, inside the National Day holiday (10-01 to 10-08) → 10-09
    expect(decisions.application).toMatchObject({ outcome: 'accept', accepted: true, missing: [], fee: 0, issueBy: '2017-10-09' });
  });

  it('refuses the endorsement of a holder who no longer meets a condition (art. 19 ¶2)', async () => {
    const forms = loadForms(join(project, 'forms')).set.forms;
    const decided = await studioFetch(server(), 'api/decide', {
      method: 'POST',
      body: JSON.stringify({ case: formToCase(forms.endorsement!, endorsement) }),
    });
    expect(decided.status).toBe(200);
    const { decisions } = await decided.json();
    expect(decisions.permit).toMatchObject({ status: 'valid', endorseFrom: '2018-02-10', endorseBy: '2018-03-12' }); // 2018-03-10 is a Saturday: the last day moves to Monday (民法典 art. 203)
    expect(decisions.endorsement).toMatchObject({ outcome: 'refuse', fee: 0 });
  });
});

// Art. 16 ¶2's exemption, read for the place of residence. The values below are illustrative only,
// in a copy of the project: the project's rules enter no place's rule (none is verified).
describe('the talent exemption of the residence\'s government (art. 16 ¶2), by place', () => {
  const withPlaces = (places: string) => {
    const dir = copyOfProject(project);
    const file = join(dir, 'rules/parameters/permit.yaml');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(/(talentExemptionRule:[\s\S]*?values:\n {4}2016-07-01: 未录入\n)/, `$1${places}`);
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    return dir;
  };
  // an engineer brought in, registered two days before, employed: exempt from the half year where the rule applies
  const talent = (dir: string, county: string) => {
    const file = join(dir, `talent-${county}.yaml`);
    writeFileSync(file, [
      'asOf: 2023-05-12',
      'facts:',
      '  hukou: { county: "510104" }',
      `  residence: { county: "${county}", registeredOn: 2023-05-10 }`,
      '  grounds: { employment: true, investmentOrTalent: true }',
      '  application: { materials: { idCard: 1, photo: 2, employmentCertificate: 1 } }',
      '',
    ].join('\n'));
    const r = tiaoli(['decide', file, '--project', dir]);
    expect(r.status, r.stderr).toBe(0);
    return { decisions: JSON.parse(r.stdout).decisions, text: r.stdout };
  };

  it('does not exempt where the government has made no such rule, and names the rule where it has', () => {
    const dir = withPlaces('  places:\n    "330100":\n      2018-01-01: 《杭州市引进人才办法》（示例）\n    "330127":\n      2018-01-01: 未规定\n');
    // 330106 西湖区: the 杭州市 rule (330100) holds for its districts; the clerk finds him covered
    const hangzhou = talent(dir, '330106');
    expect(hangzhou.decisions.eligibility).toMatchObject({ talentExempt: true, eligible: true });
    expect(hangzhou.text).toContain('《杭州市引进人才办法》（示例）');
    // 330127 淳安县 has set none (the more specific place wins): the half year applies, 2023-05-10 + 6 months = 2023-11-10
    const chunan = talent(dir, '330127');
    expect(chunan.decisions.eligibility).toMatchObject({ talentExempt: false, eligible: false, halfYearOn: '2023-11-10' });
    // 330382 乐清市: nothing entered for it or 温州市 — the clerk's judgement stands
    expect(talent(dir, '330382').decisions.eligibility).toMatchObject({ talentExempt: true, eligible: true });
  });
});

describe('impossible date orders of a case (regulation.yaml dateOrders)', () => {
  it('refuses an endorsement dated before the permit was issued, naming the date', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tiaoli-zhejiang-')), 'case.yaml');
    writeFileSync(file, 'asOf: 2018-03-01\nfacts:\n  permit: { issuedOn: 2017-03-10, endorsedOn: [2017-01-05] }\n');
    const r = tiaoli(['decide', file, '--project', project, '--brief']);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('permit.endorsedOn');
  });
});
