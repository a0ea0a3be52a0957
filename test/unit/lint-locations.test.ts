// Breaking a rules file gives an error that names file:line:column and says what is wrong.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { checkSourceText } from '../../engine/project/check-source-text.js';
import { rulesCopy } from '../support/regulation.js';

function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const REGISTRATION = 'articles/10-registration-and-reporting.yaml';

describe('lint: errors at file:line:column', () => {
  it('the Qujing rules are clean', () => {
    const copy = rulesCopy();
    expect(loadRegulation(copy.dir).problems).toEqual([]);
  });

  it('a fact that does not exist', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, '{ fact: residence.registeredOn, operator: onOrBefore', '{ fact: residence.registredOn, operator: onOrBefore');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('ref.unknownFact');
    expect(problems[0].message).toContain('residence.registredOn');
    expect(problems[0].location.file).toMatch(/10-registration-and-reporting\.yaml$/);
    expect(problems[0].location).toMatchObject(positionOf(copy.read(REGISTRATION), 'residence.registredOn'));
  });

  it('an unknown key is shown at the key itself: its own line and column, not its value\'s line nor its parent\'s', () => {
    const copy = rulesCopy();
    // `lable` (for `label`) holding a block map: its value starts on the next line
    copy.edit('parameters/materials.yaml', '  codes: materials\n  labels:\n    studentCard', '  codes: materials\n  lable:\n    note: 学生证\n  labels:\n    studentCard');
    copy.edit(REGISTRATION, '- { fact: residence.arrivedOn, operator: present, value: true }\n    set', '- { fact: residence.arrivedOn, operator: present, value: true, vaule: 1 }\n    set');
    const { problems } = loadRegulation(copy.dir);
    const unknown = problems.find((p) => p.code === 'schema.additionalProperties')!;
    expect(unknown.message).toContain('studyProofs.lable');
    expect(unknown.location).toMatchObject(positionOf(copy.read('parameters/materials.yaml'), 'lable:'));
    const condition = problems.find((p) => p.code === 'rule.badCondition')!;
    expect(condition.message).toContain('vaule');
    expect(condition.location).toMatchObject(positionOf(copy.read(REGISTRATION), 'vaule'));
  });

  it('a YAML syntax error', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, 'set: { registration.status: late }', 'set: { registration.status: late');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].code).toMatch(/^yaml\./);
    expect(problems[0].message).toMatch(/YAML 语法错误/);
    expect(problems[0].location.line).toBeGreaterThan(1);
  });

  it('a paragraph that does not exist, an unknown operator, an unknown parameter', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, 'name: 期限内申报暂住登记的，为按时登记\n    articles: ["10.1"]', 'name: 期限内申报暂住登记的，为按时登记\n    articles: ["10.3"]');
    copy.edit(REGISTRATION, 'operator: after, value: { fact: derived.registrationDeadline } }\n    set: { registration.status: late }',
      'operator: later, value: { fact: derived.registrationDeadline } }\n    set: { registration.status: late }');
    copy.edit(REGISTRATION, 'params.registrationWorkingDays', 'params.registrationDays');
    const { problems } = loadRegulation(copy.dir);
    const text = copy.read(REGISTRATION);
    const byCode = Object.fromEntries(problems.map((p) => [p.code, p]));
    expect(Object.keys(byCode).sort()).toEqual(['ref.unknownArticle', 'ref.unknownOperator', 'ref.unknownParameter']);
    expect(byCode['ref.unknownArticle'].location).toMatchObject(positionOf(text, '"10.3"'));
    expect(byCode['ref.unknownOperator'].location).toMatchObject(positionOf(text, 'later'));
    expect(byCode['ref.unknownOperator'].message).toContain('onOrAfter');
    expect(byCode['ref.unknownParameter'].location.line).toBe(positionOf(text, 'params.registrationDays').line);
  });

  it('a parameter value of the wrong type, and a rule setting a value a decision does not have', () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '    2017-10-09: 2\n', '    2017-10-09: two\n');
    copy.edit(REGISTRATION, 'set: { registration.status: late }', 'set: { registration.status: tooLate }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code).sort()).toEqual(['param.valueType', 'rule.valueType']);
    const param = problems.find((p) => p.code === 'param.valueType')!;
    expect(param.location).toMatchObject({ line: positionOf(copy.read('parameters/materials.yaml'), '2017-10-09: two').line });
    expect(problems.find((p) => p.code === 'rule.valueType')!.message).toContain('onTime');
  });

  it('decisions that depend on each other in a circle', () => {
    const copy = rulesCopy();
    copy.edit('articles/11-eligibility.yaml', "- { fact: decisions.eligibility.grounds, operator: isEmpty, value: false }",
      "- { fact: decisions.eligibility.grounds, operator: isEmpty, value: false }\n        - { fact: decisions.application.outcome, operator: notEqual, value: notice }");
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toContain('rule.cycle');
  });

  it('article text that differs from the published text', () => {
    const copy = rulesCopy();
    copy.edit('articles/12-13-application.yaml', '本人证件照2张', '本人证件照3张');
    const { regulation } = loadRegulation(copy.dir);
    const problems = checkSourceText(regulation!);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('第十二条第一款');
  });
});
