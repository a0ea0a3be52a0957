// The main thread's side of the impact workers: one worker a core (impact-worker.ts), each
// holding its share of the population, and the latest comparison of the working copy with
// the saved rules. Only small things cross: the rules' text to the workers, counts and a few
// example case numbers back; the cases stay in the workers.
import { useSyncExternalStore } from 'react';
import * as Comlink from 'comlink';
import type { ImpactApi } from './impact-worker.js';
import type { ImpactResult, Progress } from './impact-types.js';
import { joinParts, MAX_CASE_FILE_BYTES, tooLarge } from './case-lines.js';
import { mergeImpact, mergeProgress } from './merge-impact.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import { superiorFiles } from '../shared/model.js';

export interface ImpactState {
  /** cases loaded, and from where */
  population?: { count: number; from: string; ms: number };
  loading: boolean;
  problems: string[];
  running: boolean;
  progress?: Progress;
  result?: ImpactResult;
  error?: string;
  /** the rules compared in `result`: saved and working ruleset hashes */
  compared?: string;
}

let state: ImpactState = { loading: false, problems: [], running: false };
const listeners = new Set<() => void>();
function set(patch: Partial<ImpactState>): void {
  state = { ...state, ...patch };
  listeners.forEach((l) => l());
}
export function useImpact(): ImpactState {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => state);
}

/** One worker a core, at most four (each holds its share of the cases and its own decider). */
export const IMPACT_WORKERS = Math.max(1, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));
let pool: Array<Comlink.Remote<ImpactApi>> | undefined;
function workers(): Array<Comlink.Remote<ImpactApi>> {
  if (!pool) {
    pool = Array.from({ length: IMPACT_WORKERS }, () => Comlink.wrap<ImpactApi>(new Worker(new URL('./impact-worker.ts', import.meta.url), { type: 'module' })));
    // typing: a run in progress will be cancelled by the edit; meanwhile it leaves the cores to the page
    for (const type of ['keydown', 'input', 'pointerdown']) document.addEventListener(type, holdWhileTyping, { capture: true, passive: true });
  }
  return pool;
}
const HOLD_MS = 300;
let held = 0;
function holdWhileTyping(): void {
  if (!state.running || performance.now() - held < HOLD_MS / 3) return;
  held = performance.now();
  pool?.forEach((w) => void w.hold(HOLD_MS));
}
/** the first case number each worker holds, and how many */
let shares: Array<{ offset: number; count: number }> = [];

/** The files the rules are made of: rules/ and the later versions' successors/<id>/rules/ (a case in a successor's term is decided under it). */
const rulesOnly = (files: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith('rules/') || p.startsWith('successors/')));

/** The superior instruments' projects, sent to each worker once, before its first comparison. */
let superiorsSent: Promise<unknown> | undefined;
function sendSuperiors(): Promise<unknown> {
  return (superiorsSent ??= superiorFiles().then((files) => Promise.all(workers().map((w) => w.setSuperiors(files)))));
}

/** Keeps the shares read or drawn in every worker, numbered one after another. */
async function commit(counts: number[]): Promise<number> {
  let offset = 0;
  shares = counts.map((count) => {
    const share = { offset, count };
    offset += count;
    return share;
  });
  await Promise.all(workers().map((w, k) => w.commit('population', shares[k].offset, shares[k].count)));
  return offset;
}

/** Draws the population in the workers (each its share) from a population file of the working copy. */
export async function generatePopulation(file: string, files: Record<string, string>, size?: number, seed?: number): Promise<void> {
  set({ loading: true, problems: [], result: undefined, compared: undefined });
  try {
    const started = performance.now();
    const all = workers();
    const answers = await Promise.all(all.map((w, k) => w.generate(file, files[file] ?? '', rulesOnly(files), size, seed, { index: k, of: all.length })));
    const problems = answers.find((a) => a.problems.length)?.problems ?? [];
    const count = problems.length ? 0 : await commit(answers.map((a) => a.count));
    set({ loading: false, problems, population: count ? { count, from: `${file} · seed ${seed ?? ''}`, ms: performance.now() - started } : state.population });
  } catch (e) {
    set({ loading: false, problems: [(e as Error).message] });
  }
}

/** Loads a cases.jsonl the user picked: the file goes to the workers by reference, each reads its part. */
export async function loadCaseFile(file: File, files: Record<string, string>): Promise<void> {
  if (file.size > MAX_CASE_FILE_BYTES) {
    set({ problems: [tooLarge(file.name, file.size)] });
    return;
  }
  set({ loading: true, problems: [], result: undefined, compared: undefined });
  try {
    const started = performance.now();
    const all = workers();
    const parts = await Promise.all(all.map((w, k) => w.readLines(file, rulesOnly(files), { index: k, of: all.length })));
    const refused = parts.find((p) => p.refused)?.refused;
    if (refused) {
      set({ loading: false, problems: refused });
      return;
    }
    const joined = joinParts(file.name, parts);
    const count = joined.count ? await commit(joined.keep) : 0;
    set({ loading: false, problems: joined.problems, population: count ? { count, from: file.name, ms: performance.now() - started } : state.population });
  } catch (e) {
    set({ loading: false, problems: [(e as Error).message] });
  }
}

/** Progress shown at most this often (each worker reports every batch; each showing repaints the page). */
const PROGRESS_EVERY_MS = 400;

/**
 * Compares the working copy with the saved rules over the loaded cases, every worker its
 * share at once. A newer call cancels an older one in the workers; only the newest answer is shown.
 */
let asked = 0;
export async function compareRules(saved: Record<string, string>, working: Record<string, string>, key: string): Promise<void> {
  if (!state.population || state.loading) return;
  if (state.compared === key && state.result) return;
  const mine = ++asked;
  set({ running: true, error: undefined, progress: undefined });
  const total = state.population.count;
  const each: Array<Progress | undefined> = [];
  let shown = 0;
  const all = workers();
  const reports = all.map((_, k) => Comlink.proxy((p: Progress) => {
    each[k] = p;
    const now = performance.now();
    if (mine !== asked || now - shown < PROGRESS_EVERY_MS) return;
    shown = now;
    set({ progress: mergeProgress(each, total) });
  }));
  try {
    const started = performance.now();
    await sendSuperiors();
    const savedRules = rulesOnly(saved);
    const workingRules = rulesOnly(working);
    const answer = mergeImpact(await Promise.all(all.map((w, k) => w.impact('population', savedRules, workingRules, reports[k]))));
    if (mine !== asked || answer.kind === 'cancelled') return;
    if (answer.kind === 'error') set({ running: false, error: answer.message, result: undefined });
    else set({ running: false, result: { ...answer, wallMs: performance.now() - started }, compared: key });
  } catch (e) {
    if (mine === asked) set({ running: false, error: (e as Error).message });
  }
}

/** One case of the loaded population, by its number, to decide and open in the trace. */
export function populationCase(index: number): Promise<CaseInput | undefined> {
  const k = shares.findIndex((s) => index >= s.offset && index < s.offset + s.count);
  return k < 0 ? Promise.resolve(undefined) : workers()[k].exampleCase('population', index);
}
