// The parts of a model a page works with — the decider, the counter forms, the print
// templates — each made once, when first asked for. A chunk of its own (with the rules
// engine, YAML, ajv and Handlebars), loaded beside the project rather than before the first
// paint.
import type { CaseInput, Decider } from '../../../engine/explain/decider.js';
import { InstrumentDecider, projectDecider } from '../../../engine/project/instruments/instrument-decider.js';
import { instrumentsFromFiles, type SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';
import type { Instrument } from '../../../engine/project/instruments/instrument-model.js';
import { checkOfficesFile } from '../../../engine/project/offices/check-offices.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import { buildForms } from '../../../engine/project/forms/load-forms.js';
import { buildPrintTemplates, type PrintTemplates } from '../../../engine/project/print/render-print.js';
import type { FormDefinition, FormSet } from '../../../engine/project/forms/form-model.js';
import type { Regulation } from '../../../engine/model/model.js';

/** A case decided under a superior instrument (or a later version of this text): that instrument, its rules, its print templates, and the case as its rules read it. */
export interface Under { instrument: Instrument; regulation: Regulation; prints: PrintTemplates; offices: Map<string, Office>; input: CaseInput }

export interface Parts {
  decider(): Decider;
  forms(): FormSet;
  prints(): PrintTemplates;
  /** the superior a case is decided under (its documents are printed from its templates, as `tiaoli print`), or undefined */
  under(input: CaseInput): Under | undefined;
  /** the instruments of rules/instruments.yaml (for saying which text governs), or undefined */
  instruments(): Instrument[] | undefined;
  /** the rules of the superior instrument or later version `id` (a document's `instrument`), or undefined when it is this project's own or none */
  superiorRegulation(id: string | undefined): Regulation | undefined;
}

/** The counter forms as the server built them, without their parsed source files. */
export interface ShippedForms { dir: string; common: FormSet['common']; forms: Record<string, Omit<FormDefinition, 'sources'>> }

/** The files below one folder, named relative to it. */
function under(files: Record<string, string>, dir: string): Map<string, string> {
  return new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));
}

/**
 * The server's forms, whole again: a form's source files (which only a check reads) are
 * parsed from the same files when first asked for.
 */
function formsFrom(shipped: ShippedForms, files: Record<string, string>): FormSet {
  let built: FormSet | undefined;
  const read = (): FormSet => (built ??= buildForms(under(files, 'forms')).set);
  const forms: Record<string, FormDefinition> = {};
  for (const [name, form] of Object.entries(shipped.forms)) {
    forms[name] = Object.defineProperty({ ...form }, 'sources', { enumerable: true, get: () => read().forms[name]!.sources }) as FormDefinition;
  }
  return Object.defineProperty({ dir: shipped.dir, common: shipped.common, forms }, 'commonSource', { enumerable: true, get: () => read().commonSource }) as FormSet;
}

export function partsOf(regulation: Regulation, files: Record<string, string>, shipped: ShippedForms | undefined, superiors: readonly SuperiorProjectFiles[]): Parts {
  let decider: Decider | undefined;
  let forms: FormSet | undefined;
  let prints: PrintTemplates | undefined;
  const superiorForms = new Map<string, { prints: PrintTemplates; offices: Map<string, Office> }>();
  // each case under the instrument in force on its date (rules/instruments.yaml), as the server and `tiaoli decide`
  const made = (): Decider => (decider ??= projectDecider(regulation, instrumentsFromFiles(files, regulation, superiors)));
  return {
    decider: made,
    under: (input) => {
      const d = made();
      const found = d instanceof InstrumentDecider ? d.superiorCase(input) : undefined;
      const successor = !found && d instanceof InstrumentDecider ? d.successorOf(input) : undefined;
      if (successor) {
        // a later version of this project's text: this project's templates and offices, its own rules (title, articles)
        const regulationUnder = successor.decider.base;
        return { instrument: successor.instrument, regulation: regulationUnder, prints: (prints ??= buildPrintTemplates(under(files, 'forms'))), offices: checkOfficesFile(files, regulationUnder).offices, input };
      }
      if (!found) return undefined;
      const { instrument } = found.superior;
      const shippedFiles = superiors.find((s) => s.id === instrument.id)?.files ?? {};
      const regulationUnder = found.superior.decider.base;
      let formsUnder = superiorForms.get(instrument.id);
      if (!formsUnder) {
        formsUnder = { prints: buildPrintTemplates(under(shippedFiles, 'forms'), `${instrument.project}/forms`), offices: checkOfficesFile(shippedFiles, regulationUnder).offices };
        superiorForms.set(instrument.id, formsUnder);
      }
      return { instrument, regulation: regulationUnder, ...formsUnder, input: found.input };
    },
    superiorRegulation: (id) => {
      const d = made();
      return id !== undefined && d instanceof InstrumentDecider ? (d.superiors.get(id) ?? d.successors.get(id))?.decider.base : undefined;
    },
    instruments: () => {
      const d = made();
      return d instanceof InstrumentDecider ? d.instruments.list : undefined;
    },
    forms: () => (forms ??= shipped ? formsFrom(shipped, files) : buildForms(under(files, 'forms')).set),
    prints: () => (prints ??= buildPrintTemplates(under(files, 'forms'))),
  };
}
