// Reads and checks a population file (rules/population/*.yaml) against the project's own case
// schema: its frame (header, span, every key known), each step (compile-draw.ts), and then a
// sample of the cases it draws, each checked as `tiaoli decide` would check it, so that a file
// lint passes never draws a case its project refuses. Every problem at file:line:column.
import { parseSource, type PathSegment, type Problem } from '../../core/source-file.js';
import { createAjv, schemaProblems } from '../../core/validation/ajv.js';
import { pathOf } from '../../core/validation/error-wording.js';
import { compareDates, isCalendarDate } from '../../core/dates/calendar-date.js';
import { casePaths } from '../../model/case/case-paths.js';
import { checkCase } from '../../model/case/validate-case.js';
import type { Regulation } from '../../model/model.js';
import { compileSteps } from './compile-draw.js';
import { factSchema } from './fact-schema.js';
import { populationCases } from './generate-population.js';
import { populationFileSchema } from './population-schema.js';
import { spanDays, type DateSpan } from './population-span.js';
import type { PopulationSpec } from './population-spec.js';

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Cases drawn and checked by lint: enough to meet each branch of a file, few enough for every keystroke. */
const SAMPLE = 100;
/** the most sample problems reported (one a step) */
const SAMPLE_PROBLEMS = 5;

/** Is this path a population file of a project (path → text)? */
export function isPopulationFile(path: string): boolean {
  return /^rules\/population\/[^/]+\.ya?ml$/.test(path);
}

export interface PopulationCheck {
  spec?: PopulationSpec;
  problems: Problem[];
}

type Json = Record<string, unknown>;

export function checkPopulation(file: string, text: string | Uint8Array, regulation?: Regulation): PopulationCheck {
  const source = parseSource(file, text);
  if (source.problems.length || source.data === undefined) return { problems: source.problems };
  validate ??= createAjv().compile(populationFileSchema);
  if (!validate(source.data)) {
    // an unknown key is shown at its own line, not its parent's
    return {
      problems: (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' || !e.instancePath.startsWith('/facts/')).flatMap((e) => schemaProblems([e], source).map((p) => (e.keyword === 'additionalProperties'
        ? { ...p, location: source.locate([...pathOf(e.instancePath), String((e.params as { additionalProperty: string }).additionalProperty)], 'key') }
        : p))),
    };
  }
  const data = source.data as { population: Json; facts: Json };
  const problems: Problem[] = [];
  const at = (path: PathSegment[], code: string, message: string, target?: 'key'): void => {
    problems.push({ code, message, location: source.locate(path, target) });
  };
  const header = data.population;
  const spans = readSpans(header, (path, message) => at(['population', ...path], 'population.span', `population.${path.join('.')}：${message}`));
  const paths = regulation ? casePaths(regulation.caseSchema) : undefined;
  const steps = compileSteps(data.facts, {
    at,
    schemaOf: (name) => (regulation ? factSchema(regulation.caseSchema, name.split('.')) : undefined),
    isFact: (name) => !paths || paths.has(name),
  });
  if (problems.length || !spans) return { problems };
  const spec: PopulationSpec = {
    label: header.label as string,
    spans,
    days: header.days === 'everyDay' ? 'everyDay' : 'workdays',
    size: header.size as number,
    seed: header.seed as number,
    steps,
  };
  if (regulation) problems.push(...sampleProblems(spec, regulation, source.locate));
  return problems.length ? { problems } : { spec, problems };
}

/** `span: { from, to }` (or a list of them) or `years: [2019, …]`: the decision dates, checked. */
function readSpans(header: Json, at: (path: PathSegment[], message: string) => void): DateSpan[] | undefined {
  const hasSpan = Object.hasOwn(header, 'span');
  const hasYears = Object.hasOwn(header, 'years');
  if (hasSpan === hasYears) {
    at([], hasSpan ? 'span 与 years 只写一个' : '缺少决定日期的范围：写 span: { from: 2019-01-01, to: 2019-12-31 } 或 years: [2019]');
    return undefined;
  }
  let spans: DateSpan[];
  if (hasYears) spans = (header.years as number[]).map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
  else {
    const raw = header.span as DateSpan | DateSpan[];
    spans = Array.isArray(raw) ? raw : [raw];
    let ok = true;
    spans.forEach((s, i) => {
      const path = Array.isArray(raw) ? ['span', i] : ['span'];
      if (!isCalendarDate(s.from) || !isCalendarDate(s.to)) ok = false;
      else if (compareDates(s.from, s.to) > 0) {
        at([...path, 'from'], `起点 ${s.from} 晚于终点 ${s.to}`);
        ok = false;
      }
    });
    if (!ok) return undefined;
  }
  if (!spanDays(spans, header.days === 'everyDay' ? 'everyDay' : 'workdays').length) {
    at([hasYears ? 'years' : 'span'], '范围内没有可以作为决定日期的日子（days: workdays 只取周一至周五）');
    return undefined;
  }
  return spans;
}

/**
 * A sample of the cases the file draws, checked against the case schema and the order of dates:
 * each problem named at the step that drew the fact (the longest step name its path starts with).
 */
function sampleProblems(spec: PopulationSpec, regulation: Regulation, locate: (path: PathSegment[], target?: 'key') => Problem['location']): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const names = spec.steps.map((s) => s.name).filter((n) => !n.startsWith('draw.'));
  let index = 0;
  for (const c of populationCases(spec, { size: SAMPLE })) {
    index += 1;
    const checked = checkCase(regulation, c);
    for (const p of checked.problems) {
      // the case's problem says where in the case: facts.x.y (its message starts with the path)
      const path = /^facts\.([^：]+)：/.exec(p.message)?.[1] ?? '';
      const step = names.filter((n) => path === n || path.startsWith(`${n}.`) || n.startsWith(`${path}.`)).sort((a, b) => b.length - a.length)[0];
      const key = step ?? '';
      if (seen.has(key) || out.length >= SAMPLE_PROBLEMS) continue;
      seen.add(key);
      out.push({
        code: 'population.sample',
        message: `${step ? `facts.${step}` : 'facts'}：抽取的第 ${index} 个案件不符合案件 Schema（rules/case.schema.yaml）：${p.message}`,
        location: locate(step ? ['facts', step] : ['facts'], step ? 'key' : undefined),
      });
    }
    if (out.length >= SAMPLE_PROBLEMS) break;
  }
  return out;
}
