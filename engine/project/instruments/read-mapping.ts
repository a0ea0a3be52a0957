// A mapping file (rules/mappings/*.yaml) read and checked against both regulations: every
// `from` is a fact of this project's cases, every `to` one of the superior's; every `local`
// a decision field of this project, every `superior` one of the superior's, and each value
// named one the field may take. Problems at file:line:column, never a throw.
import { parseSource, type PathSegment, type Problem } from '../../core/source-file.js';
import { isInheritedName, own } from '../../core/own.js';
import { casePaths } from '../../model/case/case-paths.js';
import type { DecisionField, Regulation } from '../../model/model.js';
import type { CompareKind, DecisionMapping, FactMapping, Mapping } from './instrument-model.js';

const TOP_KEYS = ['instrument', 'facts', 'decisions'] as const;
const FACT_KEYS = ['from', 'to', 'division'] as const;
const DECISION_KEYS = ['local', 'superior', 'values', 'order', 'compare'] as const;
const COMPARE: readonly CompareKind[] = ['more', 'higher', 'later', 'earlier'];
const PATH = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;
const MAX_ITEMS = 500;

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);

/** The field a decision path (`decision.field`) names, own names only. */
export function decisionField(regulation: Regulation, path: string): DecisionField | undefined {
  const parts = path.split('.');
  if (parts.length !== 2) return undefined;
  return own(own(regulation.decisions, parts[0])?.fields, parts[1]);
}

/** The values a field may take, when it is an enum (or a boolean). */
function fieldValues(field: DecisionField): unknown[] | undefined {
  if (field.type === 'boolean') return [true, false];
  return field.type === 'enum' && Array.isArray(field.values) ? field.values : undefined;
}

const COMPARE_TYPES: ReadonlyMap<CompareKind, string> = new Map([['more', 'list'], ['higher', 'number'], ['later', 'date'], ['earlier', 'date']]);

