// The text of every paragraph in rules/ must be the published text (source.txt), word for
// word, in its place: each encoded paragraph and item is compared for equality with the
// paragraph of the same article and number in the source (white space aside: the printed
// text spaces dates and breaks pages). What is missing, moved or changed is said.
import type { Article, Regulation } from '../model/model.js';
import type { Location, Problem } from '../core/source-file.js';
import { articleLabel } from '../explain/article-label.js';
import { splitSource, type SourceArticle } from '../model/source-articles.js';

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** The first place two texts differ, shown with a little of each around it. */
function difference(encoded: string, source: string): string {
  let i = 0;
  while (i < encoded.length && i < source.length && encoded[i] === source[i]) i += 1;
  const from = Math.max(0, i - 8);
  const show = (s: string): string => (i >= s.length ? `${s.slice(from)}（到此结束）` : `${s.slice(from, i + 12)}${i + 12 < s.length ? '…' : ''}`);
  return `第 ${i + 1} 个字起不同：条文为“${show(encoded)}”，原文为“${show(source)}”`;
}

const begin = (s: string): string => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

export function checkSourceText(regulation: Regulation, sourceFile = 'source.txt'): Problem[] {
  if (!regulation.sourceText) return [];
  const source = splitSource(regulation.sourceText);
  const shownSource = (regulation.articles[0]?.file ?? `rules/${sourceFile}`).replace(/articles\/[^/]*$/, sourceFile);
  const at = (line: number): Location => ({ file: shownSource, line, column: 1 });
  const problems: Problem[] = [];
  if (!source.length) {
    return [{ code: 'text.sourceUnreadable', message: `原文 ${sourceFile} 中找不到“第一条”这样的条文标题，无法逐款比较`, location: at(1) }];
  }

  // every paragraph of the source by its squeezed text, to recognise a moved one
  const whereInSource = new Map<string, string>();
  for (const a of source) {
    a.paragraphs.forEach((p, pi) => {
      whereInSource.set(squeeze(p.text), articleLabel(`${a.number}.${pi + 1}`));
      p.items.forEach((it, ii) => whereInSource.set(squeeze(`${it.label}${it.text}`), articleLabel(`${a.number}.${pi + 1}.${ii + 1}`)));
    });
  }
  const sourceByNumber = new Map(source.map((a) => [a.number, a]));
  const encodedByNumber = new Map(regulation.articles.map((a) => [a.number, a]));

  for (const a of source) {
    if (!encodedByNumber.has(a.number)) {
      problems.push({ code: 'text.articleMissing', message: `原文的${articleLabel(String(a.number))}没有编入规则（rules/articles/）`, location: at(a.line) });
    }
  }
  for (const a of regulation.articles) {
    const s = sourceByNumber.get(a.number);
    if (!s) {
      problems.push({ code: 'text.articleNotInSource', message: `${articleLabel(a.id)}在原文 ${sourceFile} 中没有`, location: a.location });
      continue;
    }
    problems.push(...compareArticle(a, s, whereInSource, at));
  }
  return problems;
}

function compareArticle(a: Article, s: SourceArticle, whereInSource: Map<string, string>, at: (line: number) => Location): Problem[] {
  const problems: Problem[] = [];
  const count = Math.max(a.paragraphs.length, s.paragraphs.length);
  for (let pi = 0; pi < count; pi += 1) {
    const label = articleLabel(`${a.id}.${pi + 1}`);
    const mine = a.paragraphs[pi];
    const theirs = s.paragraphs[pi];
    if (!mine) {
      problems.push({ code: 'text.paragraphMissing', message: `原文${label}没有编入规则：“${begin(theirs.text)}”`, location: a.location });
      continue;
    }
    if (!theirs) {
      const elsewhere = whereInSource.get(squeeze(mine.text));
      problems.push(elsewhere
        ? { code: 'text.paragraphMoved', message: `${label}的条文在原文中是${elsewhere}`, location: a.location }
        : { code: 'text.paragraphNotInSource', message: `${label}在原文中没有（原文${articleLabel(a.id)}只有 ${s.paragraphs.length} 款）：“${begin(mine.text)}”`, location: a.location });
      continue;
    }
    compare(squeeze(mine.text), squeeze(theirs.text), label, a.location, at(theirs.line), whereInSource, problems);
    const items = Math.max(mine.items?.length ?? 0, theirs.items.length);
    for (let ii = 0; ii < items; ii += 1) {
      const itemLabel = articleLabel(`${a.id}.${pi + 1}.${ii + 1}`);
      const m = mine.items?.[ii];
      const t = theirs.items[ii];
      if (!m) problems.push({ code: 'text.paragraphMissing', message: `原文${itemLabel}没有编入规则：“${t.label}${begin(t.text)}”`, location: a.location });
      else if (!t) problems.push({ code: 'text.paragraphNotInSource', message: `${itemLabel}在原文中没有：“${m.label}${begin(m.text)}”`, location: a.location });
      else compare(squeeze(`${m.label}${m.text}`), squeeze(`${t.label}${t.text}`), itemLabel, a.location, at(t.line), whereInSource, problems);
    }
  }
  return problems;
}

function compare(encoded: string, source: string, label: string, location: Location, sourceAt: Location, whereInSource: Map<string, string>, problems: Problem[]): void {
  if (encoded === source) return;
  const elsewhere = whereInSource.get(encoded);
  if (elsewhere) {
    problems.push({ code: 'text.paragraphMoved', message: `${label}的条文在原文中是${elsewhere}，不是${label}`, location });
    return;
  }
  problems.push({ code: 'text.paragraphChanged', message: `${label}与原文（${sourceAt.file}:${sourceAt.line}）不一致，${difference(encoded, source)}`, location });
}
