// The text check compares each encoded paragraph with its own paragraph of source.txt: a
// truncated, changed, moved or missing paragraph is an error naming the paragraph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { checkSourceText } from '../../engine/project/check-source-text.js';
import { chineseNumber, splitSource } from '../../engine/model/source-articles.js';
import { root, rulesCopy } from '../support/regulation.js';

const APPLICATION = 'articles/12-13-application.yaml';
const ART12_P1 = '申领居住证，应当提交本人居民身份证、本人证件照2张以及居住地住址、就业、就读等证明材料。';

function problemsAfter(edit: (copy: ReturnType<typeof rulesCopy>) => void) {
  const copy = rulesCopy();
  edit(copy);
  const { regulation, problems } = loadRegulation(copy.dir);
  expect(problems).toEqual([]);
  return checkSourceText(regulation!);
}

describe('source.txt split into articles and paragraphs', () => {
  const source = splitSource(readFileSync(join(root, 'rules', 'source.txt'), 'utf8'));

  it('has the 23 articles, in order, with their paragraphs', () => {
    expect(source.map((a) => a.number)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(source.find((a) => a.number === 10)!.paragraphs).toHaveLength(2);
    expect(source.find((a) => a.number === 12)!.paragraphs).toHaveLength(3);
    expect(source.find((a) => a.number === 14)!.paragraphs).toHaveLength(3);
    expect(source.find((a) => a.number === 18)!.paragraphs[0].items).toHaveLength(12);
  });

  it('joins a paragraph broken by a page (art. 14 ¶2, art. 21)', () => {
    expect(source.find((a) => a.number === 14)!.paragraphs[1].text).toContain('1年有效期届满三十日前');
    expect(source.find((a) => a.number === 21)!.paragraphs).toHaveLength(1);
  });

  it('reads Chinese article numbers', () => {
    expect([chineseNumber('一'), chineseNumber('十'), chineseNumber('十四'), chineseNumber('二十三'), chineseNumber('一百零二')]).toEqual([1, 10, 14, 23, 102]);
    expect(chineseNumber('条')).toBeUndefined();
  });
});

describe('the text check compares, not searches', () => {
  it('the Qujing rules match the source paragraph for paragraph', () => {
    const copy = rulesCopy();
    expect(checkSourceText(loadRegulation(copy.dir).regulation!)).toEqual([]);
  });

  it('art. 12 ¶1 truncated to “申领居住证” (a substring of the source) is an error', () => {
    const problems = problemsAfter((c) => c.edit(APPLICATION, ART12_P1, '申领居住证'));
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('text.paragraphChanged');
    expect(problems[0].message).toContain('第十二条第一款');
    expect(problems[0].location.file).toMatch(/12-13-application\.yaml$/);
  });

  it('a paragraph left out is missing, named with the source’s beginning', () => {
    const copy = rulesCopy();
    copy.edit(APPLICATION, / {6}- text: 居住地住址证明包括[^\n]*\n/, '');
    // (the rules citing 12.2 and 12.3 are reported by the reference check; only the text matters here)
    const problems = checkSourceText(loadRegulation(copy.dir).regulation!);
    // ¶2 is now ¶3's text: moved; the source's ¶3 has no encoded paragraph
    expect(problems.map((p) => p.code).sort()).toEqual(['text.paragraphMissing', 'text.paragraphMoved']);
    expect(problems.find((p) => p.code === 'text.paragraphMoved')!.message).toContain('第十二条第三款');
  });

  it('a paragraph encoded under the wrong article is moved', () => {
    const problems = problemsAfter((c) => c.edit(APPLICATION, ART12_P1, '对符合居住证办理条件，且材料齐全的，受理机关应当当场制发放居住证。对申请材料不全的，应当书面一次性告知申领人需要补充的材料。'));
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('text.paragraphMoved');
    expect(problems[0].message).toMatch(/第十二条第一款.*第十三条/);
  });

  it('one word changed is shown where it differs', () => {
    const problems = problemsAfter((c) => c.edit(APPLICATION, '本人证件照2张', '本人证件照3张'));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('第十二条第一款');
    expect(problems[0].message).toMatch(/原文为“[^”]*2张/);
  });

  it('an item of art. 18 changed or dropped', () => {
    const changed = problemsAfter((c) => c.edit('articles/17-22-public-services-and-rights.yaml', '办理出入境证件；', '办理出境证件；'));
    expect(changed.map((p) => p.code)).toEqual(['text.paragraphChanged']);
    const dropped = problemsAfter((c) => c.edit('articles/17-22-public-services-and-rights.yaml', /\s*- \{ label: \(十二\)[^\n]*/, ''));
    expect(dropped.map((p) => p.code)).toEqual(['text.paragraphMissing']);
  });

  it('an article of the source nobody encoded is named at its line in source.txt', () => {
    const copy = rulesCopy();
    copy.edit('source.txt', '第二十三条', '第二十四条 本条为测试所加。\n\n第二十三条');
    const problems = checkSourceText(loadRegulation(copy.dir).regulation!);
    expect(problems.map((p) => p.code)).toEqual(['text.articleMissing']);
    expect(problems[0].location.file).toMatch(/source\.txt$/);
    expect(problems[0].location.line).toBeGreaterThan(1);
  });
});
