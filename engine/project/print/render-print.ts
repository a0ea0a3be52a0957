// Renders a printed page from a Handlebars template in forms/prints/, with the case, its
// decision document and the rule parameters on the decision date. The templates hold the
// wording; this holds none.
// A template is untrusted (anyone who can save a file can write one): it is checked before
// it is compiled, compiled strict with our helpers only, sees only plain own data, and the
// page it makes forbids scripts.
import { didYouMeanText } from '../../core/did-you-mean.js';
import { processingNoticeIn } from './processing-notice.js';
import Handlebars from 'handlebars';
import type { Regulation } from '../../model/model.js';
import type { CaseInput, DecisionDocument } from '../../explain/decider.js';
import { parameterOn } from '../../model/parameters.js';
import { formatProblem, type Problem } from '../../core/source-file.js';
import { NothingToPrint, printHelpers } from './print-helpers.js';
import { checkTemplate, knownHelpers, type TemplateRole } from './check-template.js';
import { readPrintManifest, type PrintKind } from './print-manifest.js';
import { own, plainData } from './plain-data.js';
import { labelText } from './print-helpers.js';
import { officeOn, type Office } from '../offices/office-model.js';
import { isolateValues } from './isolate-values.js';

export { NothingToPrint } from './print-helpers.js';
export type { PrintKind } from './print-manifest.js';

export interface PrintTemplates {
  kinds: Map<string, PrintKind>;
  /** file name in prints/ → text */
  files: Map<string, string>;
  /** how forms/ is named in messages */
  shownAs: string;
}

/** A page that cannot be printed, with where and why. */
export class PrintError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

/** `files`: path relative to forms/ → text (prints/prints.yaml, prints/*.hbs). Never throws. */
export function buildPrintTemplates(files: ReadonlyMap<string, string>, shownAs = 'forms'): PrintTemplates {
  const prints = new Map([...files].filter(([p]) => p.startsWith('prints/') && !p.slice(7).includes('/')).map(([p, t]) => [p.slice(7), t]));
  const manifest = prints.get('prints.yaml');
  const kinds = manifest === undefined ? new Map<string, PrintKind>() : readPrintManifest(manifest, `${shownAs}/prints/prints.yaml`).kinds;
  return { kinds, files: prints, shownAs };
}

export interface PrintInput {
  regulation: Regulation;
  input: CaseInput;
  document: DecisionDocument;
  /** the issuing office (forms/offices.yaml); without one its name and address are blanks to fill in */
  office?: Office;
  /** the document's number from the register; without one "编号：＿＿＿＿" is filled in by hand */
  documentNumber?: string;
  /** the register's number of the decision, when the page has a number of its own (documentSeries) */
  registerNumber?: string;
  /** the clerk (经办人) */
  operator?: string;
  /** the date the page is issued (default: the decision date) */
  issuedOn?: string;
  /** who applies for the applicant (art. 12 ¶3), when someone does */
  agent?: { name?: string; relation?: string };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const nonEmpty = (x: unknown): string | null => (typeof x === 'string' && x.trim() ? x.trim() : null);

/**
 * The agent a page is addressed to besides the applicant: the one given, else the case's own
 * (facts.agent or facts.application.agent), named with the relation the case states (application.viaAgent); null when
 * nobody acts for the applicant.
 */
export function agentOf(regulation: Regulation, input: CaseInput, given?: PrintInput['agent']): { name: string | null; relation: string | null } | null {
  const facts = input.facts as Obj;
  const application = own(facts, 'application');
  const via = isObj(application) ? nonEmpty(own(application, 'viaAgent')) : null;
  // where a case may state its agent: facts.agent, or application.agent
  const stated = [own(facts, 'agent'), isObj(application) ? own(application, 'agent') : undefined].find(isObj);
  const fromCase = isObj(stated) ? stated : undefined;
  if (!given && !via && !fromCase) return null;
  const relation = nonEmpty(given?.relation) ?? nonEmpty(fromCase && own(fromCase, 'relation')) ?? via;
  return {
    name: nonEmpty(given?.name) ?? nonEmpty(fromCase && own(fromCase, 'name')),
    relation: relation === null ? null : labelText(relation, regulation.vocabulary),
  };
}

/** Compiled strict, calling only known helpers; run with no prototype access at all. */
export const COMPILE: CompileOptions = { strict: true, knownHelpers: knownHelpers(), knownHelpersOnly: true, data: true, noEscape: false };
export const RUNTIME: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, allowCallsToHelperMissing: false };

/** A Handlebars of its own for one page: our helpers, and none of the built-ins we refuse. */
export function printHandlebars(regulation: Regulation, asOf: string): typeof Handlebars {
  const hb = Handlebars.create();
  // each printed value isolated (<bdi>): no input can reorder the text that follows it
  const parse = hb.parse.bind(hb) as (input: unknown, options?: unknown) => hbs.AST.Program;
  hb.parse = ((input: unknown, options?: unknown) => (typeof input === 'string' ? isolateValues(parse(input, options)) : parse(input, options))) as typeof hb.parse;
  for (const name of ['lookup', 'with', 'log']) hb.unregisterHelper(name);
  for (const [name, fn] of Object.entries(printHelpers(regulation, asOf))) hb.registerHelper(name, fn as Handlebars.HelperDelegate);
  return hb;
}

/** The page may show styles and inline images, and nothing else: no script, no request. */
export const PRINT_CSP = "default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-src 'none'";

/** The CSP as the page's very first element, before anything a template wrote. */
export function withContentSecurityPolicy(html: string): string {
  const body = html.replace(/^\s*<!doctype html>/i, '');
  return `<!doctype html>\n<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">${body}`;
}

