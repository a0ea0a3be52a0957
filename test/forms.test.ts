// Counter forms: Chinese validation on the field, one source of truth with the rules,
// and every service's data becoming a case the engine decides.
import { describe, expect, it } from 'vitest';
import { loadRegulationOrThrow } from '../engine/model/load-regulation.js';
import { formToCase } from '../engine/project/forms/map-form.js';
import { checkCase } from '../engine/model/case/validate-case.js';
import { checkForms } from '../engine/project/forms/check-forms.js';
import { qujing, rulesCopy } from './support/regulation.js';
import { errorsOf, forms, resolved } from './support/forms.js';
import { tiaoli } from './support/cli.js';

const regulation = qujing().regulation;
const person = { name: '王芳', idNumber: '510104198806210574' };

async function decideForm(name: string, data: Record<string, unknown>) {
  expect(errorsOf(name, regulation, data)).toEqual([]);
  const checked = checkCase(regulation, formToCase(forms.set.forms[name], data));
  expect(checked.problems).toEqual([]);
  return (await qujing().decide(checked.case!)).decisions;
}

describe('forms load and lint clean', () => {
  it('has a form for every counter service and the permit record', () => {
    expect(forms.problems).toEqual([]);
    expect(Object.keys(forms.set.forms).sort()).toEqual(['address-change', 'contract-report', 'endorsement', 'permit-application', 'permit-record', 'replacement', 'temporary-registration']);
    expect(checkForms(forms.set, regulation, '2019-09-16')).toEqual([]);
  });
  it('the permit record lists what art. 4 says the permit carries', () => {
    const titles = Object.values(resolved('permit-record', regulation).schema.properties).map((p: any) => p.title);
    expect(titles).toEqual(['姓名', '性别', '民族', '出生日期', '公民身份号码', '本人相片', '常住户口所在地住址', '居住地住址', '签发机关', '签发日期']);
  });
});

describe('round trip: form data → facts → decision, for each service', () => {
  it('暂住登记 (art. 10 ¶1): arrived on the Friday before National Day 2019, registered 10-09: on time', async () => {
    const d = await decideForm('temporary-registration', {
      acceptedOn: '2019-10-09', person, hukou: { county: '530102' },
      residence: { county: '530381', township: '宛水街道', townshipKind: 'street', arrivedOn: '2019-09-27', registeredOn: '2019-10-09' },
    });
    // 9-29 (make-up Sunday), 9-30, 10-8, 10-9, 10-10 → the 5th working day is 10-10
    expect(d.registration).toMatchObject({ deadline: '2019-10-10', status: 'onTime' });
  });
  it('用工信息报送 (art. 10 ¶2): contract signed 2019-04-29, reported 05-09: late', async () => {
    const d = await decideForm('contract-report', {
      acceptedOn: '2019-05-09', reporter: { kind: 'employer', name: '曲靖某建材有限公司' }, person, hukou: { county: '510104' },
      residence: { county: '530302', township: '寥廓街道', townshipKind: 'street' },
      contract: { signedOn: '2019-04-29', reportedOn: '2019-05-09' },
    });
    // 4-30, 5-5 (make-up Sunday), 5-6, 5-7, 5-8 → deadline 5-8
    expect(d.reporting).toMatchObject({ deadline: '2019-05-08', status: 'late' });
  });
  it('居住证申领 (arts. 11–13): complete materials, half a year since registration: issued on the spot, no fee', async () => {
    const d = await decideForm('permit-application', {
      acceptedOn: '2019-09-16', applicant: person, via: 'self', hukou: { county: '510104' },
      residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
      grounds: { employment: true }, materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 },
    });
    expect(d.application).toMatchObject({ outcome: 'issueOnSpot', missing: [], fee: 0 });
  });
  it('签注 (art. 14): endorsed before the first year ends, with ID card, permit and labour contract', async () => {
    const d = await decideForm('endorsement', {
      acceptedOn: '2021-03-20', holder: person, residence: { county: '530303', township: '西平街道', townshipKind: 'street', registeredOn: '2019-08-12' },
      permit: { issuedOn: '2020-04-01', endorsedOn: [] }, materials: { idCard: 1, residencePermit: 1, laborContract: 1 },
    });
    expect(d.endorsement).toMatchObject({ outcome: 'endorse', missing: [], fee: 0 });
    expect(d.permit).toMatchObject({ status: 'valid', expiresOn: '2021-04-01', endorseFrom: '2021-03-02' });
  });
  it('补领 (art. 15): a lost permit is reissued free of charge', async () => {
    const d = await decideForm('replacement', { acceptedOn: '2021-06-01', holder: person, permit: { issuedOn: '2021-01-05' }, reason: 'lost' });
    expect(d.replacement).toMatchObject({ outcome: 'reissue', fee: 0 });
  });
  it('变更换证 (art. 16): a move to 宣威市 with full materials: exchanged', async () => {
    const d = await decideForm('address-change', {
      acceptedOn: '2021-06-01', holder: person, permit: { issuedOn: '2021-01-05' },
      newAddress: { county: '530381', township: '宛水街道', townshipKind: 'street' }, materials: { idCard: 1, residencePermit: 1, leaseContract: 1 },
    });
    expect(d.addressChange).toMatchObject({ outcome: 'exchange', missing: [] });
  });
});

