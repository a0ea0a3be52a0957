// A trace describes a parameter's table once and keeps the words (describe-value.ts): what is
// kept must never go stale. Only a value nothing can change, under a vocabulary nothing can
// change, is kept; the regulation's vocabulary is frozen once built.
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../engine/explain/describe-value.js';
import { deepFreeze, isDeepFrozen } from '../../engine/core/deep-freeze.js';
import type { Vocabulary } from '../../engine/model/model.js';
import { qujing } from '../support/regulation.js';

const vocabulary = (): Vocabulary => ({ facts: {}, values: {}, requirements: {}, lists: { counties: { '530302': { label: '麒麟区' } } } } as unknown as Vocabulary);

describe('the words of a value in a trace', () => {
  it('names the codes in a frozen table, the same each time it is read', () => {
    const words = deepFreeze(vocabulary());
    const table = deepFreeze(['530302', '530303']);
    expect(describeValue(table, words)).toBe('[530302（麒麟区）、530303]');
    expect(describeValue(table, words)).toBe('[530302（麒麟区）、530303]');
  });

  it('describes a list that can change as it is now', () => {
    const words = deepFreeze(vocabulary());
    const list = ['530302'];
    expect(describeValue(list, words)).toBe('[530302（麒麟区）]');
    list.push('530303');
    expect(describeValue(list, words)).toBe('[530302（麒麟区）、530303]');
    // frozen on the outside only: what is inside can still change
    const rows = Object.freeze([{ code: '530302' }]);
    expect(describeValue(rows, words)).toBe('[{"code":"530302"}]');
    rows[0].code = '530303';
    expect(describeValue(rows, words)).toBe('[{"code":"530303"}]');
  });

  it('describes a frozen table anew under words that can change', () => {
    const words = vocabulary();
    const table = deepFreeze(['530302']);
    expect(describeValue(table, words)).toBe('[530302（麒麟区）]');
    words.lists.counties['530302'] = { label: '麒麟' } as never;
    expect(describeValue(table, words)).toBe('[530302（麒麟）]');
  });

  it("the Qujing regulation's words cannot be changed once built", () => {
    const { regulation } = qujing();
    expect(Object.isFrozen(regulation.vocabulary)).toBe(true);
    expect(() => {
      (regulation.vocabulary.values as Record<string, string>).notice = '别的';
    }).toThrow(TypeError);
  });
});

describe('freezing a value', () => {
  it('ends on a value that holds itself, and finds it frozen', () => {
    const circle: Record<string, unknown> = { name: '麒麟区' };
    circle.self = circle;
    circle.list = [circle];
    expect(isDeepFrozen(deepFreeze(circle))).toBe(true);
    expect(Object.isFrozen(circle.list)).toBe(true);
  });
});

describe('words frozen on the outside only', () => {
  it('are never a key: a name changed inside is read as it is now', () => {
    const counties = { '530302': { label: '麒麟区' } };
    const words = Object.freeze({ facts: {}, values: {}, requirements: {}, lists: Object.freeze({ counties }) }) as unknown as Vocabulary;
    const table = deepFreeze(['530302']);
    expect(describeValue(table, words)).toBe('[530302（麒麟区）]');
    counties['530302'] = { label: '麒麟' };
    expect(describeValue(table, words)).toBe('[530302（麒麟）]');
  });
});
