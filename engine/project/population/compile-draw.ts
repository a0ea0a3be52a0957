// The steps of a population file (`facts:`) checked and compiled, each value at its line:
// an unknown key, a fact the case schema does not have, a value read before it is drawn, a
// share group not summing to 1, a backwards range, a code or constant the case schema would
// refuse. What compiles is what draw-case.ts runs; nothing from the file is executed.
import type { ValidateFunction } from 'ajv';
import { conditionLeaves, isFactRef } from '../../core/fact-names.js';
import { dateRangeProblem, isCalendarDate } from '../../core/dates/calendar-date.js';
import { conditionShapeProblems } from '../../core/condition-shape.js';
import { operatorsByName } from '../../core/operators.js';
import { isInheritedName } from '../../core/own.js';
import { createAjv } from '../../core/validation/ajv.js';
import { errorDetail } from '../../core/validation/error-wording.js';
import type { PathSegment } from '../../core/source-file.js';
import type { FactSchema } from './fact-schema.js';
import type { Amounts, Band, Condition, Draw, Expr, Step } from './population-spec.js';

/** How far a group's shares may sum from 1 (rounding in a hand-written file). */
const SUM_TOLERANCE = 1e-6;

export const KINDS = ['value', 'shares', 'bands', 'between', 'chance', 'oneOf', 'date', 'earliest', 'latest', 'fullYears', 'residentId', 'series', 'entries'] as const;
const MODIFIERS = ['when', 'probability', 'atLeast', 'atMost', 'plus', 'minus'];
const AMOUNTS = ['years', 'months', 'days'];
/** what a date written in the file looks like (checked as a real day where it is written) */
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export const HELPER = /^draw\.[A-Za-z_][A-Za-z0-9_]*$/;

export interface CompileContext {
  /** a problem at a place of the file (`key`: at the key that names the place) */
  at(path: PathSegment[], code: string, message: string, target?: 'key'): void;
  /** the fact's schema, or undefined for a helper or when the case schema is not known */
  schemaOf(name: string): FactSchema | undefined;
  /** whether the case schema has this fact path (true when no case schema is known) */
  isFact(name: string): boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const hasKind = (v: unknown): boolean => isObject(v) && KINDS.some((k) => Object.hasOwn(v, k));
const isProbability = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));

const ajv = createAjv();
const validators = new Map<string, ValidateFunction | undefined>();
function validatorOf(schema: Json): ValidateFunction | undefined {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) {
    let v: ValidateFunction | undefined;
    try {
      v = ajv.compile(schema);
    } catch {
      v = undefined; // the case schema's own problem, reported with it
    }
    if (validators.size > 2000) validators.clear();
    validators.set(key, v);
  }
  return validators.get(key);
}

/** Why the case schema would refuse this value for the fact, or undefined. */
function refused(schema: Json | undefined, value: unknown): string | undefined {
  const validate = schema && validatorOf(schema);
  if (!validate || validate(value)) return undefined;
  return (validate.errors ?? []).map(errorDetail).join('；') || '不符合案件 Schema';
}

export function compileSteps(facts: Json, cx: CompileContext): Step[] {
  const defined = new Set<string>();
  const known = (name: string): boolean => name === 'asOf' || defined.has(name) || [...defined].some((n) => n.startsWith(`${name}.`) || name.startsWith(`${n}.`));
  const steps: Step[] = [];
  for (const name of Object.keys(facts)) {
    const path: PathSegment[] = ['facts', name];
    if (!NAME.test(name) || name.split('.').some(isInheritedName)) {
      cx.at(path, 'population.name', `${name} 不能用作名称：写案件事实的路径（如 person.birthDate）或 draw.名称`, 'key');
      continue;
    }
    if (name === 'asOf') {
      cx.at(path, 'population.name', 'asOf（决定日期）由 population.span 决定，不在 facts 中抽取', 'key');
      continue;
    }
    if (name.startsWith('draw.') && !HELPER.test(name)) {
      cx.at(path, 'population.name', `${name}：中间值写作 draw.名称（一段，不含点）`, 'key');
      continue;
    }
    if (!name.startsWith('draw.') && !cx.isFact(name)) {
      cx.at(path, 'population.unknownFact', `案件 Schema（rules/case.schema.yaml）中没有事实 ${name}`, 'key');
      continue;
    }
    const compiler = new DrawCompiler(cx, known);
    const target = name.startsWith('draw.') ? undefined : cx.schemaOf(name);
    const raw = facts[name];
    const alternatives = (Array.isArray(raw) ? raw : [raw]).map((a, i) => compiler.draw(a, Array.isArray(raw) ? [...path, i] : path, target));
    defined.add(name);
    steps.push({ name, alternatives: alternatives.filter((a): a is Draw => a !== undefined) });
  }
  return steps;
}

