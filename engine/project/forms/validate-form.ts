// Validates form data with the same ajv setup the studio's JSON Forms uses. Every object of
// the form schemas is closed (additionalProperties: false), so a key the form does not
// have is named in Chinese, not silently dropped.
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../../core/validation/ajv.js';
import { plainSource, type Problem, type SourceFile } from '../../core/source-file.js';
import type { ResolvedForm } from './form-model.js';
import { formProblems } from './form-problems.js';
import { addFormKeywords } from './form-keywords.js';

// createAjv compiles each schema content once and keeps a bounded number of them.
const ajv = addFormKeywords(createAjv());

export function formValidator(form: ResolvedForm): ValidateFunction {
  return ajv.compile(form.schema);
}

export function validateForm(form: ResolvedForm, data: unknown, source?: SourceFile): Problem[] {
  let validate: ValidateFunction;
  try {
    validate = formValidator(form);
  } catch (e) {
    // e.g. a pattern RE2 cannot run, saved into a form schema: lint names it; here, no crash
    return [{ code: 'form.schema', message: `表单 ${form.name} 的 Schema 无效，无法检查：${(e as Error).message}`, location: (source ?? plainSource(form.name, data)).locate([]) }];
  }
  if (validate(data)) return [];
  return formProblems(validate.errors, form.schema, source ?? plainSource(form.name, data));
}
