// Everything the studio shows, worked out from a set of files (the saved ones, or the
// working copy with unsaved edits): the regulation, its problems, the forms, the print
// templates and every fixture's decision. Checking and the fixtures run in a worker
// (studio/src/impact/model-worker.ts); the decider, forms and print templates are made
// here when a page first asks for them.
import * as Comlink from 'comlink';
import { under } from '../../../engine/project/check-project.js';
import { Decider } from '../../../engine/explain/decider.js';
import { buildForms } from '../../../engine/project/forms/load-forms.js';
import { buildPrintTemplates, type PrintTemplates } from '../../../engine/project/print/render-print.js';
import type { FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import type { FormSet } from '../../../engine/project/forms/form-model.js';
import type { Problem } from '../../../engine/core/source-file.js';
import type { Regulation } from '../../../engine/model/model.js';
import { chinaToday } from '../../../engine/core/dates/china-today.js';
import type { ModelApi } from '../impact/model-worker.js';
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

let worker: Comlink.Remote<ModelApi> | undefined;
const modelWorker = (): Comlink.Remote<ModelApi> => (worker ??= Comlink.wrap<ModelApi>(new Worker(new URL('../impact/model-worker.ts', import.meta.url), { type: 'module' })));

export async function buildModel(files: Record<string, string>, saved?: Record<string, string>): Promise<Model> {
  const started = performance.now();
  // a file on disk that could not be read is shown with that problem until it is replaced
  const unread = diskProblems.filter((p) => !saved || saved[p.location.file] === files[p.location.file]);
  const built = await modelWorker().build(files, today(), unread);
  const { regulation, problems, fixtures } = built;
  const ms = performance.now() - started;
  // Rules with errors decide nothing: show the errors, keep the last good results elsewhere.
  const { offices, warnings } = built;
  if (!regulation || built.rulesBroken) return { files, regulation, problems, fixtures: [], offices, warnings, ms };
  let decider: Decider | undefined;
  let forms: FormSet | undefined;
  let prints: PrintTemplates | undefined;
  return {
    files, regulation, problems, fixtures, offices, warnings, ms,
    get decider() { return (decider ??= new Decider(regulation)); },
    get forms() { return (forms ??= buildForms(under(files, 'forms')).set); },
    get prints() { return (prints ??= buildPrintTemplates(under(files, 'forms'))); },
  };
}
