// The helpers print templates use: dates and article numbers in Chinese, names from the
// vocabulary, requirements with what satisfies them, article text to quote.
import type { HelperOptions } from 'handlebars';
import type { Regulation } from '../model.js';
import { articleLabel, compareArticleRefs } from '../explain/article-label.js';
import { describeValue } from '../explain/describe-value.js';
import { resolveRequirement } from '../explain/requirements.js';

export class NothingToPrint extends Error {}

/** 2019-09-16 → 2019年9月16日 */
export function chineseDate(date: unknown): string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '＿＿年＿＿月＿＿日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const isOptions = (x: unknown): x is HelperOptions => !!x && typeof x === 'object' && 'hash' in (x as object) && 'data' in (x as object);
const args = (xs: unknown[]): unknown[] => xs.filter((x) => !isOptions(x));
const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);

export function printHelpers(regulation: Regulation, asOf: string): Record<string, (...xs: any[]) => unknown> {
  const label = (code: unknown): string => {
    const v = regulation.vocabulary;
    const key = String(code);
    return v.values[key] ?? v.materials[key] ?? v.requirements[key]?.label ?? describeValue(code, v);
  };
  const requirement = (code: unknown, materials?: Record<string, number>) => {
    const r = resolveRequirement(regulation, String(code), asOf);
    return {
      ...r,
      materialLabels: r.materials.map((m) => m.label),
      handedIn: r.materials.reduce((n, m) => n + (materials?.[m.code] ?? 0), 0),
    };
  };
  const refs = (xs: unknown[]): string[] => [...new Set(xs.flat(3).map(String))].sort(compareArticleRefs);
  return {
    eq: (a, b) => a === b,
    gt: (a, b) => Number(a) > Number(b),
    not: (a) => !a,
    or: (...xs) => args(xs).some(Boolean),
    add: (a, b) => Number(a) + Number(b),
    list: (...xs) => args(xs),
    concat: (...xs) => args(xs).flatMap(asList),
    join: (xs, sep) => asList(xs).join(typeof sep === 'string' ? sep : '、'),
    date: (d) => chineseDate(d),
    label,
    labels: (xs) => asList(xs).map(label),
    article: (ref) => articleLabel(String(ref)),
    /** whole articles, for a sentence: 第十二条、第十三条 */
    articleList: (xs) => [...new Set(refs(asList(xs)).map((r) => r.split('.')[0]))].map(articleLabel).join('、'),
    /** every paragraph as cited */
    paragraphList: (xs) => refs(asList(xs)).map(articleLabel).join('、'),
    articlesOf: (codes) => asList(codes).map((c) => regulation.vocabulary.requirements[String(c)]?.article).filter(Boolean),
    requirements: (codes, materials) => asList(codes).map((c) => requirement(c, isOptions(materials) ? undefined : materials)),
    requirementMaterials: (code) => requirement(code).materialLabels,
    quote: (xs) => refs(asList(xs)).map((ref) => {
      const article = regulation.articles.find((a) => a.id === ref);
      const paragraph = regulation.articles.flatMap((a) => a.paragraphs).find((p) => p.id === ref);
      return { heading: articleLabel(ref), text: article ? article.text.replace(/\n/g, '') : paragraph?.text ?? '' };
    }),
    nothingToPrint: (message) => {
      throw new NothingToPrint(String(message));
    },
  };
}
