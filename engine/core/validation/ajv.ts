// One ajv setup for every schema tiaoli checks: rule files, cases and (later) forms.
// Messages are Chinese (ajv-i18n), and tiaoli's own keywords explain themselves in Chinese.
import Ajv, { _, Name, type AnySchema, type ErrorObject, type FuncKeywordDefinition, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { calendarYear, dateRangeProblem, isCalendarDate } from '../dates/calendar-date.js';
import { linearRegExp } from './linear-regexp.js';
import { residentIdProblem } from '../derived/resident-id.js';
import type { PathSegment, Problem, SourceFile } from '../source-file.js';
import { wordErrors } from './error-wording.js';

/** The functions of tiaoli's own keywords and the pattern engine, which generated validators call. */
export interface ValidatorRuntime {
  calendarDate: FuncKeywordDefinition['validate'];
  residentId: FuncKeywordDefinition['validate'];
  notAfter: FuncKeywordDefinition['validate'];
  notBefore: FuncKeywordDefinition['validate'];
  linearRegExp: (pattern: string, flags: string) => { test: (s: string) => boolean };
  /** the ajv itself, which ajv passes to keyword functions as `this` */
  self: Ajv.default;
}

/**
 * Validators generated ahead of time (ajv standalone code, `npm run build`), found by the
 * exact text of the schema: a schema edited since the build has other text, finds nothing
 * and is compiled as before, so a stale validator is never used.
 */
export interface PrecompiledValidators {
  find(schemaText: string): ((runtime: ValidatorRuntime) => ValidateFunction) | undefined;
}

let precompiled: PrecompiledValidators | undefined;
let recorder: ((schemaText: string, schema: AnySchema) => void) | undefined;

/** Validators made at build time, looked up before compiling (Node only; the studio compiles). */
export function usePrecompiledValidators(source: PrecompiledValidators | undefined): void {
  precompiled = source;
}

/** Calls `record` with every schema any tiaoli ajv compiles from now on (the build collects them). */
export function recordCompiledSchemas(record: ((schemaText: string, schema: AnySchema) => void) | undefined): void {
  recorder = record;
}

const runtimes = new WeakMap<Ajv.default, ValidatorRuntime>();

/** The keyword functions of one ajv, as its generated validators must call them. */
export function validatorRuntime(ajv: Ajv.default): ValidatorRuntime {
  const runtime = runtimes.get(ajv);
  if (!runtime) throw new Error('not an ajv made by createAjv');
  return runtime;
}

/**
 * Each schema content compiled once per ajv. Plain ajv keeps every schema object it compiled
 * in its cache for as long as it lives: compiling each reload's copy of the case schema
 * grew memory without bound. Here the same content gets the same function, a bounded number
 * of contents is kept, and ajv's own cache lets go of each schema object after compiling.
 * A validator generated at build time for the same content is taken instead of compiling.
 */
function compileOncePerContent(ajv: Ajv.default): void {
  const compiled = new Map<string, ValidateFunction>();
  const compile = ajv.compile.bind(ajv) as (schema: AnySchema, meta?: boolean) => ValidateFunction;
  const cached = (schema: AnySchema, meta?: boolean): ValidateFunction => {
    const key = JSON.stringify(schema);
    const hit = compiled.get(key);
    if (hit) {
      compiled.delete(key);
      compiled.set(key, hit); // most recently used last
      return hit;
    }
    recorder?.(key, schema);
    const made = meta ? undefined : madeBefore(ajv, key);
    const validate = made ?? compile(schema, meta);
    if (!made && typeof schema === 'object' && schema.$id === undefined) ajv.removeSchema(schema);
    compiled.set(key, validate);
    while (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    return validate;
  };
  ajv.compile = cached as typeof ajv.compile;
}

const MAX_COMPILED = 64;

/**
 * A generated validator's `pattern`, compiled by RE2 when it is first matched: it compiled
 * when the validator was generated, and most runs never match most patterns.
 */
function patternOnFirstUse(pattern: string, flags: string): { test: (s: string) => boolean } {
  let compiled: { test: (s: string) => boolean } | undefined;
  return { test: (s: string) => (compiled ??= linearRegExp(pattern, flags)).test(s) };
}

/** ajv instances given keywords beyond createAjv's own: code generated without them would skip them. */
const extended = new WeakSet<object>();

/** Says that `ajv` has keywords of its own (addKeyword after createAjv): it compiles its schemas itself. */
export function markExtended(ajv: Ajv.default): Ajv.default {
  extended.add(ajv);
  return ajv;
}

/** The validator generated at build time for exactly this schema text, if there is one that loads. */
function madeBefore(ajv: Ajv.default, schemaText: string): ValidateFunction | undefined {
  if (extended.has(ajv)) return undefined;
  try {
    return precompiled?.find(schemaText)?.(validatorRuntime(ajv));
  } catch {
    return undefined; // a broken generated module: compile instead
  }
}

export interface AjvOptions {
  /** keep each validator's source, for standalone code generated at build time */
  source?: boolean;
}

export function createAjv(options: AjvOptions = {}): Ajv.default {
  // verbose: JSON Forms reads the failing schema from each error when it shares this instance
  // regExp: `pattern` is matched in linear time (RE2), so a schema saved with
  // "^(a+)+$" cannot make a request take seconds per character.
  const ajv = new Ajv.default({
    allErrors: true, verbose: true, strict: false, allowUnionTypes: true, code: { regExp: linearRegExp, source: options.source === true },
  });
  if (!options.source) compileOncePerContent(ajv);
  addFormats.default(ajv);
  const calendarDate = (enabled: boolean, data: unknown): boolean => {
    if (!enabled) return true;
    const message = calendarYear(data) >= 0 ? dateRangeProblem(data) : '应为真实存在的日期，格式 YYYY-MM-DD（如 2019-07-10）';
    if (message) calendarDate.errors = [{ keyword: 'calendarDate', message, params: {} }];
    return !message;
  };
  calendarDate.errors = [] as Array<Partial<ErrorObject>>;
  ajv.addKeyword({ keyword: 'calendarDate', schemaType: 'boolean', errors: true, validate: calendarDate });
  const residentId = (enabled: boolean, data: unknown): boolean => {
    const problem = enabled ? residentIdProblem(data) : undefined;
    if (problem) residentId.errors = [{ keyword: 'residentId', message: problem, params: {} }];
    return !problem;
  };
  residentId.errors = [] as Array<Partial<ErrorObject>>;
  ajv.addKeyword({ keyword: 'residentId', schemaType: 'boolean', errors: true, validate: residentId });
  const notAfter = dateOrderKeyword('notAfter', (value, other) => value <= other, '不得晚于');
  const notBefore = dateOrderKeyword('notBefore', (value, other) => value >= other, '不得早于');
  ajv.addKeyword(notAfter);
  ajv.addKeyword(notBefore);
  const runtime: ValidatorRuntime = {
    calendarDate, residentId, notAfter: notAfter.validate, notBefore: notBefore.validate, linearRegExp: patternOnFirstUse, self: ajv,
  };
  runtimes.set(ajv, runtime);
  // Generated code names these functions `tiaoli.<name>`: the precompiled module gets them as `tiaoli`.
  if (options.source) {
    for (const name of ['calendarDate', 'residentId', 'notAfter', 'notBefore'] as const) {
      ajv.scope.value('keyword', { ref: runtime[name], code: _`tiaoli.${new Name(name)}` });
    }
    ajv.scope.value('func', { ref: linearRegExp, code: _`tiaoli.linearRegExp` });
  }
  return ajv;
}

interface DateOrder { field: string; label: string }

/**
 * `notAfter: { field: acceptedOn, label: 受理日期 }`: a date no later than another date of
 * the same form (a dotted path from the form's root). Quiet when either date is missing
 * or not a date: other keywords report those.
 */
function dateOrderKeyword(keyword: string, holds: (value: string, other: string) => boolean, reads: string): FuncKeywordDefinition {
  const validate = (order: DateOrder, data: unknown, _parent?: unknown, cxt?: { rootData?: unknown }): boolean => {
    const other = order.field.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), cxt?.rootData);
    if (!isCalendarDate(data) || !isCalendarDate(other) || holds(data, other)) return true;
    validate.errors = [{ keyword, message: `${reads}${order.label}（${other}）`, params: { field: order.field } }];
    return false;
  };
  validate.errors = [] as Array<Partial<ErrorObject>>;
  return { keyword, schemaType: 'object', errors: true, validate: validate as FuncKeywordDefinition['validate'] };
}

/** ajv errors as problems at the source position of each value, messages in Chinese (error-wording.ts). */
export function schemaProblems(errors: ErrorObject[] | null | undefined, source: SourceFile, base: PathSegment[] = []): Problem[] {
  return wordErrors(errors).map((w) => {
    const path = [...base, ...w.path];
    return { code: `schema.${w.keyword}`, message: `${path.join('.') || '（文件）'}：${w.detail}`, location: source.locate(path, w.at) };
  });
}
