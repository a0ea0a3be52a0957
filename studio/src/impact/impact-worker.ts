// The studio's worker: case sets (the population; the register slice adds its own through
// `setCases`) re-decided under the saved rules and the working copy, off the main thread,
// so typing never waits for a year of cases. A newer run cancels an older one between batches.
import * as Comlink from 'comlink';
import { Decider } from '../../../engine/explain/decider.js';
import { loadRegulationFiles } from '../../../engine/model/build-regulation.js';
import { formatProblem } from '../../../engine/core/source-file.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import type { Regulation } from '../../../engine/model/model.js';
import { checkPopulation } from '../../../engine/project/population/check-population.js';
import { populationCases } from '../../../engine/project/population/generate-population.js';
import { populationRequestProblem } from '../../../engine/project/population/population-request.js';
import { DecisionCodes, decisionFields } from './decision-codes.js';
import { parseCaseLines } from './case-lines.js';
import { A_DATE } from './transition-label.js';
import type { ImpactAnswer, LoadAnswer, Progress, Transition } from './impact-types.js';

const BATCH = 500;
/** the most cases the studio holds (each a few hundred bytes in the worker) */
export const MAX_STUDIO_POPULATION = 500_000;

/** Dates are counted together (a date → another date), not one bar a day. */
const DATE = /^"\d{4}-\d{2}-\d{2}"$/;
const valueClass = (canonical: string): string => (DATE.test(canonical) ? A_DATE : canonical);
const EXAMPLES = 5;

interface CaseSet { cases: CaseInput[]; version: number; saved?: { ruleset: string; codes: DecisionCodes } }
const sets = new Map<string, CaseSet>();
let latestRun = 0;
/** time spent inside decider.decide in the current run (the rest is the worker's own) */
let deciding = 0;
let versions = 0;
const rulesCache = new Map<string, { regulation?: Regulation; decider?: Decider; problems: string[] }>();

/** Lets queued messages (a newer run) in between batches, without a timer's clamping. */
const breathe = (): Promise<void> => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});

function rules(files: Record<string, string>): { regulation?: Regulation; decider?: Decider; problems: string[] } {
  const map = new Map(Object.entries(files).filter(([p]) => p.startsWith('rules/')).map(([p, t]) => [p.slice('rules/'.length), t]));
  const key = [...map].sort(([a], [b]) => a.localeCompare(b)).map(([p, t]) => `${p}\0${t}`).join('\0');
  const cached = rulesCache.get(key);
  if (cached) return cached;
  const { regulation, problems } = loadRegulationFiles('rules', map, 'rules');
  const result = regulation && !problems.length ? { regulation, decider: new Decider(regulation), problems: [] } : { regulation, problems: problems.map(formatProblem) };
  rulesCache.clear(); // the saved and the working rules: two at most are worth keeping
  rulesCache.set(key, result);
  return result;
}

function keep(source: string, cases: CaseInput[]): void {
  sets.set(source, { cases, version: ++versions });
}

async function decideAll(decider: Decider, set: CaseSet, run: number, phase: Progress['phase'], each: (i: number, values: string[]) => void, fields: Array<[string, string]>, progress?: (p: Progress) => void): Promise<boolean> {
  const total = set.cases.length;
  for (let start = 0; start < total; start += BATCH) {
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const t = performance.now();
      const doc = await decider.decide(set.cases[i], { trace: false });
      deciding += performance.now() - t;
      each(i, DecisionCodes.valuesOf(fields, doc));
    }
    progress?.({ done: Math.min(total, start + BATCH), total, phase });
    await breathe();
    if (run !== latestRun) return false;
  }
  return true;
}

