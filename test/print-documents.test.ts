// The documents a 派出所 hands out (issue 10): the issuing office at the top, a document
// number or a blank for one, the agent who acts named, art. 13 on every one-time notice
// with the exact paragraphs, where to hand in, signature, seal and 一式两份; the refusal page
// with each unmet condition, its article, and both remedies with their periods under the
// law in force on the decision date; and the PDF.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRegulationOrThrow } from '../engine/model/load-regulation.js';
import { Decider } from '../engine/explain/decider.js';
import { checkCase } from '../engine/model/case/validate-case.js';
import { NothingToPrint, renderPrint, type PrintInput } from '../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../engine/project/print/read-prints.js';
import { readOffices } from '../engine/project/offices/read-offices.js';
import { qujing, root, rulesCopy } from './support/regulation.js';
import { formsDir } from './support/forms.js';
import { tiaoli } from './support/cli.js';
import type { Browser } from 'playwright-core';
import { launchChromium, pdfPageCount } from './support/browser.js';

const templates = loadPrintTemplates(formsDir);
const offices = readOffices(readFileSync(join(formsDir, 'offices.yaml'), 'utf8'), 'forms/offices.yaml').offices;
const office = (id: string) => offices.get(id)!;

async function printCase(kind: string, file: string, extra: Partial<PrintInput> = {}, decider: Decider = qujing()): Promise<string> {
  const input = checkCase(decider.regulation, parse(readFileSync(join(root, file), 'utf8'))).case!;
  return renderPrint(templates, kind, { regulation: decider.regulation, input, document: await decider.decide(input), ...extra });
}

