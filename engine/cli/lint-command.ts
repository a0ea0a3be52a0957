// `tiaoli lint`: the project's files read into one map (path → text) and checked by
// checkProject — the same check as the server's save and the studio's editor: rules,
// parameters, interpretations, the published text, forms, print templates and fixtures;
// each problem as file:line:column.
import { join, relative } from 'node:path';
import { formatProblem } from '../core/source-file.js';
import { checkProject } from '../project/check-project.js';
import { readProject, renamed } from '../project/read-project.js';
import { casesDir, formsDir, projectDir, reportNoRules, rulesDir, type ProjectOptions } from './rules-dir.js';
import { chinaToday } from '../core/dates/china-today.js';
import { loadRegulation } from '../model/load-regulation.js';
import { loadInstruments } from '../project/instruments/load-instruments.js';

export async function lintCommand(options: ProjectOptions): Promise<number> {
  const dir = rulesDir(options);
  if (reportNoRules(dir)) return 2;
  const shownAs = (d: string): string => relative(process.cwd(), d) || '.';
  const project = readProject({ rules: dir, forms: formsDir(options), cases: casesDir(options) }, shownAs);
  // the superior instruments' rules and this project's mappings onto them (rules/instruments.yaml)
  const own = loadRegulation(dir).regulation;
  const instruments = own ? loadInstruments(dir, own, shownAs(dir), new Map(), projectDir(options)) : undefined;
  // a superior not at hand (a copy of the project without it): its fixtures' fields cannot be checked here
  const superiors = instruments && !instruments.unavailable.size ? [...instruments.superiors.values()].map((s) => s.regulation) : undefined;
  const check = checkProject(project.files, chinaToday(), superiors ? { superiors } : {});
  // instruments.yaml's own problems are checkProject's; the superiors' loading and the mappings are these
  const instrumentProblems = instruments?.problems ?? [];
  const all = [...project.problems, ...check.problems.map((p) => renamed(p, project.shown)), ...instrumentProblems];
  for (const p of all) process.stdout.write(`${formatProblem(p)}\n`);
  // unconfirmed details (an office's address, telephone, hours): said, and the lint passes
  const warnings = [...(check.warnings ?? []).map((p) => renamed(p, project.shown)), ...(instruments?.warnings ?? [])];
  for (const p of warnings) process.stdout.write(`提示：${formatProblem(p)}\n`);
  if (all.length || !check.regulation) {
    process.stdout.write(`\n${all.length} 处问题\n`);
    return 1;
  }
  const r = check.regulation;
  process.stdout.write(
    `${r.title}（${relative(process.cwd(), dir) || join('.', 'rules')}）：${r.articles.length} 条、${r.rules.length} 条规则、` +
    `${Object.keys(r.parameters).length} 个参数、${Object.keys(r.derived).length} 个派生事实、${Object.keys(r.interpretations).length} 项解释、` +
    `${Object.keys(check.forms?.forms ?? {}).length} 个表单、${check.offices?.size ?? 0} 个办证机关、${check.fixtures ?? 0} 个夹具，没有问题${warnings.length ? `（${warnings.length} 处提示）` : ''}。ruleset ${r.ruleset}\n`,
  );
  return 0;
}
