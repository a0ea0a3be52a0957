// The one ajv set-up shared with the command line and the server, given to JSON Forms,
// with its error messages in Chinese (ajv-i18n, and tiaoli's own keywords).
import type { ErrorObject } from 'ajv';
import { createAjv, localizeZh, OWN_KEYWORDS } from '../../../engine/validation/ajv.js';

export const formAjv = createAjv();

export function translateError(error: ErrorObject): string {
  if (OWN_KEYWORDS.has(error.keyword)) return error.message ?? '';
  if (error.keyword === 'required') return '必填';
  if (error.keyword === 'type' && error.params.type === 'integer') return '应为整数';
  const copy = { ...error };
  localizeZh([copy]);
  return copy.message ?? '';
}