const api = {
  /** A population drawn in the worker from a population file (the working copy's text). */
  generate(file: string, text: string, rulesFiles: Record<string, string>, size: number | undefined, seed: number | undefined): LoadAnswer {
    const started = performance.now();
    const refused = populationRequestProblem(size, seed, MAX_STUDIO_POPULATION);
    if (refused) return { count: 0, problems: [refused], ms: 0 };
    const { regulation } = rules(rulesFiles);
    const checked = checkPopulation(file, text, regulation);
    if (!checked.spec) return { count: 0, problems: checked.problems.map(formatProblem), ms: performance.now() - started };
    keep('population', [...populationCases(checked.spec, { size, seed })]);
    return { count: sets.get('population')!.cases.length, problems: [], ms: performance.now() - started };
  },

  /** A population from a cases.jsonl the user picked (bytes transferred, not copied). */
  loadLines(name: string, bytes: ArrayBuffer, rulesFiles: Record<string, string>): LoadAnswer {
    const started = performance.now();
    const { regulation, problems } = rules(rulesFiles);
    if (!regulation) return { count: 0, problems: ['规则有错误，不能检查案件：', ...problems], ms: 0 };
    const read = parseCaseLines(name, bytes, regulation);
    if (read.cases.length) keep('population', read.cases);
    return { count: read.cases.length, problems: read.problems, ms: performance.now() - started };
  },

  /** Cases from elsewhere (the register): the same comparison runs over them. */
  setCases(source: string, cases: CaseInput[]): number {
    keep(source, cases);
    return cases.length;
  },

  size(source: string): number {
    return sets.get(source)?.cases.length ?? 0;
  },

  exampleCase(source: string, index: number): CaseInput | undefined {
    return sets.get(source)?.cases[index];
  },

  /** Every case of a set decided under the saved rules (kept) and the working copy; the fields that change. */
  async impact(source: string, saved: Record<string, string>, working: Record<string, string>, progress?: (p: Progress) => void): Promise<ImpactAnswer> {
    const run = ++latestRun;
    const set = sets.get(source);
    if (!set) return { kind: 'error', message: '还没有载入案件' };
    const before = rules(saved);
    if (!before.decider || !before.regulation) return { kind: 'error', message: `已保存的规则有错误：${before.problems[0] ?? ''}` };
    let savedMs = 0;
    if (set.saved?.ruleset !== before.regulation.ruleset) {
      const started = performance.now();
      const fields = decisionFields(before.regulation.decisions);
      const codes = new DecisionCodes(fields, set.cases.length);
      if (!(await decideAll(before.decider, set, run, 'saved', (i, v) => codes.set(i, v), fields, progress))) return { kind: 'cancelled' };
      set.saved = { ruleset: before.regulation.ruleset, codes };
      savedMs = performance.now() - started;
    }
    const kept = set.saved!.codes;
    const after = rules(working);
    if (!after.decider || !after.regulation) return { kind: 'error', message: `规则有错误，不能比较：${after.problems[0] ?? ''}` };
    const started = performance.now();
    deciding = 0;
    const fields = decisionFields(after.regulation.decisions);
    const savedIndex = new Map(kept.fields.map(([d, f], i) => [`${d}.${f}`, i]));
    const against = fields.map(([d, f]) => savedIndex.get(`${d}.${f}`));
    const transitions = new Map<string, Transition>();
    let changedCases = 0;
    if (after.regulation.ruleset !== before.regulation.ruleset) {
      const compare = (i: number, values: string[]): void => {
        let changed = false;
        values.forEach((value, f) => {
          const g = against[f];
          const was = g === undefined ? '' : kept.value(i, g);
          if (was === value) return;
          changed = true;
          const [decision, field] = fields[f];
          const from = valueClass(was);
          const to = valueClass(value);
          const key = `${decision}.${field}\0${from}\0${to}`;
          let t = transitions.get(key);
          if (!t) transitions.set(key, (t = { decision, field, before: from, after: to, count: 0, examples: [] }));
          t.count += 1;
          if (t.examples.length < EXAMPLES) t.examples.push(i);
        });
        if (changed) changedCases += 1;
      };
      if (!(await decideAll(after.decider, set, run, 'working', compare, fields, progress))) return { kind: 'cancelled' };
    }
    return {
      kind: 'done', source, size: set.cases.length, changedCases,
      transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
      ms: performance.now() - started, decideMs: deciding, savedMs,
    };
  },
};

export type ImpactApi = typeof api;
Comlink.expose(api);
