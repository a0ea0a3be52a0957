// The shape a rule's `when:` must have before json-rules-engine is given it: groups
// (all, any, not) and leaves {fact, operator, value, path?}, nothing else. Lint reports
// each problem where it is; the Decider refuses to run rules that have any.
import type { PathSegment } from './source-file.js';
import { isFactRef } from './fact-names.js';

export interface ShapeProblem { path: PathSegment[]; message: string; at?: 'key' }

const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'path']);

export function conditionShapeProblems(node: unknown, path: PathSegment[] = []): ShapeProblem[] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return [{ path, message: '条件应为 all、any、not 或 {fact, operator, value}' }];
  const keys = Object.keys(node);
  const at = (key: string): unknown => (node as Record<string, unknown>)[key];
  for (const group of ['all', 'any'] as const) {
    if (!Object.hasOwn(node, group)) continue;
    const list = at(group);
    if (!Array.isArray(list) || keys.length !== 1) return [{ path, message: `${group} 应为条件的列表，且不与其他键并列` }];
    return list.flatMap((c, i) => conditionShapeProblems(c, [...path, group, i]));
  }
  if (Object.hasOwn(node, 'not')) {
    if (keys.length !== 1) return [{ path, message: 'not 应为一个条件，且不与其他键并列' }];
    return conditionShapeProblems(at('not'), [...path, 'not']);
  }
  const problems: ShapeProblem[] = [];
  for (const required of ['fact', 'operator', 'value']) {
    if (!Object.hasOwn(node, required)) problems.push({ path, message: `条件缺少 ${required}` });
  }
  for (const key of keys) {
    if (!LEAF_KEYS.has(key)) problems.push({ path: [...path, key], message: `条件中不允许的键 ${key}`, at: 'key' });
  }
  if (Object.hasOwn(node, 'fact') && typeof at('fact') !== 'string') problems.push({ path: [...path, 'fact'], message: 'fact 应为事实名（文字）' });
  if (Object.hasOwn(node, 'path') && typeof at('path') !== 'string') problems.push({ path: [...path, 'path'], message: 'path 应为字段路径（文字）' });
  if (Object.hasOwn(node, 'operator') && typeof at('operator') !== 'string') problems.push({ path: [...path, 'operator'], message: 'operator 应为运算符名（文字）' });
  const value = at('value');
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact') && !isFactRef(value)) {
    problems.push({ path: [...path, 'value'], message: '引用事实应写作 { fact: 事实名 } 或 { fact: 事实名, path: 字段 }' });
  }
  if (isFactRef(value) && value.path !== undefined && typeof value.path !== 'string') problems.push({ path: [...path, 'value', 'path'], message: 'path 应为字段路径（文字）' });
  return problems;
}

