// Lint of parameters keyed by place (`readIn:`, `places:`): each problem at its own line.
//  - `places:` on a parameter that does not say where it is read (`readIn:`);
//  - `readIn:` naming a fact the case does not have, a list or a table that does not exist;
//  - a place code that is not in the list (nor the city or province of a code in it);
//  - one place keyed twice (a former code and the code that succeeded it), or by its former code;
//  - a place's date or value of the wrong kind.
import type { ParameterSpec, Regulation } from './model.js';
import type { Location, PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { own } from '../core/own.js';
import { isCalendarDate } from '../core/dates/calendar-date.js';
import { didYouMeanText } from '../core/did-you-mean.js';
import { casePaths } from './case/case-paths.js';
import { literalProblem } from './check-references.js';

export function checkPlaces(regulation: Regulation, sourceOf: (file: string) => SourceFile | undefined): Problem[] {
  const problems: Problem[] = [];
  const paths = casePaths(regulation.caseSchema);
  for (const p of Object.values(regulation.parameters)) {
    const at = (path: PathSegment[], target?: 'key'): Location => sourceOf(p.file)?.locate([p.name, ...path], target) ?? p.location;
    if (p.places?.length && !p.readIn) {
      problems.push({
        code: 'param.placeNotDeclared',
        message: `参数 ${p.name} 没有声明按地区取值（readIn: { fact: 案件中的区划代码, label: … }），不能按地区另定值`,
        location: at(['places'], 'key'),
      });
    }
    if (!p.readIn) continue;
    const { fact, codes, successions } = p.readIn;
    if (!paths.has(fact)) {
      problems.push({ code: 'ref.unknownFact', message: `参数 ${p.name} 的 readIn：案件中没有事实 ${fact}（见 case.schema.yaml）${didYouMeanText(fact, paths)}`, location: at(['readIn', 'fact']) });
    }
    const list = codes === undefined ? undefined : own(regulation.vocabulary.lists, codes);
    if (codes !== undefined && !list) {
      problems.push({ code: 'vocabulary.unknownList', message: `参数 ${p.name} 的 readIn：没有词汇清单 ${codes}${didYouMeanText(codes, Object.keys(regulation.vocabulary.lists))}`, location: at(['readIn', 'codes']) });
    }
    const table = successions === undefined ? undefined : own(regulation.parameters, successions);
    if (successions !== undefined && !table) {
      problems.push({ code: 'ref.unknownParameter', message: `参数 ${p.name} 的 readIn：代码变更表 ${successions} 不是参数${didYouMeanText(successions, Object.keys(regulation.parameters))}`, location: at(['readIn', 'successions']) });
    }
    problems.push(...placeProblems(p, list ? knownPlaces(Object.keys(list)) : undefined, codes, table ? formerCodes(table) : new Map(), at));
  }
  return problems;
}

/** The codes of a list, and the city and province each lies in: a value may be set for those too. */
function knownPlaces(codes: string[]): Set<string> {
  const known = new Set<string>();
  for (const code of codes) {
    if (!/^\d{6}$/.test(code)) continue;
    known.add(code).add(`${code.slice(0, 4)}00`).add(`${code.slice(0, 2)}0000`);
  }
  return known;
}

/** Former code → the code that succeeded it, from every dated value of a table of changes. */
function formerCodes(table: ParameterSpec): Map<string, string> {
  const next = new Map<string, string>();
  for (const { value } of table.values) {
    if (!Array.isArray(value)) continue;
    for (const row of value) {
      if (row && typeof row === 'object' && typeof row.former === 'string' && typeof row.successor === 'string') next.set(row.former, row.successor);
    }
  }
  return next;
}

function placeProblems(
  p: ParameterSpec, known: Set<string> | undefined, listName: string | undefined, successors: Map<string, string>,
  at: (path: PathSegment[], target?: 'key') => Location,
): Problem[] {
  const problems: Problem[] = [];
  const keyed = new Set((p.places ?? []).map((place) => place.code));
  for (const place of p.places ?? []) {
    const successor = successors.get(place.code);
    if (known && !known.has(place.code) && !successor) {
      problems.push({
        code: 'param.unknownPlace',
        message: `参数 ${p.name} 的地区 ${place.code} 不是词汇清单 ${listName} 中的行政区划代码，也不是其中某地所属的市、省${didYouMeanText(place.code, known)}`,
        location: at(['places', place.code], 'key'),
      });
    }
    if (successor) {
      // a case's former code is read as its successor: a value keyed at the former code is never read
      problems.push(keyed.has(successor) ? {
        code: 'param.placeTwice',
        message: `参数 ${p.name} 的地区 ${place.code} 是 ${successor} 的旧代码，与 ${successor} 是同一地方，已另有取值；删去其中一处`,
        location: at(['places', place.code], 'key'),
      } : {
        code: 'param.formerPlace',
        message: `参数 ${p.name} 的地区 ${place.code} 是旧代码，案件中的旧代码读作现行代码 ${successor}：应写作 ${successor}`,
        location: at(['places', place.code], 'key'),
      });
    }
    for (const { from, value } of place.values) {
      if (!isCalendarDate(from)) {
        problems.push({ code: 'param.badDate', message: `参数 ${p.name} 在 ${place.code} 的生效日期 ${from} 不是有效日期`, location: at(['places', place.code, from], 'key') });
      }
      const wrong = literalProblem(value, p.type);
      if (wrong) problems.push({ code: 'param.valueType', message: `参数 ${p.name} 在 ${place.code} 自 ${from} 起的值 ${JSON.stringify(value)} ${wrong}`, location: at(['places', place.code, from]) });
    }
  }
  return problems;
}
