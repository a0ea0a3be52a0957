// Hostile population files and hostile cases.jsonl (issue 11 items 5–6): every bad input is
// a located Chinese message; nothing throws, nothing hangs, no prototype is touched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { filePart, joinParts, parseCaseLines, readCaseLines } from '../../studio/src/impact/case-lines.js';
import { qujing, root } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

const FILE = 'rules/population/qujing-year.yaml';
const text = readFileSync(join(root, FILE), 'utf8');
const lineOf = (needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const check = (source: string) => checkPopulation(FILE, source, qujing().regulation);

function onlyProblem(source: string) {
  const checked = check(source);
  expect(checked.spec).toBeUndefined();
  expect(checked.problems.length).toBeGreaterThan(0);
  for (const p of checked.problems) {
    expect(p.location.file).toBe(FILE);
    expect(p.location.line).toBeGreaterThanOrEqual(1);
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  }
  return checked.problems;
}

describe('a hostile population file', () => {
  it('shares that do not sum to 1: named, at the group', () => {
    const [p] = onlyProblem(text.replace('damaged: 0.3, lost: 0.7', 'damaged: 0.5, lost: 0.7'));
    expect(p.message).toBe('replacement.reason.shares：各项比例之和应为 1，现为 1.2');
    expect(p.location.line).toBe(lineOf('damaged: 0.3, lost: 0.7'));
  });

  it('a negative size, a negative share, a size past the limit: at their lines', () => {
    expect(onlyProblem(text.replace('size: 200000', 'size: -5'))[0]).toMatchObject({ message: 'population.size：不得小于 1', location: { line: lineOf('size: 200000') } });
    expect(onlyProblem(text.replace('stableIncome: { chance: 0.35 }', 'stableIncome: { chance: -0.35 }'))[0]).toMatchObject({ message: 'person.stableIncome.chance：概率应为 0 到 1 之间的数，现为 -0.35', location: { line: lineOf('stableIncome: { chance: 0.35 }') } });
    expect(onlyProblem(text.replace('size: 200000', 'size: 1000000000000'))[0].message).toBe('population.size：不得大于 2000000');
  });

  it('an unknown key (a misspelling), an unknown fact, a value read before it is drawn: at their lines', () => {
    const [unknown] = onlyProblem(text.replace('    atMost: { fullYears:', '    atmost: { fullYears:'));
    expect(unknown).toMatchObject({ code: 'population.unknownKey', location: { line: lineOf('atMost: { fullYears:') } });
    expect(unknown.message).toContain('没有这一项');
    const [fact] = onlyProblem(text.replace('  grounds.study: { chance: 0.07 }', '  grounds.studies: { chance: 0.07 }'));
    expect(fact).toMatchObject({ code: 'population.unknownFact', message: '案件 Schema（rules/case.schema.yaml）中没有事实 grounds.studies', location: { line: lineOf('grounds.study: { chance'), column: 3 } });
    const early = onlyProblem(text.replace('draw.permitsFrom: { value: 2017-10-09 }', 'draw.permitsFrom: { value: { fact: draw.age } }'));
    expect(early[0]).toMatchObject({ code: 'population.unknownName', location: { line: lineOf('draw.permitsFrom: { value') } });
    expect(early[0].message).toContain('draw.age 还没有抽取');
    expect(onlyProblem(text.replace('operator: greaterThanInclusive, value: 60', 'operator: olderThan, value: 60'))[0].message).toMatch(/未知的运算符 olderThan/);
  });

  it('__proto__, constructor as names: refused, and no object gains a property', () => {
    const proto = onlyProblem(text.replace('      "530302": 0.04         # 麒麟区（市内跨县的人户分离）', '      __proto__: 0.04'));
    expect(proto[0].location.line).toBe(lineOf('麒麟区（市内跨县的人户分离）'));
    const ctor = onlyProblem(text.replace('      leaseContract: 0.55', '      constructor: 0.55'));
    expect(ctor.map((p) => p.message).join()).toMatch(/constructor/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    onlyProblem(text.replace('facts:\n', 'facts:\n  __proto__: { value: { polluted: 1 } }\n'));
    onlyProblem(text.replace('facts:\n', 'facts:\n  person.__proto__.polluted: { value: 1 }\n'));
    onlyProblem(text.replace('      - key: agentIdCard', '      - key: __proto__'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a range backwards, a material the regulation does not know, a county code that is not one: located', () => {
    expect(onlyProblem(text.replace('between: { from: 30, to: 700 }', 'between: { from: 700, to: 30 }'))[0].message).toBe('permit.issuedOn.1.minus.days.between.from：区间的起点 700 大于终点 30');
    expect(onlyProblem(text.replace('      leaseContract: 0.55', '      leaseContrat: 0.55'))[0].message).toMatch(/materials：抽取的第 \d+ 个案件不符合案件 Schema.*leaseContrat/);
    const [county] = onlyProblem(text.replace('      "530303": 0.09       # 沾益区', '      "53030": 0.09'));
    expect(county).toMatchObject({ code: 'population.code', location: { line: lineOf('"530303": 0.09') } });
    expect(county.message).toContain('53030 不是案件 Schema 允许的值');
  });

  it('a span backwards, a span and years both, dates that are not dates: at their lines', () => {
    expect(onlyProblem(text.replace('span: { from: 2019-01-01, to: 2019-12-31 }', 'span: { from: 2019-12-31, to: 2019-01-01 }'))[0].message).toBe('population.span.from：起点 2019-12-31 晚于终点 2019-01-01');
    expect(onlyProblem(text.replace('span: { from: 2019-01-01, to: 2019-12-31 }', 'span: { from: 2019-02-30, to: 2019-12-31 }'))[0].location.line).toBe(lineOf('span: { from'));
    expect(onlyProblem(text.replace('  days: workdays', '  years: [2019]\n  days: workdays'))[0].message).toMatch(/span 与 years 只写一个/);
    expect(onlyProblem(text.replace('  days: workdays', '  days: weekends'))[0].location.line).toBe(lineOf('days: workdays'));
    expect(onlyProblem(text.replace('draw.permitsFrom: { value: 2017-10-09 }', 'draw.permitsFrom: { date: 2017-13-09 }'))[0].location.line).toBe(lineOf('draw.permitsFrom'));
    expect(onlyProblem(text.replace('draw.permitsFrom: { value: 2017-10-09 }', 'draw.permitsFrom: { value: 2017-02-29 }'))[0]).toMatchObject({ code: 'population.date', location: { line: lineOf('draw.permitsFrom') } });
  });

  it('a series that never moves on, a condition of the wrong shape: refused at their lines, never a hang', () => {
    expect(onlyProblem(text.replace('every: { years: 1 }', 'every: { years: 0 }'))[0].message).toMatch(/周期应大于 0/);
    expect(onlyProblem(text.replace("when: { all: [{ fact: draw.service, operator: equal, value: endorsement }] }\n    date:", "when: { all: [{ fact: draw.service, value: endorsement }] }\n    date:"))[0].message).toMatch(/条件缺少 operator/);
  });

  it('YAML bombs and garbage: located problems, never a throw', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n';
    for (const source of [bomb, '', '[', 'population: 1', '\u0000\u0001', '{'.repeat(10_000)]) onlyProblem(source);
  });

  it('fuzzed: any line deleted, any value replaced, never throws, every problem located', () => {
    const lines = text.split('\n');
    fc.assert(fc.property(fc.nat(lines.length - 1), fc.oneof(fc.constant(''), fc.string(), fc.constantFrom('  x: -1', '  __proto__: 1', '- 1', '  size: 1e400', 'population:')), (at, replacement) => {
      const copy = [...lines];
      copy[at] = replacement;
      const checked = check(copy.join('\n'));
      for (const p of checked.problems) expect(p.location.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 120 });
  });

  it('tiaoli population refuses a negative or huge --size, and a broken file, with a message and exit 1', () => {
    for (const size of ['-1', '1e9', '99999999', 'abc']) {
      const run = tiaoli(['population', '--size', size]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/--size 应/);
    }
    const run = tiaoli(['population', '--size', '3', '--file', join(root, 'test/hostile/population.test.ts')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/population\.test\.ts:\d+:\d+/);
  });
});

describe('a hostile cases.jsonl loaded into the studio', () => {
  const regulation = qujing().regulation;
  const bytes = (s: string): ArrayBuffer => new TextEncoder().encode(s).buffer as ArrayBuffer;
  const good = generatePopulation(checkPopulation(FILE, text, regulation).spec!, { size: 3, seed: 1 }).map((c) => JSON.stringify(c));

  it('bad lines are named by number, in Chinese; the good ones load', () => {
    const lines = [
      good[0],
      '{not json',
      '{"__proto__": {"polluted": 1}, "asOf": "2019-01-01", "facts": {}}',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      JSON.stringify({ asOf: '2019-02-30', facts: {} }),
      good[1],
      `{"asOf":"2019-01-01","facts":{},"name":"${'x'.repeat(200_000)}"}`,
      '',
      good[2],
    ];
    const read = parseCaseLines('cases.jsonl', bytes(lines.join('\n')), regulation);
    expect(read.cases).toHaveLength(3);
    expect(read.problems.map((p) => p.match(/第 (\d+) 行/)?.[1])).toEqual(['2', '3', '4', '5', '7']);
    for (const p of read.problems) expect(p).toMatch(/^cases\.jsonl：第 \d+ 行：.*[\u4e00-\u9fff]/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not UTF-8, empty, or 100,000 lines of garbage: a message, quickly, no hang', () => {
    expect(parseCaseLines('gbk.jsonl', new Uint8Array([0xd6, 0xd0, 0xce, 0xc4, 0xff]).buffer as ArrayBuffer, regulation).problems[0]).toContain('不是 UTF-8');
    expect(parseCaseLines('empty.jsonl', bytes('\n\n'), regulation).problems).toEqual(['empty.jsonl：文件中没有案件']);
    const garbage = parseCaseLines('garbage.jsonl', bytes('{"a":\n'.repeat(100_000)), regulation);
    expect(garbage.cases).toEqual([]);
    expect(garbage.problems).toHaveLength(21);
    expect(garbage.problems.at(-1)).toBe('garbage.jsonl：另有 99980 行有错误未列出');
  });
});

describe('a hostile cases.jsonl read in parts by the impact workers', () => {
  const regulation = qujing().regulation;
  const good = generatePopulation(checkPopulation(FILE, text, regulation).spec!, { size: 4, seed: 2 }).map((c) => JSON.stringify(c));
  const inParts = async (content: string, of: number) => {
    const file = new Blob([new TextEncoder().encode(content)]);
    const parts = await Promise.all(Array.from({ length: of }, async (_, k) => readCaseLines(await filePart(file, k, of), regulation)));
    return { cases: parts.flatMap((p) => p.cases), problems: joinParts('x.jsonl', parts.map((p) => ({ ...p, count: p.cases.length }))).problems };
  };

  it('CRLF line ends, a byte-order mark, a 300,000-character line and a __proto__ line where the cuts fall: as read whole', async () => {
    const content = `\uFEFF${[good[0], `{"asOf":"2019-01-01","facts":{},"x":"${'长'.repeat(300_000)}"}`, good[1], '{"__proto__":{"polluted":1},"asOf":"2019-01-01","facts":{}}', good[2], '', good[3]].join('\r\n')}`;
    const whole = parseCaseLines('x.jsonl', new TextEncoder().encode(content).buffer as ArrayBuffer, regulation);
    expect(whole.cases).toHaveLength(4);
    expect(whole.problems.map((p) => p.match(/第 (\d+) 行/)?.[1])).toEqual(['2', '4']);
    for (const of of [2, 3, 4]) expect(await inParts(content, of)).toEqual(whole);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('one line with no line end at all: read once, by one worker', async () => {
    const { cases, problems } = await inParts(good[0], 4);
    expect(cases).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});

describe('a hostile size or seed asked of the studio', () => {
  it('negative, fractional, huge or not a number: a Chinese message before anything is drawn', async () => {
    const { populationRequestProblem } = await import('../../engine/project/population/population-request.js');
    for (const size of [-5, 0, 1.5, Number.NaN, 1e12, Infinity]) expect(populationRequestProblem(size, 1, 500_000)).toMatch(/^案件数应为 1 到 500,000 之间的整数/);
    for (const seed of [-1, 2 ** 33, 0.5, Number.NaN]) expect(populationRequestProblem(1000, seed)).toMatch(/^随机种子应为/);
    expect(populationRequestProblem(200_000, 0)).toBeUndefined();
  });
});
