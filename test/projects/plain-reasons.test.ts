// A refusal tells the applicant why in plain words (《行政许可法》第三十八条第二款: 说明理由):
// every refused fixture of the 《居住证暂行条例》 and 《浙江省流动人口居住登记条例》 projects,
// printed, gives each unmet condition as its rule's `unmet:` words — what is lacking and what
// the person can do — never a condition's text ("…为空为否", "…（无）", "…等于是").
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { NothingToPrint, renderPrint } from '../../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../../engine/project/print/read-prints.js';
import { projectFolder } from '../support/projects-folder.js';

/** Condition text a reader should never meet on a page handed to an applicant. */
const CONDITION_TEXT = [/为空为(是|否)/, /（无）/, /等于(是|否)/, /不等于/, /早于或等于/, /晚于或等于/, /存在为(是|否)/, /不早于/, /不晚于/, /本案：/, /\[\]/, /〔/];

const caseFiles = (dir: string): string[] =>
  readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });

/** The page as read: no markup, no style. */
const text = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

type Refusal = { file: string; page: string; ineligible: boolean };
const printed = new Map<string, Promise<Refusal[]>>();
/** The refusal printed for every fixture of the project that has one (worked out once per project). */
function refusals(name: string): Promise<Refusal[]> {
  if (!printed.has(name)) printed.set(name, printAll(name));
  return printed.get(name)!;
}

async function printAll(name: string): Promise<Refusal[]> {
  const project = projectFolder(name);
  const decider = new Decider(loadRegulationOrThrow(join(project, 'rules')));
  const templates = loadPrintTemplates(join(project, 'forms'));
  const pages: Refusal[] = [];
  for (const file of caseFiles(join(project, 'test', 'cases'))) {
    const checked = checkCase(decider.regulation, parse(readFileSync(file, 'utf8')));
    if (!checked.case) continue;
    const input = checked.case;
    try {
      const document = await decider.decide(input);
      const html = renderPrint(templates, 'refusal', { regulation: decider.regulation, input, document });
      pages.push({ file: relative(project, file), page: text(html), ineligible: document.decisions.application?.outcome === 'ineligible' });
    } catch (e) {
      if (!(e instanceof NothingToPrint)) throw e;
    }
  }
  return pages;
}

describe.each(['national-2016', 'zhejiang-2016'])('%s: every refusal gives its reasons in plain words', (name) => {
  it('no refused fixture prints a condition\'s text', async () => {
    const pages = await refusals(name);
    // the fixtures do refuse: ineligible, in person only, too early, before commencement
    expect(pages.length).toBeGreaterThan(3);
    const found = pages.flatMap(({ file, page }) => CONDITION_TEXT.filter((re) => re.test(page)).map((re) => `${file}: ${re.source} in …${page.slice(Math.max(0, page.search(re) - 60), page.search(re) + 20)}…`));
    expect(found).toEqual([]);
  });
  it('an application refused as ineligible names each condition not met, each once', async () => {
    const pages = (await refusals(name)).filter((p) => p.ineligible);
    expect(pages.length).toBeGreaterThan(3);
    for (const { file, page } of pages) {
      expect(page, file).toContain('未满足的条件：');
      // the rules that would have allowed it share conditions (being a floating person, the grounds): said once
      const sentences = page.split(/[。：]/).map((x) => x.trim()).filter((x) => x.startsWith('你') && x.length > 10);
      expect(sentences.filter((x, i) => sentences.indexOf(x) !== i), file).toEqual([]);
    }
  });
});
