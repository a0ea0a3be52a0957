// Issue 8, item 4: a requirement is declared once, and a new material is one edit.
// Adding 单位集体宿舍证明 (dormitoryCertificate) as an art. 12 ¶2 address proof used to take
// four hidden edits (vocabulary, parameter, case schema, form); with the case schema
// forgotten, lint said nothing and the counter showed "请填写表单". Now it is one edit of
// rules/parameters/materials.yaml, and the checklist, case schema, counter form, notice
// and trace all accept it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegulation, loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { formToCase } from '../../engine/project/forms/map-form.js';
import { validateForm } from '../../engine/project/forms/validate-form.js';
import { renderPrint } from '../../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../../engine/project/print/read-prints.js';
import type { Regulation } from '../../engine/model/model.js';
import { qujing, rulesCopy } from '../support/regulation.js';
import { forms, formsDir, resolved } from '../support/forms.js';
import { tiaoli } from '../support/cli.js';

/** The one edit: name the code beside the other address proofs, and add it to the list. */
function withDormitoryCertificate() {
  const copy = rulesCopy();
  copy.edit(
    'parameters/materials.yaml',
    /( {4}accommodationCertificate: 住宿证明\n)( {2}values:\n {4}2017-10-09: \[leaseContract, propertyCertificate, purchaseContract, accommodationCertificate)\]/,
    '$1    dormitoryCertificate: 单位集体宿舍证明\n$2, dormitoryCertificate]',
  );
  return copy;
}

const applicant = {
  person: { idNumber: '510104198806210574' },
  hukou: { county: '510104' },
  residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
  grounds: { employment: true },
};
const withMaterials = (materials: Record<string, number>) => ({ asOf: '2019-09-16', facts: { ...applicant, application: { materials } } });
const onlyDormitory = withMaterials({ idCard: 1, photo: 2, dormitoryCertificate: 1, laborContract: 1 });

/** The counter form filled in as the clerk would, handing in the material given. */
const counterData = (materials: Record<string, number>) => ({
  acceptedOn: '2019-09-16',
  applicant: { name: '张伟', idNumber: '510104198806210574' },
  via: 'self',
  hukou: { county: '510104' },
  residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
  grounds: { employment: true },
  materials,
});

const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');

describe('a new address proof is one edit of one file', () => {
  const copy = withDormitoryCertificate();
  const regulation: Regulation = loadRegulationOrThrow(copy.dir);
  const decider = new Decider(regulation);

  it('lint is clean after the edit (rules, forms, prints and fixtures)', () => {
    const r = tiaoli(['lint', '--rules', copy.dir]);
    expect(r.stderr + r.stdout).toContain('没有问题');
    expect(r.status).toBe(0);
  });

  it('the case schema accepts the code; a case handing in only that proof has no addressProof missing', async () => {
    expect(checkCase(regulation, onlyDormitory).problems).toEqual([]);
    const application = (await decider.decide(onlyDormitory)).decisions.application;
    expect(application.missing).toEqual([]);
    expect(application.outcome).toBe('issueOnSpot');
    // the trace: the address-proof rule, citing art. 12, counted the new proof
    const rule = (application.because as Array<any>).find((b) => b.rule === 'application-missing-address-proof');
    expect(rule).toMatchObject({ result: 'failed' });
    expect(rule.text).toContain('第十二条第二款');
    expect(rule.conditions.all.at(-1)).toMatchObject({ fact: 'derived.applicationAddressProofHandedIn', value: 1 });
  });

  it('it counts as the supporting proof of an endorsement and a change of address too', async () => {
    const facts = { ...applicant, permit: { issuedOn: '2019-01-10' }, endorsement: { materials: { idCard: 1, residencePermit: 1, dormitoryCertificate: 1 } } };
    expect((await decider.decide({ asOf: '2019-12-20', facts })).decisions.endorsement.missing).toEqual([]);
  });

  it('the counter form has the field, in the address-proof group, and its data becomes a valid case', () => {
    const form = resolved('permit-application', regulation);
    expect(form.schema.properties.materials.properties.dormitoryCertificate).toMatchObject({ type: 'integer', title: '单位集体宿舍证明' });
    const groups = JSON.stringify(form.uischema);
    expect(groups).toMatch(/"label":"居住地住址证明，任交一种（第十二条第二款）".*#\/properties\/materials\/properties\/dormitoryCertificate/);
    const data = counterData({ idCard: 1, photo: 2, dormitoryCertificate: 1, laborContract: 1 });
    expect(validateForm(form, data)).toEqual([]);
    const fromForm = checkCase(regulation, formToCase(forms.set.forms['permit-application'], data));
    expect(fromForm.problems).toEqual([]);
    expect(resolved('endorsement', regulation).schema.properties.materials.properties.dormitoryCertificate.title).toBe('单位集体宿舍证明');
  });

  it('the notice lists it among the address proofs', async () => {
    const input = withMaterials({ idCard: 1, photo: 2, laborContract: 1 });
    const document = await decider.decide(input);
    expect(document.decisions.application.missing).toEqual(['addressProof']);
    const page = text(renderPrint(loadPrintTemplates(formsDir), 'notice', { regulation, input, document }));
    expect(page).toContain('居住地住址证明房屋租赁合同、房屋产权证明文件、购房合同、住宿证明、单位集体宿舍证明（任交一种）应交 1，已交 0第十二条第二款');
  });
});

describe('without the edit, and with half of it', () => {
  it('the shipped rules refuse the code (so the story above is the edit’s doing)', () => {
    expect(checkCase(qujing().regulation, onlyDormitory).problems.length).toBeGreaterThan(0);
    expect(resolved('permit-application', qujing().regulation).schema.properties.materials.properties.dormitoryCertificate).toBeUndefined();
  });

  it('a code added to the list but not named is reported at its line', () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '2017-10-09: [leaseContract, propertyCertificate, purchaseContract, accommodationCertificate]', '2017-10-09: [leaseContract, propertyCertificate, purchaseContract, accommodationCertificate, dormitoryCertificate]');
    const line = copy.read('parameters/materials.yaml').split('\n').findIndex((l) => l.includes('dormitoryCertificate')) + 1;
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'vocabulary.unknownCode', location: { file: expect.stringMatching(/parameters\/materials\.yaml$/), line } });
    expect(problems[0].message).toContain('dormitoryCertificate');
  });
});