/** The page as read: no markup, no style, one line per block. */
const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<\/(p|li|tr|dd|h1|h2|div)>/g, '\n').replace(/<[^>]+>/g, '').replace(/&#x3D;/g, '=').replace(/[ \t]*\n\s*/g, '\n').trim();

const NOTICE = 'test/cases/12-materials/only-one-photo.yaml';
const ENDORSEMENT_NOTICE = 'test/cases/14-endorsement/missing-id-card-and-supporting-proof.yaml';
const ADDRESS_NOTICE = 'test/cases/16-address-change/missing-supporting-proof-notice.yaml';
const AGENT_NOTICE = 'test/print-cases/agent-child-missing-photo.yaml';
const INELIGIBLE = 'test/cases/13-application/half-year-one-day-short-ineligible.yaml';
const IN_PERSON = 'test/cases/12-agent/elderly-60-not-impaired-in-person.yaml';
const TOO_EARLY = 'test/cases/14-once-a-year/window-request-day-after-late-endorsement-too-early.yaml';
const BEFORE_COMMENCEMENT = 'test/cases/23-in-force-every-service/2017-10-08-application-not-in-force.yaml';

describe('every page names its issuing office, number, date, signature, seal and copies', () => {
  it.each([
    ['notice', NOTICE],
    ['slip', 'test/print-cases/slip-literal-reading.yaml'],
    ['reminder', 'test/cases/14-permit/endorsed-twice-on-time.yaml'],
    ['refusal', INELIGIBLE],
  ])('%s: the office heads the page, not the regulation; the number as given', async (kind, file) => {
    const page = text(await printCase(kind, file, { office: office('qilin-nanning'), documentNumber: '麒南居〔2019〕000123号', operator: '赵敏' }));
    const lines = page.split('\n');
    // the <title> comes first in the text; the sheet begins with the body that decides: the
    // county-level bureau (art. 14 ¶1), for which the 派出所 acts and says so (offices.yaml entrustedBy)
    expect(lines[1]).toBe('曲靖市公安局麒麟分局');
    expect(lines[1]).not.toContain('曲靖市居住证管理实施办法');
    expect(page).toContain('（曲靖市公安局麒麟分局南宁派出所受曲靖市公安局麒麟分局委托办理）');
    expect(page).toContain('编号：麒南居〔2019〕000123号');
    expect(page).toContain('经办人：赵敏');
    expect(page).toContain('曲靖市公安局麒麟分局（盖章）');
    expect(page).toContain('本文书一式两份，一份交申领人，一份由办证机关存档。');
    // where and how to hand in: the office, and blanks for what offices.yaml has not confirmed
    expect(page).toMatch(/办证机关曲靖市公安局麒麟分局南宁派出所\n地址＿+\n电话＿+\u3000\u3000办公时间\u3000＿+/);
  });

  it('without a number, the number is a line to fill in by hand; without an office, so is the issuer', async () => {
    const page = text(await printCase('notice', NOTICE));
    expect(page).toMatch(/编号：＿{6,}/);
    expect(page.split('\n')[1]).toMatch(/^＿+（办证机关）$/);
    expect(page).toContain('办证机关（盖章）');
  });

  it('the date of issue is the decision date unless another is given', async () => {
    // only-one-photo.yaml is decided on 2020-06-10
    expect(text(await printCase('notice', NOTICE))).toContain('（盖章）\n2020年6月10日');
    const page = text(await printCase('notice', NOTICE, { issuedOn: '2019-10-18' }));
    expect(page).toContain('（盖章）\n2019年10月18日');
  });
});

describe('the one-time written notice cites art. 13 and the exact paragraphs', () => {
  it('an application: art. 12 ¶1 (two photos) and art. 13', async () => {
    const page = text(await printCase('notice', NOTICE));
    expect(page).toContain('依据《曲靖市居住证管理实施办法》第十二条第一款、第十三条的规定');
  });
  it('an endorsement: art. 13 and art. 14 ¶2 (identity card, permit and a proof), never a bare 第十四条', async () => {
    const page = text(await printCase('notice', ENDORSEMENT_NOTICE));
    expect(page).toContain('依据《曲靖市居住证管理实施办法》第十三条、第十四条第二款的规定');
    expect(page).toContain('第十三条　对符合居住证办理条件');
  });
  it('a change of address: art. 13 and art. 16', async () => {
    const page = text(await printCase('notice', ADDRESS_NOTICE));
    expect(page).toContain('依据《曲靖市居住证管理实施办法》第十三条、第十六条的规定');
    expect(page).toContain('第十三条　对符合居住证办理条件');
  });
});

describe('an agent (art. 12 ¶3) is named beside the applicant', () => {
  it('the notice is addressed to the agent for the child, and the agent signs', async () => {
    const page = text(await printCase('notice', AGENT_NOTICE, { agent: { name: '王芳' } }));
    expect(page).toContain('代理人王芳（监护人）代 张小明（公民身份号码：500101200311210133）：');
    expect(page).toContain('代理人签收：');
    expect(page).not.toContain('申领人签收');
    expect(page).toContain('一份交代理人');
  });
  it('an agent without a name given is a blank to fill in, with the relation the case states', async () => {
    const page = text(await printCase('notice', AGENT_NOTICE));
    expect(page).toMatch(/代理人＿+（监护人）代 张小明/);
  });
  it('tiaoli print --agent names the agent', () => {
    const r = tiaoli(['print', 'notice', AGENT_NOTICE, '--agent', '王芳', '--office', 'luliang-zhongshu', '--number', '陆中居〔2019〕000007号']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('代理人王芳（监护人）代 张小明');
    expect(page.split('\n')[1]).toBe('陆良县公安局');
    expect(page).toContain('陆良县公安局中枢派出所受陆良县公安局委托办理');
    expect(page).toContain('编号：陆中居〔2019〕000007号');
  });
});

describe('the refusal (不予受理 / 不予办理告知书)', () => {
  it('tiaoli print refusal on an ineligible case: the unmet condition, its article, and both remedies with their periods', () => {
    const r = tiaoli(['print', 'refusal', INELIGIBLE, '--office', 'luliang-zhongshu']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('不予办理告知书');
    expect(page).toContain('你于2019年9月19日申领居住证');
    // registered 2019-03-20 + 6 months = 2019-09-20, one day after the application (art. 11)
    // the unmet condition in the words written beside the rule (rules/articles/11-eligibility.yaml unmet:)
    expect(page).toMatch(/不符合：流动人口居住满半年以上，且符合就业、住所、就读条件之一的，可以申领居住证（第二条、第十一条）。未满足的条件：\n?你在居住地居住未满半年：居住期间自暂住登记之日起算，满半年之日为2019年9月20日/);
    expect(page).toContain('请先办理暂住登记，自登记之日起居住满半年后再申领');
    // 2019: the 1999 law — 60 days (art. 9 ¶1), county government or the city bureau (art. 12 ¶1)
    expect(page).toContain('可以自知道该具体行政行为之日起60日内，向陆良县人民政府或者曲靖市公安局');
    expect(page).toContain('《中华人民共和国行政复议法》第九条第一款');
    expect(page).toContain('《中华人民共和国行政复议法》（1999年）第十二条第一款');
    // 行政诉讼: 6 months (行政诉讼法 art. 46 ¶1)
    expect(page).toContain('自知道或者应当知道作出行政行为之日起6个月内，依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条第一款）');
  });

  it('the article of the reconsideration period switches on 2024-01-01 (the 2023 revision, art. 20 ¶1; art. 24 ¶1(1))', () => {
    const before = text(tiaoli(['print', 'refusal', 'test/print-cases/not-in-force-2023-12-31.yaml', '--office', 'luoping-luoxiong']).stdout);
    const after = text(tiaoli(['print', 'refusal', 'test/print-cases/not-in-force-2024-01-01.yaml', '--office', 'luoping-luoxiong']).stdout);
    expect(before).toContain('《中华人民共和国行政复议法》第九条第一款');
    expect(before).toContain('向罗平县人民政府或者曲靖市公安局');
    expect(before).not.toContain('第二十条第一款');
    expect(after).toContain('可以自知道或者应当知道该行政行为之日起60日内，向罗平县人民政府（地址：');
    expect(after).toContain('《中华人民共和国行政复议法》（2023年修订）第二十条第一款');
    expect(after).toContain('《中华人民共和国行政复议法》（2023年修订）第二十四条第一款第（一）项');
    expect(after).not.toContain('曲靖市公安局');
    expect(after).not.toContain('第九条第一款');
  });

  it('a 分局 of the city bureau: from 2024 the city government, or the district government (art. 24 ¶4)', async () => {
    const page = text(await printCase('refusal', 'test/print-cases/not-in-force-2024-01-01.yaml', { office: office('qilin-nanning') }));
    expect(page).toContain('向曲靖市人民政府（地址：＿');
    expect(page).toContain('或者曲靖市麒麟区人民政府申请行政复议');
    expect(page).toContain('第二十四条第四款');
  });

  it('an agent for someone who may not be represented: 不予受理, each kind of person art. 12 ¶3 allows', async () => {
    const page = text(await printCase('refusal', IN_PERSON));
    expect(page).toContain('不予受理告知书');
    expect(page).toContain('本人不属于可以代为申领的人员的，不得由他人代为申领（第十二条第三款、第十三条）');
    // born 1959-06-15: 60 on 2019-11-20, not under 16; not mobility-impaired; not disabled
    expect(page).toContain('未满16周岁的未成年人，可以由其监护人、近亲属代为申领（第十二条第三款）');
    expect(page).toContain('你已满16周岁（决定日为60周岁），不属于可以由他人代为申领的未成年人');
    expect(page).toContain('行动不便的老年人，可以由其监护人、近亲属代为申领（第十二条第三款）');
    expect(page).toContain('残疾人，可以由其监护人、近亲属代为申领（第十二条第三款）');
  });

  it('an endorsement asked for too early: 不予签注, art. 14 ¶¶1–2, with the day the period opens', async () => {
    // the endorsement's answer is a document of its own (endorsement-refusal), not the application's refusal
    await expect(printCase('refusal', TOO_EARLY)).rejects.toThrow(NothingToPrint);
    const page = text(await printCase('endorsement-refusal', TOO_EARLY));
    expect(page).toContain('决定不予签注');
    expect(page).toContain('签注期尚未开始的，不予签注（每年签注1次）（第十四条第一款、第十四条第二款）');
    expect(page).toMatch(/决定日期（2020年4月11日）早于.*签注期开始之日（2021年3月11日）/);
  });

  it('before the measures took effect: art. 23, the day they took effect', async () => {
    const page = text(await printCase('refusal', BEFORE_COMMENCEMENT));
    expect(page).toContain('本办法自施行之日起至有效期最后一日（含首尾两日）有效（第二十三条）');
    expect(page).toContain('申请之日（2017年10月8日）不在本办法的施行期间内');
  });

  it('the remedies are parameters: a period changed in remedies.yaml is the period printed', async () => {
    const copy = rulesCopy();
    copy.edit('parameters/remedies.yaml', '    2017-10-09: 60\n', '    2017-10-09: 90\n');
    const page = text(await printCase('refusal', INELIGIBLE, {}, new Decider(loadRegulationOrThrow(copy.dir))));
    expect(page).toContain('之日起90日内');
  });

  it('a refused application gets no 受理回执, and an accepted one no refusal', async () => {
    await expect(printCase('slip', INELIGIBLE)).rejects.toThrow(NothingToPrint);
    await expect(printCase('slip', IN_PERSON)).rejects.toThrow(NothingToPrint);
    await expect(printCase('refusal', 'test/print-cases/slip-literal-reading.yaml')).rejects.toThrow(NothingToPrint);
    const r = tiaoli(['print', 'slip', INELIGIBLE]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('告知书（refusal）');
  });
});

describe('tiaoli print options', () => {
  it('--office with an unknown id lists the offices', () => {
    const r = tiaoli(['print', 'refusal', INELIGIBLE, '--office', 'nowhere']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^没有 id 为 nowhere 的办证机关；可用：qilin-bureau（曲靖市公安局麒麟分局）、/);
    expect(r.stdout).toBe('');
  });
  it('--office __proto__ is an unknown id, not an inherited one', () => {
    const r = tiaoli(['print', 'refusal', INELIGIBLE, '--office', '__proto__']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^没有 id 为 __proto__ 的办证机关/);
  });
  it('--pdf writes an A4 PDF of the page through Chromium', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tiaoli-pdf-')), 'refusal.pdf');
    const r = tiaoli(['print', 'refusal', INELIGIBLE, '--office', 'luliang-zhongshu', '--number', '陆中居〔2019〕000001号', '--pdf', out]);
    expect(r.stderr).toContain(`已写出 ${out}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(true);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPageCount(pdf)).toBe(1);
    // A4 is 210 × 297 mm: 595 × 842 points (Chromium writes 594.96 × 841.92)
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);
    // the page's title, as the PDF's (UTF-16BE, hex): 不予办理告知书
    const utf16be = Buffer.from('不予办理告知书', 'utf16le').swap16().toString('hex').toUpperCase();
    expect(pdf.toString('latin1')).toContain(`<FEFF${utf16be}>`);
  }, 120_000);
});

describe('each page, with an office, a number, an agent and the processing notice at its foot, fits one A4 sheet in Chromium', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(() => browser?.close());
  it.each([
    ['notice', AGENT_NOTICE],
    ['slip', 'test/print-cases/slip-literal-reading.yaml'],
    ['reminder', 'test/cases/14-endorsement-deadline/literal-day-before-expiry-suspended.yaml'],
    ['refusal', IN_PERSON],
    ['non-acceptance', 'test/cases/16-address-change/move-to-kunming-outside-city.yaml'],
  ])('%s', async (kind, file) => {
    const page = await browser!.newPage();
    try {
      const html = await printCase(kind, file, { office: office('qilin-nanning'), documentNumber: '麒南居〔2019〕000123号', operator: '赵敏', agent: { name: '王芳' } });
      expect(html).toContain('个人信息处理告知');
      await page.setContent(html);
      expect(pdfPageCount(await page.pdf({ format: 'A4', preferCSSPageSize: true }))).toBe(1);
    } finally {
      await page.close();
    }
  }, 60_000);
});
