// A rule's `unmet:` words: for each fact its conditions test, what a refusal says when the
// condition is not met — the fact in plain words and what the person can do. Written beside
// the rule; checked here: every key is a fact of the rule's conditions, and once a rule has
// words, every fact of its conditions has them (a refusal never falls back to condition text).
import type { PathSegment, Problem, SourceFile } from '../core/source-file.js';

/** The facts a condition tree tests, in order, each once (the leaves under `not` included). */
export function conditionFacts(node: unknown): string[] {
  const out: string[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) return;
    const o = n as Record<string, unknown>;
    if (Object.hasOwn(o, 'all') && Array.isArray(o.all)) o.all.forEach(visit);
    else if (Object.hasOwn(o, 'any') && Array.isArray(o.any)) o.any.forEach(visit);
    else if (Object.hasOwn(o, 'not')) visit(o.not);
    else if (typeof o.fact === 'string' && !out.includes(o.fact)) out.push(o.fact);
  };
  visit(node);
  return out;
}

export function unmetWordsProblems(unmet: Record<string, unknown>, when: unknown, source: SourceFile, path: PathSegment[]): Problem[] {
  const facts = conditionFacts(when);
  const problems: Problem[] = [];
  for (const key of Object.keys(unmet)) {
    if (!facts.includes(key)) problems.push({ code: 'rule.unmetUnknownFact', message: `unmet 的 ${key} 不是本规则条件中的事实；条件中的事实：${facts.join('、') || '无'}`, location: source.locate([...path, key]) });
  }
  for (const fact of facts) {
    if (!Object.hasOwn(unmet, fact)) problems.push({ code: 'rule.unmetMissing', message: `unmet 缺少条件 ${fact} 未满足时的说明（写明事实和当事人可以怎么办）`, location: source.locate(path) });
  }
  return problems;
}
