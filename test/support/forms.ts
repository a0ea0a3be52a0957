import { join } from 'node:path';
import { loadForms } from '../../engine/project/forms/read-forms.js';
import { resolveForm } from '../../engine/project/forms/resolve-form.js';
import { validateForm } from '../../engine/project/forms/validate-form.js';
import type { Regulation } from '../../engine/model/model.js';
import { root } from './regulation.js';

export const formsDir = join(root, 'forms');
export const forms = loadForms(formsDir);

export function resolved(name: string, regulation: Regulation, date = '2019-09-16') {
  return resolveForm(forms.set, forms.set.forms[name], regulation, date);
}

export function errorsOf(name: string, regulation: Regulation, data: Record<string, unknown>) {
  const date = typeof data.acceptedOn === 'string' ? data.acceptedOn : '2019-09-16';
  return validateForm(resolved(name, regulation, date), data).map((p) => p.message);
}
