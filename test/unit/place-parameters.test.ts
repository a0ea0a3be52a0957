// Parameters keyed by place as well as by date: a province's value holds for its cities and
// counties, a city's for its counties, unless a more specific place sets its own; a former
// county code is read as its successor; the trace says whose value was used. Both paths agree.
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { bothEngines, difference } from '../differential/both-engines.js';
import { placeKeyedCopy } from '../support/place-keyed.js';
import { parameterOn } from '../../engine/model/parameters.js';

const arriving = (county: string, arrivedOn = '2019-03-04') => ({
  asOf: `${arrivedOn.slice(0, 4)}-04-02`,
  facts: {
    person: { idNumber: '360102198908081725' },
    hukou: { county: '360102' },
    residence: { county, township: '某街道', townshipKind: 'street', arrivedOn },
  },
});

describe('a parameter keyed by place', () => {
  const copy = placeKeyedCopy();
  const { regulation, problems } = loadRegulation(copy.dir);
  const engines = bothEngines(regulation!);
  const deadline = async (county: string, arrivedOn?: string) => {
    const input = arriving(county, arrivedOn);
    expect(checkCase(regulation!, input).problems).toEqual([]);
    expect(await difference(engines, input)).toBeUndefined(); // compiled and json-rules-engine agree, trace included
    const doc = await engines.compiled.decide(input as never);
    return { deadline: doc.decisions.registration.deadline, because: JSON.stringify(doc.decisions.registration.because) };
  };

  it('loads clean', () => expect(problems).toEqual([]));

  it('the most specific place with a value on the date wins', async () => {
    // 2019-03-04 is a Monday: n working days later
    expect((await deadline('530304')).deadline).toBe('2019-03-07'); // 马龙区 from 2019-01-01: 3
    expect((await deadline('530304', '2018-03-05')).deadline).toBe('2018-03-09'); // 马龙区 before 2019: 4
    expect((await deadline('530302')).deadline).toBe('2019-03-12'); // 麒麟区: 曲靖市's 6
  });

  it('a province holds for its counties without a value of their own or their city\'s; elsewhere, the value everywhere', async () => {
    const noCity = loadRegulation(placeKeyedCopy((b) => b.replace(/ {4}"530300":.*\n.*\n/, '')).dir).regulation!;
    const input = arriving('530302');
    expect((await bothEngines(noCity).jre.decide(input as never)).decisions.registration.deadline).toBe('2019-03-13'); // 云南省's 7
    const spec = regulation!.parameters.registrationWorkingDays;
    expect(parameterOn(spec, '2019-03-04', '530102')).toMatchObject({ value: 7, place: '530000' }); // 昆明市五华区
    expect(parameterOn(spec, '2019-03-04', '330106')).toEqual({ name: 'registrationWorkingDays', value: 5, from: '2017-10-09', beforeFirst: false }); // 浙江
    expect(parameterOn(spec, '2019-03-04')).toMatchObject({ value: 5 }); // no place in the case
    const onlyMalong = loadRegulation(placeKeyedCopy((b) => b.replace(/ {4}"530000":.*\n.*\n {4}"530300":.*\n.*\n/, '')).dir).regulation!;
    const doc = await bothEngines(onlyMalong).compiled.decide(input as never);
    expect(doc.decisions.registration.deadline).toBe('2019-03-11');
    expect(JSON.stringify(doc.decisions.registration.because)).toContain('days = 5（居住地所在县（市、区）未另定，取通用的值）');
  });

  it('a former code is read as its successor (530321 马龙县 → 530304 马龙区)', async () => {
    expect((await deadline('530321')).deadline).toBe('2019-03-07');
  });

  it('the trace says whose value was used', async () => {
    expect((await deadline('530304')).because).toContain('days = 3（530304 马龙区的值）');
    expect((await deadline('530302')).because).toContain('days = 6（530300的值）');
    // the studio reads it beside the argument
    expect((await deadline('530304')).because).toContain('"places":{"days":"（530304 马龙区的值）"}');
  });
});

describe('lint of places', () => {
  const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;
  const lint = (edit: (block: string) => string) => {
    const copy = placeKeyedCopy(edit);
    return { problems: loadRegulation(copy.dir).problems, text: copy.read('parameters/registration.yaml') };
  };

  it('an unknown code, at its key', () => {
    const { problems, text } = lint((b) => b.replace('"530300":', '"530399":'));
    expect(problems.map((p) => p.code)).toEqual(['param.unknownPlace']);
    expect(problems[0].message).toContain('530399');
    expect(problems[0].location.line).toBe(lineOf(text, '"530399"'));
  });

  it('a place keyed twice: the same code (YAML), and a former code beside its successor', () => {
    const same = lint((b) => `${b}\n    "530304":\n      2020-01-01: 2`);
    expect(same.problems.map((p) => p.code)).toEqual(['yaml.DUPLICATE_KEY']); // the rest of the file still read
    expect(same.problems[0].message).toContain('"530304" 重复');
    expect(same.problems[0].location.line).toBe(same.text.slice(0, same.text.lastIndexOf('"530304"')).split('\n').length);
    const former = lint((b) => `${b}\n    "530321":        # 马龙县\n      2017-10-09: 2`);
    expect(former.problems.map((p) => p.code)).toEqual(['param.placeTwice']);
    expect(former.problems[0].location.line).toBe(lineOf(former.text, '"530321"'));
    const alone = lint((b) => b.replace('"530304":        # 马龙区', '"530321":        # 马龙县'));
    expect(alone.problems.map((p) => p.code)).toEqual(['param.formerPlace']);
    expect(alone.problems[0].message).toContain('应写作 530304');
  });

  it('places on a parameter not declared place-keyed, at places:', () => {
    const { problems, text } = lint((b) => b.replace(/^ {2}readIn: .*\n/m, ''));
    expect(problems.map((p) => p.code)).toEqual(['param.placeNotDeclared']);
    expect(problems[0].location.line).toBe(lineOf(text, '  places:'));
  });

  it('a value of the wrong kind and a readIn fact that does not exist, each at its line', () => {
    const { problems, text } = lint((b) => b.replace('      2019-01-01: 3', '      2019-01-01: three').replace('fact: residence.county', 'fact: residence.conty'));
    expect(problems.map((p) => [p.code, p.location.line]).sort()).toEqual([
      ['param.valueType', lineOf(text, 'three')],
      ['ref.unknownFact', lineOf(text, 'residence.conty')],
    ].sort());
    expect(problems.find((p) => p.code === 'ref.unknownFact')!.message).toContain('是否应为 residence.county？');
  });
});
