// 上位法一致性审查: one population of cases decided under a local instrument and under the
// superior it implements (each case read in the superior's words through the mapping), and
// every class of cases where a mapped decision field differs: the local text stricter than the
// superior's floor, contradicting it, or more generous. Each class with the articles (and
// rules) behind each side's value, a count, and one example case of each side to open.
import type { CaseInput, Decider, DecisionDocument } from '../../explain/decider.js';
import { isRuleTrace } from '../../explain/trace-types.js';
import { checkCase } from '../../model/case/validate-case.js';
import { own } from '../../core/own.js';
import { inForceOn, type DecisionMapping, type Instrument, type Mapping } from '../instruments/instrument-model.js';
import { mapCase } from '../instruments/map-case.js';
import { compareField, inSuperiorWords, type Direction } from './compare-field.js';

export interface ConformanceSide { id: string; title: string; decider: Decider }

export interface ConformanceClass {
  direction: Direction;
  local: string;
  superior: string;
  /** the mapping entry's line in its file */
  line: number;
  /** what differs, in the superior's words (for a list: the items only one side has) */
  difference: string;
  count: number;
  localArticles: string[];
  superiorArticles: string[];
  localRules: string[];
  superiorRules: string[];
  example: { name?: string; case: CaseInput; superiorCase: CaseInput; localValue: unknown; superiorValue: unknown };
}

export interface ConformanceReport {
  local: { id: string; title: string };
  superior: { id: string; title: string };
  mapping: string;
  /** cases decided on both sides */
  compared: number;
  /** cases dated outside either instrument's term */
  outsideTerm: number;
  /** cases one side could not decide (each message once, with a count) */
  errors: Array<{ message: string; count: number }>;
  classes: ConformanceClass[];
}

type Obj = Record<string, unknown>;

function valueAt(doc: { decisions: Record<string, unknown> }, path: string): unknown {
  const [decision, field] = path.split('.');
  const d = own(doc.decisions, decision) as Obj | undefined;
  return d ? own(d, field) : undefined;
}

const canonical = (v: unknown): string => (Array.isArray(v) ? JSON.stringify(v.map((x) => JSON.stringify(x)).sort()) : JSON.stringify(v));

/** What differs, as a class key part: the two values (ranked fields), or the items only one side has (lists). */
function difference(entry: DecisionMapping, local: unknown, superior: unknown): string {
  const l = inSuperiorWords(entry, local);
  if (entry.compare === 'more' && Array.isArray(l) && Array.isArray(superior)) {
    const only = (a: unknown[], b: unknown[]): string[] => a.filter((x) => !b.some((y) => canonical(y) === canonical(x))).map(String);
    const more = only(l, superior);
    const fewer = only(superior, l);
    return [more.length ? `多要 ${more.join('、')}` : '', fewer.length ? `少要 ${fewer.join('、')}` : ''].filter(Boolean).join('，');
  }
  if (entry.compare) return entry.compare === 'higher' ? (Number(l) > Number(superior) ? '更高' : '更低') : String(l) > String(superior) ? '更晚' : '更早';
  return `${String(local)}${l !== local ? `（即 ${String(l)}）` : ''} ↔ ${String(superior)}`;
}

/**
 * The articles and rules behind a field's value: the rules that set it; for a field that took its
 * default (no rule set it), the articles regulation.yaml gives the decision.
 */
function grounds(doc: DecisionDocument, path: string, decider: Decider): { articles: string[]; rules: string[] } {
  const [decision] = path.split('.');
  const d = own(doc.decisions, decision);
  if (!d) return { articles: [], rules: [] };
  const declared = own(decider.base.decisions, decision)?.articles ?? d.articles;
  const fired = (d.because ?? []).filter((s) => isRuleTrace(s) && s.result === 'fired' && s.sets !== undefined && Object.hasOwn(s.sets, path));
  const rules = fired.flatMap((s) => (isRuleTrace(s) ? [s.rule] : []));
  const articles = fired.flatMap((s) => (isRuleTrace(s) ? s.articles : []));
  return { articles: articles.length ? [...new Set(articles)] : [...declared], rules };
}

export interface ConformanceInput {
  local: ConformanceSide & { instrument: Instrument };
  superior: ConformanceSide & { instrument: Instrument };
  mapping: Mapping;
}

/** Decides every case on both sides and gathers the classes of differences. */
export async function conformance(input: ConformanceInput, cases: Iterable<CaseInput>): Promise<ConformanceReport> {
  const { local, superior, mapping } = input;
  const classes = new Map<string, ConformanceClass>();
  const errors = new Map<string, number>();
  let compared = 0;
  let outsideTerm = 0;
  for (const c of cases) {
    if (!inForceOn(local.instrument, c.asOf) || !inForceOn(superior.instrument, c.asOf)) {
      outsideTerm += 1;
      continue;
    }
    const mapped = mapCase(c, mapping);
    const checked = checkCase(superior.decider.base, mapped);
    let l: { decisions: Record<string, unknown> };
    let s: { decisions: Record<string, unknown> };
    try {
      if (!checked.case) throw new Error(`按对应文件译成的案件不符合${superior.title}的案件格式：${checked.problems.map((p) => p.message).join('；')}`);
      l = await local.decider.decideFields(c);
      s = await superior.decider.decideFields(checked.case);
    } catch (e) {
      const message = (e as Error).message;
      errors.set(message, (errors.get(message) ?? 0) + 1);
      continue;
    }
    compared += 1;
    for (const entry of mapping.decisions) {
      const lv = valueAt(l, entry.local);
      const sv = valueAt(s, entry.superior);
      const direction = compareField(entry, lv, sv);
      if (!direction) continue;
      const diff = difference(entry, lv, sv);
      const key = `${entry.local}\0${direction}\0${diff}`;
      const known = classes.get(key);
      if (known) {
        known.count += 1;
        continue;
      }
      // the first case of a class is its example: decided again with its trace, for the articles and rules
      const ld = await local.decider.decide(c);
      const sd = await superior.decider.decide(checked.case!);
      const lg = grounds(ld, entry.local, local.decider);
      const sg = grounds(sd, entry.superior, superior.decider);
      classes.set(key, {
        direction, local: entry.local, superior: entry.superior, line: entry.line, difference: diff, count: 1,
        localArticles: lg.articles, superiorArticles: sg.articles, localRules: lg.rules, superiorRules: sg.rules,
        example: { ...(c.name === undefined ? {} : { name: c.name }), case: c, superiorCase: checked.case!, localValue: lv, superiorValue: sv },
      });
    }
  }
  const rank: Record<Direction, number> = { stricter: 0, contradicts: 1, generous: 2 };
  return {
    local: { id: local.id, title: local.title }, superior: { id: superior.id, title: superior.title }, mapping: mapping.file,
    compared, outsideTerm, errors: [...errors].map(([message, count]) => ({ message, count })),
    classes: [...classes.values()].sort((a, b) => rank[a.direction] - rank[b.direction] || b.count - a.count || a.local.localeCompare(b.local)),
  };
}
