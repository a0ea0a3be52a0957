// Bounds between parameters (`atMost:` / `atLeast:`): a local term no longer than a national
// one, a count no less than 0. Lint checks every dated value, for every place a value is set
// for, against the bound in force on the same date for the same place — on each date either
// side changes — and reports a value that breaks it at that value's own line.
import type { ParameterLimit, ParameterSpec, Regulation } from './model.js';
import type { Location, PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { own } from '../core/own.js';
import { didYouMeanText } from '../core/did-you-mean.js';
import { parameterOn, type ParameterValue } from './parameters.js';

const WORDS = { atMost: { holds: (v: number | string, bound: number | string) => v <= bound, sign: '≤', breaks: '大于' }, atLeast: { holds: (v: number | string, bound: number | string) => v >= bound, sign: '≥', breaks: '小于' } };
const comparable = (type: string): 'number' | 'date' | undefined => (type === 'integer' || type === 'number' ? 'number' : type === 'date' ? 'date' : undefined);

export function checkLimits(regulation: Regulation, sourceOf: (file: string) => SourceFile | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const p of Object.values(regulation.parameters)) {
    const at = (path: PathSegment[]): Location => sourceOf(p.file)?.locate([p.name, ...path]) ?? p.location;
    for (const limit of p.limits ?? []) {
      const key = limit.relation;
      const kind = comparable(p.type);
      if (!kind) {
        problems.push({ code: 'param.limitType', message: `参数 ${p.name} 的类型是 ${p.type}，不能有 ${key}（只用于数字、整数和日期）`, location: at([key]) });
        continue;
      }
      if (limit.parameter !== undefined) {
        const other = own(regulation.parameters, limit.parameter);
        const where = (): Location => at(typeof own(sourceOf(p.file)?.data as Record<string, Record<string, unknown>>, p.name)?.[key] === 'object' ? [key, 'parameter'] : [key]);
        if (!other) {
          problems.push({ code: 'ref.unknownParameter', message: `参数 ${p.name} 的 ${key}：参数 ${limit.parameter} 未定义${didYouMeanText(limit.parameter, Object.keys(regulation.parameters))}`, location: where() });
          continue;
        }
        if (other === p) {
          problems.push({ code: 'param.limitSelf', message: `参数 ${p.name} 的 ${key} 是它自己`, location: where() });
          continue;
        }
        if (comparable(other.type) !== kind) {
          problems.push({ code: 'param.limitType', message: `参数 ${p.name}（${p.type}）不能与 ${other.name}（${other.type}）比较大小`, location: where() });
          continue;
        }
        problems.push(...broken(p, limit, (date, place) => parameterOn(other, date, place), other, at));
      } else if (limit.value !== undefined) {
        if (kind !== 'number') {
          problems.push({ code: 'param.limitType', message: `参数 ${p.name} 是日期，${key} 应为另一个日期参数`, location: at([key]) });
          continue;
        }
        const bound = limit.value;
        problems.push(...broken(p, limit, (date) => ({ name: '', value: bound, from: date, beforeFirst: false }), undefined, at));
      }
    }
  }
  return problems;
}

/** Every value of `p` that breaks the bound, once each, on the first date it does. */
function broken(
  p: ParameterSpec, limit: ParameterLimit, boundOn: (date: string, place?: string) => ParameterValue, other: ParameterSpec | undefined,
  at: (path: PathSegment[]) => Location,
): Problem[] {
  const words = WORDS[limit.relation];
  const places = new Set<string | undefined>([undefined, ...(p.places ?? []).map((x) => x.code), ...(other?.places ?? []).map((x) => x.code)]);
  const dates = [...new Set([p, ...(other ? [other] : [])].flatMap((spec) => [...spec.values, ...(spec.places ?? []).flatMap((x) => x.values)].map((v) => v.from)))].sort();
  const first = [p.values[0]?.from, ...(p.places ?? []).map((x) => x.values[0]?.from)].filter((d): d is string => d !== undefined).sort()[0];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const place of places) {
    for (const date of dates) {
      if (first === undefined || date < first) continue;
      const mine = parameterOn(p, date, place);
      const bound = boundOn(date, place);
      const [v, b] = [mine.value, bound.value];
      const same = (typeof v === 'number' && typeof b === 'number') || (typeof v === 'string' && typeof b === 'string');
      if (!same || words.holds(v as number | string, b as number | string)) continue;
      const path: PathSegment[] = mine.place ? ['places', mine.place, mine.from] : ['values', mine.from];
      const id = path.join('\0');
      if (seen.has(id)) continue;
      seen.add(id);
      const here = mine.place ? `在 ${mine.place} ` : '';
      const of = other ? `${other.name}（${other.label}）${bound.place ? `在 ${bound.place} ` : ''}${date} 的值 ${JSON.stringify(b)}` : JSON.stringify(b);
      problems.push({
        code: 'param.limit',
        message: `参数 ${p.name} ${here}自 ${mine.from} 起的值 ${JSON.stringify(v)} ${words.breaks} ${of}：应 ${words.sign} ${JSON.stringify(b)}${limit.reason ? `（${limit.reason}）` : ''}`,
        location: at(path),
      });
    }
  }
  return problems;
}
