// A project file's bytes as text, or the reason it cannot be read as UTF-8 (located at the
// first bad byte). A file in another encoding is still listed, so the studio can show it
// with its problem, but it is left out of the project check.
import type { Problem } from '../load/source-file.js';

export interface Decoded { text: string; problem?: Problem }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
function firstBadByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

function located(file: string, bytes: Uint8Array, offset: number, code: string, message: string): Problem {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  return { code, message, location: { file, line: lines.length, column: lines[lines.length - 1]!.length + 1 } };
}

function looksLike(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeFile(file: string, bytes: Uint8Array): Decoded {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && bytes.includes(0) && bytes.indexOf(0) < 64);
  if (utf16) {
    const le = bytes[0] === 0xff || (bytes[0] !== 0xfe && bytes[1] === 0);
    return {
      text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes),
      problem: { code: 'file.encoding', message: '文件是 UTF-16 编码，不是 UTF-8：请在编辑器中另存为 UTF-8（无 BOM）', location: { file, line: 1, column: 1 } },
    };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const bad = firstBadByte(bytes);
    const gbk = looksLike(bytes, 'gb18030');
    const message = gbk !== undefined
      ? '文件不是 UTF-8 编码，看起来是 GBK（中文 Windows 编辑器常用）：请另存为 UTF-8，例如 iconv -f GBK -t UTF-8'
      : '文件不是 UTF-8 编码：请另存为 UTF-8';
    return { text: gbk ?? new TextDecoder('utf-8').decode(bytes), problem: located(file, bytes, Math.max(bad, 0), 'file.encoding', message) };
  }
}
