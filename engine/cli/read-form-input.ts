// A counter form's data, read from a file and turned into a case (`tiaoli form`, `tiaoli
// print --form`). Apart from read-input.ts so that `decide` loads no forms.
import { checkCase, type CaseFile } from '../model/case/validate-case.js';
import { isCalendarDate } from '../core/dates/calendar-date.js';
import { formatProblem, parseSource } from '../core/source-file.js';
import { loadForms } from '../project/forms/read-forms.js';
import { resolveForm } from '../project/forms/resolve-form.js';
import { validateForm } from '../project/forms/validate-form.js';
import { formToCase } from '../project/forms/map-form.js';
import { getPointer } from '../core/json-pointer.js';
import type { Regulation } from '../model/model.js';
import { formsDir, type ProjectOptions } from './rules-dir.js';
import { chinaToday } from '../core/dates/china-today.js';
import { readInput, say } from './read-input.js';

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

