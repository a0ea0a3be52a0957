// The helpers print templates use: dates and article numbers in Chinese, names from the
// vocabulary, requirements with what satisfies them, article text to quote.
// Every name is looked up as an own property, and every result is plain data: a helper
// must never hand a template an inherited value (Object → Function runs code).
import type { Regulation, Vocabulary } from '../../model/model.js';
import { articleLabel, compareArticleRefs } from '../../explain/article-label.js';
import { resolveRequirement, requirementOf } from '../../model/resolve-requirement.js';
import { nameOf } from '../../explain/describe-value.js';
import { own, plainData } from './plain-data.js';
import { chineseDate } from './chinese-date.js';
import { refusalReasons } from './refusal-reasons.js';

export class NothingToPrint extends Error {}

/** The helpers a template may call, besides Handlebars' own `if`, `unless` and `each`. */
export const PRINT_HELPERS = [
  'eq', 'gt', 'not', 'or', 'add', 'list', 'concat', 'join', 'date', 'label', 'labels', 'article',
  'articleList', 'paragraphList', 'articlesOf', 'requirements', 'requirementMaterials', 'quote', 'nothingToPrint',
  'refusalReasons', 'blank', 'firedArticles',
] as const;
export type PrintHelperName = (typeof PRINT_HELPERS)[number];

export { chineseDate } from './chinese-date.js';

/** Any value as text; plain data has no toString of its own. */
const text = (x: unknown): string => (typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x));
const asList = (x: unknown): unknown[] => (Array.isArray(x) ? x : x === undefined || x === null ? [] : [x]);

/** A value as the applicant reads it: the vocabulary's name for a code, 是/否, a list. */
export function labelText(value: unknown, v: Vocabulary): string {
  if (value === undefined || value === null) return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? `[${value.map((x) => labelText(x, v)).join('、')}]` : '[]（空）';
  if (typeof value === 'string') return nameOf(value, v) ?? value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

type Helper = (...args: unknown[]) => unknown;

export function printHelpers(regulation: Regulation, asOf: string): Record<PrintHelperName, Helper> {
  const v = regulation.vocabulary;
  const label = (code: unknown): string => labelText(code, v);
  // a requirement is a service's: `requirements "application" decision.missing materials`
  const requirement = (service: unknown, code: unknown, materials?: unknown) => {
    const r = resolveRequirement(regulation, text(service), text(code), asOf);
    return {
      ...r,
      // an alternative says when it counts: 户口簿（未满16周岁的）
      materialLabels: r.materials.map((m) => (m.note ? `${m.label}（${m.note}）` : m.label)),
      // a requirement still missing was not met by an alternative: only the codes that always count
      handedIn: r.materials.filter((m) => !m.note).reduce((n, m) => n + (Number(own(materials as Record<string, unknown>, m.code)) || 0), 0),
    };
  };
  const refs = (xs: unknown[]): string[] => [...new Set(xs.flat(3).map(text))].sort(compareArticleRefs);
  const helpers: Record<PrintHelperName, Helper> = {
    eq: (a, b) => a === b,
    gt: (a, b) => Number(a) > Number(b),
    not: (a) => !a,
    or: (...xs) => xs.some(Boolean),
    add: (a, b) => Number(a) + Number(b),
    list: (...xs) => xs,
    concat: (...xs) => xs.flatMap(asList),
    join: (xs, sep) => asList(xs).map(text).join(typeof sep === 'string' ? sep : '、'),
    date: (d) => chineseDate(d),
    label,
    labels: (xs) => asList(xs).map(label),
    article: (ref) => articleLabel(text(ref)),
    /** whole articles, for a sentence: 第十二条、第十三条 */
    articleList: (xs) => [...new Set(refs(asList(xs)).map((r) => r.split('.')[0]))].map(articleLabel).join('、'),
    /** every paragraph as cited */
    paragraphList: (xs) => refs(asList(xs)).map(articleLabel).join('、'),
    articlesOf: (service, codes) => asList(codes).map((c) => requirementOf(regulation, text(service), text(c))?.article).filter(Boolean),
    requirements: (service, codes, materials) => asList(codes).map((c) => requirement(service, c, materials)),
    requirementMaterials: (service, code) => requirement(service, code).materialLabels,
    quote: (xs) => refs(asList(xs)).map((ref) => {
      const article = regulation.articles.find((a) => a.id === ref);
      const paragraph = regulation.articles.flatMap((a) => a.paragraphs).find((p) => p.id === ref);
      return { heading: articleLabel(ref), text: article ? article.text.replace(/\n/g, '') : paragraph?.text ?? '' };
    }),
    /** why `service`'s request was refused: `refusalReasons decisions "application"` */
    refusalReasons: (decisions, service) => refusalReasons(regulation, decisions, text(service)),
    /** the articles of the rules that applied in these decisions (not of every rule considered) */
    firedArticles: (...decisions) => decisions.flatMap((d) => asList(d && typeof d === 'object' ? own(d as Record<string, unknown>, 'because') : undefined))
      .filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && own(b as Record<string, unknown>, 'result') === 'fired')
      .flatMap((b) => asList(own(b, 'articles'))),
    /** a value, or a line to fill in by hand when there is none: `blank office.phone 12` */
    blank: (value, width) => (typeof value === 'string' && value.trim() ? value : typeof value === 'number' ? String(value) : '＿'.repeat(Math.min(40, Math.max(2, Number(width) || 8)))),
    nothingToPrint: (message) => {
      throw new NothingToPrint(text(message));
    },
  };
  // Handlebars passes its options object last; a helper sees only its arguments, as plain
  // data, and hands back plain data.
  return Object.fromEntries(PRINT_HELPERS.map((name) => [name, (...xs: unknown[]) => plainData(helpers[name](...xs.slice(0, -1).map((x) => plainData(x)))) ?? ''])) as Record<PrintHelperName, Helper>;
}
