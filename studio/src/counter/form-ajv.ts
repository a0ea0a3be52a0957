// The one ajv set-up shared with the command line and the server, given to JSON Forms,
// with its error messages in Chinese (ajv-i18n, and tiaoli's own keywords).
import type { ErrorObject } from 'ajv';
import { createAjv } from '../../../engine/core/validation/ajv.js';
import { errorDetail } from '../../../engine/core/validation/error-wording.js';
import { addFormKeywords } from '../../../engine/project/forms/form-keywords.js';

export const formAjv = addFormKeywords(createAjv());

/** JSON Forms' message beside a field: the wording of every other check (error-wording.ts). */
export function translateError(error: ErrorObject): string {
  return errorDetail(error);
}