/** Where a failed render points: Handlebars' own location, or the path that met a missing value. */
function renderProblem(e: unknown, file: string, text: string): Problem {
  const err = e as { lineNumber?: number; column?: number; message?: string };
  const message = String(err?.message ?? e).replace(/ - \d+:\d+$/, '');
  if (typeof err?.lineNumber === 'number') {
    const missing = /^"(.*)" not defined in/.exec(message);
    return {
      code: 'print.render',
      message: missing ? `打印数据里没有 ${missing[1]}（该案件没有这项数据，模板应先用 #if 判断）` : `打印模板出错：${message}`,
      location: { file, line: err.lineNumber, column: (err.column ?? 0) + 1 },
    };
  }
  const part = /reading '([^']*)'\)|search for '([^']*)' in/.exec(message);
  const name = part?.[1] ?? part?.[2];
  if (name !== undefined) {
    const found = findPath(text, name);
    return {
      code: 'print.render',
      message: `打印数据里没有 ${found?.original ?? name} 的上一级（该案件没有这项数据，模板应先用 #if 判断）`,
      location: { file, line: found?.loc.start.line ?? 1, column: (found?.loc.start.column ?? 0) + 1 },
    };
  }
  return { code: 'print.render', message: `打印模板出错：${message}`, location: { file, line: 1, column: 1 } };
}

/** The first path in a template that reads `part` from something (a guess at what failed). */
function findPath(text: string, part: string): hbs.AST.PathExpression | undefined {
  let found: hbs.AST.PathExpression | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const n = node as hbs.AST.PathExpression;
    if (n.type === 'PathExpression' && n.parts.indexOf(part) >= 1) found = n;
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  try {
    visit(Handlebars.parse(text));
  } catch {
    // checked before rendering: it parses
  }
  return found;
}

/** Why a kind of printed page cannot be made: the near kind, the ones there are, or that there are none. */
export function unknownKindMessage(kind: string, templates: PrintTemplates): string {
  const manifest = `${templates.shownAs}/prints/prints.yaml`;
  if (!templates.kinds.size) return `没有 ${kind} 这种打印件：${manifest} 没有声明任何打印件（或该文件不存在、无法读取）`;
  const kinds = [...templates.kinds].map(([k, v]) => `${k}（${v.label}）`).join('、');
  return `没有 ${kind} 这种打印件${didYouMeanText(kind, templates.kinds.keys())}；可用：${kinds}`;
}

export function renderPrint(templates: PrintTemplates, kind: string, { regulation, input, document, office, documentNumber, registerNumber, operator, issuedOn, agent }: PrintInput): string {
  const manifestFile = `${templates.shownAs}/prints/prints.yaml`;
  const spec = templates.kinds.get(kind);
  if (!spec) throw new PrintError([{ code: 'print.unknownKind', message: unknownKindMessage(kind, templates), location: { file: manifestFile, line: 1, column: 1 } }]);
  const pageFile = `${templates.shownAs}/prints/${spec.template}`;
  const layoutFile = `${templates.shownAs}/prints/layout.hbs`;
  const page = templates.files.get(spec.template);
  const layout = templates.files.get('layout.hbs');
  const missing = [[spec.template, page], ['layout.hbs', layout]].filter(([, t]) => t === undefined).map(([f]) => f);
  if (missing.length) throw new PrintError(missing.map((f) => ({ code: 'print.noTemplate', message: `找不到打印模板 ${f}`, location: { file: manifestFile, line: 1, column: 1 } })));
  const check = (text: string, file: string, role: TemplateRole) => checkTemplate(text, file, role);
  const problems = [...check(layout!, layoutFile, 'layout'), ...check(page!, pageFile, 'page')];
  if (problems.length) throw new PrintError(problems);

  const hb = printHandlebars(regulation, document.asOf);
  const layoutTemplate = hb.compile(layout!, COMPILE);
  const root = plainData({
    regulation: { title: regulation.title },
    asOf: document.asOf,
    person: input.facts.person ?? {},
    facts: input.facts,
    decisions: document.decisions,
    // the reading of each interpretation the decision used: a page says what that reading means
    readings: document.readings ?? {},
    params: Object.fromEntries(Object.values(regulation.parameters).map((p) => [p.name, parameterOn(p, document.asOf).value])),
    // the office as of the decision date: the 行政复议 authority is the one the law then named
    office: office ? officeOn(office, document.asOf) : null,
    documentNumber: nonEmpty(documentNumber),
    registerNumber: nonEmpty(registerNumber) === nonEmpty(documentNumber) ? null : nonEmpty(registerNumber),
    operator: nonEmpty(operator),
    issuedOn: nonEmpty(issuedOn) ?? document.asOf,
    agent: agentOf(regulation, input, agent),
    // 个人信息处理告知 (《个人信息保护法》第十七条、第三十五条), from forms/prints/personal-information.yaml
    processingNotice: processingNoticeIn(templates.files, templates.shownAs),
  }) as Record<string, unknown>;
  let inLayout = false;
  hb.registerHelper('page', function (this: unknown, options: Handlebars.HelperOptions) {
    const body = options.fn(this);
    inLayout = true;
    const html = layoutTemplate(plainData({ ...root, ...options.hash, body }), RUNTIME); // a block helper's result is not escaped
    inLayout = false;
    return html;
  });
  try {
    return withContentSecurityPolicy(hb.compile(page!, COMPILE)(root, RUNTIME).trim()) + '\n';
  } catch (e) {
    if (e instanceof NothingToPrint) throw e;
    throw new PrintError([inLayout ? renderProblem(e, layoutFile, layout!) : renderProblem(e, pageFile, page!)]);
  }
}
