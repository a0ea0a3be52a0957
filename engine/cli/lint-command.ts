// `tiaoli lint`: every rule, parameter, interpretation and fixture file checked; each
// problem as file:line:column.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadRegulation } from '../load/load-regulation.js';
import { formatProblem, type Problem } from '../load/source-file.js';
import { checkSourceText } from '../load/check-source-text.js';
import { findFixtureFiles } from '../fixtures/find-fixtures.js';
import { lintFixture } from '../fixtures/lint-fixture.js';
import { casesDir, formsDir, reportNoRules, rulesDir, type ProjectOptions } from './rules-dir.js';
import { loadForms } from '../forms/read-forms.js';
import { checkForms } from '../forms/check-forms.js';
import { checkPrintFiles } from '../print/check-prints.js';
import { buildPrintTemplates } from '../print/render-print.js';
import { readPrintFiles, shownFormsDir } from '../print/read-prints.js';

export async function lintCommand(options: ProjectOptions): Promise<number> {
  const dir = rulesDir(options);
  if (reportNoRules(dir)) return 2;
  const { regulation, problems } = loadRegulation(dir);
  const all: Problem[] = [...problems];
  let fixtures = 0;
  let formCount = 0;
  if (regulation) {
    all.push(...checkSourceText(regulation));
    const forms = loadForms(formsDir(options));
    formCount = Object.keys(forms.set.forms).length;
    // the same print checks as the studio's save check (checkProject)
    const printFiles = readPrintFiles(formsDir(options));
    const shown = shownFormsDir(formsDir(options));
    const printKinds = [...buildPrintTemplates(printFiles, shown).kinds.keys()];
    all.push(...forms.problems, ...checkForms(forms.set, regulation, new Date().toISOString().slice(0, 10), printKinds), ...checkPrintFiles(printFiles, shown));
    const cases = casesDir(options);
    if (existsSync(cases)) {
      for (const file of findFixtureFiles([cases])) {
        fixtures += 1;
        all.push(...lintFixture(regulation, readFileSync(file), relative(process.cwd(), file)));
      }
    }
  }
  for (const p of all) process.stdout.write(`${formatProblem(p)}\n`);
  if (all.length) {
    process.stdout.write(`\n${all.length} 处问题\n`);
    return 1;
  }
  const r = regulation!;
  process.stdout.write(
    `${r.title}（${relative(process.cwd(), dir) || join('.', 'rules')}）：${r.articles.length} 条、${r.rules.length} 条规则、` +
    `${Object.keys(r.parameters).length} 个参数、${Object.keys(r.derived).length} 个派生事实、${Object.keys(r.interpretations).length} 项解释、` +
    `${formCount} 个表单、${fixtures} 个夹具，没有问题。ruleset ${r.ruleset}\n`,
  );
  return 0;
}
