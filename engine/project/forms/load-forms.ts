// Builds the forms from forms/: common.yaml and one folder per form (form.yaml,
// schema.yaml, uischema.yaml), given the files' texts; the browser runs it too.
import { parseSource, type Problem, type SourceFile } from '../../core/source-file.js';
import { createAjv, schemaProblems } from '../../core/validation/ajv.js';
import type { FormDefinition, FormSet } from './form-model.js';
import type { ValidateFunction } from 'ajv';

export const formFileSchema = {
  type: 'object',
  required: ['title', 'articles', 'decisions'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1 },
    articles: { type: 'array', items: { type: 'string', pattern: '^[1-9][0-9]*(\\.[1-9][0-9]*){0,2}$' } },
    decisions: { type: 'array', items: { type: 'string' } },
    prints: { type: 'array', items: { type: 'string' } },
    fixtures: { type: 'string', pattern: '^test/cases/[A-Za-z0-9_./-]+$' },
    // where the service is done: a county fact (with a table of code changes) or the issuing body's name
    office: {
      type: 'object',
      required: ['article'],
      additionalProperties: false,
      minProperties: 2,
      properties: {
        article: { type: 'string', pattern: '^[1-9][0-9]*(\\.[1-9][0-9]*){0,2}$' },
        place: { type: 'string', minLength: 1, maxLength: 20 },
        county: { type: 'string', minLength: 1 },
        successions: { type: 'string', minLength: 1 },
        issuedBy: { type: 'string', minLength: 1 },
      },
    },
    fromDecision: { type: 'object', additionalProperties: { type: 'string' } },
    mapping: {
      type: 'object',
      required: ['asOf', 'facts'],
      additionalProperties: false,
      properties: {
        asOf: { type: 'string', pattern: '^/' },
        facts: {
          type: 'array',
          items: {
            type: 'object',
            required: ['fact'],
            additionalProperties: false,
            properties: { fact: { type: 'string' }, from: { type: 'string', pattern: '^/' }, const: {}, values: { type: 'object' }, absent: {} },
            oneOf: [{ required: ['from'] }, { required: ['const'] }],
          },
        },
      },
    },
  },
};
// compiled when a form file is first read, not when this module loads (the studio's first
// page takes its forms built by the server and reads none)
let formFileValidator: ValidateFunction | undefined;
const validFormFile = (): ValidateFunction => (formFileValidator ??= createAjv().compile(formFileSchema));

export interface FormLoad {
  set: FormSet;
  problems: Problem[];
}

/** `files`: path relative to forms/ → text. */
export function buildForms(files: Map<string, string>, dir = 'forms', shownAs = 'forms'): FormLoad {
  const problems: Problem[] = [];
  const show = (file: string): string => (shownAs ? `${shownAs}/${file}` : file);
  const read = (file: string): SourceFile | undefined => {
    const text = files.get(file);
    if (text === undefined) return undefined;
    const source = parseSource(show(file), text);
    problems.push(...source.problems);
    return source;
  };
  const commonSource = read('common.yaml');
  const common = ((commonSource?.data as { definitions?: Record<string, unknown> } | undefined) ?? { definitions: {} }) as FormSet['common'];
  common.definitions ??= {};
  const forms: Record<string, FormDefinition> = {};
  // A folder is a form when it has a form.yaml or a schema.yaml (prints/ holds page templates).
  const names = [...new Set([...files.keys()].filter((f) => /^[^/]+\/(form|schema)\.yaml$/.test(f)).map((f) => f.split('/')[0]))].sort();
  for (const name of names) {
    const form = read(`${name}/form.yaml`);
    const schema = read(`${name}/schema.yaml`);
    const uischema = read(`${name}/uischema.yaml`);
    if (!form || !schema) {
      problems.push({ code: 'form.incomplete', message: `表单 ${name} 缺少 form.yaml 或 schema.yaml`, location: { file: show(name), line: 1, column: 1 } });
      continue;
    }
    if (form.data === undefined || schema.data === undefined) continue;
    const validateFormFile = validFormFile();
    if (!validateFormFile(form.data)) {
      problems.push(...schemaProblems(validateFormFile.errors, form));
      continue;
    }
    const spec = form.data as Record<string, any>;
    forms[name] = {
      name, title: spec.title, articles: spec.articles, decisions: spec.decisions, prints: spec.prints ?? [], fixtures: spec.fixtures,
      office: spec.office,
      mapping: spec.mapping, fromDecision: spec.fromDecision ?? {},
      schemaTemplate: schema.data, uischemaTemplate: uischema?.data,
      sources: { form, schema, uischema },
    };
  }
  return { set: { dir, common, forms, commonSource }, problems };
}