export function readMapping(text: string | Uint8Array, file: string, local: Regulation, superior: Regulation | undefined, instrumentId: string): { mapping?: Mapping; problems: Problem[] } {
  const source = parseSource(file, text);
  if (source.problems.length) return { problems: source.problems };
  const problems: Problem[] = [];
  const at = (path: PathSegment[], code: string, message: string, target: 'value' | 'key' = 'value'): void => {
    problems.push({ code: `mapping.${code}`, message, location: source.locate(path, target) });
  };
  const data = source.data;
  if (!isObject(data)) {
    at([], 'shape', '对应文件应有 instrument、facts（事实的对应）和 decisions（决定的对应）');
    return { problems };
  }
  for (const key of Object.keys(data)) if (!(TOP_KEYS as readonly string[]).includes(key)) at([key], 'unknownKey', `不认识 ${key}（只有 ${TOP_KEYS.join('、')}）`, 'key');
  if (own(data, 'instrument') !== instrumentId) at(Object.hasOwn(data, 'instrument') ? ['instrument'] : [], 'instrument', `instrument 应是 ${instrumentId}（instruments.yaml 中用这个对应文件的文件）`);
  const localPaths = casePaths(local.caseSchema);
  const superiorPaths = superior ? casePaths(superior.caseSchema) : undefined;

  const facts: FactMapping[] = [];
  const factList = own(data, 'facts');
  if (!Array.isArray(factList) || factList.length > MAX_ITEMS) at(Object.hasOwn(data, 'facts') ? ['facts'] : [], 'facts', `facts 应是一个列表（至多 ${MAX_ITEMS} 项），每项 { from: 本项目的事实, to: 上位法项目的事实 }`);
  else factList.forEach((item, i) => {
    const path: PathSegment[] = ['facts', i];
    if (!isObject(item)) return void at(path, 'shape', `facts 第 ${i + 1} 项应是 { from, to }`);
    for (const key of Object.keys(item)) if (!(FACT_KEYS as readonly string[]).includes(key)) at([...path, key], 'unknownKey', `不认识 ${key}（只有 ${FACT_KEYS.join('、')}）`, 'key');
    const before = problems.length;
    const from = own(item, 'from');
    const to = own(item, 'to');
    if (typeof from !== 'string' || !PATH.test(from) || from.split('.').some(isInheritedName) || !localPaths.has(from)) at([...path, 'from'], 'unknownFact', `from ${JSON.stringify(from)} 不是本项目案件的事实（case.schema.yaml）`);
    if (typeof to !== 'string' || !PATH.test(to) || to.split('.').some(isInheritedName)) at([...path, 'to'], 'unknownFact', `to ${JSON.stringify(to)} 不是一个事实路径`);
    else if (superiorPaths && !superiorPaths.has(to)) at([...path, 'to'], 'unknownFact', `to ${to} 不是 ${instrumentId} 案件的事实（其 case.schema.yaml）`);
    let division: FactMapping['division'];
    if (Object.hasOwn(item, 'division')) {
      const dv = own(item, 'division');
      const digits = isObject(dv) ? own(dv, 'digits') : undefined;
      const except = isObject(dv) ? own(dv, 'except') ?? {} : undefined;
      const okDigits = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 6;
      if (!isObject(dv) || !okDigits(digits) || !isObject(except) || Object.keys(dv).some((k) => k !== 'digits' && k !== 'except')
        || Object.entries(except).some(([k, n]) => !/^\d{1,5}$/.test(k) || !okDigits(n))) {
        at([...path, 'division'], 'division', 'division 应是 { digits: 保留前几位（1–6）, except: { 开头的数字: 保留几位 } }，其余补 0 至六位');
      } else division = { digits, except: new Map(Object.entries(except as Record<string, number>)) };
    }
    if (problems.length === before) facts.push({ from: from as string, to: to as string, ...(division ? { division } : {}) });
  });
  const targets = new Map<string, number>();
  facts.forEach((f, i) => {
    const clash = [...targets.keys()].find((t) => t === f.to || t.startsWith(`${f.to}.`) || f.to.startsWith(`${t}.`));
    if (clash !== undefined) at(['facts', i, 'to'], 'duplicateTarget', `to ${f.to} 与第 ${targets.get(clash)! + 1} 项的 ${clash} 重叠：一个事实只能有一个来源`);
    targets.set(f.to, i);
  });

  const decisions: DecisionMapping[] = [];
  const decisionList = own(data, 'decisions') ?? [];
  if (!Array.isArray(decisionList) || decisionList.length > MAX_ITEMS) at(['decisions'], 'decisions', `decisions 应是一个列表（至多 ${MAX_ITEMS} 项），每项 { local, superior, order 或 compare }`);
  else decisionList.forEach((item, i) => {
    const path: PathSegment[] = ['decisions', i];
    if (!isObject(item)) return void at(path, 'shape', `decisions 第 ${i + 1} 项应是 { local, superior, … }`);
    for (const key of Object.keys(item)) if (!(DECISION_KEYS as readonly string[]).includes(key)) at([...path, key], 'unknownKey', `不认识 ${key}（只有 ${DECISION_KEYS.join('、')}）`, 'key');
    const before = problems.length;
    const localPath = own(item, 'local');
    const superiorPath = own(item, 'superior');
    const localField = typeof localPath === 'string' ? decisionField(local, localPath) : undefined;
    const superiorField = typeof superiorPath === 'string' && superior ? decisionField(superior, superiorPath) : undefined;
    if (!localField) at([...path, 'local'], 'unknownDecision', `local ${JSON.stringify(localPath)} 不是本项目的决定字段（决定.字段，regulation.yaml）`);
    if (typeof superiorPath !== 'string' || (superior && !superiorField)) at([...path, 'superior'], 'unknownDecision', `superior ${JSON.stringify(superiorPath)} 不是 ${instrumentId} 的决定字段`);
    const order = own(item, 'order');
    const compare = own(item, 'compare');
    if ((order === undefined) === (compare === undefined)) at(path, 'compareKind', '每项要有 order（值从最有利到最不利）或 compare（more、higher、later、earlier）之一');
    if (compare !== undefined && !(COMPARE as readonly unknown[]).includes(compare)) at([...path, 'compare'], 'compare', `compare 应是 ${COMPARE.join('、')} 之一`);
    else if (compare !== undefined && superiorField && COMPARE_TYPES.get(compare as CompareKind) !== superiorField.type) {
      at([...path, 'compare'], 'compare', `compare ${String(compare)} 比较的是${COMPARE_TYPES.get(compare as CompareKind)}，${String(superiorPath)} 是 ${superiorField.type}`);
    }
    const superiorValues = superiorField ? fieldValues(superiorField) : undefined;
    if (order !== undefined) {
      if (!Array.isArray(order) || order.length < 2 || order.length > 100) at([...path, 'order'], 'order', 'order 应是至少两个值的列表');
      else if (superiorValues) order.forEach((v, j) => { if (!superiorValues.includes(v)) at([...path, 'order', j], 'value', `${JSON.stringify(v)} 不是 ${String(superiorPath)} 的值（可选：${superiorValues.join('、')}）`); });
    }
    let values: Map<string, string> | undefined;
    if (Object.hasOwn(item, 'values')) {
      const v = own(item, 'values');
      const localValues = localField ? fieldValues(localField) : undefined;
      if (!isObject(v)) at([...path, 'values'], 'values', 'values 应是 { 本项目的值: 上位法的值 }');
      else {
        for (const [k, w] of Object.entries(v)) {
          if (localValues && !localValues.includes(k)) at([...path, 'values', k], 'value', `${k} 不是 ${String(localPath)} 的值（可选：${localValues.join('、')}）`, 'key');
          if (typeof w !== 'string' || (superiorValues && !superiorValues.includes(w))) at([...path, 'values', k], 'value', `${JSON.stringify(w)} 不是 ${String(superiorPath)} 的值`);
        }
        values = new Map(Object.entries(v as Record<string, string>));
      }
    }
    if (problems.length > before) return;
    decisions.push({
      local: localPath as string, superior: superiorPath as string, line: source.locate(path).line,
      ...(values ? { values } : {}), ...(order !== undefined ? { order: order as unknown[] } : {}), ...(compare !== undefined ? { compare: compare as CompareKind } : {}),
    });
  });
  if (problems.length) return { problems };
  return { mapping: { instrument: instrumentId, facts, decisions, file }, problems };
}
