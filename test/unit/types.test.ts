// Every fact, parameter, derived fact and decision field has a type, and lint checks each
// condition's operator and value against them — at the line of the condition.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { factTypes } from '../../engine/model/fact-types.js';
import { describeType } from '../../engine/model/value-type.js';
import { qujing, rulesCopy } from '../support/regulation.js';

const GENERAL = 'articles/01-04-general-provisions.yaml';
const REGISTRATION = 'articles/10-registration-and-reporting.yaml';
const APPLICATION = 'articles/12-13-application.yaml';
const VALIDITY = 'articles/14-validity-and-endorsement.yaml';

function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

/** The problems after one edit of a copy of rules/. */
function afterEdit(file: string, from: string, to: string) {
  const copy = rulesCopy();
  copy.edit(file, from, to);
  return { problems: loadRegulation(copy.dir).problems, line: lineOf(copy.read(file), to) };
}

describe('types of facts', () => {
  const of = factTypes(qujing().regulation).of;
  it.each([
    ['asOf', undefined, '日期'],
    ['person.birthDate', undefined, '日期'],
    ['person.disabled', undefined, '是否（true/false）'],
    ['replacement.reason', undefined, '代码（damaged、lost）'],
    ['permit.endorsedOn', undefined, '日期的清单'],
    ['application.materials.photo', undefined, '整数'],
    ['params.photoCount', undefined, '整数'],
    ['params.addressProofs', undefined, '文字的清单'],
    ['derived.age', undefined, '整数'],
    ['derived.registrationDeadline', undefined, '日期'],
    ['derived.permitValidity', 'endsOn', '日期'],
    ['derived.permitValidity', 'status', '代码（valid、suspended）'],
    ['decisions.application.outcome', undefined, '代码（issueOnSpot、notice、ineligible、inPersonRequired、notInForce、notApplicable）'],
    ['decisions.agent.allowed', undefined, '是否（true/false）'],
    ['decisions.application.fee', undefined, '数字'],
  ])('%s %s is %s', (fact, path, type) => {
    expect(describeType(of(fact, path))).toBe(type);
  });
});

describe('lint: operators against their operands, at the line', () => {
  it('derived.age before … (a number with a date operator)', () => {
    // in the rule agent-for-a-minor (art. 12 ¶3)
    const copy = rulesCopy();
    const wrong = '{ fact: derived.age, operator: before, value: { fact: asOf } }';
    copy.edit(APPLICATION, /(id: agent-for-a-minor[\s\S]*?)\{ fact: derived\.age, operator: lessThan, value: \{ fact: params\.minorAge \} \}/, `$1${wrong}`);
    const problems = loadRegulation(copy.dir).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.operandType', location: { line: lineOf(copy.read(APPLICATION), wrong) } });
    expect(problems[0].location.file).toMatch(/12-13-application\.yaml$/);
    expect(problems[0].message).toMatch(/before.*只用于日期.*derived\.age 是整数/);
  });

  it('equal of a boolean fact to a word', () => {
    const { problems, line } = afterEdit(APPLICATION, '{ fact: person.mobilityImpaired, operator: equal, value: true }', '{ fact: person.mobilityImpaired, operator: equal, value: "yes" }');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.operandType', location: { line } });
    expect(problems[0].message).toContain('应为是否（true/false），实为文字');
  });

  it('lessThan on a date', () => {
    const { problems, line } = afterEdit(REGISTRATION, '{ fact: residence.registeredOn, operator: onOrBefore,', '{ fact: residence.registeredOn, operator: lessThan,');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.operandType', location: { line } });
    expect(problems[0].message).toMatch(/lessThan.*只用于数字.*日期/);
  });

  it('an enum compared with a value outside it (case fact and derived field)', () => {
    const a = afterEdit(GENERAL, '{ fact: derived.hukouTownshipKindNow, operator: equal, value: street }', '{ fact: derived.hukouTownshipKindNow, operator: equal, value: avenue }');
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0]).toMatchObject({ code: 'rule.operandType', location: { line: a.line } });
    expect(a.problems[0].message).toContain('"avenue" 不是可取的值（street、town）');
    const b = afterEdit(VALIDITY, '{ fact: derived.permitValidity, path: status, operator: equal, value: valid }', '{ fact: derived.permitValidity, path: status, operator: equal, value: vaild }');
    expect(b.problems).toHaveLength(1);
    expect(b.problems[0]).toMatchObject({ code: 'rule.operandType', location: { line: b.line } });
  });

  it('in with a list holding a value outside the enum', () => {
    const { problems, line } = afterEdit(GENERAL, '{ fact: derived.hukouTownshipKindNow, operator: equal, value: street }', '{ fact: derived.hukouTownshipKindNow, operator: in, value: [street, village] }');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.operandType', location: { line } });
    expect(problems[0].message).toContain('village');
  });

  it('set: giving a field a value of the wrong type (a fact reference)', () => {
    const copy = rulesCopy();
    copy.edit(APPLICATION, /set: \{ agent\.allowed: true \}/, 'set: { agent.allowed: { fact: derived.age } }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.valueType', location: { line: lineOf(copy.read(APPLICATION), 'agent.allowed: { fact: derived.age }') } });
    expect(problems[0].message).toContain('应为是否（true/false），实为整数');
  });

  it('set: a date field from a field of a derived fact that is a code', () => {
    const copy = rulesCopy();
    expect(copy.read(VALIDITY)).toContain('permit.expiresOn: { fact: derived.permitValidity, path: endsOn }');
    copy.edit(VALIDITY, 'permit.expiresOn: { fact: derived.permitValidity, path: endsOn }', 'permit.expiresOn: { fact: derived.permitValidity, path: status }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toEqual(['rule.valueType']);
    expect(problems[0].message).toContain('应为日期');
  });
});

describe('lint: a list field’s codes and a case schema being edited', () => {
  it('add: of a code the list field does not declare', () => {
    const { problems, line } = afterEdit('articles/11-eligibility.yaml', 'add: { eligibility.grounds: study }', 'add: { eligibility.grounds: studies }');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'rule.valueType', location: { line } });
    expect(problems[0].message).toContain('"studies" 不是可取的值（employment、housing、study）');
  });

  it('allOf or propertyNames of the wrong shape in case.schema.yaml are problems of the schema, not a failed load', () => {
    // found by the mutation test (test/hostile/rule-files.test.ts, seed 452833910)
    const copy = rulesCopy();
    copy.edit('case.schema.yaml', /allOf: \[\{ \$ref: "#\/definitions\/place" \}\]/, 'allOf: false');
    copy.edit('case.schema.yaml', /propertyNames: \{ enum: \[county, township, townshipKind, townshipCode, address, arrivedOn, registeredOn, road, houseNumber, room, reason\] \}/, 'propertyNames: { enum: 5, x: 1 }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.code)).not.toContain('load.failed');
  });
});

describe('lint: a derived fact’s arguments against its function’s signature', () => {
  it('a boolean where fullYears takes a date, at the argument', () => {
    const { problems, line } = afterEdit(APPLICATION, 'args: { from: { fact: derived.birthDate }, to: { fact: derived.ageReckonedOn },', 'args: { from: { fact: person.disabled }, to: { fact: derived.ageReckonedOn },');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'derived.argumentType', location: { line } });
    expect(problems[0].message).toContain('函数 fullYears 的参数 from（出生日期）应为日期，实为是否（true/false）');
  });
});
