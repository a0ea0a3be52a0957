// Validates form data with the same ajv setup the studio's JSON Forms uses.
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../validation/ajv.js';
import { plainSource, type Problem, type SourceFile } from '../load/source-file.js';
import type { ResolvedForm } from './form-model.js';
import { formProblems } from './form-problems.js';

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

export function formValidator(form: ResolvedForm): ValidateFunction {
  const key = JSON.stringify(form.schema);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(form.schema);
    compiled.set(key, v);
  }
  return v;
}

export function validateForm(form: ResolvedForm, data: unknown, source?: SourceFile): Problem[] {
  const validate = formValidator(form);
  if (validate(data)) return [];
  return formProblems(validate.errors, form.schema, source ?? plainSource(form.name, data));
}
