// `tiaoli print KIND case.yaml > out.html`: the page an applicant is handed, for a case
// file, or for a counter form's data with --form NAME. Every failure is a message:
// a case the rules cannot decide is reported as `decide` reports it (file: message, exit 1).
import { Decider } from '../explain/decider.js';
import { formatProblem } from '../core/source-file.js';
import { NothingToPrint, PrintError, renderPrint } from '../project/print/render-print.js';
import { checkPrintFiles } from '../project/print/check-prints.js';
import { buildPrintTemplates } from '../project/print/render-print.js';
import { readPrintFiles, shownFormsDir } from '../project/print/read-prints.js';
import { formsDir, loadOrReport, type ProjectOptions } from './rules-dir.js';
import { readCaseFile, readFormFile } from './read-input.js';
import { failure } from './command-failure.js';

export async function printCommand(kind: string, file: string, options: ProjectOptions & { form?: string }): Promise<number> {
  try {
    return await print(kind, file, options);
  } catch (e) {
    return failure(file, e);
  }
}

async function print(kind: string, file: string, options: ProjectOptions & { form?: string }): Promise<number> {
  const dir = formsDir(options);
  const files = readPrintFiles(dir);
  const templates = buildPrintTemplates(files, shownFormsDir(dir));
  const spec = templates.kinds.get(kind);
  if (!spec) {
    process.stderr.write(`没有 ${kind} 这种打印件；可用：${[...templates.kinds].map(([k, v]) => `${k}（${v.label}）`).join('、')}\n`);
    return 1;
  }
  // The templates as lint checks them: the manifest, the layout and this page's template.
  const mine = [`${templates.shownAs}/prints/prints.yaml`, `${templates.shownAs}/prints/layout.hbs`, `${templates.shownAs}/prints/${spec.template}`];
  const problems = checkPrintFiles(files, templates.shownAs).filter((p) => mine.includes(p.location.file));
  if (problems.length) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`打印模板有 ${problems.length} 处错误，未打印。\n`);
    return 2;
  }
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const input = options.form ? readFormFile(regulation, options.form, file, options) : readCaseFile(regulation, file);
  if (!input) return 1;
  let document;
  try {
    document = await new Decider(regulation).decide(input);
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
  try {
    process.stdout.write(renderPrint(templates, kind, { regulation, input, document }));
    return 0;
  } catch (e) {
    if (e instanceof NothingToPrint) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof PrintError) {
      for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
      return 2;
    }
    throw e;
  }
}
