// Lint never cascades: one slip in a rule file is one problem, at its own line; the rest of the
// file is still read and checked, and nothing it defines looks undefined elsewhere.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { buildPrintTemplates, renderPrint, unknownKindMessage } from '../../engine/project/print/render-print.js';
import { rulesCopy } from '../support/regulation.js';

const REGISTRATION = 'articles/10-registration-and-reporting.yaml';
const VALIDITY = 'articles/14-validity-and-endorsement.yaml';

const lineOf = (text: string, needle: string): number => {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
};

describe('lint reads past a slip', () => {
  it('a misspelt key (nmae: for name:) is one problem with the near name; the rule is still read and checked', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, '    name: 期限届满后才申报暂住登记的，为逾期登记', '    nmae: 期限届满后才申报暂住登记的，为逾期登记');
    // and a second mistake in the same rule: still found, at its own line
    copy.edit(REGISTRATION, '{ fact: residence.registeredOn, operator: after,', '{ fact: residence.registredOn, operator: after,');
    const { problems, regulation } = loadRegulation(copy.dir);
    const text = copy.read(REGISTRATION);
    expect(problems.map((p) => p.code).sort()).toEqual(['ref.unknownFact', 'schema.additionalProperties']);
    const slip = problems.find((p) => p.code === 'schema.additionalProperties')!;
    expect(slip.message).toContain('是否应为 name？');
    expect(slip.location).toMatchObject({ line: lineOf(text, 'nmae:'), column: 5 });
    const unknown = problems.find((p) => p.code === 'ref.unknownFact')!;
    expect(unknown.location.line).toBe(lineOf(text, 'residence.registredOn'));
    expect(unknown.message).toContain('是否应为 residence.registeredOn？');
    expect(regulation!.rules.find((r) => r.id === 'registration-late')!.name).toBe('期限届满后才申报暂住登记的，为逾期登记');
  });

  it('a misspelt key in a derived fact: the fact is still defined, so the rules that use it raise nothing', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, '    label: 申报暂住登记的最后一日', '    lable: 申报暂住登记的最后一日');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('是否应为 label？');
    expect(problems[0].location.line).toBe(lineOf(copy.read(REGISTRATION), 'lable:'));
  });

  it('an unknown key with no near name is left out; a rule with a wrong value is left out alone, the rules after it keep their lines', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, '    name: 流动人口应当自到达居住地之日起5个工作日内申报暂住登记', '    name: 流动人口应当自到达居住地之日起5个工作日内申报暂住登记\n    xyzzy: 1');
    copy.edit(REGISTRATION, '    name: 期限内申报暂住登记的，为按时登记\n    articles: ["10.1"]', '    name: 期限内申报暂住登记的，为按时登记\n    articles: "10.1"');
    copy.edit(REGISTRATION, '{ fact: residence.registeredOn, operator: after,', '{ fact: residence.registeredOn, operator: aftr,');
    const { problems } = loadRegulation(copy.dir);
    const text = copy.read(REGISTRATION);
    expect(problems.map((p) => [p.code, p.location.line])).toEqual(expect.arrayContaining([
      ['schema.additionalProperties', lineOf(text, 'xyzzy')],
      ['schema.type', lineOf(text, 'articles: "10.1"')],
      ['ref.unknownOperator', lineOf(text, 'operator: aftr')],
    ]));
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.code === 'schema.additionalProperties')!.message).not.toContain('是否应为');
    expect(problems.find((p) => p.code === 'ref.unknownOperator')!.message).toContain('是否应为 after？');
  });

  it('a mistyped operator inside a requirement\'s alternative is reported at its own line, not at the requirement', () => {
    const copy = rulesCopy();
    copy.edit(VALIDITY, 'when: { all: [{ fact: derived.age, operator: lessThan, value: { fact: params.minorAge } }] }', 'when: { all: [{ fact: derived.age, operator: lesThan, value: { fact: params.minorAge } }] }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('ref.unknownOperator');
    const text = copy.read(VALIDITY);
    expect(problems[0].location.line).toBe(lineOf(text, 'lesThan'));
    expect(problems[0].location.column).toBe(text.split('\n')[lineOf(text, 'lesThan') - 1].indexOf('lesThan') + 1);
  });

  it('a mistake in a service\'s guard, which every requirement\'s rule shares, is reported once, at its line', () => {
    const copy = rulesCopy();
    copy.edit(VALIDITY, '- { fact: permit, operator: present, value: true }', '- { fact: permit, operator: presnt, value: true }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].location.line).toBe(lineOf(copy.read(VALIDITY), 'presnt'));
  });
});

describe('a kind of printed page that does not exist', () => {
  it('says there are none when none are declared, and names the near one when there are', () => {
    const none = buildPrintTemplates(new Map(), 'forms');
    expect(unknownKindMessage('notice', none)).toBe('没有 notice 这种打印件：forms/prints/prints.yaml 没有声明任何打印件（或该文件不存在、无法读取）');
    expect(() => renderPrint(none, 'notice', {} as never)).toThrow(/没有声明任何打印件/);
    const some = buildPrintTemplates(new Map([['prints/prints.yaml', 'notice:\n  label: 告知书\n  template: notice.hbs\n']]), 'forms');
    expect(unknownKindMessage('notise', some)).toMatch(/^没有 notise 这种打印件（是否应为 notice？）；可用：notice（告知书）$/);
  });
});
