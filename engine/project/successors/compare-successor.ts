// A successor draft against the version it replaces: article by article (the text, and the
// rules and parameters that cite the article), and its impact — each case decided under the
// old version and under the draft, field by field.
import type { CaseInput, Decider } from '../../explain/decider.js';
import type { Article, ParameterSpec, Regulation, RuleSpec } from '../../model/model.js';

export type ArticleChange = 'same' | 'changed' | 'added' | 'removed';

export interface ArticleDiff {
  number: number;
  title: string;
  change: ArticleChange;
  /** the text of each version (absent where the article is not in it) */
  old?: string;
  next?: string;
  textChanged: boolean;
  /** rules citing the article: ids added, removed, or changed in what they say */
  rules: { added: string[]; removed: string[]; changed: string[] };
  /** parameters of the article whose values or limits changed */
  parameters: string[];
}

const articleOf = (ref: string): number => Number(String(ref).split('.')[0]);
const paragraphsText = (a: Article): string => a.paragraphs.map((p) => p.text).join('\n');
/** A rule or parameter as it decides, without where it is written. */
const ruleKey = (r: RuleSpec): string => JSON.stringify({ ...r, location: undefined, file: undefined, locations: undefined });
const paramKey = (p: ParameterSpec): string => JSON.stringify({ ...p, location: undefined, file: undefined, locations: undefined, reference: undefined });

function byArticle<T>(items: Iterable<T>, articles: (t: T) => string[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    for (const n of new Set(articles(item).map(articleOf))) {
      if (!out.has(n)) out.set(n, []);
      out.get(n)!.push(item);
    }
  }
  return out;
}

/** Every article of either version, in order, with what changed in it. */
export function articleDiff(old: Regulation, next: Regulation): ArticleDiff[] {
  const oldArticles = new Map(old.articles.map((a) => [a.number, a]));
  const nextArticles = new Map(next.articles.map((a) => [a.number, a]));
  const oldRules = byArticle(old.rules, (r) => r.articles);
  const nextRules = byArticle(next.rules, (r) => r.articles);
  const oldParams = byArticle(Object.values(old.parameters), (p) => [p.article]);
  const nextParams = byArticle(Object.values(next.parameters), (p) => [p.article]);
  const numbers = [...new Set([...oldArticles.keys(), ...nextArticles.keys()])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const a = oldArticles.get(number);
    const b = nextArticles.get(number);
    const rulesA = new Map((oldRules.get(number) ?? []).map((r) => [r.id, ruleKey(r)]));
    const rulesB = new Map((nextRules.get(number) ?? []).map((r) => [r.id, ruleKey(r)]));
    const rules = {
      added: [...rulesB.keys()].filter((id) => !rulesA.has(id)),
      removed: [...rulesA.keys()].filter((id) => !rulesB.has(id)),
      changed: [...rulesB.keys()].filter((id) => rulesA.has(id) && rulesA.get(id) !== rulesB.get(id)),
    };
    const paramsA = new Map((oldParams.get(number) ?? []).map((p) => [p.name, paramKey(p)]));
    const paramsB = new Map((nextParams.get(number) ?? []).map((p) => [p.name, paramKey(p)]));
    const parameters = [...new Set([...paramsA.keys(), ...paramsB.keys()])].filter((n) => paramsA.get(n) !== paramsB.get(n)).sort();
    const textChanged = (a ? paragraphsText(a) : undefined) !== (b ? paragraphsText(b) : undefined);
    const change: ArticleChange = !a ? 'added' : !b ? 'removed' : textChanged || rules.added.length || rules.removed.length || rules.changed.length || parameters.length ? 'changed' : 'same';
    return {
      number, title: (b ?? a)!.title, change,
      ...(a ? { old: paragraphsText(a) } : {}), ...(b ? { next: paragraphsText(b) } : {}),
      textChanged, rules, parameters,
    };
  });
}

/** One decision field that changes: its values before → after, how many cases, and a few of them. */
export interface ImpactChange { field: string; from: string; to: string; count: number; examples: string[] }

export interface SuccessorImpact {
  /** cases decided (population and fixtures) */
  cases: number;
  /** cases some decision field of which changes */
  changed: number;
  /** fixtures whose decisions change (their names) */
  fixtures: string[];
  changes: ImpactChange[];
  /** cases either version could not decide (each message once, with a count) */
  errors: Array<{ message: string; count: number }>;
}

const MAX_EXAMPLES = 3;
const MAX_CHANGES = 60;

function flat(decisions: Record<string, Record<string, unknown>>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [d, fields] of Object.entries(decisions)) for (const [f, v] of Object.entries(fields)) out.set(`${d}.${f}`, JSON.stringify(v));
  return out;
}

/** Each case decided under `old` and under `next`; `fixture` says which cases are fixtures (by name). What changes, field by field. */
export async function successorImpact(old: Decider, next: Decider, cases: Iterable<CaseInput & { fixture?: boolean }>): Promise<SuccessorImpact> {
  let total = 0;
  let changed = 0;
  const fixtures: string[] = [];
  const changes = new Map<string, ImpactChange>();
  const errors = new Map<string, number>();
  for (const c of cases) {
    total++;
    let a: Map<string, string>;
    let b: Map<string, string>;
    try {
      a = flat((await old.decideFields(c)).decisions);
      b = flat((await next.decideFields(c)).decisions);
    } catch (e) {
      const message = (e as Error).message.split('\n')[0]!.slice(0, 300);
      errors.set(message, (errors.get(message) ?? 0) + 1);
      continue;
    }
    let any = false;
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      const from = a.get(field) ?? '—';
      const to = b.get(field) ?? '—';
      if (from === to) continue;
      any = true;
      const key = `${field}\0${from}\0${to}`;
      let entry = changes.get(key);
      if (!entry) {
        if (changes.size >= MAX_CHANGES) continue;
        changes.set(key, (entry = { field, from, to, count: 0, examples: [] }));
      }
      entry.count++;
      if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(c.name ?? `${c.asOf} 的案件`);
    }
    if (any) {
      changed++;
      if (c.fixture && c.name) fixtures.push(c.name);
    }
  }
  return {
    cases: total, changed, fixtures,
    changes: [...changes.values()].sort((x, y) => y.count - x.count || (x.field < y.field ? -1 : 1)),
    errors: [...errors].map(([message, count]) => ({ message, count })),
  };
}