class DrawCompiler {
  constructor(private cx: CompileContext, private known: (name: string) => boolean) {}

  private at(path: PathSegment[], code: string, message: string, target?: 'key'): void {
    this.cx.at(path, `population.${code}`, `${path.slice(1).join('.')}：${message}`, target);
  }

  private name(name: string, path: PathSegment[]): boolean {
    if (this.known(name)) return true;
    this.at(path, 'unknownName', `${name} 还没有抽取：只能读 asOf 和写在前面的事实或 draw.名称`);
    return false;
  }

  /** A value: a literal, `{ fact: NAME }` (a value drawn before), or a draw of its own. */
  expr(v: unknown, path: PathSegment[], target?: FactSchema): Expr {
    if (isFactRef(v)) {
      if (v.path !== undefined) this.at([...path, 'path'], 'unknownKey', '人群文件中的引用不用 path：把路径写进 fact（如 { fact: person.birthDate }）', 'key');
      this.name(v.fact, [...path, 'fact']);
      return { kind: 'read', name: v.fact };
    }
    if (hasKind(v)) return this.draw(v, path, target) ?? { kind: 'literal', value: undefined };
    if (isObject(v) && Object.hasOwn(v, 'fact')) this.at(path, 'value', '引用应写作 { fact: 名称 }');
    // a date written in the file (a bound, a start): a real day, or it would be ignored silently
    if (typeof v === 'string' && DATE_LIKE.test(v)) {
      const problem = isCalendarDate(v) ? dateRangeProblem(v) : `${v} 不是真实存在的日期（YYYY-MM-DD）`;
      if (problem) this.at(path, 'date', problem);
    }
    this.literal(v, path, target);
    return { kind: 'literal', value: v };
  }

  /** A constant checked against the fact's schema: a bad code is found before any case is drawn. */
  private literal(v: unknown, path: PathSegment[], target?: FactSchema, key = false): void {
    const why = refused(key ? target?.keys : target?.schema, v);
    if (why) this.at(path, 'code', `${shown(v)} 不是案件 Schema 允许的${key ? '名称' : '值'}（${why}）`, key ? 'key' : undefined);
  }

