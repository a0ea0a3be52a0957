// Everything the studio shows, worked out from a set of files (the saved ones, or the
// working copy with unsaved edits): the regulation, its problems, the forms, the print
// templates and every fixture's decision. For the files as saved, the server's check comes
// with the project (GET /api/project) and its fixtures' results follow (GET
// /api/project/fixtures); a working copy is checked and its fixtures run in a worker
// (studio/src/impact/model-worker.ts). The decider, forms and print templates are made here
// when a page first asks for them.
import * as Comlink from 'comlink';
import type { Decider } from '../../../engine/explain/decider.js';
import type { PrintTemplates } from '../../../engine/project/print/render-print.js';
import type { FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import type { FormSet } from '../../../engine/project/forms/form-model.js';
import type { Problem } from '../../../engine/core/source-file.js';
import type { Regulation } from '../../../engine/model/model.js';
import { chinaToday } from '../../../engine/core/dates/china-today.js';
import type { BuiltModel, ModelApi } from '../impact/model-worker.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import { fetchProjectSuperiors, type ProjectResponse } from './api.js';
import type { Parts, Under } from './model-parts.js';
import type { CaseInput } from '../../../engine/explain/decider.js';
import type { Instrument } from '../../../engine/project/instruments/instrument-model.js';
import type { SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';
import { blocksRules } from './rules-broken.js';

export interface Model {
  files: Record<string, string>;
  regulation?: Regulation;
  decider?: Decider;
  problems: Problem[];
  forms?: FormSet;
  prints?: PrintTemplates;
  /** every fixture's result; empty (and meaning nothing yet) while `fixturesPending` */
  fixtures: FixtureResult[];
  /** the rules are known but the fixtures are still being decided: nothing about them may be shown */
  fixturesPending?: boolean;
  /** the issuing offices (forms/offices.yaml), and what of them is unconfirmed */
  offices?: Map<string, Office>;
  warnings?: Problem[];
  /** how long building and running every fixture took */
  ms: number;
  /** the superior a case is decided under (rules/instruments.yaml): its rules, print templates and the case as they read it; else undefined */
  under?(input: CaseInput): Under | undefined;
  /** the instruments of rules/instruments.yaml, when the project declares them */
  instruments?(): Instrument[] | undefined;
  /** the rules of a superior instrument a document was decided under (its `instrument`), else undefined */
  superiorRegulation?(id: string | undefined): Regulation | undefined;
}

/**
 * The superior instruments' projects (read-only, GET /api/project/superiors), asked for once
 * beside the project: every model decides under them. Could they not be had, a case that
 * needs one is an error naming it (never the measures' answer in its place).
 */
let superiors: Promise<SuperiorProjectFiles[]> | undefined;
export function superiorFiles(): Promise<SuperiorProjectFiles[]> {
  return (superiors ??= fetchProjectSuperiors().catch(() => []));
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

/**
 * Starts the worker before the first edit needs it, and has it build the saved files once when
 * the page is idle (nothing comes back): the edit then re-reads only its own file.
 */
export function prepareModelWorker(files: Record<string, string>): void {
  const worker = modelWorker();
  const warm = () => void superiorFiles().then((shipped) => worker.warm(files, today(), shipped)).then(() => performance.mark('tiaoli:warm'), () => undefined);
  if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 });
  else setTimeout(warm, 500);
}

/** The decider, forms and print templates: their code loads beside the project (started here, at once). */
const partsCode = import('./model-parts.js');
partsCode.catch(() => undefined); // a chunk that cannot load is reported where the project loads

const modelParts = new WeakMap<Model, Parts>();

/**
 * Whether the model's rules decide (they were built without errors), without making its
 * decider: that compiles the case schema and reads the instruments (some 400 ms on a page's
 * first render), which only a page that decides needs.
 */
export function decides(model: Model | undefined): model is Model {
  return model !== undefined && modelParts.has(model);
}

function assemble(files: Record<string, string>, built: BuiltModel, ms: number, pending: boolean, made: Parts): Model {
  const { regulation, problems, fixtures, offices, warnings } = built;
  const model: Model = {
    files, regulation, problems, fixtures, offices, warnings, ms,
    ...(pending ? { fixturesPending: true } : {}),
    get decider() { return made.decider(); },
    get forms() { return made.forms(); },
    get prints() { return made.prints(); },
    under: (input) => made.under(input),
    instruments: () => made.instruments(),
    superiorRegulation: (id) => made.superiorRegulation(id),
  };
  modelParts.set(model, made);
  return model;
}

export async function buildModel(files: Record<string, string>, saved?: Record<string, string>): Promise<Model> {
  const started = performance.now();
  // a file on disk that could not be read is shown with that problem until it is replaced
  const unread = diskProblems.filter((p) => !saved || saved[p.location.file] === files[p.location.file]);
  const shipped = await superiorFiles();
  const built = await modelWorker().build(files, today(), unread, shipped);
  const ms = performance.now() - started;
  // Rules with errors decide nothing: show the errors, keep the last good results elsewhere.
  if (!built.regulation || built.rulesBroken) return { files, regulation: built.regulation, problems: built.problems, fixtures: [], offices: built.offices, warnings: built.warnings, ms };
  return assemble(files, built, ms, false, (await partsCode).partsOf(built.regulation, files, undefined, shipped));
}

/**
 * The model of the files as saved, from the server's check that came with them: the rules,
 * problems and offices now, the fixtures' results later (`withFixtures`). Undefined when the
 * server could not build the rules, or they have errors: then the worker checks them, and
 * says where.
 */
export async function modelFromServer(project: ProjectResponse, files: Record<string, string>): Promise<Model | undefined> {
  const checked = project.checked;
  if (!checked?.regulation) return undefined;
  const problems = (project.problems ?? []) as Problem[];
  if (problems.some(blocksRules)) return undefined;
  const offices = checked.offices ? new Map(checked.offices) : undefined;
  const parts = (await partsCode).partsOf(checked.regulation, files, checked.forms, await superiorFiles());
  return assemble(files, { regulation: checked.regulation, problems, fixtures: [], rulesBroken: false, offices, warnings: checked.warnings as Problem[] | undefined }, 0, true, parts);
}

/** The same model with its fixtures' results in: the decider, forms and print templates made once serve both. */
export function withFixtures(model: Model, fixtures: FixtureResult[], ms: number): Model {
  const built: BuiltModel = { regulation: model.regulation, problems: model.problems, fixtures, rulesBroken: false, offices: model.offices, warnings: model.warnings };
  const parts = modelParts.get(model);
  if (!parts) return { ...model, fixtures, fixturesPending: undefined, ms };
  return assemble(model.files, built, ms, false, parts);
}
