// Hostile bounds (atMost / atLeast): inherited names, values of the wrong kind, keys the shape
// does not have, .inf and .nan. Each is a located problem or a clean load, never a TypeError.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { rulesCopy } from '../support/regulation.js';

const REGISTRATION = 'parameters/registration.yaml';
const ANCHOR = '  reference: 第十条第一款“自到达居住地之日起5个工作日内”\n';

const withBound = (bound: string, value?: string) => {
  const copy = rulesCopy();
  copy.edit(REGISTRATION, ANCHOR, `${ANCHOR}${bound}\n`);
  if (value) copy.edit(REGISTRATION, /(第十条第一款“自到达居住地之日起5个工作日内”\n.*\n {2}values:\n {4}2017-10-09: )5/, `$1${value}`);
  return { problems: loadRegulation(copy.dir).problems, text: copy.read(REGISTRATION) };
};

describe('hostile bounds', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('atMost: %s is an unknown parameter at its line', (name) => {
    const { problems, text } = withBound(`  atMost: ${name}`);
    if (name === '__proto__') {
      // not an identifier the schema takes: one problem saying what it could be
      expect(problems.map((p) => p.code)).toEqual(['schema.pattern']);
      expect(problems[0].message).toBe('registrationWorkingDays.atMost：格式不对，或应为数字，或应为一组内容');
    } else {
      expect(problems.map((p) => p.code)).toEqual(['ref.unknownParameter']);
    }
    expect(problems[0].location.line).toBe(text.split('\n').findIndex((l) => l.includes(`atMost: ${name}`)) + 1);
  });

  it.each([
    ['  atMost: { parameter: reportingWorkingDays, instrument: 国务院令 }', 'schema.additionalProperties'],
    ['  atMost: [1, 2]', 'schema.type'],
    ['  atMost: {}', 'schema.type'], // one problem: 应为文字，或应为数字，或不能为空
    ['  atLeast: "5"', 'schema.pattern'],
  ])('%s: a located problem', (bound, code) => {
    const { problems } = withBound(bound);
    expect(problems.map((p) => p.code)).toContain(code);
    for (const p of problems) expect(p.location.line).toBeGreaterThan(1);
  });

  it('a value of the wrong kind is reported as such, not compared; .inf and .nan bounds never throw', () => {
    expect(withBound('  atMost: 6', '"five"').problems.map((p) => p.code)).toEqual(['param.valueType']);
    expect(withBound('  atMost: .inf').problems).toEqual([]);
    const nan = withBound('  atLeast: .nan').problems;
    expect(nan.every((p) => p.code === 'param.limit' && p.location.line > 1)).toBe(true);
  });
});
