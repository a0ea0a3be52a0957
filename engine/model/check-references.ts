// The checks that span files: every fact, parameter, decision, article, interpretation,
// operator and function a rule names must exist, and decisions must not depend on
// themselves in a circle.
import type { Regulation, RuleSpec } from './model.js';
import { derivedFunctions } from '../core/derived/registry.js';
import { operatorsByName } from '../core/operators.js';
import { conditionLeaves, factRefsIn, isFactRef, readFactName } from '../core/fact-names.js';
import { casePaths } from './case/case-paths.js';
import { fieldOrder } from './field-order.js';
import { isCalendarDate } from '../core/dates/calendar-date.js';
import { conditionShapeProblems } from '../core/condition-shape.js';
import { own } from '../core/own.js';
import { didYouMeanText } from '../core/did-you-mean.js';
import type { Location, PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { factTypes } from './fact-types.js';
import { argumentTypeProblem, assignmentTypeProblem, conditionTypeProblem } from './condition-types.js';

export function articleIds(regulation: Regulation): Set<string> {
  const ids = new Set<string>();
  for (const a of regulation.articles) {
    ids.add(a.id);
    for (const p of a.paragraphs) {
      ids.add(p.id);
      for (const i of p.items ?? []) ids.add(i.id);
    }
  }
  return ids;
}

/** Names whose definitions were left out for their own errors (reported there): not reported again where they are used. */
export interface LeftOut {
  parameters: Set<string>;
  derived: Set<string>;
  rules: Set<string>;
}

const NOTHING_LEFT_OUT: LeftOut = { parameters: new Set(), derived: new Set(), rules: new Set() };

export function checkReferences(regulation: Regulation, sourceOf: (file: string) => SourceFile | undefined, manifestFile = 'regulation.yaml', leftOut = NOTHING_LEFT_OUT): Problem[] {
  const problems: Problem[] = [];
  const at = (file: string, fallback: Location, path: PathSegment[], target?: 'key'): Location => sourceOf(file)?.locate(path, target) ?? fallback;
  const articles = articleIds(regulation);
  const paths = casePaths(regulation.caseSchema);
  const ruleIndex = new Map<string, RuleSpec>();
  const types = factTypes(regulation);

  // Articles: unique numbers, 1..n.
  const seenNumbers = new Map<number, string>();
  for (const a of regulation.articles) {
    if (seenNumbers.has(a.number)) {
      problems.push({ code: 'ref.duplicateArticle', message: `第 ${a.number} 条重复出现（另见 ${seenNumbers.get(a.number)}）`, location: a.location });
    }
    seenNumbers.set(a.number, a.file);
  }

  // where a problem is, worked out only when there is one
  type Where = () => Location;
  const checkArticle = (ref: string, where: Where): void => {
    if (!articles.has(ref)) problems.push({ code: 'ref.unknownArticle', message: `引用的条款 ${ref} 不存在`, location: where() });
  };
  const checkInterpretation = (id: string, where: Where): void => {
    if (!own(regulation.interpretations, id)) problems.push({ code: 'ref.unknownInterpretation', message: `引用的解释 ${id} 不存在（rules/interpretations/）`, location: where() });
  };
  const checkFact = (name: string, where: Where): void => {
    const fact = readFactName(name);
    const location = (): Location => where();
    if (!fact) {
      problems.push({ code: 'ref.badFactName', message: `事实名 ${name} 的写法不对：应为 asOf、案件事实路径、derived.名称、params.名称或 decisions.决定.字段`, location: location() });
      return;
    }
    if (fact.kind === 'case' && !paths.has(fact.path.join('.'))) {
      problems.push({ code: 'ref.unknownFact', message: `案件中没有事实 ${name}（见 case.schema.yaml）${didYouMeanText(fact.path.join('.'), paths)}`, location: location() });
    } else if (fact.kind === 'derived' && !own(regulation.derived, fact.name) && !leftOut.derived.has(fact.name)) {
      problems.push({ code: 'ref.unknownDerived', message: `派生事实 ${fact.name} 未定义${didYouMeanText(fact.name, Object.keys(regulation.derived))}`, location: location() });
    } else if (fact.kind === 'param' && !own(regulation.parameters, fact.name) && !leftOut.parameters.has(fact.name)) {
      problems.push({ code: 'ref.unknownParameter', message: `参数 ${fact.name} 未定义（rules/parameters/）${didYouMeanText(fact.name, Object.keys(regulation.parameters))}`, location: location() });
    } else if (fact.kind === 'decision' && !own(own(regulation.decisions, fact.decision)?.fields, fact.field)) {
      problems.push({ code: 'ref.unknownDecision', message: `决定字段 ${fact.decision}.${fact.field} 未在 regulation.yaml 中定义`, location: location() });
    }
  };
  const checkRefsIn = (value: unknown, file: string, fallback: Location, path: PathSegment[], misspelt = true): void => {
    if (misspelt && hasMisspeltRef(value)) problems.push({ code: 'rule.badFactRef', message: '引用事实应写作 { fact: 事实名 } 或 { fact: 事实名, path: 字段 }', location: at(file, fallback, path) });
    for (const ref of factRefsIn(value)) {
      checkFact(ref.fact, () => at(file, fallback, path));
      if (ref.path !== undefined && typeof ref.path !== 'string') problems.push({ code: 'rule.badFactRef', message: 'path 应为字段路径（文字）', location: at(file, fallback, path) });
    }
  };

  for (const rule of regulation.rules) {
    const here = (path: PathSegment[], target?: 'key'): Location => at(rule.file, rule.location, inFile(regulation, rule, path), target);
    if (ruleIndex.has(rule.id)) {
      problems.push({ code: 'ref.duplicateRule', message: `规则编号 ${rule.id} 重复（另见 ${ruleIndex.get(rule.id)!.file}）`, location: here(['id']) });
    }
    ruleIndex.set(rule.id, rule);
    rule.articles.forEach((a, i) => checkArticle(a, () => here(['articles', i])));
    rule.interpretations.forEach((id, i) => checkInterpretation(id, () => here(['interpretations', i])));
    const leaves = conditionLeaves(rule.when, ['when']);
    if (!leaves.length) problems.push({ code: 'rule.noConditions', message: `规则 ${rule.id} 没有条件`, location: here(['when']) });
    for (const p of conditionShapeProblems(rule.when, ['when'])) problems.push({ code: 'rule.badCondition', message: p.message, location: here(p.path, p.at) });
    for (const leaf of leaves) {
      if (typeof leaf.fact === 'string') checkFact(leaf.fact, () => here([...leaf.at, 'fact']));
      if (typeof leaf.operator === 'string' && !operatorsByName.has(leaf.operator)) {
        problems.push({ code: 'ref.unknownOperator', message: `未知的运算符 ${leaf.operator}${didYouMeanText(leaf.operator, operatorsByName.keys())}；可用：${[...operatorsByName.keys()].join('、')}`, location: here([...leaf.at, 'operator']) });
      }
      // (a misspelt reference as a condition's value is a shape problem, reported above)
      checkRefsIn(leaf.value, rule.file, rule.location, inFile(regulation, rule, [...leaf.at, 'value']), false);
      if ((leaf.operator === 'in' || leaf.operator === 'notIn') && !isFactRef(leaf.value) && !Array.isArray(leaf.value)) {
        problems.push({ code: 'rule.valueType', message: `运算符 ${leaf.operator} 的比较值应为清单`, location: here([...leaf.at, 'value']) });
      } else {
        const typed = conditionTypeProblem(types, leaf);
        if (typed) problems.push({ code: 'rule.operandType', message: typed.message, location: here([...leaf.at, typed.at]) });
      }
    }
    for (const [kind, targets] of [['set', rule.set], ['add', rule.add]] as const) {
      for (const [target, value] of Object.entries(targets)) {
        const [decision, field, ...rest] = target.split('.');
        const spec = own(own(regulation.decisions, decision)?.fields, field);
        if (!spec || rest.length) {
          problems.push({ code: 'ref.unknownDecision', message: `决定字段 ${target} 未在 regulation.yaml 中定义`, location: here([kind, target]) });
          continue;
        }
        if (kind === 'set' && spec.type === 'list') problems.push({ code: 'rule.setList', message: `${target} 是清单，应使用 add 加入一项`, location: here([kind, target]) });
        if (kind === 'add' && spec.type !== 'list') problems.push({ code: 'rule.addScalar', message: `${target} 不是清单，应使用 set`, location: here([kind, target]) });
        if (factRefsIn(value).length || hasMisspeltRef(value)) {
          checkRefsIn(value, rule.file, rule.location, [...rulePath(regulation, rule), kind, target]);
          const wrong = assignmentTypeProblem(types, spec, kind, value);
          if (wrong) problems.push({ code: 'rule.valueType', message: `${target} 的值${wrong}`, location: here([kind, target]) });
        } else {
          // a list's items checked against its codes (values:), when it declares them
          const wrong = spec.type === 'list' ? assignmentTypeProblem(types, spec, kind, value) : literalProblem(value, spec.type, spec.values);
          if (wrong) problems.push({ code: 'rule.valueType', message: `${target} 的值 ${JSON.stringify(value)} ${wrong}`, location: here([kind, target]) });
        }
      }
    }
  }
  for (const rule of regulation.rules) {
    rule.overrides.forEach((id, i) => {
      const target = ruleIndex.get(id);
      const location = (): Location => at(rule.file, rule.location, [...rulePath(regulation, rule), 'overrides', i]);
      if (!target && leftOut.rules.has(id)) {
        // left out for its own errors, reported there
      } else if (!target) {
        problems.push({ code: 'ref.unknownRule', message: `被排除适用的规则 ${id} 不存在${didYouMeanText(id, ruleIndex.keys())}`, location: location() });
      } else if (!sharedTargets(rule, target).length) {
        problems.push({ code: 'rule.overrideNothing', message: `规则 ${rule.id} 与 ${id} 不决定同一字段，排除适用没有意义`, location: location() });
      }
    });
  }

  for (const d of Object.values(regulation.derived)) {
    const here = (path: PathSegment[]): Location => at(d.file, d.location, [...(d.origin ?? ['derived', d.name]), ...path]);
    const fn = derivedFunctions.get(d.function);
    if (!fn) {
      problems.push({ code: 'ref.unknownFunction', message: `未知的函数 ${d.function}${didYouMeanText(d.function, derivedFunctions.keys())}；可用：${[...derivedFunctions.keys()].join('、')}`, location: here(['function']) });
    } else {
      for (const arg of Object.keys(d.args)) {
        if (!own(fn.args, arg)) problems.push({ code: 'ref.unknownArgument', message: `函数 ${d.function} 没有参数 ${arg}；应为：${Object.keys(fn.args).join('、')}`, location: here(['args', arg]) });
      }
      for (const [arg, spec] of Object.entries(fn.args)) {
        if (!spec.optional && !Object.hasOwn(d.args, arg)) problems.push({ code: 'ref.missingArgument', message: `函数 ${d.function} 缺少参数 ${arg}（${spec.label}）`, location: here(['args']) });
        const wrong = Object.hasOwn(d.args, arg) ? argumentTypeProblem(types, spec.type, d.args[arg]) : undefined;
        if (wrong) problems.push({ code: 'derived.argumentType', message: `函数 ${d.function} 的参数 ${arg}（${spec.label}）${wrong}`, location: here(['args', arg]) });
      }
    }
    for (const [arg, value] of Object.entries(d.args)) checkRefsIn(value, d.file, d.location, [...(d.origin ?? ['derived', d.name]), 'args', arg]);
    d.articles.forEach((a, i) => checkArticle(a, () => here(['articles', i])));
    d.interpretations.forEach((id, i) => checkInterpretation(id, () => here(['interpretations', i])));
  }

  for (const p of Object.values(regulation.parameters)) {
    checkArticle(p.article, () => at(p.file, p.location, [p.name, 'article']));
    for (const { from, value } of p.values) {
      const location = (): Location => at(p.file, p.location, [p.name, 'values', from]);
      if (!isCalendarDate(from)) problems.push({ code: 'param.badDate', message: `参数 ${p.name} 的生效日期 ${from} 不是有效日期`, location: location() });
      const wrong = literalProblem(value, p.type);
      if (wrong) problems.push({ code: 'param.valueType', message: `参数 ${p.name} 自 ${from} 起的值 ${JSON.stringify(value)} ${wrong}`, location: location() });
    }
  }
  for (const i of Object.values(regulation.interpretations)) {
    i.articles.forEach((a, k) => checkArticle(a, () => at(i.file, i.location, ['articles', k])));
  }
  const manifest = { file: manifestFile, line: 1, column: 1 };
  const manifestAt = (path: PathSegment[]): Location => sourceOf(manifestFile)?.locate(path) ?? manifest;
  for (const d of Object.values(regulation.decisions)) {
    d.articles.forEach((a, i) => checkArticle(a, () => manifestAt(['decisions', d.name, 'articles', i])));
  }
  // each date of a declared order is a fact of the case (or asOf)
  const declaredOrders = own(sourceOf(manifestFile)?.data as Record<string, unknown> | undefined, 'dateOrders') as unknown[] | undefined;
  regulation.dateOrders.forEach((order, i) => {
    for (const side of ['earlier', 'later'] as const) {
      const row = Array.isArray(declaredOrders) ? declaredOrders[i] : undefined;
      const written = row && typeof row === 'object' ? own(row as Record<string, unknown>, side) : undefined;
      order[side].forEach((name, j) => {
        if (name === 'asOf' || paths.has(name)) return;
        problems.push({ code: 'ref.unknownFact', message: `日期顺序中的 ${name} 不是案件中的事实（见 case.schema.yaml）${didYouMeanText(name, paths)}`, location: manifestAt(['dateOrders', i, side, ...(Array.isArray(written) ? [j] : [])]) });
      });
    }
  });

  for (const service of Object.values(regulation.requirements ?? {})) {
    for (const r of service.requirements) checkArticle(r.article, () => at(r.file, r.location, ['requirements', r.service, 'needs', r.code, 'article']));
  }
  const order = fieldOrder(regulation);
  for (const cycle of order.cycles) {
    const rule = ruleIndex.get(cycle.rule);
    problems.push({
      code: 'rule.cycle',
      message: `决定之间循环依赖：${cycle.fields.join(' → ')}`,
      location: rule ? at(rule.file, rule.location, rulePath(regulation, rule)) : { file: 'regulation.yaml', line: 1, column: 1 },
    });
  }
  // a service's guard is a condition of each of its requirements' rules: a problem in it said once
  const said = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.message}|${p.location.file}:${p.location.line}:${p.location.column}`;
    if (said.has(key)) return false;
    said.add(key);
    return true;
  });
}

/** Where a rule is in its file: ['rules', its index among the rules of that file]. */
const rulePaths = new WeakMap<Regulation, Map<RuleSpec, PathSegment[]>>();
function rulePath(regulation: Regulation, rule: RuleSpec): PathSegment[] {
  if (rule.origin) return rule.origin; // written by the engine from a declaration: point there
  let paths = rulePaths.get(regulation);
  if (!paths) {
    paths = new Map();
    const seen = new Map<string, number>();
    for (const r of regulation.rules) {
      const i = seen.get(r.file) ?? 0;
      seen.set(r.file, i + 1);
      paths.set(r, ['rules', i]);
    }
    rulePaths.set(regulation, paths);
  }
  return paths.get(rule) ?? ['rules'];
}

/** Where a part of a rule (a path in it) is written in its file. */
function inFile(regulation: Regulation, rule: RuleSpec, path: PathSegment[]): PathSegment[] {
  let best: [PathSegment[], PathSegment[]] | undefined;
  for (const entry of rule.sources ?? []) {
    if (entry[0].length <= path.length && entry[0].every((s, i) => s === path[i]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? [...best[1], ...path.slice(best[0].length)] : [...rulePath(regulation, rule), ...path];
}

/** A map with `fact:` and other keys than `path:`: meant as a reference, read as a literal. */
function hasMisspeltRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasMisspeltRef);
  if (!value || typeof value !== 'object' || isFactRef(value)) return false;
  return Object.hasOwn(value, 'fact') || Object.values(value).some(hasMisspeltRef);
}

function sharedTargets(a: RuleSpec, b: RuleSpec): string[] {
  const targets = (r: RuleSpec): string[] => [...Object.keys(r.set), ...Object.keys(r.add)];
  const bs = new Set(targets(b));
  return targets(a).filter((t) => bs.has(t));
}

export function literalProblem(value: unknown, type: string, values?: string[]): string | undefined {
  switch (type) {
    case 'boolean': return typeof value === 'boolean' ? undefined : '应为 true 或 false';
    case 'date': return isCalendarDate(value) ? undefined : '应为有效日期 YYYY-MM-DD';
    case 'integer': return Number.isInteger(value) ? undefined : '应为整数';
    case 'number': return typeof value === 'number' ? undefined : '应为数字';
    case 'string': return typeof value === 'string' ? undefined : '应为文字';
    case 'list': return Array.isArray(value) ? undefined : '应为清单';
    case 'enum': return values?.includes(value as string) ? undefined : `应为以下之一：${values?.join('、')}`;
    default: return undefined;
  }
}
