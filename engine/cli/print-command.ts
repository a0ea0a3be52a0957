// `tiaoli print KIND case.yaml > out.html`: the page an applicant is handed, for a case
// file, or for a counter form's data with --form NAME; --office ID heads it with an office of
// forms/offices.yaml, --number gives its document number, --pdf FILE writes it as a PDF
// through Chromium. Every failure is a message: a case the rules cannot decide is reported
// as `decide` reports it (file: message, exit 1).
import { hiddenIndex, hiddenMessage } from '../core/hidden-characters.js';
import { existsSync, writeFileSync } from 'node:fs';
import { NotPlainFile, readPlainFile } from '../model/read-plain-file.js';
import { dirname, join, resolve } from 'node:path';
import type { DecisionDocument } from '../explain/decider.js';
import { InstrumentDecider } from '../project/instruments/instrument-decider.js';
import { loadProjectDecider } from './project-decider.js';
import { formatProblem } from '../core/source-file.js';
import { NothingToPrint, PrintError, renderPrint } from '../project/print/render-print.js';
import { checkPrintFiles } from '../project/print/check-prints.js';
import { buildPrintTemplates, unknownKindMessage } from '../project/print/render-print.js';
import { readPrintFiles, shownFormsDir } from '../project/print/read-prints.js';
import { formsDir, loadOrReport, type ProjectOptions } from './rules-dir.js';
import { readCaseFile } from './read-input.js';
import { readFormFile } from './read-form-input.js';
import { failure } from './command-failure.js';
import { OFFICES_FILE, readOffices } from '../project/offices/read-offices.js';
import type { Office } from '../project/offices/office-model.js';
import { PdfError, printPdf } from '../project/print/print-pdf.js';
import type { Regulation } from '../model/model.js';

export interface PrintOptions extends ProjectOptions {
  form?: string;
  /** id of an office in forms/offices.yaml */
  office?: string;
  /** the document number (from the register) */
  number?: string;
  /** the clerk's name */
  operator?: string;
  /** the agent's name, when someone applies for the applicant */
  agent?: string;
  /** write a PDF to this file instead of HTML to standard output */
  pdf?: string;
}

export async function printCommand(kind: string, file: string, options: PrintOptions): Promise<number> {
  try {
    return await print(kind, file, options);
  } catch (e) {
    return failure(file, e);
  }
}

/** The office named by --office, from the forms folder's offices.yaml; a message and undefined when it cannot be. */
function officeFor(id: string, dir: string, shownAs: string, regulation: Regulation): Office | undefined {
  const path = join(dir, OFFICES_FILE);
  if (!existsSync(path)) {
    process.stderr.write(`找不到办证机关文件 ${shownAs}/${OFFICES_FILE}，--office 无从查找\n`);
    return undefined;
  }
  const lists = regulation.vocabulary.lists;
  const divisions = Object.hasOwn(lists, 'divisions') ? new Set(Object.keys(lists.divisions)) : undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(readPlainFile(path, { shownAs: `${shownAs}/${OFFICES_FILE}` }));
  } catch (e) {
    process.stderr.write(`${e instanceof NotPlainFile ? e.message : `无法读取 ${shownAs}/${OFFICES_FILE}：${(e as Error).message}`}\n`);
    return undefined;
  }
  const read = readOffices(text, `${shownAs}/${OFFICES_FILE}`, divisions);
  if (read.problems.length) {
    for (const p of read.problems) process.stderr.write(`${formatProblem(p)}\n`);
    return undefined;
  }
  const office = read.offices.get(id);
  if (!office) process.stderr.write(read.offices.size ? `没有 id 为 ${id} 的办证机关；可用：${[...read.offices.values()].map((o) => `${o.id}（${o.name}）`).join('、')}\n` : `没有 id 为 ${id} 的办证机关：forms/offices.yaml 没有列出任何办证机关（或该文件不存在、无法读取）\n`);
  return office;
}

async function print(kind: string, file: string, options: PrintOptions): Promise<number> {
  // what is printed beside the case: no character that is not seen but changes what is seen
  for (const [option, value] of [['--operator', options.operator], ['--agent', options.agent], ['--number', options.number], ['--office', options.office]] as const) {
    const i = value === undefined ? -1 : hiddenIndex(value);
    if (i >= 0) {
      process.stderr.write(`${option}：${hiddenMessage(value![i])}\n`);
      return 1;
    }
  }
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const project = loadProjectDecider(regulation, options);
  if (!project) return 2;
  const input = options.form ? readFormFile(regulation, options.form, file, options) : readCaseFile(regulation, file);
  if (!input) return 1;
  let decided: DecisionDocument;
  try {
    decided = await project.decider.decide(input);
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
  // 没有施行的文件：不依任何文件作出决定，也就不出具文书（尤其不出具不予办理告知书）
  if (decided.instrument === 'none') {
    process.stderr.write(`${file}: ${decided.applied?.date.value ?? input.asOf} 没有施行的规范性文件可依（${decided.applied?.because.at(-1) ?? ''}），不出具任何文书（${kind}）。\n`);
    return 1;
  }
  // a case decided under a superior instrument is printed from that instrument's project:
  // its templates, its offices, its articles, the case as its rules read it
  const under = project.decider instanceof InstrumentDecider ? project.decider.superiorCase(input) : undefined;
  // a later version of this text (a published successor) prints from this project's templates, citing its own articles and title
  const successor = !under && project.decider instanceof InstrumentDecider ? project.decider.successorOf(input) : undefined;
  const printRegulation = under?.superior.decider.base ?? successor?.decider.base ?? regulation;
  const printInput = under?.input ?? input;
  const dir = under ? join(dirname(resolve(under.superior.decider.base.dir)), 'forms') : formsDir(options);
  const document = decided;
  const files = readPrintFiles(dir);
  const templates = buildPrintTemplates(files, shownFormsDir(dir));
  const spec = templates.kinds.get(kind);
  if (!spec) {
    process.stderr.write(`${under ? `依${under.superior.instrument.title}（${templates.shownAs}）` : ''}${unknownKindMessage(kind, templates)}\n`);
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
  const office = options.office === undefined ? undefined : officeFor(options.office, dir, templates.shownAs, printRegulation);
  if (options.office !== undefined && !office) return 1;
  try {
    const html = renderPrint(templates, kind, {
      regulation: printRegulation, input: printInput, document, office, documentNumber: options.number, operator: options.operator,
      agent: options.agent === undefined ? undefined : { name: options.agent },
    });
    if (options.pdf === undefined) {
      process.stdout.write(html);
      return 0;
    }
    writeFileSync(options.pdf, await printPdf(html));
    process.stderr.write(`已写出 ${options.pdf}\n`);
    return 0;
  } catch (e) {
    if (e instanceof NothingToPrint) {
      process.stderr.write(`${file}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof PdfError) {
      process.stderr.write(`无法写出 PDF：${e.message}\n`);
      return 1;
    }
    if (e instanceof PrintError) {
      for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
      return 2;
    }
    throw e;
  }
}
