// The bytes of a user's file as text. Files must be UTF-8; a file saved in another encoding
// (GBK is what Chinese Windows editors often save, UTF-16 what some "Unicode" options save)
// is refused with the encoding it looks like and how to convert it, at the first bad byte,
// instead of decoding silently to mojibake. A UTF-8 BOM at the start is accepted.
import type { Location, Problem } from './problems.js';
import { hiddenIndex, hiddenMessage } from './hidden-characters.js';

export interface DecodedText { text?: string; problems: Problem[] }

const BOM = '\uFEFF';
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The UTF-8 text of `bytes`, or a problem naming the encoding it looks like. */
export function decodeText(file: string, bytes: Uint8Array): DecodedText {
  const utf16 = utf16Kind(bytes);
  if (utf16) {
    const from = utf16 === 'LE' ? 'UTF-16LE' : 'UTF-16BE';
    return refuse({ file, line: 1, column: 1 }, 'encoding.utf16',
      `文件是 UTF-16 ${utf16} 编码，不是 UTF-8；请在编辑器中另存为 UTF-8，或用 iconv -f ${from} -t UTF-8 原文件 > 新文件 转换`);
  }
  // the platform's decoder refuses exactly what firstInvalidUtf8 finds; that is sought only then, to say where
  const text = strictUtf8(bytes);
  if (text !== undefined) return checkText(file, text.startsWith(BOM) ? text.slice(1) : text);
  const bad = firstInvalidUtf8(bytes) ?? 0;
  const where = locateByte(file, bytes, bad);
  if (looksLikeGb18030(bytes)) {
    return refuse(where, 'encoding.gbk',
      `文件看起来是 GBK/GB18030 编码，不是 UTF-8（第一个无法按 UTF-8 读取的字节在此）；请在编辑器中另存为 UTF-8，或用 iconv -f GBK -t UTF-8 原文件 > 新文件 转换`);
  }
  return refuse(where, 'encoding.notUtf8',
    `文件不是 UTF-8 编码（第一个无法按 UTF-8 读取的字节 0x${bytes[bad].toString(16).padStart(2, '0').toUpperCase()} 在此）；请在编辑器中另存为 UTF-8`);
}

/**
 * Text that is already decoded (stdin, a file from the studio): one BOM at the start is
 * dropped; a BOM further on (left by concatenating files), NUL characters and any other
 * character that is not seen but changes what is seen (hidden-characters.ts) are named.
 */
export function checkText(file: string, input: string): DecodedText {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const bom = text.indexOf(BOM);
  if (bom >= 0) {
    return refuse(locateChar(file, text, bom), 'encoding.strayBom',
      '此处有一个字节顺序标记（BOM，U+FEFF），多半是拼接文件时带进来的；它不可见，但会改变这一行的含义，请删除');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return refuse(locateChar(file, text, nul), 'encoding.nul', '此处有一个 NUL 字节（0x00）：这不是一个文字文件，或文件已损坏');
  }
  if (text.includes('\uFFFD')) {
    return refuse(locateChar(file, text, text.indexOf('\uFFFD')), 'encoding.replacement',
      '此处有替换字符 U+FFFD（�）：输入不是 UTF-8 编码（例如 GBK），或在转换编码时已经损坏；请转换为 UTF-8（如 iconv -f GBK -t UTF-8 原文件 > 新文件）后再读');
  }
  const hidden = hiddenIndex(text);
  if (hidden >= 0) return refuse(locateChar(file, text, hidden), 'text.hiddenCharacter', hiddenMessage(text[hidden]));
  return { text, problems: [] };
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of well-formed UTF-8, or undefined. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

function refuse(location: Location, code: string, message: string): DecodedText {
  return { problems: [{ code, message, location }] };
}

/** UTF-16 by its BOM, or by zero bytes in every other position (ASCII text in UTF-16). */
function utf16Kind(bytes: Uint8Array): 'LE' | 'BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE';
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.4 && evenZeros === 0) return 'LE';
  if (evenZeros >= pairs * 0.4 && oddZeros === 0) return 'BE';
  return undefined;
}

function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    return CJK.test(new TextDecoder('gb18030', { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { i += 1; continue; }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b === 0xe0) { need = 2; min = 0xa0; }
    else if (b >= 0xe1 && b <= 0xef) { need = 2; min = 0x80; if (b === 0xed) max = 0x9f; }
    else if (b === 0xf0) { need = 3; min = 0x90; }
    else if (b >= 0xf1 && b <= 0xf3) { need = 3; min = 0x80; }
    else if (b === 0xf4) { need = 3; min = 0x80; max = 0x8f; }
    else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return undefined;
}

function locateByte(file: string, bytes: Uint8Array, offset: number): Location {
  const before = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, offset));
  return locateChar(file, before, before.length);
}

/** Line and column (in characters, from 1) of a position in a text. */
function locateChar(file: string, text: string, index: number): Location {
  const upTo = text.slice(0, index);
  const lineStart = upTo.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = upTo.indexOf('\n'); i >= 0; i = upTo.indexOf('\n', i + 1)) line += 1;
  return { file, line, column: [...upTo.slice(lineStart)].length + 1 };
}
