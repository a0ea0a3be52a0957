// `tiaoli print KIND case.yaml > out.html`: the page an applicant is handed, for a case
// file, or for a counter form's data with --form NAME.
import { Decider } from '../evaluate/decider.js';
import { NothingToPrint, renderPrint } from '../print/render-print.js';
import { loadPrintTemplates } from '../print/read-prints.js';
import { formsDir, loadOrReport } from './rules-dir.js';
import { readCaseFile, readFormFile } from './read-input.js';

export async function printCommand(kind: string, file: string, options: { rules?: string; forms?: string; form?: string }): Promise<number> {
  const templates = loadPrintTemplates(formsDir(options.forms));
  if (!templates.kinds[kind]) {
    process.stderr.write(`没有 ${kind} 这种打印件；可用：${Object.entries(templates.kinds).map(([k, v]) => `${k}（${v.label}）`).join('、')}\n`);
    return 1;
  }
  const regulation = loadOrReport(options.rules);
  if (!regulation) return 2;
  const input = options.form ? readFormFile(regulation, options.form, file, options.forms) : readCaseFile(regulation, file);
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
