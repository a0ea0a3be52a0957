// How decisions are made: exceptions, parameters by date, traces a person can read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distinctItems } from '../../engine/evaluate/compiled/compiled-rules.js';
import { loadRegulation, loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { decide, rulesCopy } from '../support/regulation.js';
import { runs } from '../support/fuzz.js';

const applicant = {
  person: { idNumber: '510104198806210574' },
  hukou: { county: '510104' },
  residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
  grounds: { employment: true },
  application: { materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 } },
};

describe('decisions and their reasons', () => {
  it('application: the articles it rests on include the materials, eligibility and the fee', async () => {
    const doc = await decide({ asOf: '2019-09-16', facts: applicant });
    const application = doc.decisions.application;
    expect(application.outcome).toBe('issueOnSpot');
    expect(application.articles).toEqual(expect.arrayContaining(['6', '11', '12.1', '12.2', '13', '23']));
    expect(application.interpretations).toContain('required-materials');
  });

  it('because: each rule with its conditions, fact values and result, in words', async () => {
    const doc = await decide({ asOf: '2019-09-16', facts: { ...applicant, application: { materials: { idCard: 1, photo: 1, leaseContract: 1, laborContract: 1 } } } });
    const because = doc.decisions.application.because as Array<any>;
    const photos = because.find((b) => b.rule === 'application-missing-photo');
    expect(photos.result).toBe('fired');
    expect(photos.text).toContain('第十二条第一款');
    const condition = photos.conditions.all[1];
    expect(condition).toMatchObject({ fact: 'derived.applicationPhotoHandedIn', value: 1, operator: 'lessThan', expected: 2, expectedFrom: 'params.photoCount', result: true });
    expect(condition.text).toBe('已交本人证件照张数〔derived.applicationPhotoHandedIn〕= 1 小于 本人证件照张数〔params.photoCount〕= 2 → 成立');
    const issue = because.find((b) => b.rule === 'issue-on-the-spot');
    expect(issue.result).toBe('failed');
  });

  it('an exception sets aside the rule it names (art. 2: between streets of one district)', async () => {
    const facts = {
      hukou: { county: '530302', township: '南宁街道', townshipKind: 'street' },
      residence: { county: '530302', township: '寥廓街道', townshipKind: 'street' },
    };
    const doc = await decide({ asOf: '2019-09-16', facts });
    expect(doc.decisions.floating.value).toBe(false);
    const because = doc.decisions.floating.because as Array<any>;
    expect(because.find((b) => b.rule === 'floating-across-townships')).toMatchObject({ result: 'overridden', overriddenBy: ['not-floating-between-streets-of-one-district'] });
  });

  it('without the exception, two rules disagree and the case is refused with both named', async () => {
    const copy = rulesCopy();
    copy.edit('articles/01-04-general-provisions.yaml', '    overrides: [floating-across-townships]\n', '');
    const decider = new Decider(loadRegulationOrThrow(copy.dir));
    const facts = {
      hukou: { county: '530302', township: '南宁街道', townshipKind: 'street' },
      residence: { county: '530302', township: '寥廓街道', townshipKind: 'street' },
    };
    await expect(decider.decide({ asOf: '2019-09-16', facts })).rejects.toThrow(/规则冲突.*floating-across-townships.*not-floating-between-streets-of-one-district/);
  });

  it('a parameter takes the value in force on asOf (effective-dated history)', async () => {
    const copy = rulesCopy();
    copy.edit('parameters/materials.yaml', '    2017-10-09: 2\n', '    2017-10-09: 2\n    2020-01-01: 1\n');
    const decider = new Decider(loadRegulationOrThrow(copy.dir));
    const onePhoto = { ...applicant, application: { materials: { idCard: 1, photo: 1, leaseContract: 1, laborContract: 1 } } };
    expect((await decider.decide({ asOf: '2019-12-31', facts: onePhoto })).decisions.application.missing).toEqual(['photo']);
    expect((await decider.decide({ asOf: '2020-01-01', facts: onePhoto })).decisions.application.missing).toEqual([]);
  });

  it('a working-day deadline in a year the calendar lacks is an error, not a guess', async () => {
    const copy = rulesCopy();
    copy.edit('parameters/in-force.yaml', '2017-10-09: 2022-10-08', '2017-10-09: 2027-10-08');
    const decider = new Decider(loadRegulationOrThrow(copy.dir));
    const facts = { hukou: { county: '510104' }, residence: { county: '530302', arrivedOn: '2027-03-01' } };
    await expect(decider.decide({ asOf: '2027-03-05', facts })).rejects.toThrow(/申报暂住登记的最后一日.*2027 年/);
  });

  it('the ruleset hash changes when a parameter changes', () => {
    const copy = rulesCopy();
    const before = loadRegulationOrThrow(copy.dir).ruleset;
    copy.edit('parameters/in-force.yaml', '2017-10-09: 2022-10-08', '2017-10-09: 2027-10-08');
    expect(loadRegulationOrThrow(copy.dir).ruleset).not.toBe(before);
  });

  it('a decision field may not be called articles, interpretations or because (the document uses those)', () => {
    const copy = rulesCopy();
    copy.edit('regulation.yaml', '      value: { type: boolean, label: 流动人口, default: false }\n', '      value: { type: boolean, label: 流动人口, default: false }\n      because: { type: boolean, label: 理由 }\n');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'load.reservedName', location: { file: expect.stringMatching(/regulation\.yaml$/), line: 29 } });
  });

  it('an article a decision cites that does not exist is located in regulation.yaml of the rules folder', () => {
    const copy = rulesCopy();
    copy.edit('regulation.yaml', '    label: 是否属于流动人口\n    articles: ["2"]', '    label: 是否属于流动人口\n    articles: ["99"]');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'ref.unknownArticle', location: { file: expect.stringMatching(/\/regulation\.yaml$/), line: 26, column: 16 } });
  });

  it('in and notIn compare with a list: a literal that is not one is a lint problem, a fact that is not one an EvaluationError', async () => {
    const copy = rulesCopy();
    copy.edit('articles/10-registration-and-reporting.yaml', '{ fact: residence.arrivedOn, operator: present, value: true }', '{ fact: residence.county, operator: in, value: "530302" }');
    expect(loadRegulation(copy.dir).problems).toMatchObject([{ code: 'rule.valueType', message: '运算符 in 的比较值应为清单' }]);
    copy.edit('articles/10-registration-and-reporting.yaml', '{ fact: residence.county, operator: in, value: "530302" }', '{ fact: residence.county, operator: in, value: { fact: hukou.county } }');
    // lint names the text a fact that is not a list (types), and the engine still refuses it at run time
    const typed = loadRegulation(copy.dir);
    expect(typed.problems).toMatchObject([{ code: 'rule.operandType', message: expect.stringContaining('residence.county in 的比较值应为') }]);
    const decider = new Decider(typed.regulation!);
    await expect(decider.decide({ asOf: '2019-09-16', facts: applicant })).rejects.toSatisfy(
      (e) => e instanceof EvaluationError && /运算符 in 的比较值应为清单，实为 "510104"/.test((e as Error).message),
    );
  });

  it('rules json-rules-engine cannot run are refused with an EvaluationError naming the rule, before any case', async () => {
    const copy = rulesCopy();
    copy.edit('articles/10-registration-and-reporting.yaml', '{ fact: residence.arrivedOn, operator: present, value: true }', '{ fact: residence.arrivedOn, operator: present, value: true, priority: 1 }');
    const { regulation, problems } = loadRegulation(copy.dir);
    expect(problems.map((p) => p.code)).toEqual(['rule.badCondition']);
    await expect(new Decider(regulation!).decide({ asOf: '2019-09-16', facts: applicant })).rejects.toSatisfy(
      (e) => e instanceof EvaluationError && /规则 registration-deadline 的条件无效：条件中不允许的键 priority（.*10-registration-and-reporting\.yaml:\d+:\d+）/.test((e as Error).message),
    );
  });

  it('a reference with a misspelt key ({ fact, pth }) is a lint problem, not a literal map', () => {
    const copy = rulesCopy();
    copy.edit('articles/10-registration-and-reporting.yaml', 'days: { fact: params.registrationWorkingDays } }', 'days: { fact: params.registrationWorkingDays, pth: x } }');
    const { problems } = loadRegulation(copy.dir);
    // the misspelt reference itself; the argument it feeds is then also of the wrong type
    expect(problems).toContainEqual(expect.objectContaining({ code: 'rule.badFactRef', location: expect.objectContaining({ file: expect.stringMatching(/10-registration-and-reporting\.yaml$/), line: 13 }) }));
    expect(problems.every((p) => p.location.line === 13)).toBe(true);
  });
});

