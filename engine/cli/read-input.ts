// Reading what a command is given: a file, one line of `decide --jsonl`, a case file.
// (A counter form's data turned into a case: read-form-input.ts.)
import { readFileSync } from 'node:fs';
import { NotPlainFile, readPlainFile } from '../model/read-plain-file.js';
import { parseCase, type CaseFile } from '../model/case/validate-case.js';
import { formatProblem } from '../core/source-file.js';
import { checkText } from '../core/decode-text.js';
import { HIDDEN_CHARACTER } from '../core/hidden-characters.js';

/** A character checkText refuses or drops: the hidden ones (NUL and the BOM among them) and U+FFFD. */
const SUSPECT = new RegExp(`${HIDDEN_CHARACTER.source.slice(0, -1)}\\uFFFD]`);
import type { Regulation } from '../model/model.js';

export const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * The file's bytes (`-` is standard input), or undefined after saying why it cannot be
 * read. They are decoded by parseSource, which names a file that is not UTF-8.
 */
export function readInput(file: string): Uint8Array | undefined {
  try {
    // a FIFO or a device would hold the command for ever: only a plain file is read (standard input as it is)
    return file === '-' ? readFileSync(0) : readPlainFile(file);
  } catch (e) {
    if (e instanceof NotPlainFile) {
      say(e.message);
      return undefined;
    }
    const { code } = e as NodeJS.ErrnoException;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : code === 'EACCES' ? '没有读取权限' : (e as Error).message;
    say(`无法读取 ${file}：${why}`);
    return undefined;
  }
}

/**
 * One line of `decide --jsonl` as a JSON value. A BOM at the start (an editor's, or the
 * start of the stream) is dropped; a stray BOM, a NUL or bytes that were not UTF-8 (read
 * as U+FFFD) are named with their column. JSON syntax errors stay SyntaxErrors.
 */
export function parseJsonLine(line: string): unknown {
  // one scan for anything checkText would look at (a NUL is among the hidden characters, so is a BOM); a plain line is parsed at once
  if (!SUSPECT.test(line)) return JSON.parse(line);
  const checked = checkText('', line);
  if (checked.text === undefined) {
    const [p] = checked.problems;
    throw new Error(`第 ${p.location.column} 列：${p.message}`);
  }
  return JSON.parse(checked.text);
}

/** A case file, checked; undefined after printing its problems as file:line:column. */
export function readCaseFile(regulation: Regulation, file: string): CaseFile | undefined {
  const bytes = readInput(file);
  if (bytes === undefined) return undefined;
  const parsed = parseCase(regulation, bytes, file);
  parsed.problems.forEach((p) => say(formatProblem(p)));
  return parsed.case;
}