describe('an alternative that counts only when its condition holds (CASES.md §1: under 16, the household register)', () => {
  it('the notice of an adult who handed in a household register asks for the ID card, and says when the register would do', async () => {
    const decider = qujing();
    const input = withMaterials({ householdRegister: 1, photo: 2, leaseContract: 1, laborContract: 1 });
    const document = await decider.decide(input);
    expect(document.decisions.application.missing).toEqual(['idCard']);
    const page = text(renderPrint(loadPrintTemplates(formsDir), 'notice', { regulation: decider.regulation, input, document }));
    expect(page).toContain('本人居民身份证居民身份证、户口簿（未满16周岁的）（任交一种）应交 1，已交 0第十二条第一款');
  });

  it('the counter form offers the register in the ID-card group, saying when it counts', () => {
    const form = resolved('permit-application', qujing().regulation);
    expect(form.schema.properties.materials.properties.householdRegister).toMatchObject({ title: '户口簿', description: '未满16周岁的，可代替本人居民身份证' });
    expect(JSON.stringify(form.uischema)).toMatch(/"label":"本人居民身份证，任交一种（第十二条第一款）".*properties\/idCard.*properties\/householdRegister/);
  });
});

describe('requirements are declared once', () => {
  it('each service’s guard is written once; the engine writes the rules and counting facts', () => {
    const regulation = qujing().regulation;
    const generated = regulation.rules.filter((r) => r.origin);
    expect(generated.map((r) => r.id).sort()).toEqual([
      'address-change-missing-id-card', 'address-change-missing-residence-permit', 'address-change-missing-supporting-proof',
      'application-missing-address-proof', 'application-missing-agent-id-card', 'application-missing-employment-proof',
      'application-missing-id-card', 'application-missing-photo', 'application-missing-study-proof',
      'endorsement-missing-id-card', 'endorsement-missing-residence-permit', 'endorsement-missing-supporting-proof',
    ]);
    // no hand-written rule adds to a missing list any more
    expect(regulation.rules.filter((r) => !r.origin && Object.keys(r.add).some((k) => k.endsWith('.missing')))).toEqual([]);
    expect(regulation.rules.find((r) => r.id === 'application-missing-photo')).toMatchObject({
      articles: ['12.1'], interpretations: ['required-materials'], file: join('rules', 'articles', '12-13-application.yaml'),
    });
  });

  it('a mistake in a requirement is reported at the requirement', () => {
    const copy = rulesCopy();
    copy.edit('articles/12-13-application.yaml', 'satisfiedBy: [{ param: addressProofs }]', 'satisfiedBy: [{ param: adressProofs }]');
    const { problems } = loadRegulation(copy.dir);
    const line = copy.read('articles/12-13-application.yaml').split('\n').findIndex((l) => l.includes('adressProofs')) + 1;
    expect(problems.map((p) => [p.code, p.location.line])).toContainEqual(['ref.unknownParameter', line]);
  });
});
