// Bounds between parameters (atMost / atLeast): every dated value, for every place, checked
// against the bound in force on the same date for the same place; a value that breaks it is
// reported at its own line.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { rulesCopy } from '../support/regulation.js';
import { placeKeyedCopy } from '../support/place-keyed.js';

const REGISTRATION = 'parameters/registration.yaml';
const lineOf = (text: string, needle: string, from = 0): number => text.slice(0, text.indexOf(needle, from)).split('\n').length;

describe('bounds between parameters', () => {
  it('Qujing: the last day of the measures is not before the first (a bound between dates)', () => {
    const copy = rulesCopy();
    expect(loadRegulation(copy.dir).problems).toEqual([]);
    copy.edit('parameters/in-force.yaml', '    2017-10-09: 2022-10-08', '    2017-10-09: 2016-10-08');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toEqual(['param.limit']);
    expect(problems[0].message).toBe('参数 inForceUntil 自 2017-10-09 起的值 "2016-10-08" 小于 inForceFrom（施行之日）2017-10-09 的值 "2017-10-09"：应 ≥ "2017-10-09"（有效期的最后一日不早于施行之日）');
    expect(problems[0].location.line).toBe(lineOf(copy.read('parameters/in-force.yaml'), '2016-10-08'));
  });

  it('a bound that changes later: the value in force then is reported, at its line, naming the date', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, '  reference: 第十条第一款“自到达居住地之日起5个工作日内”\n', '  reference: 第十条第一款“自到达居住地之日起5个工作日内”\n  atMost: { parameter: reportingWorkingDays, reason: 上位规定 }\n');
    expect(loadRegulation(copy.dir).problems).toEqual([]);
    copy.edit(REGISTRATION, /(第十条第二款“自签订用工或租赁房屋合同之日起5个工作日内”\n {2}values:\n {4}2017-10-09: 5)/, '$1\n    2020-01-01: 4');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toEqual(['param.limit']);
    expect(problems[0].message).toContain('参数 registrationWorkingDays 自 2017-10-09 起的值 5 大于 reportingWorkingDays（报送流动人口信息的期限）2020-01-01 的值 4：应 ≤ 4（上位规定）');
    expect(problems[0].location.line).toBe(lineOf(copy.read(REGISTRATION), '2017-10-09: 5'));
  });

  it('a place-keyed value is checked for its place; a number as the bound', () => {
    const copy = placeKeyedCopy((b) => `  atMost: 6\n  atLeast: { value: 4 }\n${b}`);
    const { problems } = loadRegulation(copy.dir);
    const text = copy.read(REGISTRATION);
    expect(problems.map((p) => [p.code, p.location.line]).sort()).toEqual([
      ['param.limit', lineOf(text, '      2017-10-09: 7')], // 云南省 7 > 6
      ['param.limit', lineOf(text, '      2019-01-01: 3')], // 马龙区 from 2019: 3 < 4
    ].sort());
    expect(problems.map((p) => p.message)).toContainEqual('参数 registrationWorkingDays 在 530000 自 2017-10-09 起的值 7 大于 6：应 ≤ 6');
  });

  it('a bound naming no parameter, itself, or one of another type, at its line', () => {
    for (const [bound, code, says] of [
      ['reportngWorkingDays', 'ref.unknownParameter', '是否应为 reportingWorkingDays？'],
      ['registrationWorkingDays', 'param.limitSelf', '是它自己'],
      ['addressProofs', 'param.limitType', '不能与 addressProofs（list）比较大小'],
    ]) {
      const copy = rulesCopy();
      copy.edit(REGISTRATION, '  reference: 第十条第一款“自到达居住地之日起5个工作日内”\n', `  reference: 第十条第一款“自到达居住地之日起5个工作日内”\n  atMost: ${bound}\n`);
      const { problems } = loadRegulation(copy.dir);
      expect(problems.map((p) => p.code)).toEqual([code]);
      expect(problems[0].message).toContain(says);
      expect(problems[0].location.line).toBe(lineOf(copy.read(REGISTRATION), `atMost: ${bound}`));
    }
  });
});
