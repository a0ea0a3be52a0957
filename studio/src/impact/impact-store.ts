// The main thread's side of the impact worker: one worker for the studio, the population
// loaded into it, and the latest comparison of the working copy with the saved rules. Only
// small answers cross (counts, a few example indexes); the cases stay in the worker.
import { useSyncExternalStore } from 'react';
import * as Comlink from 'comlink';
import type { ImpactApi } from './impact-worker.js';
import type { ImpactResult, Progress } from './impact-types.js';
import { MAX_CASE_FILE_BYTES } from './case-lines.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';

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

let worker: Comlink.Remote<ImpactApi> | undefined;
function api(): Comlink.Remote<ImpactApi> {
  worker ??= Comlink.wrap<ImpactApi>(new Worker(new URL('./impact-worker.ts', import.meta.url), { type: 'module' }));
  return worker;
}

const rulesOnly = (files: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith('rules/')));

/** Draws the population in the worker from a population file of the working copy. */
export async function generatePopulation(file: string, files: Record<string, string>, size?: number, seed?: number): Promise<void> {
  set({ loading: true, problems: [], result: undefined, compared: undefined });
  try {
    const answer = await api().generate(file, files[file] ?? '', rulesOnly(files), size, seed);
    set({ loading: false, problems: answer.problems, population: answer.count ? { count: answer.count, from: `${file} · seed ${seed ?? ''}`, ms: answer.ms } : state.population });
  } catch (e) {
    set({ loading: false, problems: [(e as Error).message] });
  }
}

/** Loads a cases.jsonl the user picked; its bytes are moved to the worker, not copied. */
export async function loadCaseFile(file: File, files: Record<string, string>): Promise<void> {
  if (file.size > MAX_CASE_FILE_BYTES) {
    set({ problems: [`${file.name}：文件过大（${Math.round(file.size / 1048576)} MB），最多 ${MAX_CASE_FILE_BYTES / 1048576} MB`] });
    return;
  }
  set({ loading: true, problems: [], result: undefined, compared: undefined });
  try {
    const bytes = await file.arrayBuffer();
    const answer = await api().loadLines(file.name, Comlink.transfer(bytes, [bytes]), rulesOnly(files));
    set({ loading: false, problems: answer.problems, population: answer.count ? { count: answer.count, from: file.name, ms: answer.ms } : state.population });
  } catch (e) {
    set({ loading: false, problems: [(e as Error).message] });
  }
}

/**
 * Compares the working copy with the saved rules over the loaded cases. A newer call
 * cancels an older one in the worker; only the newest answer is shown.
 */
let asked = 0;
export async function compareRules(saved: Record<string, string>, working: Record<string, string>, key: string): Promise<void> {
  if (!state.population || state.loading) return;
  if (state.compared === key && state.result) return;
  const mine = ++asked;
  set({ running: true, error: undefined, progress: undefined });
  const report = Comlink.proxy((p: Progress) => {
    if (mine === asked) set({ progress: p });
  });
  try {
    const answer = await api().impact('population', rulesOnly(saved), rulesOnly(working), report);
    if (mine !== asked || answer.kind === 'cancelled') return;
    if (answer.kind === 'error') set({ running: false, error: answer.message, result: undefined });
    else set({ running: false, result: answer, compared: key });
  } catch (e) {
    if (mine === asked) set({ running: false, error: (e as Error).message });
  }
}

/** One case of the loaded population, to decide and open in the trace. */
export function populationCase(index: number): Promise<CaseInput | undefined> {
  return api().exampleCase('population', index);
}
