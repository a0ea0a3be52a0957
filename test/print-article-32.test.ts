// The documents of 《行政许可法》 arts. 32 and 38, each its own: for a complete application the
// 受理通知书 (art. 32 ¶1(5), ¶2), for an incomplete one the 补正材料通知书 (¶1(4)) and no 受理回执
// nor 受理通知书, for an ineligible one the refusal with reasons and remedies (art. 38 ¶2), for a
// request that is not this office's matter the 不予受理决定书 with its referral (¶1(2)). The
// counter, the register and the 台账 offer exactly the pages the decision owes (owedPrints).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tiaoli } from './support/cli.js';
import { owedPrints } from '../engine/project/print/owed-prints.js';
import { loadPrintTemplates } from '../engine/project/print/read-prints.js';
import { loadForms } from '../engine/project/forms/read-forms.js';
import type { CaseInput } from '../engine/explain/decider.js';
import { qujing, root } from './support/regulation.js';

const COMPLETE = 'test/cases/13-application/complete-materials-issue-on-spot.yaml';
const INCOMPLETE = 'test/cases/13-application/incomplete-materials-written-notice.yaml';
const INELIGIBLE = 'test/cases/13-application/half-year-one-day-short-ineligible.yaml';
const OUTSIDE = 'test/cases/16-address-change/move-to-kunming-outside-city.yaml';
const NOT_FLOATING = 'test/cases/16-address-change/move-into-own-hukou-township-not-floating.yaml';
const TOO_EARLY = 'test/cases/14-once-a-year/window-request-day-after-late-endorsement-too-early.yaml';

const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('tiaoli print: the art. 32 document the decision owes', () => {
  it('complete: the 受理通知书 (and the 受理回执); nothing that refuses', () => {
    const r = tiaoli(['print', 'acceptance', COMPLETE, '--office', 'qilin-nanning', '--number', '麒南居受字〔2019〕第000001号']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('受理通知书');
    expect(page).toContain('编号：麒南居受字〔2019〕第000001号');
    expect(page).toContain('提交的申请材料齐全');
    expect(page).toContain('决定予以受理');
    expect(page).toContain('《中华人民共和国行政许可法》第三十二条第一款第（五）项、第二款');
    // the permit issued on 2019-12-10 runs a year: to 2020-12-10 (art. 14 ¶2)
    expect(page).toContain('本年度有效期至2020年12月10日');
  });

  it('incomplete: the 补正材料通知书 — no 受理回执, which says why', () => {
    const notice = tiaoli(['print', 'notice', INCOMPLETE]);
    expect(notice.status).toBe(0);
    expect(text(notice.stdout)).toContain('补正材料通知书');
    const slip = tiaoli(['print', 'slip', INCOMPLETE]);
    expect(slip.status).not.toBe(0);
    expect(slip.stderr).toContain('补正齐全后方予受理');
  });

  it('ineligible: the refusal with its reasons and the remedies (art. 38 ¶2); no 受理通知书', () => {
    const r = tiaoli(['print', 'refusal', INELIGIBLE, '--office', 'qilin-nanning']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('决定不予办理');
    expect(page).toContain('救济途径');
  });

  it('not this office\'s matter: the 不予受理决定书 with the referral', () => {
    const r = tiaoli(['print', 'non-acceptance', OUTSIDE, '--office', 'qilin-nanning']);
    expect(r.status).toBe(0);
    const page = text(r.stdout);
    expect(page).toContain('不予受理决定书');
    expect(page).toContain('第三十二条第一款第（二）项');
    expect(page).toContain('到新居住地的公安派出所或者流动人口服务机构');
  });
});

describe('owedPrints: exactly the pages each decision owes, of those its form offers', () => {
  const decider = qujing();
  const templates = loadPrintTemplates(join(root, 'forms'));
  const forms = loadForms(join(root, 'forms')).set.forms;
  const owed = async (formName: string, file: string) => {
    const input = parse(readFileSync(join(root, file), 'utf8')) as CaseInput & { expect?: unknown };
    delete input.expect;
    return owedPrints(templates, forms[formName].prints, { regulation: decider.regulation, input, document: await decider.decide(input) });
  };

  it('an application: complete → 受理通知书 and 回执; incomplete → 补正 only; ineligible → the refusal only', async () => {
    expect(await owed('permit-application', COMPLETE)).toEqual(['acceptance', 'slip']);
    expect(await owed('permit-application', INCOMPLETE)).toEqual(['notice']);
    expect(await owed('permit-application', INELIGIBLE)).toEqual(['refusal']);
  });

  it('a change of address: outside Qujing → 不予受理决定书; into the own hukou township → 不予换证告知书', async () => {
    expect(await owed('address-change', OUTSIDE)).toEqual(['non-acceptance']);
    expect(await owed('address-change', NOT_FLOATING)).toEqual(['address-change-refusal']);
  });

  it('an endorsement asked for too early: the reminder and the 不予签注告知书', async () => {
    expect(await owed('endorsement', TOO_EARLY)).toEqual(['reminder', 'endorsement-refusal']);
  });
});
