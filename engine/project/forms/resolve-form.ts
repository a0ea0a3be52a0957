// Fills a form template in from the rules, as of a date: `$param: NAME` becomes the
// parameter's value, {{NAME}} in a text its written form, `$ref: common#/…` the shared
// section, and the regulation's declarations become fields:
//   properties: { $requirements: SERVICE }   a count field per code satisfying a
//                                            requirement of SERVICE (the checklist)
//   { $requirementGroups: SERVICE, scope, rules?: { CODE: RULE } }
//                                            in the UI schema: one group per requirement
//   $choices: { list: LIST, codes: CODES }   a choice of codes, named from a vocabulary list
//   $divisions: { list: LIST, codes: CODES, successions: TABLE }
//                                            the same, and each former code of TABLE (rows
//                                            { former, successor, since }) accepted too, shown
//                                            with the name of the division that has it now:
//                                            e.g. “OLD NEWNAME（原 OLDNAME 的代码；SINCE 起为 NEW）”
// So a code added to a requirement's parameter reaches every form that asks for it.
import { withVisibleText } from './form-keywords.js';
import type { Regulation } from '../../model/model.js';
import { parameterOn } from '../../model/parameters.js';
import { own } from '../../core/own.js';
import { articleLabel } from '../../explain/article-label.js';
import { resolveRequirement, type ResolvedRequirement } from '../../model/resolve-requirement.js';
import type { FormDefinition, FormSet, ResolvedForm } from './form-model.js';

export class FormTemplateError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

interface Context {
  regulation: Regulation;
  date: string;
  common: Record<string, unknown>;
}

const PARAM_IN_TEXT = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

function param(ctx: Context, name: string): unknown {
  const spec = own(ctx.regulation.parameters, name);
  if (!spec) throw new FormTemplateError('form.unknownParameter', `参数 ${name} 未定义（rules/parameters/）`);
  return parameterOn(spec, ctx.date).value;
}

/** A parameter's value in a text: a list of codes by their names in the parameter's list. */
function describe(ctx: Context, name: string): string {
  const value = param(ctx, name);
  if (!Array.isArray(value)) return String(value);
  const list = own(ctx.regulation.vocabulary.lists, own(ctx.regulation.parameters, name)?.codes);
  return value.map((v) => own(list, String(v))?.label ?? String(v)).join('、');
}

/** The requirements of a service, resolved on the form's date. */
function requirementsOf(ctx: Context, service: unknown): ResolvedRequirement[] {
  const spec = own(ctx.regulation.requirements, service);
  if (!spec) {
    throw new FormTemplateError('form.unknownService', `事项 ${String(service)} 没有材料要求（规则文件的 requirements:）；已有：${Object.keys(ctx.regulation.requirements).join('、') || '无'}`);
  }
  return spec.requirements.map((r) => resolveRequirement(ctx.regulation, spec.name, r.code, ctx.date));
}

/** One count field per satisfying code, each once, in the order the requirements name them. */
function countFields(ctx: Context, service: unknown): Array<[string, Record<string, unknown>]> {
  const fields = new Map<string, Record<string, unknown>>();
  for (const r of requirementsOf(ctx, service)) {
    const asked = own(ctx.regulation.requirements, service)!.requirements.find((x) => x.code === r.code)!;
    for (const m of r.materials) {
      if (fields.has(m.code)) continue;
      // a count the rules state (other than one) is said beside the field
      const description = m.description
        ?? (m.note ? `${m.note}，可代替${r.label}` : undefined)
        ?? (asked.count !== 1 ? `${articleLabel(r.article)}：应交${r.count}${r.unit ?? '件'}` : undefined);
      fields.set(m.code, { type: 'integer', minimum: 0, title: m.label, ...(description ? { description } : {}) });
    }
  }
  return [...fields];
}

function requirementGroups(ctx: Context, item: Record<string, unknown>): unknown[] {
  const { $requirementGroups: service, scope, rules, ...rest } = item;
  const ruleOf = (code: string): unknown => own(rules as Record<string, unknown> | undefined, code);
  return requirementsOf(ctx, service).map((r) => ({
    type: 'Group',
    label: `${r.label}${r.materials.length > 1 ? '，任交一种' : ''}（${articleLabel(r.article)}）`,
    ...(ruleOf(r.code) ? { rule: resolve(ruleOf(r.code), ctx) } : {}),
    elements: r.materials.map((m) => ({ type: 'Control', scope: `${String(scope)}/properties/${m.code}`, ...(resolve(rest, ctx) as object) })),
  }));
}

