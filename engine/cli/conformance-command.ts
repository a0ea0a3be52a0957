// `tiaoli conformance`: 上位法一致性审查 of this project's own instrument against the one it
// implements (rules/instruments.yaml `implements`), through the mapping the instrument names.
// One population is decided under both: the project's population file (rules/population/, its
// first file) and its fixtures (each under the default readings). Lists every class of cases
// where the local text is stricter than the superior's, contradicts it, or is more generous;
// --examples DIR writes each class's example case for each side, to open with `decide`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { Decider, type CaseInput } from '../explain/decider.js';
import { articleLabel } from '../explain/article-label.js';
import { formatProblem } from '../core/source-file.js';
import { parseCase } from '../model/case/validate-case.js';
import type { Regulation } from '../model/model.js';
import { loadInstruments } from '../project/instruments/load-instruments.js';
import { readFixtures } from '../project/fixtures/find-fixtures.js';
import { checkPopulation } from '../project/population/check-population.js';
import { populationCases } from '../project/population/generate-population.js';
import { conformance, type ConformanceClass, type ConformanceReport } from '../project/conformance/conformance.js';
import { casesDir, loadOrReport, projectDir, rulesDir, shownDir, type ProjectOptions } from './rules-dir.js';

export interface ConformanceOptions extends ProjectOptions {
  /** the superior's project folder, instead of the one instruments.yaml names */
  superior?: string;
  size?: string;
  seed?: string;
  examples?: string;
  json?: boolean;
}

const DEFAULT_SIZE = 3000;
const MAX_SIZE = 200000;

const WORDS = { stricter: '严于上位法（上位法准予的，本文件不予；多要材料；更晚的日期；更高的收费）', contradicts: '与上位法不一致（方向不能比较的差异）', generous: '宽于上位法（合法，供审查者知悉）' } as const;

/** The population file's cases, or none (a project without one compares its fixtures alone). */
function populationOf(rules: string, regulation: Regulation, size: number, seed: number | undefined): { cases: Iterable<CaseInput>; file?: string; problem?: string } {
  const dir = join(rules, 'population');
  const file = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))[0] : undefined;
  if (!file) return { cases: [] };
  const checked = checkPopulation(shownDir(file), readFileSync(file), regulation);
  if (!checked.spec) return { cases: [], problem: checked.problems.map(formatProblem).join('\n') };
  return { cases: populationCases(checked.spec, { size, ...(seed === undefined ? {} : { seed }) }), file: shownDir(file) };
}

/** The fixtures as cases under the default readings (their `expect` and `readings` left out). */
function fixtureCases(paths: string[], regulation: Regulation): CaseInput[] {
  if (!paths.every((p) => existsSync(p))) return [];
  return readFixtures(paths).flatMap((f) => {
    const parsed = parseCase(regulation, f.text, f.name);
    if (!parsed.case) return [];
    const { expect: _e, readings: _r, ...input } = parsed.case;
    return [{ ...input, name: `${f.name}：${input.name ?? ''}` }];
  });
}

function number(text: string | undefined, option: string, max: number): number | string | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,10}$/.test(text.trim()) || Number(text) > max) return `${option} 应是 0 到 ${max} 的整数，现为 ${JSON.stringify(text)}`;
  return Number(text);
}

