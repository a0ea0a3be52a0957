// What the applicant is handed: the one-time written notice (art. 13), the slip, the
// endorsement reminder, built from the decision and the rule parameters.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadRegulationOrThrow } from '../engine/model/load-regulation.js';
import { Decider } from '../engine/explain/decider.js';
import { checkCase } from '../engine/model/case/validate-case.js';
import { formToCase } from '../engine/project/forms/map-form.js';
import { NothingToPrint, renderPrint } from '../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../engine/project/print/read-prints.js';
import { parse } from 'yaml';
import { qujing, root, rulesCopy } from './support/regulation.js';
import { forms, formsDir } from './support/forms.js';
import { launchChromium, pdfPageCount } from './support/browser.js';
import { tiaoli } from './support/cli.js';

const templates = loadPrintTemplates(formsDir);
const studentData = parse(readFileSync(join(root, 'test/forms/permit-application-missing-photo-and-study-proof.yaml'), 'utf8'));

async function print(kind: string, data: unknown, decider: Decider = qujing(), form = 'permit-application'): Promise<string> {
  const input = checkCase(decider.regulation, formToCase(forms.set.forms[form], data)).case!;
  return renderPrint(templates, kind, { regulation: decider.regulation, input, document: await decider.decide(input) });
}

const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');

describe('the one-time written notice (一次性书面告知书, art. 13)', () => {
  it('lists every missing material with what satisfies it, and cites art. 12 and 13', async () => {
    const page = text(await print('notice', studentData));
    expect(page).toContain('李娜（公民身份号码：53230120010115002X）');
    expect(page).toContain('你于2020年11月2日申领居住证');
    // the paragraphs exactly (art. 12 ¶1 the photos, ¶2 the study proof), and art. 13
    expect(page).toContain('依据《曲靖市居住证管理实施办法》第十二条第一款、第十二条第二款、第十三条的规定');
    expect(page).toMatch(/1本人证件照证件照应交 2，已交 1第十二条第一款/);
    expect(page).toMatch(/2就读证明学生证、就读证明（任交一种）应交 1，已交 0第十二条第二款/);
    expect(page).toContain('第十三条　对符合居住证办理条件');
  });

  it('follows the parameters: one photo required, and a proof taken off the list', async () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '    2017-10-09: 2\n', '    2017-10-09: 1\n');
    copy.edit('parameters/materials.yaml', '[studentCard, enrollmentCertificate]', '[enrollmentCertificate]');
    const page = text(await print('notice', studentData, new Decider(loadRegulationOrThrow(copy.dir))));
    expect(page).not.toContain('本人证件照');
    expect(page).toMatch(/1就读证明就读证明应交 1，已交 0/);
  });

  it('is refused for a case with nothing missing', async () => {
    const complete = parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    await expect(print('notice', complete)).rejects.toThrow(NothingToPrint);
  });

  it('tiaoli print writes the page for a case file', () => {
    const r = tiaoli(['print', 'notice', 'test/cases/12-materials/only-one-photo.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(text(r.stdout)).toContain('本人证件照');
  });
});

describe('the slip and the endorsement reminder', () => {
  it('the slip says the permit is issued on the spot, free of charge', async () => {
    const complete = parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    const page = text(await print('slip', complete));
    expect(page).toContain('受理结果为：当场制发居住证');
    expect(page).toContain('0 元（第六条：不得收费）');
    // the period as the rules compute it (window: expiresOn − 30 days … expiresOn), never "届满前30日内", which art. 14 does not say
    expect(page).toMatch(/请于(\d{4})年(\d+)月(\d+)日至\d{4}年\d+月\d+日，凭本人居民身份证/);
    expect(page).toContain('（第十四条第二款）');
    expect(page).not.toContain('届满前30日内');
  });
  it('the slip under the literal reading gives the last day only', () => {
    const r = tiaoli(['print', 'slip', 'test/cases/13-application/applied-on-last-day-in-force.yaml']);
    expect(text(r.stdout)).toContain('请于2023年9月8日至2023年10月8日，凭本人居民身份证');
    const literal = tiaoli(['print', 'slip', 'test/print-cases/slip-literal-reading.yaml']);
    expect(literal.status).toBe(0);
    // 2022-10-08 + 1 year = 2023-10-08; − 30 days = 2023-09-08
    expect(text(literal.stdout)).toContain('请最迟于2023年9月8日，凭本人居民身份证');
  });
  it('the reminder gives the endorsement window', () => {
    const r = tiaoli(['print', 'reminder', 'test/cases/14-permit/endorsed-twice-on-time.yaml']);
    expect(r.status).toBe(0);
    expect(text(r.stdout)).toContain('请于2022年2月13日至2022年3月15日办理签注（第十四条第二款）');
    expect(text(r.stdout)).not.toContain('届满前30日内');
  });
  it('the reminder under the literal reading gives the last day, and a suspended permit says since when', () => {
    // 2020-03-30 − 30 days = Saturday 2020-02-29, moved to Monday 2020-03-02 (民法典 art. 203)
    const r = tiaoli(['print', 'reminder', 'test/cases/14-endorsement-deadline/literal-day-before-last-day-valid.yaml']);
    expect(text(r.stdout)).toContain('最迟于2020年3月2日办理签注（第十四条第二款）');
    const s = tiaoli(['print', 'reminder', 'test/cases/14-endorsement-deadline/literal-day-before-expiry-suspended.yaml']);
    expect(text(s.stdout)).toContain('签注办理期间已于2020年3月2日届满，逾期未办理签注手续，使用功能中止；补办签注手续后恢复（第十四条第三款）');
  });
  it('the reminder for a permit issued before the measures states its own term (art. 23)', () => {
    const r = tiaoli(['print', 'reminder', 'test/cases/23-old-permits/old-permit-expired-day-after-stated-term.yaml']);
    expect(text(r.stdout)).toContain('在居住证有效期内继续有效，有效期至2018年5月19日，已届满（第二十三条）');
    expect(text(r.stdout)).not.toContain('签注办理期间');
  });
});

