// The office check of a counter form (form.yaml `office:`) and of a case: a fact path, a
// parameter or an article that is not there is named at its line; prototype names find
// nothing; a case whose issuer or county is not text, or is a prototype name, is a warning,
// never a crash and never a match.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../engine/project/read-project.js';
import { checkProject } from '../../engine/project/check-project.js';
import { officeMismatches } from '../../engine/project/offices/office-fit.js';
import type { CaseInput } from '../../engine/explain/decider.js';
import { root } from '../support/regulation.js';

const project = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
const FORM = 'forms/endorsement/form.yaml';
const GOOD = 'office: { article: "14.2", place: 原办证机关, issuedBy: permit.issuedBy }';

function problemsWith(office: string) {
  const text = project.files[FORM];
  expect(text).toContain(GOOD);
  const files = { ...project.files, [FORM]: text.replace(GOOD, office) };
  return checkProject(files, '2026-12-07').problems.filter((p) => p.location.file === FORM).map((p) => `${p.code} ${p.location.line}:${p.location.column} ${p.message}`);
}

describe('form.yaml office: refused at its place', () => {
  it('an unknown fact, a prototype name as fact or parameter, an unknown article, a table without a county', () => {
    const line = project.files[FORM].split('\n').findIndex((l) => l.startsWith('office:')) + 1;
    expect(problemsWith('office: { article: "14.2", issuedBy: permit.issuer }')).toEqual([expect.stringMatching(new RegExp(`^ref\\.unknownFact ${line}:\\d+ 案件中没有事实 permit\\.issuer`))]);
    expect(problemsWith('office: { article: "14.2", issuedBy: __proto__ }')[0]).toMatch(/^ref\.unknownFact .*__proto__/);
    expect(problemsWith('office: { article: "14.2", county: residence.county, successions: constructor }')[0]).toMatch(/^ref\.unknownParameter .*参数 constructor 未定义/);
    expect(problemsWith('office: { article: "99", issuedBy: permit.issuedBy }')[0]).toMatch(/^ref\.unknownArticle .*条款 99 不存在/);
    expect(problemsWith('office: { article: "14.2", successions: countySuccessions }')[0]).toMatch(/^form\.officeSuccessions .*须与 county 同用/);
  });

  it('a key it does not know, or an article alone (nothing to check), is a schema problem at the file', () => {
    expect(problemsWith('office: { article: "14.2", issuedBy: permit.issuedBy, run: "x" }').length).toBeGreaterThan(0);
    expect(problemsWith('office: { article: "14.2" }').length).toBeGreaterThan(0);
  });
});

describe('a hostile case against the office check', () => {
  const check = checkProject(project.files, '2026-12-07');
  const office = check.offices!.get('qilin-nanning')!;
  const run = (form: string, facts: Record<string, unknown>) =>
    officeMismatches(check.forms!.forms[form].office, office, { asOf: '2020-06-20', facts } as CaseInput, check.regulation!).map((m) => m.code);

  it('an issuer that is not text, or a prototype name, is never taken for the office', () => {
    for (const issuedBy of [42, ['曲靖市公安局麒麟分局'], { name: '曲靖市公安局麒麟分局' }, null]) {
      expect(run('endorsement', { permit: { issuedOn: '2019-07-10', issuedBy } })).toEqual(['office.issuerUnknown']);
    }
    expect(run('endorsement', { permit: { issuedOn: '2019-07-10', issuedBy: 'constructor' } })).toEqual(['office.notIssuer']);
    expect(run('endorsement', { permit: JSON.parse('{"__proto__": {"issuedBy": "曲靖市公安局麒麟分局"}}') })).toEqual(['office.issuerUnknown']);
  });

  it('a county that is not a 6-digit code is not compared (the case check refuses it); a facts path through a prototype finds nothing', () => {
    expect(run('permit-application', { residence: { county: '__proto__' } })).toEqual([]);
    expect(run('permit-application', { residence: 'constructor' })).toEqual([]);
    expect(run('address-change', { addressChange: { county: '530322' } })).toEqual(['office.otherCounty']);
  });
});
