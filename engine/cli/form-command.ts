// `tiaoli form NAME data.yaml`: validates a counter submission and prints its Chinese
// errors (exit 1), or the decision document for the case it makes (exit 0).
import { readFileSync } from 'node:fs';
import { Decider } from '../evaluate/decider.js';
import { checkCase } from '../case/validate-case.js';
import { isCalendarDate } from '../dates/calendar-date.js';
import { formatProblem, parseSource } from '../load/source-file.js';
import { loadForms } from '../forms/read-forms.js';
import { resolveForm } from '../forms/resolve-form.js';
import { validateForm } from '../forms/validate-form.js';
import { formToCase } from '../forms/map-form.js';
import { getPointer } from '../forms/json-pointer.js';
import { formsDir, loadOrReport } from './rules-dir.js';

export async function formCommand(name: string, file: string, options: { rules?: string; forms?: string; brief?: boolean }): Promise<number> {
  const regulation = loadOrReport(options.rules);
  if (!regulation) return 2;
  const { set, problems } = loadForms(formsDir(options.forms));
  if (problems.length) {
    problems.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`));
    return 2;
  }
  const form = set.forms[name];
  if (!form?.mapping) {
    process.stderr.write(`没有名为 ${name} 的窗口表单；可用：${Object.values(set.forms).filter((f) => f.mapping).map((f) => `${f.name}（${f.title}）`).join('、')}\n`);
    return 1;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`无法读取 ${file}：${(e as Error).message}\n`);
    return 1;
  }
  const source = parseSource(file, text);
  if (source.problems.length) {
    source.problems.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`));
    return 1;
  }
  const accepted = getPointer(source.data, form.mapping.asOf);
  const date = isCalendarDate(accepted) ? accepted : new Date().toISOString().slice(0, 10);
  const resolved = resolveForm(set, form, regulation, date);
  const errors = validateForm(resolved, source.data, source);
  if (errors.length) {
    process.stderr.write(`${form.title}：${errors.length} 处需要更正\n`);
    errors.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`));
    return 1;
  }
  const input = formToCase(form, source.data);
  const checked = checkCase(regulation, input);
  if (!checked.case) {
    checked.problems.forEach((p) => process.stderr.write(`${file}: ${p.message}\n`));
    return 1;
  }
  const doc = await new Decider(regulation).decide(checked.case);
  const shown = options.brief
    ? { ...doc, decisions: Object.fromEntries(Object.entries(doc.decisions).map(([k, { because: _b, ...rest }]) => [k, rest])) }
    : doc;
  process.stdout.write(`${JSON.stringify({ form: name, case: input, ...shown }, null, 2)}\n`);
  return 0;
}
