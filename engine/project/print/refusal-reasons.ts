// Why a request was refused, in words, from the decision and its trace — never written per
// case: the rule that set the refusing outcome, what of the case made it apply, and for each
// decision it rests on (e.g. "不符合申领条件"), the rules that would have allowed it and the
// conditions of theirs the case did not meet, each with its articles.
import type { Regulation } from '../../model/model.js';
import { own } from './plain-data.js';
import { chineseDate } from './chinese-date.js';

export interface UnmetRule {
  /** what the rule allows, as the rule names it */
  rule: string;
  articles: string[];
  /** its conditions the case did not meet, in words */
  conditions: string[];
}

export interface RefusalReasons {
  /** the rule that refused, as it names itself */
  rule: string;
  articles: string[];
  /** what of the case made it apply (besides the refusals below) */
  facts: string[];
  /** the conditions not met, rule by rule */
  unmet: UnmetRule[];
  /** every article the refusal rests on: the refusing rule's and the unmet rules' */
  cited: string[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const strings = (x: unknown): string[] => list(x).filter((s): s is string => typeof s === 'string');

/** A condition's text as a reader takes it: no fact paths, no verdict, dates in Chinese. */
export function conditionInWords(text: string): string {
  return text
    .replace(/\s*→\s*(不成立|成立|无法判断)\s*$/, '')
    .replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => chineseDate(d))
    // 决定日期〔asOf〕= 2019年9月19日 → 决定日期（2019年9月19日）
    .replace(/〔[^〕]*〕\s*=\s*(\S+)/g, '（$1）')
    .replace(/〔[^〕]*〕/g, '')
    .replace(/\s+/g, ' ')
    // no spaces between Chinese words
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])/g, '')
    .trim();
}

/** The leaves of a traced condition tree, with the leaves under `not` left out (their sense is reversed). */
function leaves(node: unknown): Obj[] {
  if (!isObj(node)) return [];
  if (Object.hasOwn(node, 'all')) return list(node.all).flatMap(leaves);
  if (Object.hasOwn(node, 'any')) return list(node.any).flatMap(leaves);
  if (Object.hasOwn(node, 'not')) return [];
  return typeof node.text === 'string' ? [node] : [];
}

const isRequestPresent = (leaf: Obj): boolean => leaf.operator === 'present' && leaf.result === true && leaf.expected === true;

export function refusalReasons(regulation: Regulation, decisions: unknown, service: string): RefusalReasons | null {
  const decision = own(decisions as Obj, service);
  if (!isObj(decision)) return null;
  const key = `${service}.outcome`;
  const fired = list(decision.because).find((b): b is Obj => isObj(b) && b.result === 'fired' && isObj(b.sets) && Object.hasOwn(b.sets, key));
  if (!fired) return null;
  const facts: string[] = [];
  const unmet: UnmetRule[] = [];
  for (const leaf of leaves(fired.conditions)) {
    if (isRequestPresent(leaf)) continue;
    const m = typeof leaf.fact === 'string' ? /^decisions\.([^.]+)\.(.+)$/.exec(leaf.fact) : null;
    const found = m && leaf.result === true ? unmetFor(regulation, decisions as Obj, m[1], m[2], leaf.value) : [];
    if (found.length) unmet.push(...found);
    else facts.push(conditionInWords(String(leaf.text)));
  }
  const articles = strings(fired.articles);
  const cited = [...new Set([...articles, ...unmet.flatMap((u) => u.articles)])];
  return { rule: String(fired.name), articles, facts, unmet: eachSaidOnce(unmet), cited };
}

/**
 * Each unmet condition said once: several rules that would have allowed the request often share
 * a condition (e.g. being a floating person), and a refusal repeating the same sentence under
 * each reads as several reasons. A rule left with nothing new to say is dropped; its articles
 * stay cited.
 */
function eachSaidOnce(unmet: UnmetRule[]): UnmetRule[] {
  const said = new Set<string>();
  const out: UnmetRule[] = [];
  for (const u of unmet) {
    const conditions = u.conditions.filter((c) => !said.has(c));
    conditions.forEach((c) => said.add(c));
    if (conditions.length || !u.conditions.length) out.push({ ...u, conditions });
  }
  return out;
}

/** A traced value in a sentence: dates in Chinese, 是/否, 无 for none. */
function valueInWords(x: unknown): string {
  if (x === undefined || x === null) return '无';
  if (typeof x === 'boolean') return x ? '是' : '否';
  if (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)) return chineseDate(x);
  if (Array.isArray(x)) return x.length ? x.map(valueInWords).join('、') : '无';
  return String(x);
}

/** The rule's own words for a condition not met (its `unmet:` in the YAML), the values put in; else the condition's text. */
function unmetInWords(regulation: Regulation, ruleId: unknown, leaf: Obj): string {
  const rule = regulation.rules.find((r) => r.id === ruleId);
  const words = rule?.unmet && typeof leaf.fact === 'string' && Object.hasOwn(rule.unmet, leaf.fact) ? rule.unmet[leaf.fact] : undefined;
  if (typeof words !== 'string') return conditionInWords(String(leaf.text));
  return words.replaceAll('{值}', valueInWords(leaf.value)).replaceAll('{应为}', valueInWords(leaf.expected));
}

/** The rules that would have set `name.field` otherwise than `value`, as traced (failed), and their unmet conditions. */
function unmetFor(regulation: Regulation, decisions: Obj, name: string, field: string, value: unknown): UnmetRule[] {
  const key = `${name}.${field}`;
  const setters = new Set(regulation.rules.filter((r) => Object.hasOwn(r.set, key) && JSON.stringify(r.set[key]) !== JSON.stringify(value)).map((r) => r.id));
  const decision = own(decisions, name);
  if (!isObj(decision)) return [];
  return list(decision.because)
    .filter((b): b is Obj => isObj(b) && b.result === 'failed' && typeof b.rule === 'string' && setters.has(b.rule))
    .map((b) => ({
      rule: String(b.name),
      articles: strings(b.articles),
      conditions: leaves(b.conditions).filter((c) => c.result === false).map((c) => unmetInWords(regulation, b.rule, c)),
    }));
}
