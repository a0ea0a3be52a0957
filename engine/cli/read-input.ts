// Reading what a command is given: a file, a counter form's data turned into a case.
import { readFileSync } from 'node:fs';
import { checkCase, parseCase, type CaseFile } from '../model/case/validate-case.js';
import { isCalendarDate } from '../core/dates/calendar-date.js';
import { formatProblem, parseSource } from '../core/source-file.js';
import { checkText } from '../core/decode-text.js';
import { loadForms } from '../project/forms/read-forms.js';
import { resolveForm } from '../project/forms/resolve-form.js';
import { validateForm } from '../project/forms/validate-form.js';
import { formToCase } from '../project/forms/map-form.js';
import { getPointer } from '../core/json-pointer.js';
import type { Regulation } from '../model/model.js';
import { formsDir, type ProjectOptions } from './rules-dir.js';
import { chinaToday } from '../core/dates/china-today.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * The file's bytes (`-` is standard input), or undefined after saying why it cannot be
 * read. They are decoded by parseSource, which names a file that is not UTF-8.
 */
export function readInput(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (e) {
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

/**
 * The case a counter form's data makes: the form checked as the studio checks it, then
 * mapped to facts. Undefined after printing every correction needed, in Chinese.
 */
export function readFormFile(regulation: Regulation, name: string, file: string, project: ProjectOptions = {}): CaseFile | undefined {
  const { set, problems } = loadForms(formsDir(project));
  problems.forEach((p) => say(formatProblem(p)));
  const form = Object.hasOwn(set.forms, name) ? set.forms[name] : undefined;
  if (problems.length) return undefined;
  if (!form?.mapping) {
    say(`没有名为 ${name} 的窗口表单；可用：${Object.values(set.forms).filter((f) => f.mapping).map((f) => `${f.name}（${f.title}）`).join('、')}`);
    return undefined;
  }
  const bytes = readInput(file);
  if (bytes === undefined) return undefined;
  const source = parseSource(file, bytes);
  if (source.problems.length) {
    source.problems.forEach((p) => say(formatProblem(p)));
    return undefined;
  }
  const accepted = getPointer(source.data, form.mapping.asOf);
  const resolved = resolveForm(set, form, regulation, isCalendarDate(accepted) ? accepted : chinaToday());
  const errors = validateForm(resolved, source.data, source);
  if (errors.length) {
    say(`${form.title}：${errors.length} 处需要更正`);
    errors.forEach((p) => say(formatProblem(p)));
    return undefined;
  }
  const checked = checkCase(regulation, formToCase(form, source.data));
  checked.problems.forEach((p) => say(`${file}: ${p.message}`));
  return checked.case;
}

