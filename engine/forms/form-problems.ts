// Form errors as a counter clerk reads them: the field's Chinese titles, its path, and a
// Chinese message; at the line and column of a data file when there is one.
import type { ErrorObject } from 'ajv';
import { localizeZh, OWN_KEYWORDS as OWN, pathOf } from '../validation/ajv.js';
import type { PathSegment, Problem, SourceFile } from '../load/source-file.js';

const TYPE_NAMES: Record<string, string> = { integer: '整数', number: '数字', string: '文字', boolean: '是或否', object: '一组内容', array: '清单' };

/** The titles of the schema nodes along a data path: 申领人 › 公民身份号码. */
export function titlesAlong(schema: Record<string, any>, path: PathSegment[]): string[] {
  const titles: string[] = [];
  let node: Record<string, any> | undefined = schema;
  for (const key of path) {
    node = typeof key === 'number' ? node?.items : node?.properties?.[key];
    titles.push(node?.title ?? String(key));
  }
  return titles;
}

export function formProblems(errors: ErrorObject[] | null | undefined, schema: Record<string, any>, source: SourceFile): Problem[] {
  if (!errors?.length) return [];
  const copies = errors.map((e) => ({ ...e }));
  localizeZh(copies.filter((e) => !OWN.has(e.keyword)));
  // A choice (oneOf of constants) that fails says so once, not once per option.
  const choices = new Set(copies.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  // A date our own keyword already explains needs no second, vaguer "format" message.
  const explained = new Set(copies.filter((e) => OWN.has(e.keyword)).map((e) => e.instancePath));
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of copies) {
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'allOf') continue;
    if (e.keyword === 'format' && explained.has(e.instancePath)) continue;
    if (choices.has(e.instancePath) && e.keyword === 'const' && /\/oneOf\/\d+\/const$/.test(e.schemaPath)) continue;
    const path: PathSegment[] = pathOf(e.instancePath);
    let detail = e.message ?? e.keyword;
    if (e.keyword === 'required') {
      path.push(String(e.params.missingProperty));
      detail = '必填';
    } else if (e.keyword === 'type') {
      detail = `应为${TYPE_NAMES[String(e.params.type)] ?? e.params.type}`;
    } else if (e.keyword === 'minimum') {
      detail = `不得小于 ${e.params.limit}`;
    } else if (e.keyword === 'oneOf') {
      const options = ((e.parentSchema as { oneOf?: Array<{ const?: unknown; title?: string }> })?.oneOf ?? []).filter((o) => 'const' in o);
      detail = options.length ? `应为以下之一：${options.map((o) => o.title ?? String(o.const)).join('、')}` : detail;
    } else if (e.keyword === 'additionalProperties') {
      path.push(String(e.params.additionalProperty));
      detail = '表单中没有这一项（拼写有误，或不属于这张表单），请删除或改正';
    } else if (e.keyword === 'pattern' || e.keyword === 'format') {
      detail = '格式不对';
    } else if (e.keyword === 'minLength') {
      detail = '不能为空';
    }
    const field = `${titlesAlong(schema, path).join(' › ')}（${path.join('.')}）`;
    const key = `${field}|${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code: `form.${e.keyword}`, message: `${field}：${detail}`, location: source.locate(path) });
  }
  return out;
}
