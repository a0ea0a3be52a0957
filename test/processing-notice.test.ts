// The processing notice (个人信息处理告知, 《个人信息保护法》第十七条、第三十五条) at the foot of
// every page handed to an applicant, in the words of forms/prints/personal-information.yaml:
// changing the YAML changes the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase } from '../engine/model/case/validate-case.js';
import { buildPrintTemplates, renderPrint } from '../engine/project/print/render-print.js';
import { readPrintFiles } from '../engine/project/print/read-prints.js';
import { qujing, root } from './support/regulation.js';
import { formsDir } from './support/forms.js';

const files = readPrintFiles(formsDir);
const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, '');

/** Each kind of page with a case it is printed for: the counter's student short of two materials gets a notice, … */
const printedFor: Array<[kind: string, file: string]> = [
  ['notice', 'test/cases/12-materials/only-one-photo.yaml'],
  ['slip', 'test/print-cases/slip-literal-reading.yaml'],
  ['reminder', 'test/cases/14-permit/endorsed-twice-on-time.yaml'],
  ['refusal', 'test/cases/13-application/half-year-one-day-short-ineligible.yaml'],
  ['non-acceptance', 'test/cases/16-address-change/move-to-kunming-outside-city.yaml'],
  ['acceptance', 'test/cases/13-application/complete-materials-issue-on-spot.yaml'],
  ['endorsement-refusal', 'test/cases/14-once-a-year/window-second-request-in-same-year-too-early.yaml'],
  ['replacement-refusal', 'test/cases/15-replacement/damaged-old-permit-not-returned.yaml'],
  ['address-change-refusal', 'test/cases/16-address-change/move-into-own-hukou-township-not-floating.yaml'],
];

async function pages(printFiles: Map<string, string>): Promise<Map<string, string>> {
  const templates = buildPrintTemplates(printFiles);
  const decider = qujing();
  const out = new Map<string, string>();
  for (const [kind, file] of printedFor) {
    const input = checkCase(decider.regulation, parse(readFileSync(join(root, file), 'utf8'))).case!;
    out.set(kind, text(renderPrint(templates, kind, { regulation: decider.regulation, input, document: await decider.decide(input) })));
  }
  return out;
}

describe('the processing notice on printed pages', () => {
  it('is at the foot of every kind of page printed, with the law it rests on, as the YAML words it', async () => {
    const printed = await pages(files);
    // every kind prints.yaml defines is looked at: a new kind of page needs a case here
    expect([...printed.keys()].sort()).toEqual([...buildPrintTemplates(files).kinds.keys()].sort());
    for (const [kind, page] of printed) {
      expect(page, kind).toContain('个人信息处理告知（《中华人民共和国个人信息保护法》第十七条、第三十五条）');
      expect(page, kind).toMatch(/保存期限：/);
      // at the foot: after the page's own text (its signature and date)
      expect(page.lastIndexOf('个人信息处理告知'), kind).toBeGreaterThan(page.lastIndexOf('年'));
    }
    const changed = new Map(files);
    changed.set('prints/personal-information.yaml', files.get('prints/personal-information.yaml')!.replace('保存期限：按国家档案管理规定', '保存期限：三十年'));
    for (const [kind, page] of await pages(changed)) expect(page, kind).toContain('保存期限：三十年');
  });
});
