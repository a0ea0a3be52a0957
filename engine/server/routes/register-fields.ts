// The register's request fields checked before they reach the database: a search's dates
// must be real days (2024-02-31 is none), and no text field may hold a character that is not
// seen but changes what is seen, or a NUL (core/hidden-characters.ts). Each refusal is a 400
// naming the field in Chinese, never a database error.
import { isCalendarDate } from '../../core/dates/calendar-date.js';
import { hiddenIndex, hiddenMessage } from '../../core/hidden-characters.js';
import type { RegisterFilter } from '../../register/register.js';
import { field } from './json-body.js';

/** Each field the register takes from a request, as the clerk knows it. */
export const REGISTER_FIELD_NAMES: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  name: '姓名', idNumber: '公民身份号码', from: '起始日期', to: '截止日期', outcome: '结果', service: '事项', office: '发证单位',
  officeId: '发证单位', operator: '经办人', form: '表单',
}));

export interface FieldRefusal { error: string; field: string }

/** A text field: trimmed, at most 200 characters; undefined when empty or not text; refused when it holds a hidden character. */
export function registerText(body: Record<string, unknown>, name: string): { value?: string; refusal?: FieldRefusal } {
  const v = field(body, name);
  if (typeof v !== 'string') return {}; // not text: no filter (as an empty field)
  const i = hiddenIndex(v);
  if (i >= 0) return { refusal: { error: `${REGISTER_FIELD_NAMES[name] ?? name}（${name}）${hiddenMessage(v[i])}`, field: name } };
  const trimmed = v.trim();
  return trimmed === '' ? {} : { value: trimmed.slice(0, 200) };
}

/** A search's filter, or the first field refused. */
export function searchFilter(body: Record<string, unknown>): { filter?: RegisterFilter; refusal?: FieldRefusal } {
  const filter: RegisterFilter = {};
  for (const name of ['name', 'idNumber', 'from', 'to', 'outcome', 'service', 'office'] as const) {
    const { value, refusal } = registerText(body, name);
    if (refusal) return { refusal };
    if (value === undefined) continue;
    if ((name === 'from' || name === 'to') && !isCalendarDate(value)) {
      return { refusal: { error: `${REGISTER_FIELD_NAMES[name]}（${name}）不是一个真实的日期：${String(value).slice(0, 40)}（要写成 YYYY-MM-DD，如 2024-02-29）`, field: name } };
    }
    filter[name] = value;
  }
  const limit = field(body, 'limit');
  if (typeof limit === 'number') filter.limit = limit;
  return { filter };
}
