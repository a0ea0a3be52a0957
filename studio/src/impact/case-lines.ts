// A cases.jsonl picked in the studio (e.g. from `tiaoli population`): one case a line, each
// checked against the case schema. A bad line is named (第 N 行) and skipped; the rest load.
// Anything in the file may be hostile: size, encoding, nesting, names.
import { checkCase } from '../../../engine/model/case/validate-case.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import type { Regulation } from '../../../engine/model/model.js';
import { MAX_POPULATION } from '../../../engine/project/population/population-schema.js';

/** Longest line read: a case is a few hundred characters. */
export const MAX_LINE_CHARS = 100_000;
/** Largest file loaded (checked before reading it). */
export const MAX_CASE_FILE_BYTES = 512 * 1024 * 1024;
const SHOWN_PROBLEMS = 20;

export function parseCaseLines(name: string, bytes: ArrayBuffer, regulation: Regulation): { cases: CaseInput[]; problems: string[] } {
  if (bytes.byteLength > MAX_CASE_FILE_BYTES) return { cases: [], problems: [`${name}：文件过大（${Math.round(bytes.byteLength / 1048576)} MB），最多 ${MAX_CASE_FILE_BYTES / 1048576} MB`] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { cases: [], problems: [`${name}：不是 UTF-8 文本（每行应为一个 JSON 案件，如 tiaoli population 的输出）`] };
  }
  const cases: CaseInput[] = [];
  const problems: string[] = [];
  let bad = 0;
  const refuse = (n: number, message: string): void => {
    bad += 1;
    if (problems.length < SHOWN_PROBLEMS) problems.push(`${name}：第 ${n} 行：${message}`);
  };
  let n = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    n += 1;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    if (cases.length >= MAX_POPULATION) {
      problems.push(`${name}：第 ${n} 行起未载入：最多 ${MAX_POPULATION} 个案件`);
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
      if (checked.case) cases.push(checked.case);
      else refuse(n, checked.problems.slice(0, 3).map((p) => p.message).join('；'));
    } catch (e) {
      refuse(n, `案件无法检查：${(e as Error).message}`);
    }
  }
  if (bad > SHOWN_PROBLEMS) problems.push(`${name}：另有 ${bad - SHOWN_PROBLEMS} 行有错误未列出`);
  if (!cases.length && !problems.length) problems.push(`${name}：文件中没有案件`);
  return { cases, problems };
}