export async function conformanceCommand(options: ConformanceOptions): Promise<number> {
  const size = number(options.size, '--size', MAX_SIZE);
  const seed = number(options.seed, '--seed', 4294967295);
  for (const v of [size, seed]) {
    if (typeof v === 'string') {
      process.stderr.write(`${v}\n`);
      return 1;
    }
  }
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const rules = rulesDir(options);
  const shown = shownDir(rules);
  // which instrument this project implements: its superior's folder may be given on the command line
  const first = loadInstruments(rules, regulation, shown, new Map(), projectDir(options));
  const own = first.instruments?.own;
  if (!first.instruments || !own) {
    for (const p of [...first.fileProblems, ...first.problems]) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`${shown}/instruments.yaml 没有声明本项目的文件及其上位法，无从审查。\n`);
    return first.fileProblems.length ? 2 : 1;
  }
  if (own.implements === undefined) {
    process.stderr.write(`《${own.title}》没有 implements（它实施的上位法），无从审查。\n`);
    return 1;
  }
  const loaded = options.superior === undefined ? first : loadInstruments(rules, regulation, shown, new Map([[own.implements, resolve(options.superior)]]), projectDir(options));
  const superior = loaded.superiors.get(own.implements);
  if (loaded.problems.length || !superior) {
    for (const p of loaded.problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`无法载入上位法 ${own.implements} 的规则或对应文件（用 --superior 指定其项目目录）。\n`);
    return 2;
  }
  const population = populationOf(rules, regulation, (size as number | undefined) ?? DEFAULT_SIZE, seed as number | undefined);
  if (population.problem) {
    process.stderr.write(`${population.problem}\n人群假设有错误，未审查。\n`);
    return 2;
  }
  const fixtures = fixtureCases([casesDir(options)], regulation);
  const report = await conformance({
    local: { id: own.id, title: own.title, decider: new Decider(regulation), instrument: own },
    superior: { id: superior.instrument.id, title: superior.instrument.title, decider: new Decider(superior.regulation), instrument: superior.instrument },
    mapping: superior.mapping,
  }, (function* () { yield* population.cases; yield* fixtures; })());
  const files = options.examples === undefined ? undefined : writeExamples(report, options.examples);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...report, population: population.file ?? null, fixtures: fixtures.length, ...(files ? { examples: files } : {}) }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(textReport(report, population.file, fixtures.length, files));
  return 0;
}

/** Each class's example, as a case file of each side: NN-local.yaml and NN-superior.yaml. */
function writeExamples(report: ConformanceReport, dir: string): string[][] {
  mkdirSync(dir, { recursive: true });
  return report.classes.map((c, i) => {
    const n = String(i + 1).padStart(2, '0');
    const local = join(dir, `${n}-local.yaml`);
    const superior = join(dir, `${n}-superior.yaml`);
    writeFileSync(local, stringify({ ...c.example.case, name: `${c.direction}：${c.local} ${c.difference}；${c.example.case.name ?? ''}` }));
    writeFileSync(superior, stringify({ ...c.example.superiorCase, name: `${report.superior.title}：${c.superior} ${c.difference}` }));
    return [relative(process.cwd(), local) || local, relative(process.cwd(), superior) || superior];
  });
}

const labels = (refs: string[]): string => (refs.length ? refs.map(articleLabel).join('、') : '（无）');

function classLines(c: ConformanceClass, n: number, report: ConformanceReport, files?: string[]): string {
  const rules = (r: string[]): string => (r.length ? `（规则 ${r.join('、')}）` : '（默认值）');
  return [
    `  ${n}. ${c.local} ↔ ${c.superior}：${c.difference}，${c.count} 个案件`,
    `     《${report.local.title}》${labels(c.localArticles)}${rules(c.localRules)}：${JSON.stringify(c.example.localValue)}`,
    `     《${report.superior.title}》${labels(c.superiorArticles)}${rules(c.superiorRules)}：${JSON.stringify(c.example.superiorValue)}`,
    `     例：${c.example.case.asOf} ${c.example.name ?? ''}`,
    ...(files ? [`     推理：tiaoli decide ${files[0]}；上位法：tiaoli --project <上位法项目> decide ${files[1]}`] : []),
  ].join('\n');
}

function textReport(report: ConformanceReport, population: string | undefined, fixtures: number, files?: string[][]): string {
  const out = [
    `上位法一致性审查：《${report.local.title}》（${report.local.id}）对照《${report.superior.title}》（${report.superior.id}），按 ${report.mapping}`,
    `同一批案件：${population ? `人群 ${population}` : '（无人群文件）'}、夹具 ${fixtures} 个；两边都作出决定的 ${report.compared} 个，不在两者施行期内的 ${report.outsideTerm} 个${report.errors.length ? `，无法决定的 ${report.errors.reduce((a, e) => a + e.count, 0)} 个` : ''}`,
  ];
  for (const e of report.errors) out.push(`  无法决定（${e.count} 个）：${e.message}`);
  let n = 0;
  for (const direction of ['stricter', 'contradicts', 'generous'] as const) {
    const mine = report.classes.filter((c) => c.direction === direction);
    out.push('', `${WORDS[direction]}：${mine.length} 类`);
    for (const c of mine) {
      out.push(classLines(c, n + 1, report, files?.[n]));
      n += 1;
    }
  }
  return `${out.join('\n')}\n`;
}
