// The 《居住证暂行条例》 project (projects/national-2016): a project of its own, rules and forms
// only in YAML. Its rules and forms pass lint, its fixtures pass, and the studio's server,
// started on it, decides an application filled in on its counter form: accepted, with the last
// day to make and issue the permit (art. 9 ¶6) moved past the National Day holiday.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadForms } from '../../engine/project/forms/read-forms.js';
import { formToCase } from '../../engine/project/forms/map-form.js';
import { tiaoli } from '../support/cli.js';
import { copyOfProject, describeLintAndFixtures, projectFolder, serveCopyOf } from '../support/projects-folder.js';
import { studioFetch } from '../support/studio-server.js';

const project = projectFolder('national-2016');

describeLintAndFixtures(project, ['居住证暂行条例', '3 个表单']);

describe('the extended time limit of a local 实施办法 (art. 9 ¶6), read for the place of residence', () => {
  // An illustrative value only, in a copy of the project (no city's measures are in the project's
  // rules): 杭州市 (330100) extending it to 25 days, read for a residence in 330106 西湖区.
  const copy = () => copyOfProject(project);
  const setPlace = (dir: string, value: number) => {
    const issuing = join(dir, 'rules/parameters/issuing.yaml');
    const text = readFileSync(issuing, 'utf8');
    const withPlace = text.replace(/(issueDaysExtended:[\s\S]*?values:\n {4}2016-01-01: 15\n)/, `$1  places:\n    "330100":\n      2024-01-01: ${value}\n`);
    expect(withPlace).not.toBe(text);
    writeFileSync(issuing, withPlace);
  };
  const remote = (dir: string, county: string) => {
    const caseFile = join(dir, `remote-${county}.yaml`);
    writeFileSync(caseFile, [
      'asOf: 2024-09-20',
      'facts:',
      '  person: { idNumber: "510104199003070015" }',
      '  hukou: { county: "510104" }',
      `  residence: { county: "${county}", arrivedOn: 2024-03-01 }`,
      '  grounds: { housing: true }',
      '  application:',
      '    extensionApplies: true',
      '    materials: { idCard: 1, photo: 1, propertyCertificate: 1 }',
      '',
    ].join('\n'));
    const r = tiaoli(['decide', caseFile, '--project', dir, '--brief']);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout).decisions.application;
  };

  it('applies the city\'s extension to a residence in that city, and 15 days elsewhere', () => {
    const dir = copy();
    setPlace(dir, 25);
    // 2024-09-20 + 25 days = 2024-10-15, a Tuesday
    expect(remote(dir, '330106')).toMatchObject({ outcome: 'accept', issueDays: 25, issueBy: '2024-10-15' });
    // a residence in 420106 武汉市武昌区 (4201): no value set there nor for 湖北省, 15 days:
    // 2024-09-20 + 15 = 2024-10-05, in the National Day holiday → 2024-10-08
    expect(remote(dir, '420106')).toMatchObject({ outcome: 'accept', issueDays: 15, issueBy: '2024-10-08' });
  });

  it('lint refuses a place\'s extension beyond 30 days (延长后最长不得超过30日), at its line', () => {
    const dir = copy();
    setPlace(dir, 40);
    const r = tiaoli(['lint', '--project', dir]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/issuing\.yaml:\d+:\d+: .*40.*issueDaysMaximum.*延长后最长不得超过30日.*\[param\.limit\]/);
  });
});

describe('the trace of art. 10\'s endorsement years', () => {
  it('names each worked-out field in the regulation\'s words (vocabulary derived.permitYears.*)', () => {
    const r = tiaoli(['decide', join(project, 'test/cases/10-endorsement/inside-period-endorse.yaml'), '--project', project]);
    expect(r.status, r.stderr).toBe(0);
    // issued 2023-04-12: the year is complete on 2024-04-12; the period opens a month before, closes the day before
    expect(r.stdout).toContain('居住满1年之日 2024-04-12，签注期开始之日 2024-03-12，签注期最后一日 2024-04-11');
  });
});

describe('impossible date orders of a case (regulation.yaml dateOrders)', () => {
  it('refuses an arrival after the decision date, naming the date', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tiaoli-national-')), 'case.yaml');
    writeFileSync(dir, [
      'asOf: 2024-09-20',
      'facts:',
      '  person: { idNumber: "510104199003070015" }',
      '  hukou: { county: "510104" }',
      '  residence: { county: "330106", arrivedOn: 2024-10-01 }',
      '  grounds: { housing: true }',
      '',
    ].join('\n'));
    const r = tiaoli(['decide', dir, '--project', project, '--brief']);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('residence.arrivedOn');
  });
});

// A counter form as the clerk fills it in (the division picker fills the counties; no city is
// typed): a 成都 hukou, living in 杭州 since 2024-03-01,
// employed, every material handed in, on Friday 2024-09-20.
const counterForm = {
  acceptedOn: '2024-09-20',
  applicant: { name: '王小明', idNumber: '510104199003070015', sex: '1', ethnicity: '01' },
  via: 'self',
  hukou: { county: '510104' },
  residence: { county: '330106', arrivedOn: '2024-03-01', reason: 'work' },
  grounds: { employment: true },
  materials: { idCard: 1, photo: 1, leaseContract: 1, laborContract: 1 },
};

describe('the studio server on the national-2016 project', () => {
  const server = serveCopyOf(project);

  it('offers the project\'s counter forms and decides an application made on one', async () => {
    const listed = await studioFetch(server(), 'api/project');
    expect(listed.status).toBe(200);
    const body = await listed.json();
    expect(body.checked.regulation.title).toBe('居住证暂行条例');
    expect(Object.keys(body.checked.forms.forms)).toEqual(expect.arrayContaining(['permit-application', 'endorsement', 'replacement']));

    const form = loadForms(join(project, 'forms')).set.forms['permit-application']!;
    const decided = await studioFetch(server(), 'api/decide', { method: 'POST', body: JSON.stringify({ case: formToCase(form, counterForm) }) });
    expect(decided.status).toBe(200);
    const { decisions } = await decided.json();
    expect(decisions.eligibility).toMatchObject({ eligible: true, otherCity: true, halfYearOn: '2024-09-01' });
    // the 15th day after 2024-09-20 is 2024-10-05, inside the National Day holiday (10-01 to 10-07)
    expect(decisions.application).toMatchObject({ outcome: 'accept', missing: [], fee: 0, issueDays: 15, issueBy: '2024-10-08' });
  });
});
