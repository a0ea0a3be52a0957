// The published text (source.txt) split into articles, paragraphs and items, so that each
// encoded paragraph can be compared with its own paragraph, not searched for anywhere.
//
// A line that starts 第N条 opens an article; 第N章 lines and the title before the first
// article are headings. Inside an article a line break after 。：； ends a paragraph; a
// break anywhere else is a page break in the printed text and the lines are joined (art. 14
// ¶2 breaks after “1年有效”). A line starting “- (一)” is an item of the paragraph before it.

export interface SourceItem {
  label: string;
  text: string;
  line: number;
}

export interface SourceParagraph {
  text: string;
  items: SourceItem[];
  line: number;
}

export interface SourceArticle {
  number: number;
  line: number;
  paragraphs: SourceParagraph[];
}

const DIGITS = new Map([...'一二三四五六七八九'].map((c, i) => [c, i + 1]));

/** 一 → 1, 十 → 10, 十四 → 14, 二十三 → 23, 一百零二 → 102; anything else undefined. */
export function chineseNumber(text: string): number | undefined {
  let total = 0;
  let digit = 0;
  for (const c of text) {
    if (DIGITS.has(c)) digit = DIGITS.get(c)!;
    else if (c === '零') digit = 0;
    else if (c === '十') { total += (digit || 1) * 10; digit = 0; }
    else if (c === '百') { total += (digit || 1) * 100; digit = 0; }
    else return undefined;
  }
  return text ? total + digit : undefined;
}

const ARTICLE = /^第([零一二三四五六七八九十百]+)条[\s\u3000]*/;
const CHAPTER = /^第[零一二三四五六七八九十百]+章/;
const ITEM = /^-\s*(\([一二三四五六七八九十]+\)|（[一二三四五六七八九十]+）)\s*/;
const ENDS_PARAGRAPH = /[。：；]$/;

export function splitSource(text: string): SourceArticle[] {
  const articles: SourceArticle[] = [];
  let article: SourceArticle | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (!line) return;
    if (CHAPTER.test(line)) {
      article = undefined;
      return;
    }
    const heading = ARTICLE.exec(line);
    if (heading) {
      const n = chineseNumber(heading[1]);
      if (n === undefined) return;
      article = { number: n, line: number, paragraphs: [] };
      articles.push(article);
      const rest = line.slice(heading[0].length);
      if (rest) article.paragraphs.push({ text: rest, items: [], line: number });
      return;
    }
    if (!article) return;
    const item = ITEM.exec(line);
    const last = article.paragraphs.at(-1);
    if (item && last) {
      last.items.push({ label: item[1], text: line.slice(item[0].length), line: number });
      return;
    }
    const lastItem = last?.items.at(-1);
    if (lastItem && !ENDS_PARAGRAPH.test(lastItem.text)) {
      lastItem.text += line;
    } else if (last && !last.items.length && !ENDS_PARAGRAPH.test(last.text)) {
      last.text += line;
    } else {
      article.paragraphs.push({ text: line, items: [], line: number });
    }
  });
  return articles;
}
