// What the engine used to know of Qujing, now said in its YAML: the dates of a case that cannot
// be in the other order (regulation.yaml dateOrders), and the words a worked-out result is
// shown with in the trace (vocabulary.facts derived.NAME.FIELD, e.g. 有效期至).
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { Decider } from '../../engine/explain/decider.js';
import { rulesCopy } from '../support/regulation.js';

const permitCase = {
  asOf: '2020-05-06',
  facts: {
    person: { idNumber: '360102198908081725' },
    hukou: { county: '360102' },
    residence: { county: '530302', township: '白石江街道', townshipKind: 'street', arrivedOn: '2018-08-31', registeredOn: '2018-09-03' },
    grounds: { employment: true, housing: false, study: false },
    permit: { issuedOn: '2019-05-31', endorsedOn: [] },
  },
};

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('date orders declared in regulation.yaml', () => {
  it('a declared order is enforced, at the later date; without it the same case passes', () => {
    const copy = rulesCopy();
    const late = structuredClone(permitCase);
    late.facts.residence.arrivedOn = '2019-06-01'; // arrived after the permit was issued
    late.facts.residence.registeredOn = '2019-06-03';
    expect(checkCase(loadRegulation(copy.dir).regulation!, late).problems).toEqual([]);
    copy.edit('regulation.yaml', '  - { earlier: permit.issuedOn, later: asOf }', '  - { earlier: permit.issuedOn, later: asOf }\n  - { earlier: residence.arrivedOn, later: permit.issuedOn }');
    const { problems } = checkCase(loadRegulation(copy.dir).regulation!, late);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('case.dateOrder');
    expect(problems[0].message).toMatch(/^facts\.residence\.arrivedOn（.+ 2019-06-01）晚于facts\.permit\.issuedOn（.+ 2019-05-31）|^facts\.permit\.issuedOn/);
    expect(problems[0].message).toContain('日期顺序不可能');
  });

  it('a birth date is read from the ID number when the case gives none, and the order is checked against it', () => {
    const copy = rulesCopy();
    const regulation = loadRegulation(copy.dir).regulation!;
    const early = structuredClone(permitCase);
    early.asOf = '1980-01-01';
    const { problems } = checkCase(regulation, early);
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('facts.person.idNumber（公民身份号码中的出生日期 1989-08-08）晚于asOf'));
  });

  it('an order naming a fact the case does not have is a lint error at its line, with the near name', () => {
    const copy = rulesCopy();
    copy.edit('regulation.yaml', '  - { earlier: contract.signedOn, later: contract.reportedOn }', '  - { earlier: contract.signedOn, later: contract.reportdOn }');
    const { problems } = loadRegulation(copy.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('contract.reportdOn 不是案件中的事实');
    expect(problems[0].message).toContain('是否应为 contract.reportedOn？');
    expect(problems[0].location.line).toBe(lineOf(copy.read('regulation.yaml'), 'contract.reportdOn'));
  });
});

describe('the words of a worked-out result come from the vocabulary', () => {
  const traceLine = async (dir: string): Promise<string> => {
    const doc = await new Decider(loadRegulation(dir).regulation!).decide(permitCase as never);
    const lines = JSON.stringify(doc.decisions.permit.because);
    return lines.match(/derived\.permitValidity〕= renewableValidity\([^"]*/)![0];
  };

  it('as regulation.yaml names the fields (有效期至), and by another name after an edit', async () => {
    const copy = rulesCopy();
    expect(await traceLine(copy.dir)).toContain('= 效力 valid（有效），有效期至 2020-05-31（2019-05-31 起算');
    copy.edit('regulation.yaml', 'derived.permitValidity.endsOn: 有效期至', 'derived.permitValidity.endsOn: 本年度有效期届满之日');
    expect(await traceLine(copy.dir)).toContain('本年度有效期届满之日 2020-05-31');
  });
});
