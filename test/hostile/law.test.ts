// Hostile input to the law slice: source texts that are not the regulation, tables of
// county-code changes with anything in them, and clocks at the edge of a day.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSource, chineseNumber } from '../../engine/model/source-articles.js';
import { checkSourceText } from '../../engine/project/check-source-text.js';
import { currentDivisionFn } from '../../engine/core/derived/functions/divisions.js';
import { chinaToday } from '../../engine/core/dates/china-today.js';
import { qujing } from '../support/regulation.js';

const regulation = qujing().regulation;

describe('a source text that is not the regulation', () => {
  it('any text splits without throwing, into articles with numbers', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('第', '一', '十', '条', '章', '。', '\n', ' ', '- (一)', '：', 'a', '\r\n') }), (text) => {
      for (const a of splitSource(text)) {
        expect(Number.isInteger(a.number)).toBe(true);
        expect(a.line).toBeGreaterThan(0);
      }
    }), { numRuns: 1000 });
  });

  it('every problem is located and worded, whatever the source', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const problems = checkSourceText({ ...regulation, sourceText: text || 'x' });
      for (const p of problems) {
        expect(p.location.line).toBeGreaterThan(0);
        expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }), { numRuns: 200 });
  });

  it('a source with no article headings is one clear problem', () => {
    const problems = checkSourceText({ ...regulation, sourceText: 'Lorem ipsum\n\n' });
    expect(problems.map((p) => p.code)).toEqual(['text.sourceUnreadable']);
  });

  it('numbers that are not Chinese numerals are not article numbers', () => {
    for (const s of ['', '条', '十十十x', 'constructor']) expect(chineseNumber(s)).toBeUndefined();
  });

  it('CRLF line ends and full-width spaces do not change the comparison', () => {
    const crlf = regulation.sourceText.replace(/\n/g, '\r\n').replace('第一条 ', '第一条\u3000');
    expect(checkSourceText({ ...regulation, sourceText: crlf })).toEqual([]);
  });
});

describe('a table of county-code changes with anything in it', () => {
  it('inherited names and junk rows never leak into a code', () => {
    const rows = [{ former: '__proto__', successor: 'x' }, { former: 'constructor', successor: 'y' }, null, 7, 'row', { former: 1, successor: 2 }];
    expect(currentDivisionFn.compute({ code: '530302', successions: rows })).toBe('530302');
    expect(currentDivisionFn.compute({ code: 'constructor', successions: [] })).toBe('constructor');
    expect(currentDivisionFn.compute({ code: '__proto__', successions: rows })).toBe('x');
  });

  it('random tables with cycles always end', () => {
    const code = fc.constantFrom('A', 'B', 'C', 'D');
    fc.assert(fc.property(code, fc.array(fc.record({ former: code, successor: code }), { maxLength: 12 }), (start, rows) => {
      expect(['A', 'B', 'C', 'D']).toContain(currentDivisionFn.compute({ code: start, successions: rows }));
    }), { numRuns: 1000 });
  });
});

describe('today at the edge of a day', () => {
  it('any instant gives a calendar date eight hours ahead of UTC', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
      expect(chinaToday(d)).toBe(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
    }), { numRuns: 2000 });
  });
});