// A list decision field made by several rules' `add:` (compiled-rules.ts distinctItems): each
// item once, in order, as the Evaluator's [...new Set(values.flat())] — short lists or long
// (a case's own list of 100,000 items stays quick), NaN, holes, nested lists.
describe('a list field gathered from several rules', () => {
  it('is [...new Set(values.flat())], whatever the values', () => {
    const item = fc.oneof(fc.constantFrom('photo', 'idCard', 0, -0, Number.NaN, null, undefined, true), fc.string({ maxLength: 2 }), fc.array(fc.constantFrom('photo', 'x'), { maxLength: 2 }));
    const value = fc.oneof(item, fc.array(item, { maxLength: 40 }), fc.sparseArray(item, { maxLength: 6 }));
    fc.assert(fc.property(fc.array(value, { maxLength: 5 }), (values) => {
      expect(distinctItems(values)).toEqual([...new Set(values.flat())]);
    }), { numRuns: runs(500, 20_000) });
  });

  it('gathers a long list (a case\'s own) as well', () => {
    const long = Array.from({ length: 100_000 }, (_, i) => `m${i % 50_000}`);
    const gathered = distinctItems([long, ['x', 'm7']]);
    expect(gathered).toHaveLength(50_001);
    expect(gathered.at(-1)).toBe('x');
  });
});
