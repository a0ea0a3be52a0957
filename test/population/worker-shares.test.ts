// Issue 11 item 6: the studio shares a population among its impact workers (one a core). What
// a user sees must not depend on how many there are: the same cases in the same order, a bad
// line of a cases.jsonl named at its line in the whole file, and one count per change with
// the first example cases. These check the sharing itself, without a browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { filePart, joinParts, parseCaseLines, readCaseLines } from '../../studio/src/impact/case-lines.js';
import { populationShare, shareRange } from '../../studio/src/impact/population-share.js';
import { mergeImpact, mergeProgress } from '../../studio/src/impact/merge-impact.js';
import { ValueTable } from '../../studio/src/impact/decision-codes.js';
import type { ImpactResult, Transition } from '../../studio/src/impact/impact-types.js';
import { qujing, root } from '../support/regulation.js';

const FILE = 'rules/population/qujing-year.yaml';
const regulation = qujing().regulation;
const spec = checkPopulation(FILE, readFileSync(join(root, FILE), 'utf8'), regulation).spec!;

describe('a population drawn in shares', () => {
  it('the shares, one after another, are the population the command line draws, for 1 to 4 workers', () => {
    const whole = generatePopulation(spec, { size: 301, seed: 7 });
    for (const of of [1, 2, 3, 4]) {
      const shares = Array.from({ length: of }, (_, index) => populationShare(spec, 301, 7, { index, of }));
      expect(shares.flat()).toEqual(whole);
      expect(Math.max(...shares.map((s) => s.length)) - Math.min(...shares.map((s) => s.length))).toBeLessThanOrEqual(1);
    }
  });

  it('fewer cases than workers: some shares are empty, none is lost', () => {
    expect([0, 1, 2, 3].map((index) => shareRange(2, { index, of: 4 }))).toEqual([{ from: 0, to: 0 }, { from: 0, to: 1 }, { from: 1, to: 1 }, { from: 1, to: 2 }]);
  });
});

describe('a cases.jsonl read in parts, one a worker', () => {
  const good = generatePopulation(spec, { size: 40, seed: 3 }).map((c) => JSON.stringify(c));
  // bad lines throughout (so some fall next to the cuts), a blank line, Chinese text (bytes of several per character)
  const lines = good.flatMap((line, i) => (i % 7 === 3 ? [line, '{not json'] : i % 11 === 5 ? [line, '', JSON.stringify({ asOf: '2019-02-30', facts: {}, 备注: '曲靖' })] : [line]));
  const text = `${lines.join('\n')}\n`;
  const bytes = new TextEncoder().encode(text);

  it('gives the cases and the numbered bad lines of the whole file, for 1 to 5 parts', async () => {
    const whole = parseCaseLines('cases.jsonl', bytes.buffer as ArrayBuffer, regulation);
    expect(whole.cases).toHaveLength(40);
    expect(whole.problems.length).toBeGreaterThan(5);
    const badLines = lines.flatMap((l, i) => (l.startsWith('{not') || l.includes('2019-02-30') ? [i + 1] : []));
    expect(whole.problems.map((p) => Number(p.match(/第 (\d+) 行/)?.[1]))).toEqual(badLines);
    const file = new Blob([bytes]);
    for (const of of [1, 2, 3, 5]) {
      const parts = await Promise.all(Array.from({ length: of }, async (_, k) => readCaseLines(await filePart(file, k, of), regulation)));
      expect(parts.flatMap((p) => p.cases)).toEqual(whole.cases);
      expect(joinParts('cases.jsonl', parts.map((p) => ({ ...p, count: p.cases.length }))).problems).toEqual(whole.problems);
    }
  });

  it('a file with no line end, or cut in a long line: no line read twice or cut', async () => {
    const one = new Blob([good[0]]);
    const parts = await Promise.all([0, 1, 2].map(async (k) => readCaseLines(await filePart(one, k, 3), regulation)));
    expect(parts.map((p) => p.cases.length)).toEqual([1, 0, 0]);
  });

  it('a part that is not UTF-8 refuses the whole file, as one message', () => {
    const notText = readCaseLines(new Uint8Array([0xd6, 0xd0, 0xff]).buffer as ArrayBuffer, regulation);
    const fine = readCaseLines(new TextEncoder().encode(good[0]).buffer as ArrayBuffer, regulation);
    const joined = joinParts('gbk.jsonl', [{ ...fine, count: 1 }, { ...notText, count: 0 }]);
    expect(joined.count).toBe(0);
    expect(joined.problems).toEqual([expect.stringContaining('gbk.jsonl：不是 UTF-8')]);
  });
});

describe("the workers' answers as one", () => {
  const change = (count: number, examples: number[], after = '"issueOnSpot"'): Transition => ({ decision: 'application', field: 'outcome', before: '"notice"', after, count, examples });
  const answer = (size: number, changedCases: number, transitions: Transition[], ms: number): ImpactResult => ({ kind: 'done', source: 'population', size, changedCases, transitions, ms, decideMs: ms / 2, savedMs: 0 });

  it('counts added, the first five example cases of the whole set, the largest change first, the slowest worker timed', () => {
    const merged = mergeImpact([
      answer(100, 4, [change(3, [2, 40, 77]), change(1, [50], '"refuse"')], 900),
      answer(100, 5, [change(5, [101, 102, 110, 150, 199])], 1200),
    ]);
    expect(merged).toMatchObject({ kind: 'done', size: 200, changedCases: 9, ms: 1200, workers: 2 });
    if (merged.kind !== 'done') return;
    expect(merged.transitions.map((t) => [t.after, t.count, t.examples])).toEqual([['"issueOnSpot"', 8, [2, 40, 77, 101, 102]], ['"refuse"', 1, [50]]]);
  });

  it('one worker cancelled (a newer edit) or in error: that is the answer', () => {
    expect(mergeImpact([answer(1, 0, [], 1), { kind: 'cancelled' }])).toEqual({ kind: 'cancelled' });
    expect(mergeImpact([{ kind: 'error', message: '规则有错误' }, { kind: 'cancelled' }])).toEqual({ kind: 'error', message: '规则有错误' });
  });

  it('progress: the saved rules until every worker is past them, counted over the whole set', () => {
    expect(mergeProgress([{ done: 500, total: 1000, phase: 'saved' }, { done: 200, total: 1000, phase: 'working' }], 2000)).toEqual({ done: 1500, total: 2000, phase: 'saved' });
    expect(mergeProgress([{ done: 500, total: 1000, phase: 'working' }, undefined], 2000)).toEqual({ done: 500, total: 2000, phase: 'working' });
    expect(mergeProgress([undefined, undefined], 2000)).toBeUndefined();
  });
});

describe('decision values numbered for comparing (CASES.md §2: lists without regard to order)', () => {
  it('the same list in another order is the same value; 1 and "1", absent and null are not', () => {
    const table = new ValueTable();
    expect(table.code(['photo', 'idCard'])).toBe(table.code(['idCard', 'photo']));
    expect(table.code(1)).not.toBe(table.code('1'));
    expect(table.code(undefined)).not.toBe(table.code(null));
    expect(table.code({ a: 1 })).toBe(table.code({ a: 1 }));
    expect(table.values[table.code(['photo', 'idCard'])]).toBe(table.values[table.code(['idCard', 'photo'])]);
  });
});
