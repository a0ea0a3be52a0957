// A cases.jsonl picked in the studio (e.g. from `tiaoli population`): one case a line, each
// checked against the case schema. A bad line is named (第 N 行) and skipped; the rest load.
// Anything in the file may be hostile: size, encoding, nesting, names. The studio reads a file
// in parts, one a worker (split at line ends: `filePart`), and numbers the lines after.
import { checkCase } from '../../../engine/model/case/validate-case.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import type { Regulation } from '../../../engine/model/model.js';
import { MAX_POPULATION } from '../../../engine/project/population/population-schema.js';

/** Longest line read: a case is a few hundred characters. */
export const MAX_LINE_CHARS = 100_000;
/** Largest file loaded (checked before reading it). */
export const MAX_CASE_FILE_BYTES = 512 * 1024 * 1024;
export const SHOWN_PROBLEMS = 20;

export const tooLarge = (name: string, bytes: number): string => `${name}：文件过大（${Math.round(bytes / 1048576)} MB），最多 ${MAX_CASE_FILE_BYTES / 1048576} MB`;
export const notUtf8 = (name: string): string => `${name}：不是 UTF-8 文本（每行应为一个 JSON 案件，如 tiaoli population 的输出）`;
export const noCases = (name: string): string => `${name}：文件中没有案件`;
export const lineProblem = (name: string, line: number, message: string): string => `${name}：第 ${line} 行：${message}`;
export const moreProblems = (name: string, more: number): string => `${name}：另有 ${more} 行有错误未列出`;
export const notLoadedFrom = (name: string, line: number): string => `${name}：第 ${line} 行起未载入：最多 ${MAX_POPULATION} 个案件`;
const casesNotLoaded = (name: string, index: number): string => `${name}：第 ${index} 个案件起未载入：最多 ${MAX_POPULATION} 个案件`;

/** One part of a file read: its cases, its first bad lines (numbered within the part), how many lines. */
export interface LinesRead {
  cases: CaseInput[];
  /** the first SHOWN_PROBLEMS bad lines, numbered from 1 within this part */
  problems: Array<{ line: number; message: string }>;
  /** bad lines in all */
  bad: number;
  /** lines in the part (the next part's first line is this + 1) */
  lines: number;
  /** the line (within the part) from which nothing was read: MAX_POPULATION reached */
  stoppedAt?: number;
  /** the part is not UTF-8 text: nothing of it read */
  notUtf8?: boolean;
}

/** Reads the lines of one part; at most `limit` cases. */
export function readCaseLines(bytes: ArrayBuffer, regulation: Regulation, limit = MAX_POPULATION): LinesRead {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { cases: [], problems: [], bad: 0, lines: 0, notUtf8: true };
  }
  const read: LinesRead = { cases: [], problems: [], bad: 0, lines: 0 };
  const refuse = (n: number, message: string): void => {
    read.bad += 1;
    if (read.problems.length < SHOWN_PROBLEMS) read.problems.push({ line: n, message });
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const n = (read.lines += 1);
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    if (read.cases.length >= limit) {
      read.stoppedAt = n;
      break;
    }
    if (line.length > MAX_LINE_CHARS) {
      refuse(n, `这一行过长（${line.length} 字符），一个案件最多 ${MAX_LINE_CHARS} 字符`);
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      refuse(n, e instanceof RangeError ? '嵌套过深，拒绝读取' : `不是有效的 JSON：${(e as Error).message}`);
      continue;
    }
    try {
      const checked = checkCase(regulation, data);
      if (checked.case) read.cases.push(checked.case);
      else refuse(n, checked.problems.slice(0, 3).map((p) => p.message).join('；'));
    } catch (e) {
      refuse(n, `案件无法检查：${(e as Error).message}`);
    }
  }
  return read;
}

/**
 * The parts of a file read one after another, as one file: lines numbered through, the first
 * SHOWN_PROBLEMS bad lines named, at most MAX_POPULATION cases (`keep[i]`: cases kept of part i).
 */
export function joinParts(name: string, parts: Array<Omit<LinesRead, 'cases'> & { count: number }>): { problems: string[]; keep: number[]; count: number } {
  if (parts.some((p) => p.notUtf8)) return { problems: [notUtf8(name)], keep: parts.map(() => 0), count: 0 };
  const problems: string[] = [];
  const keep: number[] = [];
  let before = 0;
  let count = 0;
  let bad = 0;
  let stopped: string | undefined;
  for (const part of parts) {
    if (stopped !== undefined) {
      keep.push(0);
      continue;
    }
    for (const p of part.problems) if (problems.length < SHOWN_PROBLEMS) problems.push(lineProblem(name, before + p.line, p.message));
    bad += part.bad;
    const room = MAX_POPULATION - count;
    keep.push(Math.min(room, part.count));
    count += Math.min(room, part.count);
    if (part.count > room) stopped = casesNotLoaded(name, count + 1);
    else if (part.stoppedAt !== undefined) stopped = notLoadedFrom(name, before + part.stoppedAt);
    before += part.lines;
  }
  if (stopped !== undefined) problems.push(stopped);
  if (bad > SHOWN_PROBLEMS) problems.push(moreProblems(name, bad - SHOWN_PROBLEMS));
  if (!count && !problems.length) problems.push(noCases(name));
  return { problems, keep, count };
}

/** A whole file read at once (the command line's way, and the tests'). */
export function parseCaseLines(name: string, bytes: ArrayBuffer, regulation: Regulation): { cases: CaseInput[]; problems: string[] } {
  if (bytes.byteLength > MAX_CASE_FILE_BYTES) return { cases: [], problems: [tooLarge(name, bytes.byteLength)] };
  const read = readCaseLines(bytes, regulation);
  const joined = joinParts(name, [{ ...read, count: read.cases.length }]);
  return { cases: read.cases.slice(0, joined.count), problems: joined.problems };
}

const WINDOW = 65_536;

/**
 * Where the first line starting at or after byte `at` of a file begins (its size if none): the
 * workers each read one part of a file, from one such place to the next, with no byte read by
 * two and no line cut (UTF-8 never has a newline byte inside a character).
 */
export async function lineStart(file: Blob, at: number): Promise<number> {
  if (at <= 0) return 0;
  for (let from = at - 1; from < file.size; from += WINDOW) {
    const window = new Uint8Array(await file.slice(from, Math.min(file.size, from + WINDOW)).arrayBuffer());
    const newline = window.indexOf(10);
    if (newline >= 0) return from + newline + 1;
  }
  return file.size;
}

/** The part of a file that worker `index` of `of` reads. */
export async function filePart(file: Blob, index: number, of: number): Promise<ArrayBuffer> {
  const from = await lineStart(file, Math.floor((file.size * index) / of));
  const to = index === of - 1 ? file.size : await lineStart(file, Math.floor((file.size * (index + 1)) / of));
  return file.slice(from, Math.max(from, to)).arrayBuffer();
}
