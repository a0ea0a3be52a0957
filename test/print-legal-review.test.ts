// The legal reviewer's findings (issue "Decisions a public-security legal office can sign"):
// every outcome a decision can have gets the written answer it owes, with reasons in plain
// words, and an incomplete application is never 受理.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase } from '../engine/model/case/validate-case.js';
import { NothingToPrint, renderPrint } from '../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../engine/project/print/read-prints.js';
import { formToCase } from '../engine/project/forms/map-form.js';
import { readOffices } from '../engine/project/offices/read-offices.js';
import { qujing, root } from './support/regulation.js';
import { forms, formsDir } from './support/forms.js';

const templates = loadPrintTemplates(formsDir);
const decider = qujing();
const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');

function caseOf(file: string) {
  const checked = checkCase(decider.regulation, parse(readFileSync(join(root, file), 'utf8')));
  if (!checked.case) throw new Error(JSON.stringify(checked.problems));
  return checked.case;
}
async function print(kind: string, file: string): Promise<string> {
  const input = caseOf(file);
  return text(renderPrint(templates, kind, { regulation: decider.regulation, input, document: await decider.decide(input) }));
}

describe('row 3: a permit issued before the measures must state its validThrough (art. 23)', () => {
  it('refuses the case at the field, instead of deciding permit.status none', () => {
    const checked = checkCase(decider.regulation, {
      asOf: '2018-01-10',
      facts: { person: { idNumber: '510104199003070015' }, hukou: { county: '510104' }, residence: { county: '530302' }, permit: { issuedOn: '2016-07-10' } },
    });
    expect(checked.case).toBeUndefined();
    expect(JSON.stringify(checked.problems)).toContain('validThrough');
  });
  it('the schema date is the parameter inForceFrom', () => {
    const schema = readFileSync(join(root, 'rules/case.schema.yaml'), 'utf8');
    const from = /formatExclusiveMaximum: "(\d{4}-\d{2}-\d{2})"/.exec(schema)?.[1];
    expect(Object.hasOwn(decider.regulation.parameters, 'inForceFrom')).toBe(true);
    expect(decider.regulation.parameters.inForceFrom!.values[0]!.value).toBe(from);
  });
});

describe('row 8: no 受理回执 for an incomplete application (补正, 《行政许可法》 art. 32)', () => {
  it('offers the 一次性告知书, not the slip', async () => {
    await expect(print('slip', 'test/cases/12-materials/only-one-photo.yaml')).rejects.toThrow(NothingToPrint);
    await expect(print('notice', 'test/cases/12-materials/only-one-photo.yaml')).resolves.toContain('本人证件照');
  });
});

describe('rows 4, 11, 1: a written answer for every refusing outcome', () => {
  it('an endorsement request on a pre-measures permit: 不予签注, with art. 23 and the stated term', async () => {
    const page = await print('endorsement-refusal', 'test/cases/23-old-permits/old-permit-endorsement-request-answered-not-endorsable.yaml');
    expect(page).toContain('不予签注告知书');
    expect(page).toContain('在其所载有效期内（至2018年5月19日）继续有效');
    expect(page).toContain('救济途径');
  });
  it('a new address outside Qujing: not this office\'s matter, a 不予受理决定书 with a referral (《行政许可法》 art. 32 ¶1(2)), not a refusal', async () => {
    const file = 'test/cases/16-address-change/move-to-kunming-outside-city.yaml';
    const page = await print('non-acceptance', file);
    expect(page).toContain('不予受理决定书');
    expect(page).toContain('第三十二条第一款第（二）项');
    expect(page).toContain('到新居住地的公安派出所或者流动人口服务机构');
    expect(page).toContain('救济途径');
    await expect(print('address-change-refusal', file)).rejects.toThrow(NothingToPrint);
    await expect(print('non-acceptance', 'test/cases/16-address-change/move-within-county-exchange.yaml')).rejects.toThrow(NothingToPrint);
  });
  it('a move into the own hukou township: not floating there (art. 2)', async () => {
    const page = await print('address-change-refusal', 'test/cases/16-address-change/move-into-own-hukou-township-not-floating.yaml');
    expect(page).toContain('第二条、第十六条');
    expect(page).toContain('不属于本办法第二条所称流动人口');
  });
});

describe('row 13: an endorsement refused as too early cites art. 14, not 13, and states the earlier endorsement', () => {
  it('names the last endorsement and the next period', async () => {
    const page = await print('endorsement-refusal', 'test/cases/14-once-a-year/window-second-request-in-same-year-too-early.yaml');
    expect(page).not.toMatch(/依据《曲靖市居住证管理实施办法》[^。]*第十三条/);
    expect(page).toMatch(/你的居住证已于\d{4}年\d+月\d+日办理签注/);
    expect(page).toContain('每年签注1次');
  });
});

