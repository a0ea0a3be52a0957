// What a policy person looks at before a successor draft is published: the draft, the version
// it replaces, their article diff, and its impact: the project's population (its first
// population file) drawn over the draft's first year, and its fixtures, each decided under the
// expiring text (its term moved to the draft's) and under the draft. Works on the project's files in memory (the server's snapshot,
// or the CLI's reading of the folder).
import { Decider, type CaseInput } from '../../explain/decider.js';
import { loadRegulationFiles } from '../../model/build-regulation.js';
import { parseCase } from '../../model/case/validate-case.js';
import { formatProblem } from '../../core/source-file.js';
import type { Regulation } from '../../model/model.js';
import { checkPopulation } from '../population/check-population.js';
import { populationCases } from '../population/generate-population.js';
import { INSTRUMENTS_FILE, readInstruments } from '../instruments/read-instruments.js';
import { addDays, addMonthsCivil } from '../../core/dates/calendar-date.js';
import type { DateSpan } from '../population/population-span.js';
import type { Instrument } from '../instruments/instrument-model.js';
import { articleDiff, successorImpact, type ArticleDiff, type SuccessorImpact } from './compare-successor.js';
import { INSTRUMENTS_PATH, rulesFolder, termParameters, withTerm } from './start-successor.js';

export interface InstrumentSummary { id: string; title: string; from: string; until?: string; draft: boolean; project: string }

export interface SuccessorReport {
  successor: InstrumentSummary & { succeeds: string };
  base: InstrumentSummary;
  articles: ArticleDiff[];
  impact: SuccessorImpact;
  /** the population file the impact was measured on, how many cases were drawn from it, over which days (the draft's first year) */
  population?: { file: string; size: number; span: { from: string; to: string } };
}

export const summary = (i: Instrument): InstrumentSummary => ({ id: i.id, title: i.title, from: i.from, ...(i.until === undefined ? {} : { until: i.until }), draft: i.draft === true, project: i.project });

const below = (files: Record<string, string>, dir: string): Map<string, string> =>
  new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));

/** The successors this project lists (drafts and published), in file order. */
export function listSuccessors(files: Record<string, string>, regulation: Regulation): Array<InstrumentSummary & { succeeds: string }> {
  if (!Object.hasOwn(files, INSTRUMENTS_PATH)) return [];
  const read = readInstruments(files[INSTRUMENTS_PATH]!, INSTRUMENTS_PATH, regulation);
  return (read.instruments?.list ?? []).flatMap((i) => (i.succeeds === undefined ? [] : [{ ...summary(i), succeeds: i.succeeds }]));
}

/** The population drawn over the draft's first year (its own term), then the fixtures. */
function* caseSet(files: Record<string, string>, regulation: Regulation, size: number, span: DateSpan, population: { file?: string }): Generator<CaseInput & { fixture?: boolean }> {
  const file = Object.keys(files).filter((p) => /^rules\/population\/[^/]+\.ya?ml$/.test(p)).sort()[0];
  if (file && size > 0) {
    const checked = checkPopulation(file, files[file]!, regulation);
    if (checked.spec) {
      population.file = file;
      yield* populationCases(checked.spec, { size, spans: [span] });
    }
  }
  for (const path of Object.keys(files).filter((p) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p)).sort()) {
    const parsed = parseCase(regulation, files[path]!, path);
    if (!parsed.case) continue;
    const { expect: _e, ...input } = parsed.case;
    yield { ...input, name: path, fixture: true };
  }
}

/** The report for successor `id`, or why there is none. `size`: how many population cases to draw. */
export async function successorReport(files: Record<string, string>, regulation: Regulation, id: string, size: number): Promise<{ report: SuccessorReport } | { error: string }> {
  if (!Object.hasOwn(files, INSTRUMENTS_PATH)) return { error: `本项目没有 ${INSTRUMENTS_PATH}` };
  const text = files[INSTRUMENTS_PATH]!;
  const read = readInstruments(text, INSTRUMENTS_PATH, regulation);
  if (!read.instruments) return { error: `${INSTRUMENTS_PATH} 有错误：${read.problems.map(formatProblem).join('；')}` };
  const list = read.instruments.list;
  const successor = list.find((i) => i.id === id && i.succeeds !== undefined);
  if (!successor) return { error: `没有后续版本 ${id}` };
  const base = list.find((i) => i.id === successor.succeeds)!;
  const load = (i: Instrument): Regulation | string => {
    if (i.project === 'self') return regulation;
    const dir = rulesFolder(i);
    const loaded = loadRegulationFiles(dir, below(files, dir), dir);
    return loaded.regulation ?? `《${i.title}》的规则（${dir}）有 ${loaded.problems.length} 处错误：${loaded.problems.slice(0, 3).map(formatProblem).join('；')}`;
  };
  const old = load(base);
  const next = load(successor);
  if (typeof old === 'string') return { error: old };
  if (typeof next === 'string') return { error: next };
  // the expiring text as if its term were the draft's: what the draft changes in substance shows,
  // not that one is in force and the other is not
  const params = termParameters(text, list.indexOf(read.instruments.own));
  const baseDir = rulesFolder(base);
  const baseFiles = new Map([...below(files, baseDir)].filter(([p]) => p !== INSTRUMENTS_FILE && !p.startsWith('mappings/') && !p.startsWith('population/')));
  const until = successor.until ?? addDays(addMonthsCivil(successor.from, 12), -1);
  const extended = loadRegulationFiles(baseDir, withTerm(baseFiles, old, params, { from: base.from, ...(base.until === undefined ? {} : { until: base.until }) }, { from: successor.from, until }), baseDir);
  if (!extended.regulation) return { error: `《${base.title}》的规则无法按草案的有效期载入：${extended.problems.slice(0, 3).map(formatProblem).join('；')}` };
  const firstYear = addDays(addMonthsCivil(successor.from, 12), -1);
  const span = { from: successor.from, to: firstYear < until ? firstYear : until };
  const population: { file?: string } = {};
  const impact = await successorImpact(new Decider(extended.regulation), new Decider(next), caseSet(files, regulation, size, span, population));
  return {
    report: {
      successor: { ...summary(successor), succeeds: successor.succeeds! },
      base: summary(base),
      articles: articleDiff(old, next),
      impact,
      ...(population.file ? { population: { file: population.file, size, span } } : {}),
    },
  };
}
