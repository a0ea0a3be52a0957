// For each paragraph: the rules, parameters, derived facts and interpretations that encode
// it, the counter form fields that feed those rules, and the fixtures that reach it.
import { coverage, type ArticleCoverage } from '../../../engine/project/coverage.js';
import { factNamesOf } from '../../../engine/model/field-order.js';
import { factRefsIn, readFactName } from '../../../engine/core/fact-names.js';
import { resolveForm } from '../../../engine/project/forms/resolve-form.js';
import { titlesAlong } from '../../../engine/project/forms/form-problems.js';
import { pointerSegments } from '../../../engine/core/json-pointer.js';
import type { Regulation } from '../../../engine/model/model.js';
import { today, type Model } from '../shared/model.js';

export interface FormField { form: string; title: string; field: string }

/** The case facts a rule reads, directly or through derived facts. */
function caseFactsOf(regulation: Regulation, names: string[], seen = new Set<string>()): string[] {
  return names.flatMap((name) => {
    const f = readFactName(name);
    if (f?.kind === 'case') return [f.path.join('.')];
    if (f?.kind === 'derived' && !seen.has(f.name) && regulation.derived[f.name]) {
      seen.add(f.name);
      return caseFactsOf(regulation, factRefsIn(regulation.derived[f.name].args).map((r) => r.fact), seen);
    }
    return [];
  });
}

export function articleLinks(model: Model): { articles: ArticleCoverage[]; fields: Map<string, FormField[]> } {
  const regulation = model.regulation!;
  const articles = coverage(regulation, model.fixtures);
  const fields = new Map<string, FormField[]>();
  const resolved = Object.values(model.forms?.forms ?? {}).filter((f) => f.mapping).map((f) => resolveForm(model.forms!, f, regulation, today()));
  for (const a of articles) {
    for (const p of a.paragraphs) {
      const facts = new Set(regulation.rules.filter((r) => p.rules.includes(r.id)).flatMap((r) => caseFactsOf(regulation, factNamesOf(r))));
      const list: FormField[] = [];
      for (const form of resolved) {
        for (const entry of form.definition.mapping!.facts) {
          if (!entry.from || ![...facts].some((f) => f === entry.fact || f.startsWith(`${entry.fact}.`) || entry.fact.startsWith(`${f}.`))) continue;
          list.push({ form: form.title, title: titlesAlong(form.schema, pointerSegments(entry.from)).join(' › '), field: entry.from });
        }
      }
      fields.set(p.id, list);
    }
  }
  return { articles, fields };
}