describe('printed in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  it.each(['notice', 'slip'])('the %s fits on one A4 page', async (kind) => {
    const data = kind === 'notice' ? studentData : parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    const page = await browser.newPage();
    await page.setContent(await print(kind, data));
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdfPageCount(pdf)).toBe(1);
    await page.close();
  });
});

describe('print and form treat a case the rules cannot decide as decide does', () => {
  // The working-day calendar has data for 2004–2026 only. Both cases are past the measures'
  // term, so 《居住证暂行条例》 decides them (rules/instruments.yaml): the case of 2028 needs the
  // 15 days to issue in 2028; the complete application of 2026-12-21 needs them in 2027.
  const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-print-'));
  const lateCase = join(scratch, 'late-case.yaml');
  writeFileSync(lateCase, readFileSync(join(root, 'test/cases/12-materials/only-one-photo.yaml'), 'utf8')
    .replace(/^asOf: .*$/m, 'asOf: 2028-03-02').replace(/arrivedOn: .*/, 'arrivedOn: 2027-08-30').replace(/registeredOn: .*/, 'registeredOn: 2027-09-02'));
  const lateForm = join(scratch, 'late-form.yaml');
  writeFileSync(lateForm, readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8')
    .replace(/acceptedOn: .*/, 'acceptedOn: 2026-12-21').replace(/arrivedOn: .*/, 'arrivedOn: 2026-03-01').replace(/registeredOn: .*/, 'registeredOn: 2026-03-03'));

  it('decide: file: message, exit 1 (the reference)', () => {
    const r = tiaoli(['decide', lateCase]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^.*late-case\.yaml: 无法计算.*工作日历没有 2028 年的节假日安排/);
  });
  it('print: the same line and exit code, no stack trace', () => {
    const decided = tiaoli(['decide', lateCase]);
    const r = tiaoli(['print', 'notice', lateCase]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(decided.stderr);
  });
  it('print --form and form: the same line as decide gives for that case, no stack trace', () => {
    const r = tiaoli(['form', 'permit-application', lateForm]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^.*late-form\.yaml: 无法计算.*工作日历没有 2027 年的节假日安排.*\n$/);
    const printed = tiaoli(['print', 'notice', '--form', 'permit-application', lateForm]);
    expect(printed.status).toBe(1);
    expect(printed.stderr).toBe(r.stderr);
  });
  const bomb = join(scratch, 'bomb.yaml');
  writeFileSync(bomb, ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`)].join('\n'));
  it.each([
    ['print', ['print', 'notice', bomb]],
    ['print --form', ['print', 'notice', '--form', 'permit-application', bomb]],
    ['form', ['form', 'permit-application', bomb]],
  ])('%s of a YAML alias bomb: one line naming the file, no stack trace', (_, args) => {
    const r = tiaoli(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^.*bomb\.yaml[:：]/);
    expect(r.stderr).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
  });
  it.each([
    ['an unknown kind', ['print', 'nosuch', 'test/cases/12-materials/only-one-photo.yaml'], /^没有 nosuch 这种打印件；可用：notice（/],
    ['an inherited name as kind', ['print', 'constructor', 'test/cases/12-materials/only-one-photo.yaml'], /^没有 constructor 这种打印件/],
    ['__proto__ as kind', ['print', '__proto__', 'test/cases/12-materials/only-one-photo.yaml'], /^没有 __proto__ 这种打印件/],
    ['a missing file', ['print', 'notice', 'nowhere.yaml'], /^无法读取 nowhere\.yaml/],
    ['an inherited name as form', ['form', 'constructor', 'test/forms/permit-application-complete.yaml'], /^没有名为 constructor 的窗口表单/],
    ['an inherited name as --form', ['print', 'notice', '--form', 'toString', 'test/forms/permit-application-complete.yaml'], /^没有名为 toString 的窗口表单/],
  ])('%s: a message, no stack trace', (_, args, message) => {
    const r = tiaoli(args);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
  });
});
