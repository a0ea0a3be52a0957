// The one ajv set-up shared with the command line and the server, given to JSON Forms,
// with its error messages in the interface's language: Chinese as every other check words
// them (error-wording.ts), English as their twin here (ajv-i18n's `en` for ajv's own words).
import type { ErrorObject } from 'ajv';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import { createAjv } from '../../../engine/core/validation/ajv.js';
import { addFormKeywords } from '../../../engine/project/forms/form-keywords.js';
import { errorDetail, errorPath, OWN_KEYWORDS, wordErrors } from '../../../engine/core/validation/error-wording.js';
import { titlesAlong } from '../../../engine/project/forms/form-problems.js';
import type { ResolvedForm } from '../../../engine/project/forms/form-model.js';
import type { Language } from '../shared/i18n.js';

export const formAjv = addFormKeywords(createAjv());

const localizeEn = ((localizeEnModule as unknown as { default?: unknown }).default ?? localizeEnModule) as (errors: ErrorObject[]) => void;

const TYPE_NAMES: Readonly<Record<string, string>> = { integer: 'a whole number', number: 'a number', string: 'text', boolean: 'yes or no', object: 'a group of fields', array: 'a list', null: 'empty' };

/** tiaoli's own keywords say what is wrong in Chinese; their English, by the same facts. */
function ownKeywordEn(e: ErrorObject): string {
  const m = e.message ?? '';
  let x: RegExpExecArray | null;
  switch (e.keyword) {
    case 'calendarDate':
      if ((x = /^日期 (.+) 超出可处理的范围（(\d+)–(\d+) 年）$/.exec(m))) return `the date ${x[1]} is outside the years that can be handled (${x[2]}–${x[3]})`;
      return 'must be a real date, as YYYY-MM-DD (e.g. 2019-07-10)';
    case 'residentId':
      if ((x = /校验码错误：应为 (\S+)，实为 (\S+)$/.exec(m))) return `wrong check character: should be ${x[1]}, is ${x[2]}`;
      if ((x = /地址码 (\d+) /.exec(m))) return `the address code ${x[1]} is not a valid province code`;
      if ((x = /出生日期 (\d+) /.exec(m))) return `the date of birth ${x[1]} is not a real date`;
      if (/17 位数字/.test(m)) return 'must be 17 digits and a check character (a digit or a capital X), 18 in all';
      return 'must be an 18-character citizen ID number';
    case 'visibleText':
      return `contains the invisible character ${String((e.params as { char?: unknown }).char ?? '')}, which changes how the text reads: remove it`;
    case 'notAfter':
    case 'notBefore': {
      const other = /（([^）]+)）$/.exec(m)?.[1] ?? '';
      const field = String((e.params as { field?: unknown }).field ?? '');
      return `must be ${e.keyword === 'notAfter' ? 'no later than' : 'no earlier than'} ${field}${other ? ` (${other})` : ''}`;
    }
  }
  return m;
}

/** What is wrong, in English, without naming the field: the twin of errorDetail. */
export function errorDetailEn(e: ErrorObject): string {
  if (OWN_KEYWORDS.has(e.keyword)) return ownKeywordEn(e);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return 'required';
    case 'additionalProperties': return 'no such field here (misspelt, or it belongs elsewhere): remove or correct it';
    case 'type': return `must be ${String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    case 'enum': return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'oneOf': {
      const options = ((e.parentSchema as { oneOf?: Array<{ const?: unknown }> } | undefined)?.oneOf ?? []).filter((o) => o && typeof o === 'object' && Object.hasOwn(o, 'const'));
      if (options.length) return `must be one of: ${options.map((o) => String(o.const)).join(', ')}`;
      break;
    }
    case 'minimum': return `must not be less than ${String(p.limit)}`;
    case 'maximum': return `must not be more than ${String(p.limit)}`;
    case 'minLength': return p.limit === 1 ? 'must not be empty' : `at least ${String(p.limit)} characters`;
    case 'maxLength': return `at most ${String(p.limit)} characters`;
    case 'pattern':
    case 'format': return 'not in the right format';
  }
  const copy = { ...e };
  localizeEn([copy]);
  return copy.message ?? e.keyword;
}

/** JSON Forms' message beside a field: the wording of every other check (error-wording.ts). */
export function translateError(error: ErrorObject): string {
  return errorDetail(error);
}

/** JSON Forms' message beside a field, in the interface's language. */
export function translateErrorIn(error: ErrorObject, language: Language): string {
  return language === 'en' ? errorDetailEn(error) : errorDetail(error);
}

/**
 * The form's problems as the decision panel lists them: the field's titles (the form's own
 * words, Chinese), its path, and what is wrong in the interface's language. The Chinese
 * wording is validateForm's (the CLI's and the server's).
 */
export function formProblemsIn(form: ResolvedForm, data: unknown, language: Language): Array<{ field: string; path: string; detail: string }> {
  let validate;
  try {
    // the validator JSON Forms compiled for this schema (one ajv, each content compiled once)
    validate = formAjv.compile(form.schema);
  } catch (e) {
    return [{ field: form.name, path: '', detail: (e as Error).message }];
  }
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  return wordErrors(errors).map((w) => {
    const original = errors.find((e) => e.keyword === w.keyword && JSON.stringify(errorPath(e)) === JSON.stringify(w.path));
    return {
      field: titlesAlong(form.schema, w.path).join(' › '),
      path: w.path.join('.'),
      detail: language === 'en' && original ? errorDetailEn(original) : w.detail,
    };
  });
}
