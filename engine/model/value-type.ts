// The types a value in a regulation can have — of a case fact, a parameter, a derived
// fact or a decision field — and which values and types each accepts. Lint uses them to
// check every condition and every `set:`/`add:` before any case runs.
import { isCalendarDate } from '../core/dates/calendar-date.js';

export type ValueType =
  | { kind: 'any' }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'number'; integer?: boolean }
  | { kind: 'string' }
  /** a string from a closed list */
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; items: ValueType }
  /** an object with named fields (a place, a validity with its status and end…) */
  | { kind: 'object'; fields: Map<string, ValueType> }
  /** keys of one kind → values of one type (materials: code → count) */
  | { kind: 'map'; keys?: string[]; values: ValueType };

export const ANY: ValueType = { kind: 'any' };

/** How a type reads in a message. */
export function describeType(t: ValueType): string {
  switch (t.kind) {
    case 'any': return '任意值';
    case 'boolean': return '是否（true/false）';
    case 'date': return '日期';
    case 'number': return t.integer ? '整数' : '数字';
    case 'string': return '文字';
    case 'enum': return `代码（${t.values.join('、')}）`;
    case 'list': return t.items.kind === 'any' ? '清单' : `${describeType(t.items)}的清单`;
    case 'object': return '对象';
    case 'map': return '对照表';
  }
}

/** The type of a literal written in a rule file. */
export function literalType(value: unknown): ValueType {
  if (value === null || value === undefined) return ANY;
  if (typeof value === 'boolean') return { kind: 'boolean' };
  if (typeof value === 'number') return { kind: 'number', integer: Number.isInteger(value) };
  if (typeof value === 'string') return isCalendarDate(value) ? { kind: 'date' } : { kind: 'string' };
  if (Array.isArray(value)) return { kind: 'list', items: commonType(value.map(literalType)) };
  return { kind: 'object', fields: new Map(Object.entries(value).map(([k, v]) => [k, literalType(v)])) };
}

/** The one type all of these have, or `any`. */
export function commonType(types: ValueType[]): ValueType {
  const known = types.filter((t) => t.kind !== 'any');
  if (!known.length || known.length < types.length) return ANY;
  const [first] = known;
  if (known.every((t) => t.kind === first.kind)) {
    if (first.kind === 'list') return { kind: 'list', items: commonType(known.map((t) => (t as { items: ValueType }).items)) };
    if (first.kind === 'enum') return { kind: 'enum', values: [...new Set(known.flatMap((t) => (t as { values: string[] }).values))] };
    if (first.kind === 'number') return { kind: 'number', integer: known.every((t) => (t as { integer?: boolean }).integer) };
    if (first.kind === 'object' || first.kind === 'map') return known.length === 1 ? first : ANY;
    return first;
  }
  if (known.every((t) => t.kind === 'string' || t.kind === 'enum' || t.kind === 'date')) return { kind: 'string' };
  return ANY;
}

/**
 * Why a value of type `given` cannot stand where `wanted` is expected, or undefined when
 * it can (or when either is unknown). `literal` is the value itself when it was written
 * in the rule, so that an enum can name the value that is not one of its codes.
 */
export function mismatch(wanted: ValueType, given: ValueType, literal?: { value: unknown }): string | undefined {
  if (wanted.kind === 'any' || given.kind === 'any') return undefined;
  const no = `应为${describeType(wanted)}，实为${describeType(given)}`;
  switch (wanted.kind) {
    case 'boolean':
    case 'date':
      return given.kind === wanted.kind ? undefined : no;
    case 'number':
      if (given.kind !== 'number') return no;
      return wanted.integer && literal && !given.integer ? '应为整数' : undefined;
    case 'string':
      return given.kind === 'string' || given.kind === 'enum' || given.kind === 'date' ? undefined : no;
    case 'enum':
      if (given.kind === 'enum') {
        const outside = given.values.filter((v) => !wanted.values.includes(v));
        return outside.length === given.values.length ? `取值 ${outside.join('、')} 不在 ${wanted.values.join('、')} 之中` : undefined;
      }
      if (given.kind === 'string' || given.kind === 'date') {
        if (!literal) return undefined; // a string from elsewhere may hold one of the codes
        return wanted.values.includes(literal.value as string) ? undefined : `${JSON.stringify(literal.value)} 不是可取的值（${wanted.values.join('、')}）`;
      }
      return no;
    case 'list': {
      if (given.kind !== 'list') return no;
      if (literal && Array.isArray(literal.value)) {
        for (const item of literal.value) {
          const why = mismatch(wanted.items, literalType(item), { value: item });
          if (why) return `清单中的 ${JSON.stringify(item)}：${why}`;
        }
        return undefined;
      }
      const why = mismatch(wanted.items, given.items);
      return why ? `清单中的项${why}` : undefined;
    }
    case 'object':
    case 'map':
      return given.kind === 'object' || given.kind === 'map' ? undefined : no;
  }
}

/** The type of a field inside a value of type `t` (`path:` in a condition), `any` when unknown. */
export function fieldType(t: ValueType, path: string): ValueType {
  let current = t;
  for (const key of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (current.kind === 'object') current = current.fields.get(key) ?? ANY;
    else if (current.kind === 'map') current = current.values;
    else return ANY;
  }
  return current;
}

/** A type as named in a function's signature or a parameter's `type:`. */
export function namedType(name: string): ValueType {
  switch (name) {
    case 'boolean': return { kind: 'boolean' };
    case 'date': return { kind: 'date' };
    case 'integer': return { kind: 'number', integer: true };
    case 'number': return { kind: 'number' };
    case 'string': return { kind: 'string' };
    case 'list': return { kind: 'list', items: ANY };
    case 'object': return { kind: 'object', fields: new Map() };
    default: return ANY;
  }
}
