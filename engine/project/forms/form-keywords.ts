// Keywords of the counter forms' schemas that look at two fields at once:
//   residentIdAgrees: { birthDate: NAME, sex: NAME, sexCodes: { CODE: male|female } }
//       on an ID number: the birth date and sex entered elsewhere in the form agree with
//       what the number says (GB 11643: digits 7–14 the birth date, the 17th odd for men)
//   divisionOf: { field: NAME, label, table?: [{ code }], successions?: [{ former, successor }] }
//       on a division code: it lies inside the division of another field (its code is a
//       prefix of this one; a former code of `successions` stands for its successor), and,
//       with `table`, is one of the table's codes
// NAME is another field of the same object (the ID number's person, the code's place), so
// one definition serves 申领人, 持证人 and 登记人 alike. Each keyword is quiet when either value is
// missing or malformed: `pattern`, `residentId` and `calendarDate` report those.
import type Ajv from 'ajv';
import type { ErrorObject, FuncKeywordDefinition } from 'ajv';
import { residentIdBirthDate, residentIdProblem, residentIdSex } from '../../core/derived/resident-id.js';
import { isCalendarDate } from '../../core/dates/calendar-date.js';
import { markExtended } from '../../core/validation/ajv.js';
import { describeHidden, hiddenIndex, hiddenMessage } from '../../core/hidden-characters.js';

type Validate = ((schema: any, data: unknown, parent?: unknown, cxt?: { parentData?: unknown }) => boolean) & { errors: Array<Partial<ErrorObject>> };

/** Another field of the same object, own properties only. */
function at(parent: unknown, name: unknown): unknown {
  if (typeof name !== 'string' || !parent || typeof parent !== 'object' || !Object.hasOwn(parent, name)) return undefined;
  return (parent as Record<string, unknown>)[name];
}

const SEX_WORDS: Record<string, string> = { male: '男', female: '女' };

function residentIdAgrees(): FuncKeywordDefinition {
  const validate: Validate = Object.assign((spec: any, data: unknown, _parent?: unknown, cxt?: { parentData?: unknown }): boolean => {
    if (typeof data !== 'string' || residentIdProblem(data) !== undefined) return true;
    const problems: string[] = [];
    const birthDate = at(cxt?.parentData, spec?.birthDate);
    const stated = residentIdBirthDate(data);
    if (isCalendarDate(birthDate) && stated && birthDate !== stated) {
      problems.push(`号码所载出生日期为 ${stated}，与所填的出生日期 ${birthDate} 不符`);
    }
    const sexCode = at(cxt?.parentData, spec?.sex);
    const codes = spec?.sexCodes && typeof spec.sexCodes === 'object' ? spec.sexCodes as Record<string, unknown> : {};
    if (typeof sexCode === 'string' && Object.hasOwn(codes, sexCode)) {
      const entered = codes[sexCode];
      const derived = residentIdSex(data);
      if (entered !== derived) {
        problems.push(`号码第 17 位 ${data[16]} 为${derived === 'male' ? '奇数，所载性别为男' : '偶数，所载性别为女'}，与所填的性别（${SEX_WORDS[String(entered)] ?? String(entered)}）不符`);
      }
    }
    if (!problems.length) return true;
    validate.errors = [{ keyword: 'residentIdAgrees', message: `${problems.join('；')}（请核对身份证件）`, params: {} }];
    return false;
  }, { errors: [] as Array<Partial<ErrorObject>> });
  return { keyword: 'residentIdAgrees', schemaType: 'object', errors: true, validate: validate as FuncKeywordDefinition['validate'] };
}

function divisionOf(): FuncKeywordDefinition {
  const validate: Validate = Object.assign((spec: any, data: unknown, _parent?: unknown, cxt?: { parentData?: unknown }): boolean => {
    if (typeof data !== 'string' || !/^[0-9]{7,12}$/.test(data)) return true;
    const fail = (message: string): boolean => {
      validate.errors = [{ keyword: 'divisionOf', message, params: {} }];
      return false;
    };
    const parent = at(cxt?.parentData, spec?.field);
    const label = typeof spec?.label === 'string' ? spec.label : String(spec?.field);
    if (typeof parent === 'string' && /^[0-9]+$/.test(parent)) {
      const successors = new Set([parent]);
      for (const row of Array.isArray(spec?.successions) ? spec.successions : []) {
        if (row && typeof row === 'object' && row.former === parent && typeof row.successor === 'string') successors.add(row.successor);
      }
      if (![...successors].some((code) => data.startsWith(code))) {
        return fail(`代码 ${data} 不属于所填的${label}（${parent}）：其前 ${parent.length} 位应为 ${[...successors].join(' 或 ')}`);
      }
    }
    if (Array.isArray(spec?.table) && !spec.table.some((row: unknown) => row && typeof row === 'object' && (row as { code?: unknown }).code === data)) {
      return fail(`代码 ${data} 不在乡镇、街道代码表中，请从列表中选择`);
    }
    return true;
  }, { errors: [] as Array<Partial<ErrorObject>> });
  return { keyword: 'divisionOf', schemaType: 'object', errors: true, validate: validate as FuncKeywordDefinition['validate'] };
}

/**
 * visibleText: true, on every text field of a resolved form (resolve-form.ts): no bidi
 * control, zero-width or control character (core/hidden-characters.ts), which would make the
 * printed name or address read otherwise than it was entered.
 */
function visibleText(): FuncKeywordDefinition {
  const validate: Validate = Object.assign((_spec: unknown, data: unknown): boolean => {
    if (typeof data !== 'string') return true;
    const i = hiddenIndex(data);
    if (i < 0) return true;
    validate.errors = [{ keyword: 'visibleText', message: hiddenMessage(data[i]), params: { char: describeHidden(data[i]) } }];
    return false;
  }, { errors: [] as Array<Partial<ErrorObject>> });
  return { keyword: 'visibleText', schemaType: 'boolean', errors: true, validate: validate as FuncKeywordDefinition['validate'] };
}

/** The same schema with visibleText on every node that admits text. */
export function withVisibleText(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withVisibleText);
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, withVisibleText(v)]));
  const type = (schema as { type?: unknown }).type;
  if (type === 'string' || (Array.isArray(type) && type.includes('string'))) node.visibleText = true;
  return node;
}

const added = new WeakSet<object>();

/** Adds the counter forms' keywords to an ajv (once per instance). */
export function addFormKeywords(ajv: Ajv.default): Ajv.default {
  if (added.has(ajv)) return ajv;
  added.add(ajv);
  ajv.addKeyword(residentIdAgrees());
  ajv.addKeyword(divisionOf());
  ajv.addKeyword(visibleText());
  // validators generated at build time know only createAjv's keywords, not these
  return markExtended(ajv);
}
