// Lint for what makes a reading executable: each alternative with an `id` names only
// parameters and rules that exist, gives each parameter a value of its type, ids are
// unique, and `default:` names one of them; a parameter's `readAt` is asOf or a date fact
// of the case.
import type { Regulation } from './model.js';
import { own } from '../core/own.js';
import type { Location, PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { caseFactTypes } from './fact-types.js';
import { literalProblem } from './check-references.js';

export function checkReadings(regulation: Regulation, sourceOf: (file: string) => SourceFile | undefined): Problem[] {
  const problems: Problem[] = [];
  const at = (file: string, fallback: Location, path: PathSegment[]): Location => sourceOf(file)?.locate(path) ?? fallback;
  const ruleIds = new Set(regulation.rules.map((r) => r.id));
  for (const i of Object.values(regulation.interpretations)) {
    const where = (path: PathSegment[]): Location => at(i.file, i.location, path);
    const ids: string[] = [];
    i.alternatives.forEach((alt, k) => {
      if (alt.id === undefined) {
        if (alt.parameters || alt.rulesOff) problems.push({ code: 'reading.noId', message: `解释 ${i.id} 的第 ${k + 1} 种读法声明了差异，但没有 id，无法选用`, location: where(['alternatives', k]) });
        return;
      }
      if (ids.includes(alt.id)) problems.push({ code: 'reading.duplicate', message: `解释 ${i.id} 的读法 ${alt.id} 重复`, location: where(['alternatives', k, 'id']) });
      ids.push(alt.id);
      for (const [name, value] of Object.entries(alt.parameters ?? {})) {
        const p = own(regulation.parameters, name);
        if (!p) {
          problems.push({ code: 'reading.unknownParameter', message: `解释 ${i.id} 的读法 ${alt.id} 设定的参数 ${name} 未定义（rules/parameters/）`, location: where(['alternatives', k, 'parameters', name]) });
          continue;
        }
        const wrong = literalProblem(value, p.type);
        if (wrong) problems.push({ code: 'reading.valueType', message: `解释 ${i.id} 的读法 ${alt.id} 给参数 ${name} 的值 ${JSON.stringify(value)} ${wrong}`, location: where(['alternatives', k, 'parameters', name]) });
      }
      (alt.rulesOff ?? []).forEach((rule, j) => {
        if (!ruleIds.has(rule)) problems.push({ code: 'reading.unknownRule', message: `解释 ${i.id} 的读法 ${alt.id} 关闭的规则 ${rule} 不存在`, location: where(['alternatives', k, 'rulesOff', j]) });
      });
    });
    if (i.default !== undefined && !ids.includes(i.default)) {
      problems.push({ code: 'reading.badDefault', message: `解释 ${i.id} 的默认读法 ${i.default} 不是它的可执行读法之一（${ids.join('、') || '没有带 id 的读法'}）`, location: where(['default']) });
    }
    if (i.default === undefined && ids.length) {
      problems.push({ code: 'reading.noDefault', message: `解释 ${i.id} 有可执行读法（${ids.join('、')}），应以 default: 指明默认采用哪一种`, location: where(['id']) });
    }
  }
  const dates = caseFactTypes(regulation.caseSchema);
  for (const p of Object.values(regulation.parameters)) {
    if (!p.readAt || p.readAt.fact === 'asOf') continue;
    if (dates.get(p.readAt.fact)?.kind !== 'date') {
      problems.push({ code: 'param.readAt', message: `参数 ${p.name} 的 readAt 应为 asOf 或案件中的日期事实（见 case.schema.yaml），${p.readAt.fact} 不是`, location: at(p.file, p.location, [p.name, 'readAt', 'fact']) });
    }
  }
  return problems;
}
