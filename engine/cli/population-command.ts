// `tiaoli population --size N --seed S > cases.jsonl`: a synthetic year of counter traffic,
// one case a line, from the assumptions in rules/population/*.yaml; `tiaoli decide --jsonl`
// replays it.
import { existsSync, readdirSync } from 'node:fs';
import { NotPlainFile, readPlainFile } from '../model/read-plain-file.js';
import { join } from 'node:path';
import { formatProblem } from '../core/source-file.js';
import { checkPopulation } from '../project/population/check-population.js';
import { populationCases } from '../project/population/generate-population.js';
import { MAX_POPULATION } from '../project/population/population-schema.js';
import { coverDates, spanBounds, type DateSpan } from '../project/population/population-span.js';
import { dateRangeProblem, isCalendarDate } from '../core/dates/calendar-date.js';
import { chinaToday } from '../core/dates/china-today.js';
import { starterPopulation } from '../project/population/starter-population.js';
import { loadOrReport, rulesDir, shownDir, type ProjectOptions } from './rules-dir.js';

export interface PopulationOptions extends ProjectOptions { size?: string; seed?: string; file?: string; from?: string; to?: string; cover?: string; starter?: boolean }

/** A whole number in [min, max] from the command line, or a message saying what is wrong. */
function wholeNumber(text: string | undefined, option: string, min: number, max: number): number | string | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,10}$/.test(text.trim())) return `${option} 应为整数（${min} 到 ${max}），现为 ${JSON.stringify(text)}`;
  const n = Number(text.trim());
  if (n < min || n > max) return `${option} 应在 ${min} 到 ${max} 之间，现为 ${n}`;
  return n;
}

export async function populationCommand(options: PopulationOptions): Promise<number> {
  const size = wholeNumber(options.size, '--size', 1, MAX_POPULATION);
  const seed = wholeNumber(options.seed, '--seed', 0, 4294967295);
  for (const v of [size, seed]) {
    if (typeof v === 'string') {
      process.stderr.write(`${v}\n`);
      return 1;
    }
  }
  const dates = [options.from, options.to, ...(options.cover ?? '').split(',').map((d) => d.trim()).filter(Boolean)].filter((d): d is string => d !== undefined);
  for (const d of dates) {
    const problem = isCalendarDate(d) ? dateRangeProblem(d) : `应为日期 YYYY-MM-DD，现为 ${JSON.stringify(d)}`;
    if (problem) {
      process.stderr.write(`--from、--to、--cover：${problem}\n`);
      return 1;
    }
  }
  if (options.from && options.to && options.from > options.to) {
    process.stderr.write(`--from ${options.from} 晚于 --to ${options.to}\n`);
    return 1;
  }
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  // a first file for a project that has none, from its case schema: last year's working days
  if (options.starter) {
    process.stdout.write(starterPopulation(regulation.caseSchema, { label: '一年的窗口业务（合成）', year: Number(chinaToday().slice(0, 4)) - 1 }));
    return 0;
  }
  const dir = join(rulesDir(options), 'population');
  const file = options.file ?? (existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))[0] : undefined);
  if (!file || !existsSync(file)) {
    process.stderr.write(file
      ? `找不到人群假设文件：${file}\n`
      : `找不到人群假设文件（${shownDir(dir)} 中没有 .yaml 文件）：写一个 ${shownDir(join(dir, 'year.yaml'))}（tiaoli population --starter > ${shownDir(join(dir, 'year.yaml'))} 按案件 Schema 写出一个起始文件），或用 --file 指定\n`);
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = readPlainFile(file, { shownAs: shownDir(file) });
  } catch (e) {
    process.stderr.write(`${e instanceof NotPlainFile ? e.message : `无法读取 ${shownDir(file)}：${(e as Error).message}`}\n`);
    return 1;
  }
  const checked = checkPopulation(shownDir(file), bytes, regulation);
  if (!checked.spec) {
    for (const p of checked.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`人群假设有 ${checked.problems.length} 处错误，未生成案件。\n`);
    return 1;
  }
  // the decision dates: the file's, or --from/--to, widened as the studio widens them (--cover)
  const declared = spanBounds(checked.spec.spans);
  let spans: DateSpan[] = options.from || options.to ? [{ from: options.from ?? declared.from, to: options.to ?? declared.to }] : checked.spec.spans;
  if (options.cover) {
    const covered = coverDates(spans, options.cover.split(',').map((d) => d.trim()).filter(Boolean));
    if (covered.widened) {
      const b = spanBounds(covered.spans);
      process.stderr.write(`决定日期的范围扩大为 ${b.from} 至 ${b.to}，以包括 ${options.cover}\n`);
    }
    spans = covered.spans;
  }
  for (const c of populationCases(checked.spec, { size: size as number | undefined, seed: seed as number | undefined, spans })) {
    if (!process.stdout.write(`${JSON.stringify(c)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return 0;
}
