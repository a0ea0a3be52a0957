// What a save would break: the project's files (path → text) checked as `tiaoli lint`
// checks them, in Node or the browser. Only the problems in a changed file block its save.
import { loadRegulationFiles } from './build-regulation.js';
import { checkSourceText } from './check-source-text.js';
import { buildForms } from '../forms/load-forms.js';
import { checkForms } from '../forms/check-forms.js';
import { buildPrintTemplates } from '../print/render-print.js';
import { checkPrintFiles } from '../print/check-prints.js';
import { lintFixture } from '../fixtures/lint-fixture.js';
import type { Problem } from './source-file.js';
import type { Regulation } from '../model.js';

/** The files below one folder, named relative to it. */
export function under(files: Record<string, string>, dir: string): Map<string, string> {
  return new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));
}

export interface ProjectCheck {
  regulation?: Regulation;
  problems: Problem[];
}

/** Every problem in the project as given (path → text), with file names as in the project. */
export function checkProject(files: Record<string, string>, today: string): ProjectCheck {
  const { regulation, problems } = loadRegulationFiles('rules', under(files, 'rules'), 'rules');
  const all = [...problems];
  if (regulation) {
    all.push(...checkSourceText(regulation));
    const formFiles = under(files, 'forms');
    const forms = buildForms(formFiles, 'forms', 'forms');
    const printKinds = [...buildPrintTemplates(formFiles).kinds.keys()];
    all.push(...forms.problems, ...checkForms(forms.set, regulation, today, printKinds), ...checkPrintFiles(formFiles, 'forms'));
    for (const [path, text] of Object.entries(files)) if (path.startsWith('test/cases/') && /\.ya?ml$/.test(path)) all.push(...lintFixture(regulation, text, path));
  }
  return { regulation, problems: all };
}

/** The problems a change to one file brings into that file. */
export function problemsOfChange(files: Record<string, string>, path: string, text: string, today: string): Problem[] {
  const { problems } = checkProject({ ...files, [path]: text }, today);
  return problems.filter((p) => p.location.file === path);
}