  private integer(v: unknown, path: PathSegment[]): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 100_000) return v;
    this.at(path, 'number', `应为整数（-100000 到 100000），现为 ${shown(v)}`);
    return undefined;
  }

  private amounts(v: unknown, path: PathSegment[]): Amounts | undefined {
    if (!isObject(v) || !Object.keys(v).length) {
      this.at(path, 'amounts', '应写作 { years: 年数, months: 月数, days: 天数 } 中的一项或几项');
      return undefined;
    }
    const out: Amounts = {};
    for (const key of Object.keys(v)) {
      if (!AMOUNTS.includes(key)) {
        this.at([...path, key], 'unknownKey', `没有这一项；可写 ${AMOUNTS.join('、')}`, 'key');
        continue;
      }
      const value = v[key];
      if (!hasKind(value) && !isFactRef(value)) this.integer(value, [...path, key]);
      out[key as keyof Amounts] = this.expr(value, [...path, key]);
    }
    return out;
  }

  private condition(c: unknown, path: PathSegment[]): Condition | undefined {
    const shape = conditionShapeProblems(c, path);
    for (const p of shape) this.at(p.path, 'condition', p.message, p.at);
    if (shape.length) return undefined;
    let ok = true;
    for (const leaf of conditionLeaves(c)) {
      const at = [...path, ...leaf.at];
      if (!operatorsByName.has(leaf.operator)) {
        this.at([...at, 'operator'], 'condition', `未知的运算符 ${leaf.operator}；可用：${[...operatorsByName.keys()].join('、')}`);
        ok = false;
      }
      if (!this.name(leaf.fact, [...at, 'fact'])) ok = false;
      if (isFactRef(leaf.value) && !this.name(leaf.value.fact, [...at, 'value', 'fact'])) ok = false;
    }
    return ok ? c : undefined;
  }

  private shares(v: unknown, path: PathSegment[], target?: FactSchema): Array<readonly [unknown, number]> {
    if (!isObject(v) || !Object.keys(v).length) {
      this.at(path, 'shares', '应为 { 值: 比例 } 的映射，至少一项');
      return [];
    }
    const entries: Array<readonly [unknown, number]> = [];
    for (const key of Object.keys(v)) {
      if (isInheritedName(key)) {
        this.at([...path, key], 'reservedName', `${key} 与 JavaScript 对象的内置属性同名，不能用作名称`, 'key');
        continue;
      }
      const share = v[key];
      if (!isProbability(share)) this.at([...path, key], 'share', `比例应为 0 到 1 之间的数，现为 ${shown(share)}`);
      // a number fact's values are written as keys ("2": 0.91): read as numbers
      let value: unknown = key;
      if (target?.type === 'integer' || target?.type === 'number') {
        value = Number(key);
        if (key.trim() === '' || !Number.isFinite(value as number)) this.at([...path, key], 'code', `${key} 应为数`, 'key');
      } else if (target?.type === 'boolean') {
        value = key === 'true' ? true : key === 'false' ? false : key;
      }
      this.literal(value, [...path, key], target);
      entries.push([value, isProbability(share) ? share : 0]);
    }
    this.sum(path, entries.map(([, s]) => s));
    return entries;
  }

  private sum(path: PathSegment[], values: number[]): void {
    const total = values.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > SUM_TOLERANCE) this.at(path, 'shareSum', `各项比例之和应为 1，现为 ${Number(total.toFixed(6))}`);
  }

  private range(v: unknown, path: PathSegment[]): { from: number; to: number } | undefined {
    if (!isObject(v) || !Object.hasOwn(v, 'from') || !Object.hasOwn(v, 'to')) {
      this.at(path, 'range', '应写作 { from: 整数, to: 整数 }');
      return undefined;
    }
    for (const key of Object.keys(v)) if (key !== 'from' && key !== 'to' && key !== 'share') this.at([...path, key], 'unknownKey', '没有这一项；可写 from、to', 'key');
    const from = this.integer(v.from, [...path, 'from']);
    const to = this.integer(v.to, [...path, 'to']);
    if (from === undefined || to === undefined) return undefined;
    if (from > to) {
      this.at([...path, 'from'], 'range', `区间的起点 ${from} 大于终点 ${to}`);
      return undefined;
    }
    return { from, to };
  }

  private list(v: unknown, path: PathSegment[], max: number): unknown[] {
    if (Array.isArray(v) && v.length >= 1 && v.length <= max) return v;
    this.at(path, 'list', `应为 1 到 ${max} 项的列表`);
    return [];
  }

  private fields(v: unknown, path: PathSegment[], required: string[], optional: string[] = []): Json | undefined {
    if (!isObject(v)) {
      this.at(path, 'fields', `应写作 { ${required.join(', ')} }`);
      return undefined;
    }
    let ok = true;
    for (const key of Object.keys(v)) {
      if (![...required, ...optional].includes(key)) {
        this.at([...path, key], 'unknownKey', `没有这一项；可写 ${[...required, ...optional].join('、')}`, 'key');
        ok = false;
      }
    }
    for (const key of required) {
      if (!Object.hasOwn(v, key)) {
        this.at(path, 'fields', `缺少 ${key}`);
        ok = false;
      }
    }
    return ok ? v : undefined;
  }

  /** One draw (an object with one kind and its modifiers), or undefined with its problems reported. */
  draw(v: unknown, path: PathSegment[], target?: FactSchema): Draw | undefined {
    if (!isObject(v)) {
      this.at(path, 'kind', `应为一个抽取（${KINDS.join('、')} 之一），现为 ${shown(v)}`);
      return undefined;
    }
    const kinds = KINDS.filter((k) => Object.hasOwn(v, k));
    for (const key of Object.keys(v)) {
      if (!(KINDS as readonly string[]).includes(key) && !MODIFIERS.includes(key)) this.at([...path, key], 'unknownKey', `没有这一项；抽取的写法：${KINDS.join('、')}，及 ${MODIFIERS.join('、')}`, 'key');
    }
    if (kinds.length !== 1) {
      this.at(path, 'kind', kinds.length ? `只能有一种抽取，现有 ${kinds.join('、')}` : `缺少抽取的写法（${KINDS.join('、')} 之一）`);
      return undefined;
    }
    const kind = kinds[0];
    if ((Object.hasOwn(v, 'plus') || Object.hasOwn(v, 'minus')) && kind !== 'date') this.at([...path, Object.hasOwn(v, 'plus') ? 'plus' : 'minus'], 'unknownKey', 'plus、minus 只用于 date', 'key');
    const modifiers: Partial<Draw> = {};
    if (Object.hasOwn(v, 'when')) modifiers.when = this.condition(v.when, [...path, 'when']) ?? { all: [{ fact: 'asOf', operator: 'present', value: false }] };
    if (Object.hasOwn(v, 'probability')) {
      if (isProbability(v.probability)) modifiers.probability = v.probability;
      else this.at([...path, 'probability'], 'probability', `概率应为 0 到 1 之间的数，现为 ${shown(v.probability)}`);
    }
    for (const bound of ['atLeast', 'atMost'] as const) if (Object.hasOwn(v, bound)) modifiers[bound] = this.expr(v[bound], [...path, bound]);
    const at = [...path, kind];
    const value = v[kind];
    const body = this.kind(kind, value, at, v, path, target);
    return body ? ({ ...body, ...modifiers } as Draw) : undefined;
  }

  private kind(kind: (typeof KINDS)[number], value: unknown, at: PathSegment[], v: Json, path: PathSegment[], target?: FactSchema): Draw | undefined {
    switch (kind) {
      case 'value': return { kind, value: this.expr(value, at, target) };
      case 'shares': return { kind, shares: this.shares(value, at, target) };
      case 'bands': {
        const bands = this.list(value, at, 100).map((b, i) => {
          const r = this.range(b, [...at, i]);
          const share = isObject(b) ? b.share : undefined;
          if (!isProbability(share)) this.at([...at, i, 'share'], 'share', `比例应为 0 到 1 之间的数，现为 ${shown(share)}`);
          return r && isProbability(share) ? { ...r, share } : undefined;
        });
        if (bands.some((b) => !b)) return undefined;
        this.sum(at, (bands as Band[]).map((b) => b.share));
        return { kind, bands: bands as Band[] };
      }
      case 'between': {
        const r = this.range(value, at);
        return r && { kind, ...r };
      }
      case 'chance':
        if (!isProbability(value)) {
          this.at(at, 'probability', `概率应为 0 到 1 之间的数，现为 ${shown(value)}`);
          return undefined;
        }
        return { kind, p: value };
      case 'oneOf': {
        const items = this.list(value, at, 1000);
        items.forEach((item, i) => this.literal(item, [...at, i], target));
        return items.length ? { kind, items } : undefined;
      }
      case 'date': {
        const plus = Object.hasOwn(v, 'plus') ? this.amounts(v.plus, [...path, 'plus']) : undefined;
        const minus = Object.hasOwn(v, 'minus') ? this.amounts(v.minus, [...path, 'minus']) : undefined;
        // a written date is checked as a value (expr); anything else written is not a date at all
        if (!isFactRef(value) && !hasKind(value) && !(typeof value === 'string' && DATE_LIKE.test(value))) {
          this.at(at, 'date', `应为日期（YYYY-MM-DD）、{ fact: 名称 } 或一个抽取，现为 ${shown(value)}`);
        }
        return { kind, base: this.expr(value, at), plus, minus };
      }
      case 'earliest':
      case 'latest':
        return { kind, items: this.list(value, at, 20).map((e, i) => this.expr(e, [...at, i])) };
      case 'fullYears': {
        const f = this.fields(value, at, ['from', 'to']);
        return f && { kind, from: this.expr(f.from, [...at, 'from']), to: this.expr(f.to, [...at, 'to']) };
      }
      case 'residentId': {
        const f = this.fields(value, at, ['region', 'birthDate']);
        return f && { kind, region: this.expr(f.region, [...at, 'region']), birthDate: this.expr(f.birthDate, [...at, 'birthDate']) };
      }
      case 'series': {
        const f = this.fields(value, at, ['after', 'every', 'before'], ['shift', 'most']);
        if (!f) return undefined;
        const every = this.amounts(f.every, [...at, 'every']);
        const literals = every ? Object.values(f.every as Json).filter((n) => typeof n === 'number') as number[] : [];
        if (every && literals.length === Object.keys(every).length && literals.every((n) => n <= 0)) this.at([...at, 'every'], 'range', '周期应大于 0');
        return every && {
          kind, every, after: this.expr(f.after, [...at, 'after']), before: this.expr(f.before, [...at, 'before']),
          ...(f.shift !== undefined ? { shift: this.amounts(f.shift, [...at, 'shift']) } : {}),
          ...(f.most !== undefined ? { most: this.expr(f.most, [...at, 'most']) } : {}),
        };
      }
      case 'entries': {
        const entries = this.list(value, at, 200).map((e, i) => {
          const p = [...at, i];
          const f = this.fields(e, p, ['key', 'value'], ['when', 'probability']);
          if (!f) return undefined;
          if (f.probability !== undefined && !isProbability(f.probability)) this.at([...p, 'probability'], 'probability', `概率应为 0 到 1 之间的数，现为 ${shown(f.probability)}`);
          const key = isFactRef(f.key) || hasKind(f.key) ? this.expr(f.key, [...p, 'key'], keysOf(target)) : { kind: 'literal' as const, value: f.key };
          if (key.kind === 'literal') this.literal(f.key, [...p, 'key'], target, true);
          return {
            key, value: this.expr(f.value, [...p, 'value'], target?.values),
            ...(f.when !== undefined ? { when: this.condition(f.when, [...p, 'when']) ?? { not: { all: [] } } } : {}),
            ...(isProbability(f.probability) ? { probability: f.probability } : {}),
          };
        });
        return { kind, entries: entries.filter((e) => e !== undefined) };
      }
      default: return undefined;
    }
  }
}

/** The schema a map's keys meet, as the schema of a value (for a key drawn from shares). */
function keysOf(target?: FactSchema): FactSchema | undefined {
  return target?.keys ? { schema: target.keys, type: 'string' } : undefined;
}
