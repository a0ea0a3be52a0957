// Which rules, parameters, derived facts and interpretations encode each paragraph, and
// which fixtures reach it: a fixture reaches a paragraph when a rule citing it takes
// effect in a decision the fixture's `expect:` checks.
import type { Regulation } from '../model/model.js';
import type { FixtureResult } from './fixtures/run-fixtures.js';
import { isRuleTrace } from '../explain/trace-types.js';

export interface ParagraphCoverage {
  id: string;
  text: string;
  decidable: boolean;
  reason?: string;
  rules: string[];
  parameters: string[];
  derived: string[];
  interpretations: string[];
  fixtures: string[];
  /** decidable, but no rule encodes it */
  unencoded: boolean;
  /** decidable and encoded, but no fixture reaches it */
  untested: boolean;
}

export interface ArticleCoverage {
  id: string;
  title: string;
  chapter: string;
  decidable: boolean;
  reason?: string;
  paragraphs: ParagraphCoverage[];
}

/** "13" names article 13 as a whole; for an article of one paragraph that is its paragraph. */
function cites(refs: string[], paragraphId: string, singleParagraph: boolean): boolean {
  const article = paragraphId.split('.')[0];
  return refs.some((r) => r === paragraphId || (singleParagraph && r === article));
}

export function coverage(regulation: Regulation, fixtures: FixtureResult[]): ArticleCoverage[] {
  const reached = new Map<string, Set<string>>(); // rule id → fixture files
  for (const f of fixtures) {
    if (!f.document) continue;
    const checked = new Set(Object.keys(f.expect ?? {}).map((p) => p.split('.')[0]));
    for (const [name, decision] of Object.entries(f.document.decisions)) {
      if (!checked.has(name)) continue;
      for (const step of decision.because ?? []) {
        if (isRuleTrace(step) && step.result === 'fired') reached.set(step.rule, (reached.get(step.rule) ?? new Set()).add(f.file));
      }
    }
  }
  return regulation.articles.map((a) => {
    const single = a.paragraphs.length === 1;
    return {
      id: a.id, title: a.title, chapter: a.chapter, decidable: a.decidable, reason: a.reason,
      paragraphs: a.paragraphs.map((p) => {
        const rules = regulation.rules.filter((r) => cites(r.articles, p.id, single)).map((r) => r.id);
        const fixtureSet = new Set(rules.flatMap((r) => [...(reached.get(r) ?? [])]));
        return {
          id: p.id, text: p.text, decidable: p.decidable, reason: p.reason, rules,
          parameters: Object.values(regulation.parameters).filter((x) => cites([x.article], p.id, single)).map((x) => x.name),
          derived: Object.values(regulation.derived).filter((d) => cites(d.articles, p.id, single)).map((d) => d.name),
          interpretations: Object.values(regulation.interpretations).filter((i) => cites(i.articles, p.id, single)).map((i) => i.id),
          fixtures: [...fixtureSet].sort(),
          unencoded: p.decidable && rules.length === 0,
          untested: p.decidable && rules.length > 0 && fixtureSet.size === 0,
        };
      }),
    };
  });
}

