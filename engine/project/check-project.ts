// The one check of a project: its files (path → text) — rules, forms, print templates and
// fixtures — checked in Node or the browser. `tiaoli lint`, the server's save and the
// studio's editor all run this. Only the problems in a changed file block its save.
import { loadRegulationFiles } from '../model/build-regulation.js';
import { checkSourceText } from './check-source-text.js';
import { buildForms } from './forms/load-forms.js';
import { checkForms } from './forms/check-forms.js';
import { buildPrintTemplates } from './print/render-print.js';
import { checkPrintFiles } from './print/check-prints.js';
import { lintFixture } from './fixtures/lint-fixture.js';
import { checkPopulation, isPopulationFile } from './population/check-population.js';
import { checkOfficesFile } from './offices/check-offices.js';
import { INSTRUMENTS_FILE, readInstruments } from './instruments/read-instruments.js';
import type { Office } from './offices/office-model.js';
import type { Problem } from '../core/source-file.js';
import type { Regulation } from '../model/model.js';
import type { FormSet } from './forms/form-model.js';

/** The files below one folder, named relative to it. */
export function under(files: Record<string, string>, dir: string): Map<string, string> {
  return new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));
}

export interface ProjectCheck {
  regulation?: Regulation;
  problems: Problem[];
  /** the forms, when the rules loaded */
  forms?: FormSet;
  /** how many fixture files were checked */
  fixtures?: number;
  /** the issuing offices of forms/offices.yaml (id → office), when the file reads */
  offices?: Map<string, Office>;
  /** what may be used but is not confirmed (an office's address, say): shown, never blocking */
  warnings?: Problem[];
}

/** Every problem in the project as given (path → text), with file names as in the project. */
export interface ProjectCheckOptions {
  /** the regulations of the superior instruments the project may decide under (rules/instruments.yaml), when loaded: fixtures may expect their fields */
  superiors?: readonly Regulation[];
}

export function checkProject(files: Record<string, string>, today: string, options: ProjectCheckOptions = {}): ProjectCheck {
  const { regulation, problems } = loadRegulationFiles('rules', under(files, 'rules'), 'rules');
  const all = [...problems];
  let formSet: FormSet | undefined;
  let fixtures = 0;
  // the pages there are: the offices file numbers some of them, each in a series of its own
  // (a project without print templates: nothing to check the kinds against)
  const printKinds = regulation && Object.hasOwn(files, 'forms/prints/prints.yaml') ? new Set(buildPrintTemplates(under(files, 'forms')).kinds.keys()) : undefined;
  const offices = checkOfficesFile(files, regulation, 'forms', printKinds);
  all.push(...offices.problems);
  if (regulation) {
    all.push(...checkSourceText(regulation));
    const formFiles = under(files, 'forms');
    const forms = buildForms(formFiles, 'forms', 'forms');
    const printKinds = [...buildPrintTemplates(formFiles).kinds.keys()];
    formSet = forms.set;
    all.push(...forms.problems, ...checkForms(forms.set, regulation, today, printKinds), ...checkPrintFiles(formFiles, 'forms'));
    const instrumentsText = Object.hasOwn(files, `rules/${INSTRUMENTS_FILE}`) ? files[`rules/${INSTRUMENTS_FILE}`] : undefined;
    const own = instrumentsText === undefined ? undefined : readInstruments(instrumentsText, `rules/${INSTRUMENTS_FILE}`, regulation).instruments?.own.id;
    const instruments = own === undefined ? undefined : { own, ...(options.superiors ? { superiors: options.superiors } : {}) };
    for (const [path, text] of Object.entries(files)) {
      if (!path.startsWith('test/cases/') || !/\.ya?ml$/.test(path)) continue;
      fixtures += 1;
      all.push(...lintFixture(regulation, text, path, instruments));
    }
  }
  all.push(...checkSuccessors(files));
  for (const [path, text] of Object.entries(files)) if (isPopulationFile(path)) all.push(...checkPopulation(path, text, regulation).problems);
  if (Object.hasOwn(files, `rules/${INSTRUMENTS_FILE}`)) all.push(...readInstruments(files[`rules/${INSTRUMENTS_FILE}`], `rules/${INSTRUMENTS_FILE}`, regulation).problems);
  return { regulation, problems: all, forms: formSet, fixtures, offices: offices.offices, warnings: offices.warnings };
}

/**
 * The rules of each later version of this project's text (successors/<id>/rules/, drafted in
 * the studio or with `tiaoli successor start`): checked as a project's rules are, each problem
 * at its own file, so a draft with an error is never saved.
 */
function checkSuccessors(files: Record<string, string>): Problem[] {
  const ids = new Set<string>();
  for (const path of Object.keys(files)) {
    const m = /^successors\/([^/]+)\/rules\//.exec(path);
    if (m) ids.add(m[1]!);
  }
  return [...ids].sort().flatMap((id) => {
    const dir = `successors/${id}/rules`;
    const loaded = loadRegulationFiles(dir, under(files, dir), dir);
    return loaded.regulation ? [...loaded.problems, ...checkSourceText(loaded.regulation)] : loaded.problems;
  });
}
