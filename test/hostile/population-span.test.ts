// Hostile inputs to the population's span and generic draws (issue 19 item 5, issue 22 item 4):
// dates on the command line, a span or a series that would never end, parameters whose history
// is garbage, a step of any shape at all. Each is a Chinese message or a bounded answer:
// nothing throws, nothing hangs, no prototype is touched.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { changeDates, coverDates } from '../../engine/project/population/population-span.js';
import type { Regulation } from '../../engine/model/model.js';
import { qujing } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

const FILE = 'rules/population/x.yaml';
const file = (facts: string, header = 'span: { from: 2019-01-01, to: 2019-12-31 }') => `population:\n  label: x\n  ${header}\n  size: 10\n  seed: 1\nfacts:\n${facts}`;

describe('hostile dates for tiaoli population', () => {
  it('--from, --to, --cover that are not days, or backwards: a message, exit 1, no case printed', () => {
    for (const args of [['--from', '2019-02-30'], ['--to', 'tomorrow'], ['--from', '2020-01-01', '--to', '2019-01-01'], ['--cover', '2019-13-01'], ['--cover', '1850-01-01']]) {
      const run = tiaoli(['population', '--size', '2', ...args]);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('a hostile span or series', () => {
  it('a span of two centuries, a series every day, a list of fifty spans: bounded, quick', () => {
    const checked = checkPopulation(FILE, file('  draw.x: { series: { after: 1900-01-01, every: { days: 1 }, before: { fact: asOf } } }\n', 'span: { from: 1900-01-01, to: 2099-12-31 }'), qujing().regulation);
    expect(checked.problems).toEqual([]);
    const [c] = generatePopulation(checked.spec!, { size: 1 });
    expect(c.asOf >= '1900-01-01' && c.asOf <= '2099-12-31').toBe(true);
    const many = `span:\n${Array.from({ length: 50 }, () => '    - { from: 1900-01-01, to: 2099-12-31 }').join('\n')}`;
    expect(checkPopulation(FILE, file('  person.disabled: { chance: 0.5 }\n', many), qujing().regulation).problems).toEqual([]);
    expect(checkPopulation(FILE, file('  person.disabled: { chance: 0.5 }\n', `span:\n${Array.from({ length: 51 }, () => '    - { from: 2019-01-01, to: 2019-01-02 }').join('\n')}`), qujing().regulation).problems[0].message).toMatch(/population\.span/);
  });

  it('a span with no working day (one weekend), a span before 1900: a located message', () => {
    const [weekend] = checkPopulation(FILE, file('  person.disabled: { chance: 0.5 }\n', 'span: { from: 2019-01-05, to: 2019-01-06 }'), qujing().regulation).problems;
    expect(weekend).toMatchObject({ code: 'population.span', location: { line: 3 } });
    expect(weekend.message).toContain('没有可以作为决定日期的日子');
    expect(checkPopulation(FILE, file('  person.disabled: { chance: 0.5 }\n', 'span: { from: 1800-01-01, to: 2019-01-06 }'), qujing().regulation).problems[0].location.line).toBe(3);
  });
});

describe('parameters whose history is garbage, for the dates a change concerns', () => {
  const regulationWith = (values: Array<{ from: unknown; value: unknown }>) => ({ parameters: { p: { values } } }) as unknown as Regulation;
  const span = [{ from: '2019-01-01', to: '2019-12-31' }];

  it('dates that are not dates, before 1900 or after 2099, objects: left out, never a span of centuries', () => {
    const saved = regulationWith([{ from: '2017-01-01', value: '9999-12-31' }, { from: 'soon', value: 1 }]);
    const working = regulationWith([{ from: '2017-01-01', value: '0001-01-01' }, { from: '1800-01-01', value: { __proto__: { polluted: 1 } } }]);
    expect(changeDates(saved, working, span)).toEqual([]);
    expect(coverDates(span, ['9999-12-31', '2019-02-30x', '2099-12-31'])).toEqual({ spans: [{ from: '2019-01-01', to: '2099-12-31' }], widened: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ten thousand values: answered at once', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => ({ from: `20${String(10 + (i % 80)).padStart(2, '0')}-01-${String(1 + (i % 28)).padStart(2, '0')}`, value: i }));
    const dates = changeDates(regulationWith(values), regulationWith(values.map((v) => ({ ...v, value: -v.value }))), span);
    expect(dates).toEqual([]); // the change is seen in 2019 already
  });
});

describe('a step of any shape', () => {
  it('fuzzed: any JSON as a draw never throws; a file that passes draws cases that never throw', () => {
    const regulation = qujing().regulation;
    const draw = fc.jsonValue({ maxDepth: 4 });
    const kinded = fc.record({ kind: fc.constantFrom('value', 'shares', 'bands', 'between', 'chance', 'oneOf', 'date', 'earliest', 'latest', 'fullYears', 'residentId', 'series', 'entries'), body: fc.jsonValue({ maxDepth: 3 }), extra: fc.dictionary(fc.constantFrom('when', 'probability', 'atLeast', 'atMost', 'plus', 'minus', '__proto__'), fc.jsonValue({ maxDepth: 2 })) });
    fc.assert(fc.property(fc.oneof(draw, kinded.map((k) => ({ [k.kind]: k.body, ...k.extra }))), (v) => {
      const text = file(`  draw.x: ${JSON.stringify(v)}\n  person.stableIncome: { value: { fact: draw.x } }\n`);
      const checked = checkPopulation(FILE, text, regulation);
      for (const p of checked.problems) expect(p.location.line).toBeGreaterThanOrEqual(1);
      if (checked.spec) generatePopulation(checked.spec, { size: 5 });
    }), { numRuns: 150 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
