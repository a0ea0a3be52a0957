// A project file's bytes as text for the studio, with the reason it cannot be read as
// UTF-8 (decode-text.ts: the encoding it looks like, at the first bad byte). A file in
// another encoding is still listed, shown as well as it can be decoded, so the studio can
// show it with its problem; it is left out of the project check.
import type { Problem } from '../core/source-file.js';
import { decodeText } from '../core/decode-text.js';

export interface Decoded { text: string; problem?: Problem }

function lossy(bytes: Uint8Array, code: string): string {
  if (code === 'encoding.utf16') {
    const le = !(bytes[0] === 0xfe && bytes[1] === 0xff) && (bytes[0] === 0xff || bytes[1] === 0);
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  return new TextDecoder(code === 'encoding.gbk' ? 'gb18030' : 'utf-8').decode(bytes);
}

export function decodeFile(file: string, bytes: Uint8Array): Decoded {
  const decoded = decodeText(file, bytes);
  if (decoded.text !== undefined && !decoded.problems.length) return { text: decoded.text };
  const problem = decoded.problems[0];
  return { text: decoded.text ?? lossy(bytes, problem.code), problem };
}
