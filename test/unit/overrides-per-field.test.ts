// An exception sets aside only the fields it decides too: the trace says which fields of the
// overridden rule are set aside and which still apply — the same on the compiled path and on
// json-rules-engine (--engine jre).
import { describe, expect, it } from 'vitest';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { bothEngines, difference } from '../differential/both-engines.js';
import { rulesCopy } from '../support/regulation.js';
import { checkCase } from '../../engine/model/case/validate-case.js';

const REGISTRATION = 'articles/10-registration-and-reporting.yaml';

function regulationWithAnException() {
  const copy = rulesCopy();
  // registration-late decides two fields; the exception sets aside only the status
  copy.edit(REGISTRATION, '    set: { registration.status: late }', '    set: { registration.status: late, registration.deadline: { fact: derived.registrationDeadline } }');
  copy.edit(REGISTRATION, '  - id: registration-late\n', [
    '  - id: registration-late-excused',
    '    name: 因不可抗力逾期的，不作逾期登记',
    '    articles: ["10.1"]',
    '    overrides: [registration-late]',
    '    when: { all: [{ fact: residence.registeredOn, operator: present, value: true }, { fact: residence.registeredOn, operator: after, value: { fact: derived.registrationDeadline } }] }',
    '    set: { registration.status: onTime }',
    '',
    '  - id: registration-late',
    '',
  ].join('\n'));
  const { regulation, problems } = loadRegulation(copy.dir);
  expect(problems).toEqual([]);
  return regulation!;
}

const lateCase = {
  asOf: '2019-01-10',
  facts: {
    person: { idNumber: '360102198908081725' },
    hukou: { county: '360102' },
    residence: { county: '530302', township: '白石江街道', townshipKind: 'street', arrivedOn: '2018-09-03', registeredOn: '2018-10-08' },
  },
};

describe('overrides, field by field', () => {
  it('the overridden rule still applies to the field the exception does not decide, and the trace says which is set aside', async () => {
    const engines = bothEngines(regulationWithAnException());
    const doc = await engines.compiled.decide(lateCase as never);
    const because = doc.decisions.registration.because as Array<Record<string, any>>;
    const late = because.find((b) => b.rule === 'registration-late')!;
    expect(late.result).toBe('fired');
    expect(late.setAside).toEqual({ 'registration.status': ['registration-late-excused'] });
    expect(late.text).toMatch(/适用 → registration\.deadline = .+；registration\.status 被例外规则 registration-late-excused 排除适用$/);
    expect(doc.decisions.registration).toMatchObject({ status: 'onTime' });
    expect(checkCase(engines.jre.regulation, lateCase).problems).toEqual([]); // so that both paths decide it
    expect(await difference(engines, lateCase)).toBeUndefined();
  });

  // 第二条：“同一城区跨街道之间居住的除外” — the exception decides floating.value, the only field
  // floating-across-townships sets, so that rule is set aside whole.
  it('a rule all of whose fields are set aside is overridden as a whole, in the words it had', async () => {
    const engines = bothEngines(loadRegulation(rulesCopy().dir).regulation!);
    const betweenStreets = {
      asOf: '2021-03-15',
      facts: {
        person: { idNumber: '530302198002290574' },
        hukou: { county: '530302', township: '寥廓街道', townshipKind: 'street' },
        residence: { county: '530302', township: '南宁街道', townshipKind: 'street', arrivedOn: '2021-03-08' },
      },
    };
    const doc = await engines.compiled.decide(betweenStreets as never);
    const rule = (doc.decisions.floating.because as Array<Record<string, any>>).find((b) => b.rule === 'floating-across-townships')!;
    expect(rule.result).toBe('overridden');
    expect(rule.setAside).toEqual({ 'floating.value': ['not-floating-between-streets-of-one-district'] });
    expect(rule.text).toMatch(/条件成立，但被例外规则 not-floating-between-streets-of-one-district 排除适用$/);
    expect(doc.decisions.floating).toMatchObject({ value: false });
    expect(checkCase(engines.jre.regulation, betweenStreets).problems).toEqual([]);
    expect(await difference(engines, betweenStreets)).toBeUndefined();
  });
});
