// The project as the studio holds it: the files as saved on disk, the working copy with
// unsaved edits (kept in the browser across reloads), and the model of each. Edits
// re-run every fixture against the working copy; nothing is written until saved. The pages
// show as soon as the saved files' model is known; its fixtures' results may follow.
// Marks (performance.mark) for the speed test: tiaoli:project, tiaoli:ready, tiaoli:fixtures,
// tiaoli:rebuild and tiaoli:rebuilt (an edit's working model), tiaoli:warm (model.ts).
import { useSyncExternalStore } from 'react';
import { fetchProject, fetchProjectFixtures, saveFile, type ProjectFile, type SaveResult } from './api.js';
import { buildModel, modelFromServer, superiorFiles, prepareModelWorker, setDiskProblems, withFixtures, type Model } from './model.js';

interface Draft { text: string; baseVersion: string | null }

export interface ProjectState {
  status: 'loading' | 'ready' | 'error';
  error?: string;
  saved: Record<string, ProjectFile>;
  working: Record<string, string>;
  drafts: Record<string, Draft>;
  savedModel?: Model;
  workingModel?: Model;
  computing: boolean;
}

const DRAFTS_KEY = 'tiaoli.drafts';
let state: ProjectState = { status: 'loading', saved: {}, working: {}, drafts: {}, computing: false };
const listeners = new Set<() => void>();

function set(patch: Partial<ProjectState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}

export function useProject(): ProjectState {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => state);
}

function persistDrafts(drafts: Record<string, Draft>): void {
  try {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(drafts));
  } catch {
    /* storage full or denied: the draft still lives in this tab */
  }
}

function savedTexts(saved: Record<string, ProjectFile>): Record<string, string> {
  return Object.fromEntries(Object.entries(saved).map(([p, f]) => [p, f.text]));
}

function workingFiles(saved: Record<string, ProjectFile>, drafts: Record<string, Draft>): Record<string, string> {
  const files = Object.fromEntries(Object.entries(saved).map(([p, f]) => [p, f.text]));
  for (const [p, d] of Object.entries(drafts)) files[p] = d.text;
  return files;
}

let computeTimer: ReturnType<typeof setTimeout> | undefined;
let computeRun = 0;
let lastEdit = -Infinity;

/**
 * The working model built again after an edit: at once after a pause (a value changed, a
 * reading switched), else once typing pauses for `delay` ms — and always so while `typing`
 * (the rule editor), where each keystroke is a step of one edit.
 */
function recompute(delay = 250, typing = false): void {
  const now = performance.now();
  const pause = now - lastEdit > 1000;
  lastEdit = now;
  clearTimeout(computeTimer);
  set({ computing: true });
  computeTimer = setTimeout(async () => {
    const run = ++computeRun;
    performance.mark('tiaoli:rebuild');
    const model = await buildModel(state.working, savedTexts(state.saved));
    performance.mark('tiaoli:rebuilt');
    if (run === computeRun) set({ workingModel: model, computing: false });
  }, pause && !typing ? 0 : delay);
}

export async function loadProject(): Promise<void> {
  try {
    void superiorFiles(); // asked for beside the project, not after it
    const project = await fetchProject();
    performance.mark('tiaoli:project');
    setDiskProblems(project.problems ?? []);
    let drafts: Record<string, Draft> = {};
    try {
      drafts = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '{}');
    } catch {
      drafts = {};
    }
    // A draft equal to the file on disk is no longer a draft.
    for (const [p, d] of Object.entries(drafts)) if (project.files[p]?.text === d.text) delete drafts[p];
    const savedTextsNow = Object.fromEntries(Object.entries(project.files).map(([p, f]) => [p, f.text]));
    const working = workingFiles(project.files, drafts);
    // The saved files' model comes checked from the server (its fixtures' results follow);
    // with drafts, the working model (built in the worker) before the pages show: no saved
    // value flashes in place of a draft.
    const [savedModel, workingModel] = await Promise.all([
      modelFromServer(project, savedTextsNow).then((model) => model ?? buildModel(savedTextsNow)),
      Object.keys(drafts).length ? buildModel(working, savedTextsNow) : undefined,
    ]);
    set({ status: 'ready', saved: project.files, drafts, working, savedModel, workingModel: workingModel ?? savedModel });
    performance.mark('tiaoli:ready');
    if (savedModel.fixturesPending) await fillInFixtures(savedModel, project.snapshot);
    // the first edit finds the worker ready, the saved files read
    prepareModelWorker(savedTextsNow);
  } catch (e) {
    set({ status: 'error', error: (e as Error).message });
  }
}

