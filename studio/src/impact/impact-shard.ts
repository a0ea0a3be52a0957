// One impact worker's work, without the worker (impact-worker.ts exposes it; tests run it in
// Node): one share of a case set (the population; the register slice adds its own through
// `setCases`) re-decided under the saved rules and the working copy. The cases never leave:
// an edit sends the rules' text, the answer is counts and a few example indexes. A newer run
// cancels an older one between batches. A population drawn here is drawn again over a wider
// span when a draft change concerns dates outside it (population-span.ts), and says so.
import type { Decider } from '../../../engine/explain/decider.js';
import { projectDecider } from '../../../engine/project/instruments/instrument-decider.js';
import { instrumentsFromFiles, superiorRules, type SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';
import type { LoadResult } from '../../../engine/model/build-regulation.js';
import { loadRegulationFiles } from '../../../engine/model/build-regulation.js';
import { formatProblem } from '../../../engine/core/source-file.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import type { Regulation } from '../../../engine/model/model.js';
import { checkPopulation } from '../../../engine/project/population/check-population.js';
import { populationRequestProblem } from '../../../engine/project/population/population-request.js';
import { changeDates, coverDates, spanBounds, type DateSpan } from '../../../engine/project/population/population-span.js';
import type { PopulationSpec } from '../../../engine/project/population/population-spec.js';
import { DecisionCodes, ValueTable, decisionFields, fieldOf } from './decision-codes.js';
import type { DecidedFields } from '../../../engine/explain/decider.js';
import { filePart, readCaseLines, type LinesRead } from './case-lines.js';
import { A_DATE } from './transition-label.js';
import { populationShare, shareRange, type Share } from './population-share.js';
import { populationCases } from '../../../engine/project/population/generate-population.js';
import type { ImpactAnswer, Progress, ShardLoad, Transition } from './impact-types.js';

const BATCH = 500;
/** the most cases the studio holds (each a few hundred bytes in the workers) */
export const MAX_STUDIO_POPULATION = 500_000;

/** Dates are counted together (a date → another date), not one bar a day. */
const DATE = /^"\d{4}-\d{2}-\d{2}"$/;
const valueClass = (canonical: string): string => (DATE.test(canonical) ? A_DATE : canonical);
const EXAMPLES = 5;

/** Where a case that cannot be decided puts its reason: no decision of a regulation has this name (names are identifiers). */
const CANNOT_DECIDE: [string, string] = ['(不能决定)', '原因'];

/** The decision fields of every text a case may be decided under, each once (the 条例's beside the measures'), and the reason a case cannot be decided. */
function fieldsOf(regulations: Regulation[]): ReturnType<typeof decisionFields> {
  const seen = new Set<string>();
  return [...regulations.flatMap((r) => decisionFields(r.decisions)), CANNOT_DECIDE].filter(([d, f]) => {
    const key = `${d}.${f}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createImpactShard() {
  /** This worker's share of a case set: cases `offset` … `offset + cases.length - 1` of it. */
  interface CaseSet {
    cases: CaseInput[];
    offset: number;
    saved?: { ruleset: string; codes: DecisionCodes };
    /** a population drawn here: how, so it can be drawn again over a wider span */
    drawn?: Drawn;
  }
  interface Drawn { spec: PopulationSpec; total: number; seed: number | undefined; share: Share; spans: DateSpan[] }
  /** the decision dates the cases of a set are on: the first and the last */
  const datesOf = (cases: CaseInput[]): DateSpan | undefined => {
    if (!cases.length) return undefined;
    let from = cases[0].asOf;
    let to = from;
    for (const c of cases) {
      if (c.asOf < from) from = c.asOf;
      if (c.asOf > to) to = c.asOf;
    }
    return { from, to };
  };
  let pendingDrawn: Drawn | undefined;
  const sets = new Map<string, CaseSet>();
  /** a share read or drawn, kept once every worker has read its own (`commit`) */
  let pending: CaseInput[] | undefined;
  let latestRun = 0;
  /** while someone types, the run waits (the edit will cancel it anyway), leaving the core to the page */
  let holdUntil = 0;
  /** time spent inside decider.decide in the current run (the rest is the worker's own) */
  let deciding = 0;
  const rulesCache = new Map<string, { regulation?: Regulation; decider?: Decider; regulations?: Regulation[]; problems: string[] }>();
  /** the superior instruments' projects (read-only, sent once): each case is decided under the instrument in force on its date */
  let superiors: SuperiorProjectFiles[] = [];
  let superiorsLoaded: Map<string, LoadResult> = new Map();

  /** Lets queued messages (a newer run) in between batches, without a timer's clamping. */
  const breathe = (): Promise<void> => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

  /**
   * The rules of these files (rules/…, and successors/… of a later version) and their decider:
   * the instrument in force on each case's date decides it (rules/instruments.yaml), as at the
   * counter — a change of the measures does not touch a case the 条例 or a successor governs.
   * `regulations`: every text a case may be decided under (its decision fields are compared).
   */
  function rules(files: Record<string, string>): { regulation?: Regulation; decider?: Decider; regulations?: Regulation[]; problems: string[] } {
    const map = new Map(Object.entries(files).filter(([p]) => p.startsWith('rules/')).map(([p, t]) => [p.slice('rules/'.length), t]));
    const key = Object.keys(files).sort().map((p) => `${p}\0${files[p]}`).join('\0');
    const cached = rulesCache.get(key);
    if (cached) {
      rulesCache.delete(key); // the most recently used last: the saved rules stay while the working copy changes
      rulesCache.set(key, cached);
      return cached;
    }
    const { regulation, problems } = loadRegulationFiles('rules', map, 'rules');
    let result: { regulation?: Regulation; decider?: Decider; regulations?: Regulation[]; problems: string[] };
    if (regulation && !problems.length) {
      const loaded = instrumentsFromFiles(files, regulation, superiors, superiorsLoaded);
      const regulations = [regulation, ...[...loaded.superiors.values(), ...loaded.successors.values()].map((s) => s.regulation)];
      result = { regulation, decider: projectDecider(regulation, loaded), regulations, problems: [] };
    } else result = { regulation, problems: problems.map(formatProblem) };
    // the saved and the working rules: the two worth keeping
    if (rulesCache.size >= 2) rulesCache.delete(rulesCache.keys().next().value!);
    rulesCache.set(key, result);
    return result;
  }

  async function decideAll(decider: Decider, set: CaseSet, run: number, phase: Progress['phase'], each: (i: number, doc: DecidedFields) => void, progress?: (p: Progress) => void): Promise<boolean> {
    const total = set.cases.length;
    for (let start = 0; start < total; start += BATCH) {
      const end = Math.min(total, start + BATCH);
      for (let i = start; i < end; i++) {
        const t = performance.now();
        // the fields alone: the impact compares them, not their grounds; a case that cannot be
        // decided (a date past the working calendar, say) is counted with its reason, never stops the run
        let doc: DecidedFields;
        try {
          doc = await decider.decideFields(set.cases[i]);
        } catch (e) {
          doc = { decisions: { [CANNOT_DECIDE[0]]: { [CANNOT_DECIDE[1]]: (e as Error).message.split('\n')[0]!.slice(0, 200) } } };
        }
        deciding += performance.now() - t;
        each(i, doc);
      }
      progress?.({ done: end, total, phase });
      await breathe();
      while (run === latestRun && performance.now() < holdUntil) await new Promise((resolve) => setTimeout(resolve, holdUntil - performance.now()));
      if (run !== latestRun) return false;
    }
    return true;
  }

  return {
    /** The superior instruments' projects, once (GET /api/project/superiors): the rules built from them are kept. */
    setSuperiors(files: SuperiorProjectFiles[]): void {
      superiors = files;
      superiorsLoaded = superiorRules(files);
      rulesCache.clear();
    },

    /** This worker's share of a population drawn from a population file (the working copy's text). */
    generate(file: string, text: string, rulesFiles: Record<string, string>, size: number | undefined, seed: number | undefined, share: Share): ShardLoad {
      const started = performance.now();
      pending = undefined;
      const refused = populationRequestProblem(size, seed, MAX_STUDIO_POPULATION);
      if (refused) return { count: 0, total: 0, problems: [refused], ms: 0 };
      const { regulation } = rules(rulesFiles);
      const checked = checkPopulation(file, text, regulation);
      if (!checked.spec) return { count: 0, total: 0, problems: checked.problems.map(formatProblem), ms: performance.now() - started };
      const total = size ?? checked.spec.size;
      const mine = populationShare(checked.spec, total, seed, share);
      pending = mine;
      pendingDrawn = { spec: checked.spec, total, seed, share, spans: checked.spec.spans };
      return { count: mine.length, total, problems: [], ms: performance.now() - started };
    },

    /**
     * Part `share.index` of a cases.jsonl the user picked, checked line by line. The file crosses
     * as a reference (a Blob); each worker reads only its own part of it.
     */
    async readLines(file: Blob, rulesFiles: Record<string, string>, share: Share): Promise<Omit<LinesRead, 'cases'> & { count: number; refused?: string[] }> {
      pending = undefined;
      pendingDrawn = undefined;
      const { regulation, problems } = rules(rulesFiles);
      if (!regulation) return { count: 0, problems: [], bad: 0, lines: 0, refused: ['规则有错误，不能检查案件：', ...problems] };
      const { cases, ...read } = readCaseLines(await filePart(file, share.index, share.of), regulation);
      pending = cases;
      return { ...read, count: cases.length };
    },

    /** Keeps the share read or drawn (its first `count` cases) as cases `offset` … of `source`. */
    commit(source: string, offset: number, count: number): void {
      if (pending) sets.set(source, { cases: pending.length > count ? pending.slice(0, count) : pending, offset, drawn: pendingDrawn });
      pending = undefined;
      pendingDrawn = undefined;
    },

    /** Cases from elsewhere (the register), this worker's share: the same comparison runs over them. */
    setCases(source: string, cases: CaseInput[], offset: number): number {
      sets.set(source, { cases, offset });
      return cases.length;
    },

    /** The page is busy answering a keystroke: the run pauses for `ms` at its next batch. */
    hold(ms: number): void {
      holdUntil = performance.now() + Math.min(Math.max(0, ms), 1000);
    },

    /** A case by its number in the whole set, if this worker holds it. */
    exampleCase(source: string, index: number): CaseInput | undefined {
      const set = sets.get(source);
      return set && index >= set.offset ? set.cases[index - set.offset] : undefined;
    },

    /** Every case of this share decided under the saved rules (kept) and the working copy; the fields that change. */
    async impact(source: string, saved: Record<string, string>, working: Record<string, string>, progress?: (p: Progress) => void): Promise<ImpactAnswer> {
      const run = ++latestRun;
      await breathe(); // a newer edit already queued wins before anything is compiled
      if (run !== latestRun) return { kind: 'cancelled' };
      const set = sets.get(source);
      if (!set) return { kind: 'error', message: '还没有载入案件' };
      const before = rules(saved);
      if (!before.decider || !before.regulation) return { kind: 'error', message: `已保存的规则有错误：${before.problems[0] ?? ''}` };
      const after = rules(working);
      if (!after.decider || !after.regulation) return { kind: 'error', message: `规则有错误，不能比较：${after.problems[0] ?? ''}` };
      // the dates the change concerns: a population drawn here is drawn again to cover them (every
      // worker works out the same span); cases loaded from a file are what they are
      const drawn = set.drawn;
      const concerned = changeDates(before.regulation, after.regulation, drawn?.spec.spans ?? (datesOf(set.cases) ? [datesOf(set.cases)!] : []));
      if (drawn) {
        const { spans } = coverDates(drawn.spec.spans, concerned);
        if (JSON.stringify(spans) !== JSON.stringify(drawn.spans)) {
          // drawn in batches: a newer edit cancels the drawing too (the set is kept as it was)
          const { from, to } = shareRange(drawn.total, drawn.share);
          const cases: CaseInput[] = [];
          for (let start = from; start < to; start += BATCH) {
            cases.push(...populationCases(drawn.spec, { from: start, size: Math.min(to, start + BATCH), seed: drawn.seed, spans }));
            progress?.({ done: Math.min(to, start + BATCH) - from, total: to - from, phase: 'load' });
            await breathe();
            if (run !== latestRun) return { kind: 'cancelled' };
          }
          set.cases = cases;
          set.saved = undefined;
          drawn.spans = spans;
        }
      }
      let savedMs = 0;
      if (set.saved?.ruleset !== before.regulation.ruleset) {
        const started = performance.now();
        const fields = fieldsOf(before.regulations ?? [before.regulation]);
        const codes = new DecisionCodes(fields, set.cases.length);
        if (!(await decideAll(before.decider, set, run, 'saved', (i, doc) => codes.set(i, doc), progress))) return { kind: 'cancelled' };
        set.saved = { ruleset: before.regulation.ruleset, codes };
        savedMs = performance.now() - started;
      }
      const kept = set.saved!.codes;
      const started = performance.now();
      deciding = 0;
      const fields = fieldsOf(after.regulations ?? [after.regulation]);
      const savedIndex = new Map(kept.fields.map(([d, f], i) => [`${d}.${f}`, i]));
      const against = fields.map(([d, f]) => savedIndex.get(`${d}.${f}`));
      // the working copy's values numbered in the saved tables: a field the saved rules lack was absent ('')
      const tables = against.map((g) => (g === undefined ? new ValueTable() : kept.tables[g]));
      const absent = tables.map((table) => table.code(undefined));
      const transitions = new Map<string, Transition>();
      let changedCases = 0;
      if (after.regulation.ruleset !== before.regulation.ruleset) {
        const compare = (i: number, doc: DecidedFields): void => {
          let changed = false;
          for (let f = 0; f < fields.length; f++) {
            const [decision, field] = fields[f];
            const now = tables[f].code(fieldOf(doc, decision, field));
            const g = against[f];
            const was = g === undefined ? absent[f] : kept.code(i, g);
            if (was === now) continue;
            changed = true;
            const from = valueClass(tables[f].values[was]);
            const to = valueClass(tables[f].values[now]);
            const key = `${decision}.${field}\0${from}\0${to}`;
            let t = transitions.get(key);
            if (!t) transitions.set(key, (t = { decision, field, before: from, after: to, count: 0, examples: [] }));
            t.count += 1;
            if (t.examples.length < EXAMPLES) t.examples.push(set.offset + i);
          }
          if (changed) changedCases += 1;
        };
        if (!(await decideAll(after.decider, set, run, 'working', compare, progress))) return { kind: 'cancelled' };
      }
      return {
        kind: 'done', source, size: set.cases.length, changedCases,
        dates: datesOf(set.cases), concerned,
        ...(drawn ? { declared: spanBounds(drawn.spec.spans), span: spanBounds(drawn.spans), widened: JSON.stringify(drawn.spans) !== JSON.stringify(drawn.spec.spans) } : {}),
        transitions: [...transitions.values()],
        ms: performance.now() - started, decideMs: deciding, savedMs,
      };
    },
  };
}

export type ImpactApi = ReturnType<typeof createImpactShard>;