function choices(ctx: Context, spec: unknown): Array<{ const: string; title: string }> {
  const { list: name, codes } = (spec ?? {}) as { list?: unknown; codes?: unknown };
  const list = own(ctx.regulation.vocabulary.lists, name);
  if (!list) throw new FormTemplateError('form.unknownList', `$choices 的 list: ${String(name)} 不是词汇清单（regulation.yaml vocabulary.lists）`);
  const values = codes === undefined ? Object.keys(list) : resolve(codes, ctx);
  if (!Array.isArray(values)) throw new FormTemplateError('form.badChoices', '$choices 的 codes 应为代码的清单');
  // a numbered code (a standard's, e.g. 01 汉族) is shown with its number; a word code by its name alone
  return values.map((code) => {
    const label = own(list, String(code))?.label;
    return { const: String(code), title: label === undefined ? String(code) : /^[0-9]+$/.test(String(code)) ? `${String(code)} ${label}` : label };
  });
}

/** Current codes with their names; then each former code, named by its successor today. */
function divisions(ctx: Context, spec: unknown): Array<{ const: string; title: string }> {
  const { successions, ...rest } = (spec ?? {}) as { successions?: unknown };
  const current = choices(ctx, rest);
  const rows = successions === undefined ? [] : resolve(successions, ctx);
  if (!Array.isArray(rows)) throw new FormTemplateError('form.badChoices', '$divisions 的 successions 应为代码变更表（former、successor、since）');
  const list = own(ctx.regulation.vocabulary.lists, (rest as { list?: unknown }).list);
  const named = new Set(current.map((c) => c.const));
  const former = rows.flatMap((row) => {
    const { former: code, successor, since, name } = (row ?? {}) as { former?: unknown; successor?: unknown; since?: unknown; name?: unknown };
    if (typeof code !== 'string' || typeof successor !== 'string' || named.has(code)) return [];
    const now = own(list, successor)?.label ?? successor;
    const was = typeof name === 'string' ? `原${name}的代码` : '旧代码';
    return [{ const: code, title: `${code} ${now}（${was}；${since === undefined ? '' : `${String(since)} 起`}为 ${successor}）` }];
  });
  return [...current, ...former];
}

function mergeSchemas(base: Record<string, any>, extra: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...base, ...extra };
  if (base.properties || extra.properties) out.properties = { ...(base.properties ?? {}), ...(extra.properties ?? {}) };
  if (base.required || extra.required) out.required = [...new Set([...(base.required ?? []), ...(extra.required ?? [])])];
  return out;
}

function resolve(node: unknown, ctx: Context): unknown {
  if (typeof node === 'string') return node.replace(PARAM_IN_TEXT, (_m, name: string) => describe(ctx, name));
  if (Array.isArray(node)) {
    return node.flatMap((item) => (item && typeof item === 'object' && Object.hasOwn(item, '$requirementGroups')
      ? requirementGroups(ctx, item as Record<string, unknown>)
      : [resolve(item, ctx)]));
  }
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (Object.hasOwn(obj, '$param')) return param(ctx, String(obj.$param));
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('common#/definitions/')) {
    const name = obj.$ref.slice('common#/definitions/'.length);
    if (!Object.hasOwn(ctx.common, name)) throw new FormTemplateError('form.unknownRef', `共用定义 ${name} 不存在（forms/common.yaml）`);
    const { $ref: _ref, ...siblings } = obj;
    return mergeSchemas(resolve(ctx.common[name], ctx) as Record<string, any>, resolve(siblings, ctx) as Record<string, any>);
  }
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === '$choices') {
      out.push(['oneOf', choices(ctx, value)]);
    } else if (key === '$divisions') {
      out.push(['oneOf', divisions(ctx, value)]);
    } else if (key === 'properties' && value && typeof value === 'object' && Object.hasOwn(value, '$requirements')) {
      const { $requirements, ...others } = value as Record<string, unknown>;
      out.push(['properties', Object.fromEntries([...countFields(ctx, $requirements), ...Object.entries(resolve(others, ctx) as object)])]);
    } else {
      out.push([key, resolve(value, ctx)]);
    }
  }
  return Object.fromEntries(out);
}

export function resolveForm(set: FormSet, form: FormDefinition, regulation: Regulation, date: string): ResolvedForm {
  const ctx: Context = { regulation, date, common: set.common.definitions };
  return {
    name: form.name,
    title: form.title,
    date,
    // every text field refuses hidden characters (form-keywords.ts: visibleText)
    schema: withVisibleText(resolve(form.schemaTemplate, ctx)) as Record<string, any>,
    uischema: form.uischemaTemplate === undefined ? undefined : (resolve(form.uischemaTemplate, ctx) as Record<string, any>),
    definition: form,
  };
}
