// Text that cannot lie: characters that are not seen but change what is seen. A bidi control
// (U+202E, "right-to-left override") in an applicant's name prints the ID number after it
// backwards; a zero-width character makes two names that look the same differ; a control
// character (C0, C1) is no text at all. Every name and free-text field is refused at the
// boundary when it holds one, at its file:line:column or form field, in Chinese.
import type { PathSegment } from './problems.js';

/** Tab, line feed and carriage return are text; every other C0 and C1 control, the bidi and the zero-width characters are not. */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
export const HIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

const NAMES: ReadonlyMap<number, string> = new Map([
  [0x200b, '零宽空格'], [0x200c, '零宽不连字'], [0x200d, '零宽连字'], [0x2060, '零宽不换行符'], [0xfeff, '零宽不换行空格（BOM）'],
  [0x200e, '从左到右标记'], [0x200f, '从右到左标记'], [0x061c, '阿拉伯字母标记'],
  [0x202a, '从左到右嵌入符'], [0x202b, '从右到左嵌入符'], [0x202c, '方向格式结束符'], [0x202d, '从左到右强制符'], [0x202e, '从右到左强制符'],
  [0x2066, '从左到右隔离符'], [0x2067, '从右到左隔离符'], [0x2068, '首强字符隔离符'], [0x2069, '方向隔离结束符'],
]);

/** "U+202E（从右到左强制符）" */
export function describeHidden(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${hex}（${NAMES.get(code) ?? '控制字符'}）`;
}

/** Why such a character is refused, after what it is. */
export function hiddenMessage(char: string): string {
  const code = char.codePointAt(0)!;
  const kind = NAMES.has(code) ? '它看不见，却会改变文字的显示顺序或让两段看似相同的文字不同' : '它不是文字';
  return `含有不可见字符 ${describeHidden(char)}：${kind}；请删去`;
}

/** The index of the first hidden character of a text, or -1. */
export function hiddenIndex(text: string): number {
  const found = HIDDEN_CHARACTER.exec(text);
  return found ? found.index : -1;
}

export interface HiddenFound {
  /** where, in the data: keys and indexes */
  path: PathSegment[];
  /** the key itself holds it, not its value */
  inKey: boolean;
  char: string;
}

/** Nesting checked by recursion; deeper data is walked with a stack (findFirst). */
const RECURSION = 64;

/** Whether any string or key in `data` holds a hidden character: no allocation (every case of `decide --jsonl` is checked). */
function holdsHidden(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return HIDDEN_CHARACTER.test(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth > RECURSION) return findFirst(value) !== undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (holdsHidden(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (HIDDEN_CHARACTER.test(key) || holdsHidden((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * The first string (or key) holding a hidden character, anywhere in `data` (own properties,
 * arrays), or undefined.
 */
export function findHidden(data: unknown): HiddenFound | undefined {
  return holdsHidden(data, 0) ? findFirst(data) : undefined;
}

/** Where the first hidden character is: walked with a stack, not recursion (data may be deep). */
function findFirst(data: unknown): HiddenFound | undefined {
  const stack: Array<[unknown, PathSegment[]]> = [[data, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const i = hiddenIndex(value);
      if (i >= 0) return { path, inKey: false, char: value[i] };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], [...path, i]]);
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (const key of keys) {
        const i = hiddenIndex(key);
        if (i >= 0) return { path: [...path, key], inKey: true, char: key[i] };
      }
      for (let k = keys.length - 1; k >= 0; k -= 1) stack.push([(value as Record<string, unknown>)[keys[k]], [...path, keys[k]]]);
    }
  }
  return undefined;
}

/** A path as a form field is named: facts.person.name, materials[0]. */
export function pathText(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${s}` : s)).join('') || '（整体）';
}
