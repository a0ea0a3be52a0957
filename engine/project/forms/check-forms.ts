// `tiaoli lint` for forms: parameters, shared sections, materials, mapped facts, data
// pointers and UI scopes must all exist; each problem at file:line:column.
import type { Regulation } from '../../model/model.js';
import type { PathSegment, Problem, SourceFile } from '../../core/source-file.js';
import { casePaths } from '../../model/case/case-paths.js';
import { articleIds } from '../../model/check-references.js';
import type { FormSet } from './form-model.js';
import { FormTemplateError, resolveForm } from './resolve-form.js';
import { createAjv } from '../../core/validation/ajv.js';
import { pointerSegments } from '../../core/json-pointer.js';
import { own } from '../../core/own.js';
import { addFormKeywords } from './form-keywords.js';

function walk(node: unknown, path: PathSegment[], visit: (node: unknown, path: PathSegment[]) => void): void {
  visit(node, path);
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...path, i], visit));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k], visit);
}

/** Template references: $param, {{NAME}}, common $ref, services with requirements, vocabulary lists. */
function checkTemplate(template: unknown, source: SourceFile, regulation: Regulation, common: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  walk(template, [], (node, path) => {
    const at = source.locate(path);
    if (typeof node === 'string') {
      for (const m of node.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g)) {
        if (!own(regulation.parameters, m[1])) problems.push({ code: 'form.unknownParameter', message: `文字中的参数 {{${m[1]}}} 未定义`, location: at });
      }
      return;
    }
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const obj = node as Record<string, unknown>;
    if (Object.hasOwn(obj, '$param') && !own(regulation.parameters, String(obj.$param))) {
      problems.push({ code: 'form.unknownParameter', message: `参数 ${String(obj.$param)} 未定义（rules/parameters/）`, location: source.locate([...path, '$param']) });
    }
    if (typeof obj.$ref === 'string') {
      const name = obj.$ref.replace('common#/definitions/', '');
      if (!obj.$ref.startsWith('common#/definitions/') || !(name in common)) {
        problems.push({ code: 'form.unknownRef', message: `引用 ${obj.$ref} 不存在（应为 common#/definitions/名称，见 forms/common.yaml）`, location: source.locate([...path, '$ref']) });
      }
    }
    for (const key of ['$requirements', '$requirementGroups']) {
      if (Object.hasOwn(obj, key) && !own(regulation.requirements, obj[key])) {
        problems.push({ code: 'form.unknownService', message: `事项 ${String(obj[key])} 没有材料要求（规则文件的 requirements:）；已有：${Object.keys(regulation.requirements).join('、') || '无'}`, location: source.locate([...path, key]) });
      }
    }
    for (const key of ['$choices', '$divisions']) {
      if (!Object.hasOwn(obj, key)) continue;
      const list = (obj[key] as { list?: unknown } | null)?.list;
      if (!own(regulation.vocabulary.lists, list)) {
        problems.push({ code: 'form.unknownList', message: `词汇清单 ${String(list)} 未定义（regulation.yaml vocabulary.lists）；已有：${Object.keys(regulation.vocabulary.lists).join('、')}`, location: source.locate([...path, key]) });
      }
    }
  });
  return problems;
}

function schemaHasPointer(schema: Record<string, any>, pointer: string): boolean {
  let node: Record<string, any> | undefined = schema;
  for (const key of pointerSegments(pointer)) {
    if (key === 'properties') continue;
    node = node?.properties?.[key] ?? (/^\d+$/.test(key) ? node?.items : undefined);
    if (!node) return false;
  }
  return true;
}

/**
 * The generated schemas that compiled (by their text): every check makes a new ajv with the
 * same options and keywords, so a schema that compiled once compiles again; the studio checks
 * the project after each edit, and an edit seldom changes a form (each compile some 30 ms).
 */
const compiledBefore = new Set<string>();
const COMPILED_KEPT = 256;

function compileOnce(ajv: () => ReturnType<typeof createAjv>, schema: object): void {
  const key = JSON.stringify(schema);
  if (compiledBefore.has(key)) return;
  ajv().compile(schema);
  if (compiledBefore.size >= COMPILED_KEPT) compiledBefore.clear();
  compiledBefore.add(key);
}