describe('row 5 and the counter clerk case: reasons in plain words; no ground ticked is still decided', () => {
  it('an application with no ground ticked is ineligible and its refusal says what to do', async () => {
    const data = parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    delete data.grounds;
    const input = checkCase(decider.regulation, formToCase(forms.set.forms['permit-application'], data)).case!;
    const document = await decider.decide(input);
    expect(document.decisions.application.outcome).toBe('ineligible');
    const page = text(renderPrint(templates, 'refusal', { regulation: decider.regulation, input, document }));
    expect(page).toContain('你没有申报合法稳定就业、合法稳定住所、连续就读中的任何一项');
    expect(page).not.toMatch(/等于是|不早于|〔/);
  });
  it('a refusal for an unregistered applicant tells them to register first', async () => {
    const fixture = parse(readFileSync(join(root, 'test/cases/11-eligibility/no-registration-no-halfyearon-not-eligible.yaml'), 'utf8'));
    const input = checkCase(decider.regulation, { asOf: fixture.asOf, facts: { ...fixture.facts, application: { materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 } } } }).case!;
    const page = text(renderPrint(templates, 'refusal', { regulation: decider.regulation, input, document: await decider.decide(input) }));
    expect(page).toContain('请先办理暂住登记');
    expect(page).not.toContain('（（无））');
  });
});

describe('row 6: a refusal is the county-level bureau\'s decision; a 派出所 acts on its entrustment and says so', () => {
  const offices = readOffices(readFileSync(join(formsDir, 'offices.yaml'), 'utf8'), 'forms/offices.yaml').offices;
  it('heads and seals the page with the bureau, names the 派出所 as entrusted, and the bureau\'s 复议机关', async () => {
    const input = caseOf('test/cases/11-eligibility/not-floating-not-eligible.yaml');
    const withApplication = checkCase(decider.regulation, { asOf: input.asOf, facts: { ...input.facts, application: { materials: { idCard: 1, photo: 2, leaseContract: 1 } } } }).case!;
    const page = text(renderPrint(templates, 'refusal', { regulation: decider.regulation, input: withApplication, document: await decider.decide(withApplication), office: offices.get('qilin-nanning')! }));
    expect(page).toContain('曲靖市公安局麒麟分局南宁派出所受曲靖市公安局麒麟分局委托办理');
    expect(page).toContain('曲靖市公安局麒麟分局（盖章）');
    expect(page).not.toContain('南宁派出所（盖章）');
  });
  it('refuses an entrustedBy that names no office of the file, at its line', () => {
    const yaml = readFileSync(join(formsDir, 'offices.yaml'), 'utf8').replace('entrustedBy: qilin-bureau', 'entrustedBy: qilin-nowhere');
    const read = readOffices(yaml, 'forms/offices.yaml');
    expect(read.problems.map((p) => p.message).join()).toContain('qilin-nowhere 不是本文件中另一个办证机关的 id');
    expect(read.problems[0]!.location?.line).toBeGreaterThan(50);
  });
});

describe('row 7 (in part): the reminder names the permit\'s issuing office as 原办证机关, never merely the clerk\'s', () => {
  const offices = readOffices(readFileSync(join(formsDir, 'offices.yaml'), 'utf8'), 'forms/offices.yaml').offices;
  it('a blank to fill in when the case does not say; the permit\'s 签发机关 when it does', async () => {
    const input = caseOf('test/cases/14-permit/endorsed-twice-on-time.yaml');
    const document = await decider.decide(input);
    const page = text(renderPrint(templates, 'reminder', { regulation: decider.regulation, input, document, office: offices.get('luoping-luoxiong')! }));
    expect(page).not.toMatch(/原办证机关[^：]*：罗平/);
    expect(page).toMatch(/原办证机关（居住证所载签发机关，第十四条第二款）：＿+/);
    const stated = checkCase(decider.regulation, { ...input, facts: { ...input.facts, permit: { ...(input.facts as { permit: object }).permit, issuedBy: '曲靖市公安局麒麟分局' } } }).case!;
    const page2 = text(renderPrint(templates, 'reminder', { regulation: decider.regulation, input: stated, document: await decider.decide(stated), office: offices.get('luoping-luoxiong')! }));
    expect(page2).toContain('原办证机关（居住证所载签发机关，第十四条第二款）：曲靖市公安局麒麟分局');
  });
});
