// Renders a printed page from a Handlebars template in forms/prints/, with the case, its
// decision document and the rule parameters on the decision date. The templates hold the
// wording; this holds none.
import Handlebars from 'handlebars';
import { parse } from 'yaml';
import type { Regulation } from '../model.js';
import type { CaseInput, DecisionDocument } from '../evaluate/decider.js';
import { parameterOn } from '../evaluate/parameters.js';
import { printHelpers } from './print-helpers.js';

export { NothingToPrint } from './print-helpers.js';

export interface PrintKind { label: string; template: string }

export interface PrintTemplates {
  kinds: Record<string, PrintKind>;
  layout: string;
  sources: Record<string, string>;
}

/** `files`: path relative to forms/ → text (prints/prints.yaml, prints/*.hbs). */
export function buildPrintTemplates(files: Map<string, string>): PrintTemplates {
  const manifest = files.get('prints/prints.yaml');
  const kinds = manifest ? (parse(manifest) as Record<string, PrintKind>) : {};
  const sources = Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, files.get(`prints/${v.template}`) ?? '']));
  return { kinds, layout: files.get('prints/layout.hbs') ?? '', sources };
}

export interface PrintInput {
  regulation: Regulation;
  input: CaseInput;
  document: DecisionDocument;
}

export function renderPrint(templates: PrintTemplates, kind: string, { regulation, input, document }: PrintInput): string {
  const source = templates.sources[kind];
  if (source === undefined) throw new Error(`没有 ${kind} 这种打印件`);
  const hb = Handlebars.create();
  const helpers = printHelpers(regulation, document.asOf);
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  const layout = hb.compile(templates.layout);
  const root = {
    regulation: { title: regulation.title },
    asOf: document.asOf,
    person: (input.facts.person ?? {}) as Record<string, unknown>,
    facts: input.facts,
    decisions: document.decisions,
    params: Object.fromEntries(Object.values(regulation.parameters).map((p) => [p.name, parameterOn(p, document.asOf).value])),
  };
  hb.registerHelper('page', function (this: unknown, options: Handlebars.HelperOptions) {
    return layout({ ...root, ...options.hash, body: options.fn(this) }); // a block helper's result is not escaped
  });
  return hb.compile(source)(root).trim() + '\n';
}