/** `printKinds`: the pages forms/prints/prints.yaml defines, when known. */
export function checkForms(set: FormSet, regulation: Regulation, date: string, printKinds?: string[]): Problem[] {
  const problems: Problem[] = [];
  const paths = casePaths(regulation.caseSchema);
  const articles = articleIds(regulation);
  let made: ReturnType<typeof createAjv> | undefined;
  const ajv = () => (made ??= addFormKeywords(createAjv()));
  if (set.commonSource) problems.push(...checkTemplate(set.commonSource.data, set.commonSource, regulation, set.common.definitions));
  for (const form of Object.values(set.forms)) {
    const { form: formSource, schema: schemaSource, uischema: uiSource } = form.sources;
    const before = problems.length;
    problems.push(...checkTemplate(form.schemaTemplate, schemaSource, regulation, set.common.definitions));
    if (uiSource) problems.push(...checkTemplate(form.uischemaTemplate, uiSource, regulation, set.common.definitions));
    form.articles.forEach((a, i) => {
      if (!articles.has(a)) problems.push({ code: 'ref.unknownArticle', message: `引用的条款 ${a} 不存在`, location: formSource.locate(['articles', i]) });
    });
    form.prints.forEach((kind, i) => {
      if (printKinds && !printKinds.includes(kind)) problems.push({ code: 'form.unknownPrint', message: `打印件 ${kind} 未定义；可用：${printKinds.join('、')}（forms/prints/prints.yaml）`, location: formSource.locate(['prints', i]) });
    });
    form.decisions.forEach((d, i) => {
      if (!regulation.decisions[d]) problems.push({ code: 'ref.unknownDecision', message: `决定 ${d} 未定义`, location: formSource.locate(['decisions', i]) });
    });
    if (problems.length > before) continue;
    let resolved;
    try {
      resolved = resolveForm(set, form, regulation, date);
      compileOnce(ajv, resolved.schema);
    } catch (e) {
      const code = e instanceof FormTemplateError ? e.code : 'form.schema';
      problems.push({ code, message: `表单 ${form.name} 无法生成：${(e as Error).message}`, location: schemaSource.locate([]) });
      continue;
    }
    form.mapping?.facts.forEach((entry, i) => {
      if (!paths.has(entry.fact)) problems.push({ code: 'ref.unknownFact', message: `案件中没有事实 ${entry.fact}（见 rules/case.schema.yaml）`, location: formSource.locate(['mapping', 'facts', i, 'fact']) });
      if (entry.from && !schemaHasPointer(resolved.schema, entry.from)) {
        problems.push({ code: 'form.unknownField', message: `表单中没有 ${entry.from}`, location: formSource.locate(['mapping', 'facts', i, 'from']) });
      }
    });
    if (form.office) {
      const at = (key: string) => formSource.locate(['office', key]);
      if (!articles.has(form.office.article)) problems.push({ code: 'ref.unknownArticle', message: `引用的条款 ${form.office.article} 不存在`, location: at('article') });
      for (const key of ['county', 'issuedBy'] as const) {
        const fact = form.office[key];
        if (fact !== undefined && !paths.has(fact)) problems.push({ code: 'ref.unknownFact', message: `案件中没有事实 ${fact}（见 rules/case.schema.yaml）`, location: at(key) });
      }
      const table = form.office.successions;
      if (table !== undefined && !own(regulation.parameters, table)) problems.push({ code: 'ref.unknownParameter', message: `参数 ${table} 未定义（区划代码变更表）`, location: at('successions') });
      if (table !== undefined && form.office.county === undefined) problems.push({ code: 'form.officeSuccessions', message: 'successions 只用于比较县（市、区），须与 county 同用', location: at('successions') });
    }
    if (form.mapping && !schemaHasPointer(resolved.schema, form.mapping.asOf)) {
      problems.push({ code: 'form.unknownField', message: `表单中没有 ${form.mapping.asOf}`, location: formSource.locate(['mapping', 'asOf']) });
    }
    for (const [pointer, decision] of Object.entries(form.fromDecision)) {
      const [d, f] = decision.split('.');
      if (!regulation.decisions[d]?.fields[f]) problems.push({ code: 'ref.unknownDecision', message: `决定字段 ${decision} 未定义`, location: formSource.locate(['fromDecision', pointer]) });
      if (!schemaHasPointer(resolved.schema, pointer)) problems.push({ code: 'form.unknownField', message: `表单中没有 ${pointer}`, location: formSource.locate(['fromDecision', pointer]) });
    }
    if (uiSource && resolved.uischema) {
      walk(form.uischemaTemplate, [], (node, path) => {
        const scope = (node as { scope?: unknown } | null)?.scope;
        if (typeof scope !== 'string' || Object.hasOwn(node as object, '$requirementGroups')) return;
        if (!schemaHasPointer(resolved.schema, scope.replace(/^#/, ''))) {
          problems.push({ code: 'form.unknownScope', message: `界面引用的 ${scope} 不在表单 Schema 中`, location: uiSource.locate([...path, 'scope']) });
        }
      });
    }
  }
  return problems;
}
