// "Today" is the date in Qujing (Asia/Shanghai), not in UTC: at 2019-07-09T23:30Z it is
// already 2019-07-10 07:30 in China, and a decision, a lint or a form defaulted to today
// must say 2019-07-10.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chinaToday } from '../../engine/core/dates/china-today.js';
import { today as studioToday } from '../../studio/src/shared/model.js';
import { root } from '../support/regulation.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('today is China’s date', () => {
  it('at 23:30 UTC it is already the next day in Qujing', () => {
    vi.useFakeTimers({ now: new Date('2019-07-09T23:30:00Z') });
    expect(chinaToday()).toBe('2019-07-10');
    expect(studioToday()).toBe('2019-07-10');
  });

  it('until 16:00 UTC the day is the same in both', () => {
    vi.useFakeTimers({ now: new Date('2019-07-09T15:59:59Z') });
    expect(chinaToday()).toBe('2019-07-09');
    expect(chinaToday(new Date('2019-07-09T16:00:00Z'))).toBe('2019-07-10');
  });

  it('a year ends at 16:00 UTC on 31 December', () => {
    expect(chinaToday(new Date('2022-12-31T16:00:00Z'))).toBe('2023-01-01');
    expect(chinaToday(new Date('2024-02-28T16:30:00Z'))).toBe('2024-02-29');
  });

  it('no place that defaults a date takes it from the UTC clock', () => {
    const places = ['engine/server/project-store.ts', 'engine/cli/lint-command.ts', 'engine/cli/read-form-input.ts', 'studio/src/shared/model.ts'];
    for (const file of places) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).not.toMatch(/new Date\(\)\.toISOString\(\)/);
      expect(text, file).toMatch(/chinaToday\(\)/);
    }
  });
});
