// Fills a form template in from the rules, as of a date: `$param: NAME` becomes the
// parameter's value, {{NAME}} in a text its written form, `$ref: common#/…` the shared
// section, `$materials` a count field per material, `$divisions` a choice of division
// codes, and `$materialControls` one control per material in the UI schema.
import type { Regulation } from '../../model/model.js';
import { parameterOn } from '../../model/parameters.js';
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
  const spec = ctx.regulation.parameters[name];
  if (!spec) throw new FormTemplateError('form.unknownParameter', `参数 ${name} 未定义（rules/parameters/）`);
  return parameterOn(spec, ctx.date).value;
}

function describe(ctx: Context, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => ctx.regulation.vocabulary.materials[String(v)] ?? String(v)).join('、');
  return String(value);
}

function materialCodes(ctx: Context, list: unknown): Array<{ code: string; description?: string }> {
  const items = resolve(list, ctx) as unknown[];
  if (!Array.isArray(items)) throw new FormTemplateError('form.badMaterials', '$materials 应为材料代码的清单');
  return items.flat(2).map((item) =>
    typeof item === 'string' ? { code: item } : { code: String((item as { code: unknown }).code), description: (item as { description?: string }).description },
  );
}

function materialField(ctx: Context, code: string, description?: string): Record<string, unknown> {
  const title = ctx.regulation.vocabulary.materials[code];
  if (!title) throw new FormTemplateError('form.unknownMaterial', `材料代码 ${code} 没有名称（regulation.yaml vocabulary.materials）`);
  return { type: 'integer', minimum: 0, title, ...(description ? { description } : {}) };
}

function mergeSchemas(base: Record<string, any>, extra: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...base, ...extra };
  if (base.properties || extra.properties) out.properties = { ...(base.properties ?? {}), ...(extra.properties ?? {}) };
  if (base.required || extra.required) out.required = [...new Set([...(base.required ?? []), ...(extra.required ?? [])])];
  return out;
}

function resolve(node: unknown, ctx: Context): unknown {
  if (typeof node === 'string') return node.replace(PARAM_IN_TEXT, (_m, name: string) => describe(ctx, param(ctx, name)));
  if (Array.isArray(node)) {
    return node.flatMap((item) => {
      if (item && typeof item === 'object' && '$materialControls' in item) {
        const { $materialControls, scope, ...rest } = item as Record<string, unknown>;
        return materialCodes(ctx, $materialControls).map(({ code }) => ({ type: 'Control', scope: `${String(scope)}/properties/${code}`, ...rest }));
      }
      return [resolve(item, ctx)];
    });
  }
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if ('$param' in obj) return param(ctx, String(obj.$param));
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('common#/definitions/')) {
    const name = obj.$ref.slice('common#/definitions/'.length);
    if (!(name in ctx.common)) throw new FormTemplateError('form.unknownRef', `共用定义 ${name} 不存在（forms/common.yaml）`);
    const { $ref: _ref, ...siblings } = obj;
    return mergeSchemas(resolve(ctx.common[name], ctx) as Record<string, any>, resolve(siblings, ctx) as Record<string, any>);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === '$divisions') {
      const codes = resolve(value, ctx) as string[];
      out.oneOf = codes.map((code) => ({ const: code, title: `${code} ${ctx.regulation.vocabulary.divisions[code] ?? ''}`.trim() }));
    } else if (key === 'properties' && value && typeof value === 'object' && '$materials' in value) {
      const { $materials, ...others } = value as Record<string, unknown>;
      const fields = Object.fromEntries(materialCodes(ctx, $materials).map(({ code, description }) => [code, materialField(ctx, code, description && (resolve(description, ctx) as string))]));
      out.properties = { ...fields, ...(resolve(others, ctx) as object) };
    } else {
      out[key] = resolve(value, ctx);
    }
  }
  return out;
}

export function resolveForm(set: FormSet, form: FormDefinition, regulation: Regulation, date: string): ResolvedForm {
  const ctx: Context = { regulation, date, common: set.common.definitions };
  return {
    name: form.name,
    title: form.title,
    date,
    schema: resolve(form.schemaTemplate, ctx) as Record<string, any>,
    uischema: form.uischemaTemplate === undefined ? undefined : (resolve(form.uischemaTemplate, ctx) as Record<string, any>),
    definition: form,
  };
}
