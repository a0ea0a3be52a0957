// The documents a decision owes: of the kinds a form prints, those whose template has something
// to say for this decision (a template that finds nothing to print — a refusal for an issued
// permit, a one-time notice when nothing is missing — throws NothingToPrint and is not offered).
// The counter and the 台账 offer the same pages for the same decision.
import { NothingToPrint, renderPrint, type PrintInput, type PrintTemplates } from '../../../engine/project/print/render-print.js';

export function printsOwed(templates: PrintTemplates, kinds: readonly string[], data: PrintInput): string[] {
  return kinds.filter((kind) => {
    if (!templates.kinds.has(kind)) return false;
    try {
      renderPrint(templates, kind, data);
      return true;
    } catch (e) {
      return !(e instanceof NothingToPrint); // another error shows when the page is asked for
    }
  });
}
