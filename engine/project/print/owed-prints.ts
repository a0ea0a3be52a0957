// The pages a decision owes: of the pages a counter form offers, those its templates print for
// this decision (a template that does not apply says NothingToPrint: the slip for an incomplete
// application, the refusal for an accepted one). The counter offers exactly these, the register
// numbers exactly these, and the 台账 reprints exactly these.
import { NothingToPrint, renderPrint, type PrintInput, type PrintTemplates } from './render-print.js';

export function owedPrints(templates: PrintTemplates, kinds: readonly string[], data: PrintInput): string[] {
  return kinds.filter((kind) => {
    if (!templates.kinds.has(kind)) return false;
    try {
      renderPrint(templates, kind, data);
      return true;
    } catch (e) {
      // a template that cannot be printed for another reason is still owed: printing it says why
      return !(e instanceof NothingToPrint);
    }
  });
}
