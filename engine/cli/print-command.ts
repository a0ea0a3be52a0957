// `tiaoli print KIND case.yaml > out.html`: the page an applicant is handed, for a case
// file, or for a counter form's data with --form NAME.
import { readFileSync } from 'node:fs';
import { Decider, type CaseInput } from '../evaluate/decider.js';
import { checkCase, parseCase } from '../case/validate-case.js';
import { isCalendarDate } from '../dates/calendar-date.js';
import { formatProblem, parseSource } from '../load/source-file.js';
import { loadForms } from '../forms/read-forms.js';
import { resolveForm } from '../forms/resolve-form.js';
import { validateForm } from '../forms/validate-form.js';
import { formToCase } from '../forms/map-form.js';
import { getPointer } from '../forms/json-pointer.js';
import { NothingToPrint, renderPrint } from '../print/render-print.js';
import { loadPrintTemplates } from '../print/read-prints.js';
import { formsDir, loadOrReport } from './rules-dir.js';

export async function printCommand(kind: string, file: string, options: { rules?: string; forms?: string; form?: string }): Promise<number> {
  const templates = loadPrintTemplates(formsDir(options.forms));
  if (!templates.kinds[kind]) {
    process.stderr.write(`没有 ${kind} 这种打印件；可用：${Object.entries(templates.kinds).map(([k, v]) => `${k}（${v.label}）`).join('、')}\n`);
    return 1;
  }
  const regulation = loadOrReport(options.rules);
  if (!regulation) return 2;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`无法读取 ${file}：${(e as Error).message}\n`);
    return 1;
  }
  let input: CaseInput | undefined;
  if (options.form) {
    const { set } = loadForms(formsDir(options.forms));
    const form = set.forms[options.form];
    const source = parseSource(file, text);
    if (!form?.mapping || source.problems.length) {
      process.stderr.write(form ? source.problems.map(formatProblem).join('\n') + '\n' : `没有名为 ${options.form} 的窗口表单\n`);
      return 1;
    }
    const accepted = getPointer(source.data, form.mapping.asOf);
    const resolved = resolveForm(set, form, regulation, isCalendarDate(accepted) ? accepted : new Date().toISOString().slice(0, 10));
    const errors = validateForm(resolved, source.data, source);
    if (errors.length) {
      errors.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`));
      return 1;
    }
    const checked = checkCase(regulation, formToCase(form, source.data));
    input = checked.case;
    if (!input) checked.problems.forEach((p) => process.stderr.write(`${file}: ${p.message}\n`));
  } else {
    const parsed = parseCase(regulation, text, file);
    input = parsed.case;
    parsed.problems.forEach((p) => process.stderr.write(`${formatProblem(p)}\n`));
  }
  if (!input) return 1;
  const document = await new Decider(regulation).decide(input);
  try {
    process.stdout.write(renderPrint(templates, kind, { regulation, input, document }));
    return 0;
  } catch (e) {
    if (e instanceof NothingToPrint) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