/**
 * The fixtures' results of the saved files' model, from the server when it decided them on
 * the same files; else (the files changed on disk meanwhile, the server could not) decided
 * here, in the worker. The model stays marked pending until then: nothing about the fixtures
 * is shown from it.
 */
async function fillInFixtures(partial: Model, snapshot: string | undefined): Promise<void> {
  const started = performance.now();
  let complete: Model;
  try {
    const answer = await fetchProjectFixtures();
    if (snapshot === undefined || answer.snapshot !== snapshot) throw new Error('the project changed on disk');
    complete = withFixtures(partial, answer.fixtures, performance.now() - started);
  } catch {
    complete = await buildModel(partial.files);
  }
  // wherever the partial model still stands, the complete one takes its place
  const patch: Partial<ProjectState> = {};
  if (state.savedModel === partial) patch.savedModel = complete;
  if (state.workingModel === partial) patch.workingModel = complete;
  if (Object.keys(patch).length) set(patch);
  performance.mark('tiaoli:fixtures');
}

export function editFile(path: string, text: string, options: { typing?: boolean } = {}): void {
  const drafts = { ...state.drafts };
  if (state.saved[path]?.text === text) delete drafts[path];
  else drafts[path] = { text, baseVersion: state.drafts[path]?.baseVersion ?? state.saved[path]?.version ?? null };
  persistDrafts(drafts);
  set({ drafts, working: workingFiles(state.saved, drafts) });
  recompute(250, options.typing);
}

export function discardDraft(path: string): void {
  const drafts = { ...state.drafts };
  delete drafts[path];
  persistDrafts(drafts);
  set({ drafts, working: workingFiles(state.saved, drafts) });
  recompute(0);
}

/** Saves one file; the server checks it first and refuses to overwrite a newer file on disk. */
export async function save(path: string, options: { overwrite?: ProjectFile | null } = {}): Promise<SaveResult> {
  const text = state.working[path];
  const base = options.overwrite !== undefined ? options.overwrite?.version ?? null : state.drafts[path]?.baseVersion ?? state.saved[path]?.version ?? null;
  const result = await saveFile(path, text, base);
  if (result.kind === 'saved') {
    const saved = { ...state.saved, [path]: { text, version: result.version } };
    const drafts = { ...state.drafts };
    delete drafts[path];
    persistDrafts(drafts);
    // 已保存 shows as soon as the server said so. The working texts did not change: their
    // model stands, and is the saved model too when no other draft is left; else the saved
    // model follows in the background.
    const model = state.workingModel;
    const same = !state.computing && model !== undefined && Object.keys(drafts).length === 0;
    set({ saved, drafts, working: workingFiles(saved, drafts), ...(same ? { savedModel: model } : {}) });
    if (!same) void buildModel(savedTexts(saved)).then((savedModel) => { if (state.saved === saved) set({ savedModel }); });
  }
  return result;
}

/** Takes the version on disk, dropping the draft (after a conflict). */
export function acceptDisk(path: string, current: ProjectFile | null): void {
  const saved = { ...state.saved };
  if (current) saved[path] = current;
  else delete saved[path];
  const drafts = { ...state.drafts };
  delete drafts[path];
  persistDrafts(drafts);
  set({ saved, drafts, working: workingFiles(saved, drafts) });
  void buildModel(workingFiles(saved, {})).then((savedModel) => set({ savedModel }));
  recompute(0);
}

/** Creates a new file (e.g. a fixture); refuses if one already exists at that path. */
export async function createFile(path: string, text: string): Promise<SaveResult> {
  const result = await saveFile(path, text, null);
  if (result.kind === 'saved') {
    const saved = { ...state.saved, [path]: { text, version: result.version } };
    const savedModel = await buildModel(Object.fromEntries(Object.entries(saved).map(([p, f]) => [p, f.text])));
    set({ saved, working: workingFiles(saved, state.drafts), savedModel });
    recompute(0);
  }
  return result;
}
