// @vitest-environment jsdom
// The studio's English is English (issue 12): every message but the switch's own name
// ("中文") has no Han character and no Chinese punctuation; the trace's operator words are
// the engine's in Chinese and have an English twin; form errors have an English twin.
import { describe, expect, it } from 'vitest';
import type { ErrorObject } from 'ajv';
import { messagesFor } from '../../studio/src/shared/i18n.js';
import { operatorsByName } from '../../engine/core/operators.js';
import { createAjv } from '../../engine/core/validation/ajv.js';
import { errorDetailEn } from '../../studio/src/counter/form-ajv.js';

const CHINESE = /[\p{Script=Han}，。：；（）、“”〔〕《》！？]/u;
const strings = (o: unknown): Array<[string, string]> =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : strings(v).map(([kk, vv]) => [`${k}.${kk}`, vv] as [string, string])));

describe('the studio in English', () => {
  it('has no Chinese in its English messages, save the name of the Chinese interface', () => {
    const found = strings(messagesFor('en')).filter(([k, v]) => k !== 'language' && CHINESE.test(v));
    expect(found).toEqual([]);
    expect(messagesFor('en').language).toBe('中文');
  });

  it('reads every operator as the engine does in Chinese, and in English', () => {
    for (const [name, op] of operatorsByName) {
      expect(messagesFor('zh').operators[name], name).toBe(op.reads);
      expect(messagesFor('en').operators[name], name).toMatch(/^[a-z :]+$/);
    }
  });

  it('words a counter form\'s errors in English: ajv\'s, and tiaoli\'s own keywords', () => {
    const ajv = createAjv();
    const validate = ajv.compile({
      type: 'object', required: ['name'], additionalProperties: false,
      properties: { name: { type: 'string' }, id: { type: 'string', residentId: true }, on: { type: 'string', calendarDate: true }, count: { type: 'integer', minimum: 0 } },
    });
    validate({ id: '510104198806210575', on: '2019-02-30', count: -1, extra: 1 });
    const words = (validate.errors as ErrorObject[]).map(errorDetailEn);
    expect(words).toContain('required');
    expect(words).toContain('wrong check character: should be 4, is 5');
    expect(words).toContain('must be a real date, as YYYY-MM-DD (e.g. 2019-07-10)');
    expect(words).toContain('must not be less than 0');
    for (const w of words) expect(w).not.toMatch(CHINESE);
  });
});
