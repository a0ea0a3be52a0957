// What an edit changes, before it is saved: every fixture run against the saved rules and
// against the working copy; the fixtures that now fail, and every decision value that
// differs, grouped by the article that makes the decision.
import type { FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import { compareArticleRefs } from '../../../engine/explain/article-label.js';
import { own } from '../../../engine/core/own.js';
import type { Model } from '../shared/model.js';

export interface DecisionChange {
  fixture: string;
  name?: string;
  decision: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface Regression {
  failing: Array<FixtureResult & { isNew: boolean }>;
  changes: DecisionChange[];
  byArticle: Array<{ article: string; changes: DecisionChange[] }>;
  compared: number;
}

const TRACE_FIELDS = new Set(['articles', 'interpretations', 'because']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical).sort());
  return JSON.stringify(value ?? null);
}

/** The same value as the fixtures compare them (null and absent alike, a list in any order); plain values without writing them out. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return (a ?? null) === (b ?? null) || canonical(a) === canonical(b);
  return canonical(a) === canonical(b);
}

export function compareModels(saved: Model, working: Model): Regression {
  const before = new Map(saved.fixtures.map((f) => [f.file, f]));
  const changes: DecisionChange[] = [];
  for (const after of working.fixtures) {
    const was = before.get(after.file);
    if (!was?.document || !after.document) continue;
    for (const [decision, now] of Object.entries(after.document.decisions)) {
      const then: Record<string, unknown> = own(was.document.decisions, decision) ?? {};
      const fields = new Set([...Object.keys(now), ...Object.keys(then)].filter((f) => !TRACE_FIELDS.has(f)));
      for (const field of fields) {
        const before = own(then, field);
        const value = own(now as Record<string, unknown>, field);
        if (!same(before, value)) changes.push({ fixture: after.file, name: after.name, decision, field, before, after: value });
      }
    }
  }
  const regulation = working.regulation ?? saved.regulation;
  const groups = new Map<string, DecisionChange[]>();
  for (const c of changes) {
    const article = own(regulation?.decisions, c.decision)?.articles[0]?.split('.')[0] ?? '?';
    groups.set(article, [...(groups.get(article) ?? []), c]);
  }
  return {
    failing: working.fixtures.filter((f) => !f.passed).map((f) => ({ ...f, isNew: before.get(f.file)?.passed !== false })),
    changes,
    byArticle: [...groups].sort(([a], [b]) => compareArticleRefs(a, b)).map(([article, list]) => ({ article, changes: list })),
    compared: working.fixtures.length,
  };
}
