// The impact chart's labels are Chinese (居住证申领·受理结果：…): fitted to the chart's width by
// our own measure, since Observable Plot counts a Chinese character as half of one.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitText, textWidth, wrapText } from '../../studio/src/impact/text-fit.js';

const label = fc.array(fc.constantFrom('居', '住', '证', '：', '→', ' ', 'a', 'photo', '、', '（无）', '0'), { maxLength: 60 }).map((xs) => xs.join(''));

describe('chart labels fitted to a width', () => {
  it('a Chinese character is one em, a Latin letter less', () => {
    expect(textWidth('居住证')).toBe(3);
    expect(textWidth('abc')).toBeCloseTo(1.8);
    expect(textWidth('：（）')).toBe(3);
  });

  it('a label that fits is kept; a longer one is cut to the width and ends in …', () => {
    expect(fitText('受理结果：当场制发居住证', 20)).toBe('受理结果：当场制发居住证');
    // 12 ems: eleven characters and the ellipsis
    expect(fitText('受理结果：一次性书面告知需要补充的材料 → 当场制发居住证', 12)).toBe('受理结果：一次性书面告…');
    fc.assert(fc.property(label, fc.integer({ min: 3, max: 40 }), (text, width) => {
      const fitted = fitText(text, width);
      expect(textWidth(fitted)).toBeLessThanOrEqual(width);
      if (textWidth(text) <= width) expect(fitted).toBe(text);
      else expect(text.startsWith(fitted.slice(0, -1))).toBe(true);
    }));
  });

  it('wrapped, every line fits and nothing but the spaces at the breaks is lost', () => {
    fc.assert(fc.property(label, fc.integer({ min: 2, max: 30 }), (text, width) => {
      const lines = wrapText(text, width).split('\n');
      for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }));
  });
});
