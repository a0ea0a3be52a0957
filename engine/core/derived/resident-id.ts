// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit order
// code (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
import { isCalendarDate, type CalendarDate } from '../dates/calendar-date.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** Province-level prefixes of GB/T 2260 (the first two digits of any address code). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += WEIGHTS[i] * Number(first17[i]);
  return CHECK_CHARACTERS[sum % 11];
}

/** Why an ID number is not valid, in Chinese; undefined when it is. */
export function residentIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return '公民身份号码应为 18 位字符串';
  if (!/^\d{17}[\dX]$/.test(id)) return '公民身份号码应为 17 位数字加 1 位校验码（数字或大写 X），共 18 位';
  if (!PROVINCES.has(id.slice(0, 2))) return `公民身份号码的地址码 ${id.slice(0, 6)} 不是有效的省级行政区划代码`;
  if (!residentIdBirthDate(id)) return `公民身份号码中的出生日期 ${id.slice(6, 14)} 不是有效日期`;
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) return `公民身份号码校验码错误：应为 ${expected}，实为 ${id[17]}`;
  return undefined;
}

/** The birth date digits 7–14 carry, when they are a real date (YYYYMMDD read as YYYY-MM-DD). */
export function residentIdBirthDate(id: string): CalendarDate | undefined {
  const text = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return isCalendarDate(text) ? text : undefined;
}

export function residentIdSex(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}
