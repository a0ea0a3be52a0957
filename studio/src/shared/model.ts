// Everything the studio shows, worked out in the browser from a set of files (the saved
// ones, or the working copy with unsaved edits): the regulation, its problems, the forms,
// the print templates and every fixture's decision.
import { checkProject, under } from '../../../engine/project/check-project.js';
import { Decider } from '../../../engine/explain/decider.js';
import { buildForms } from '../../../engine/project/forms/load-forms.js';
import { buildPrintTemplates, type PrintTemplates } from '../../../engine/project/print/render-print.js';
import { runFixtures, type FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import type { FormSet } from '../../../engine/project/forms/form-model.js';
import type { Problem } from '../../../engine/core/source-file.js';
import type { Regulation } from '../../../engine/model/model.js';
import { chinaToday } from '../../../engine/core/dates/china-today.js';
import type { Office } from '../../../engine/project/offices/office-model.js';

export interface Model {
  files: Record<string, string>;
  regulation?: Regulation;
  decider?: Decider;
  problems: Problem[];
  forms?: FormSet;
  prints?: PrintTemplates;
  fixtures: FixtureResult[];
  /** the issuing offices (forms/offices.yaml), and what of them is unconfirmed */
  offices?: Map<string, Office>;
  warnings?: Problem[];
  /** how long building and running every fixture took */
  ms: number;
}

export function today(): string {
  return chinaToday();
}

/** Problems only the server can see on disk (an encoding, a link, a size), for the files as saved. */
let diskProblems: Problem[] = [];
export function setDiskProblems(problems: Problem[]): void {
  diskProblems = problems.filter((p) => /^(encoding|file)\./.test(p.code));
}

export async function buildModel(files: Record<string, string>, saved?: Record<string, string>): Promise<Model> {
  const started = performance.now();
  const check = checkProject(files, today());
  const { regulation } = check;
  // a file on disk that could not be read is shown with that problem until it is replaced
  const unread = diskProblems.filter((p) => !saved || saved[p.location.file] === files[p.location.file]);
  const problems = [...unread, ...check.problems];
  // Rules with errors decide nothing: show the errors, keep the last good results elsewhere.
  if (!regulation || problems.some((p) => p.location.file.startsWith('rules/'))) {
    return { files, regulation, problems, fixtures: [], offices: check.offices, warnings: check.warnings, ms: performance.now() - started };
  }
  const decider = new Decider(regulation);
  const forms = buildForms(under(files, 'forms')).set;
  const prints = buildPrintTemplates(under(files, 'forms'));
  const fixtureFiles = Object.entries(files)
    .filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, text]) => ({ name, text }));
  const fixtures = await runFixtures(decider, fixtureFiles);
  return { files, regulation, decider, problems, forms, prints, fixtures, offices: check.offices, warnings: check.warnings, ms: performance.now() - started };
}