describe('validation catches what counters get wrong, in Chinese, on the field', () => {
  const base = {
    acceptedOn: '2019-09-16', applicant: person, via: 'self', hukou: { county: '510104' },
    residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
    grounds: { employment: true }, materials: { idCard: 1, photo: 2, leaseContract: 1 },
  };
  const errors = (patch: (d: any) => void): string[] => {
    const data = structuredClone(base) as any;
    patch(data);
    return errorsOf('permit-application', regulation, data);
  };
  it('an ID number with a wrong check character', () => {
    expect(errors((d) => (d.applicant.idNumber = '510104198806210575'))).toEqual(['申领人 › 公民身份号码（applicant.idNumber）：公民身份号码校验码错误：应为 4，实为 5']);
  });
  it('an ID number with an impossible birth date or no real province', () => {
    expect(errors((d) => (d.applicant.idNumber = '510104198802300571'))[0]).toMatch(/出生日期 19880230 不是有效日期/);
    expect(errors((d) => (d.applicant.idNumber = '990104198806210574'))[0]).toMatch(/地址码 990104/);
  });
  it('a date that does not exist', () => {
    expect(errors((d) => (d.residence.arrivedOn = '2019-02-30'))).toEqual(['居住地 › 到达居住地之日（residence.arrivedOn）：应为真实存在的日期，格式 YYYY-MM-DD（如 2019-07-10）']);
  });
  it('a date after the decision date, and a registration before arrival', () => {
    expect(errors((d) => (d.residence.arrivedOn = '2019-09-20'))).toContain('居住地 › 到达居住地之日（residence.arrivedOn）：不得晚于受理日期（2019-09-16）');
    expect(errors((d) => (d.residence.registeredOn = '2019-02-20'))).toEqual(['居住地 › 暂住登记之日（residence.registeredOn）：不得早于到达居住地之日（2019-02-25）']);
  });
  it('a residence outside Qujing', () => {
    expect(errors((d) => (d.residence.county = '530102'))[0]).toMatch(/^居住地 › 县（市、区）（residence.county）：应为以下之一：530302 麒麟区、530303 沾益区/);
  });
  it('a count that is not a whole number', () => {
    expect(errors((d) => (d.materials.photo = 1.5))).toEqual(['提交的材料 › 证件照（materials.photo）：应为整数']);
    expect(errors((d) => (d.materials.photo = -1))).toEqual(['提交的材料 › 证件照（materials.photo）：不得小于 0']);
  });
  it('a missing required field', () => {
    expect(errors((d) => delete d.applicant.name)).toEqual(['申领人 › 姓名（applicant.name）：必填']);
  });
});

describe('the forms follow the rule parameters', () => {
  it('the photo count and the acceptable address proofs come from rules/parameters', () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '    2017-10-09: 2\n', '    2017-10-09: 1\n');
    copy.edit('parameters/materials.yaml', '[leaseContract, propertyCertificate, purchaseContract, accommodationCertificate]', '[leaseContract, propertyCertificate, purchaseContract]');
    const before = resolved('permit-application', regulation);
    const after = resolved('permit-application', loadRegulationOrThrow(copy.dir));
    expect(before.schema.properties.materials.properties.photo.description).toBe('第十二条第一款：应交2张');
    expect(after.schema.properties.materials.properties.photo.description).toBe('第十二条第一款：应交1张');
    expect(after.schema.properties.materials.description).toContain('本人证件照1张');
    const controls = (ui: any): string[] => JSON.stringify(ui).match(/materials\/properties\/\w+/g) ?? [];
    expect(controls(before.uischema)).toContain('materials/properties/accommodationCertificate');
    expect(controls(after.uischema)).not.toContain('materials/properties/accommodationCertificate');
    expect(controls(after.uischema)).toContain('materials/properties/leaseContract');
  });
});

describe('tiaoli form NAME data.yaml', () => {
  it('decides a valid application', () => {
    const r = tiaoli(['form', 'permit-application', 'test/forms/permit-application-complete.yaml', '--brief']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).decisions.application.outcome).toBe('issueOnSpot');
  });
  it('rejects an invalid ID number, an impossible date and a missing field, each named in Chinese', () => {
    const r = tiaoli(['form', 'permit-application', 'test/forms/permit-application-invalid.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('permit-application-invalid.yaml:4:13: 申领人 › 公民身份号码（applicant.idNumber）：公民身份号码校验码错误');
    expect(r.stderr).toContain('申领人 › 姓名（applicant.name）：必填');
    expect(r.stderr).toMatch(/permit-application-invalid\.yaml:11:14: 居住地 › 到达居住地之日（residence\.arrivedOn）：应为真实存在的日期/);
  });
  it('names the forms there are when the name is wrong', () => {
    const r = tiaoli(['form', 'permit', 'test/forms/permit-application-complete.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('permit-application（居住证申领）');
  });
});
