// Hostile input to the compiled rules: `--engine` naming no engine (inherited names
// included) is refused with a clear message; a rule file's names that every object
// inherits, deep conditions, and fact values of the wrong kind decide alike on both paths.
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import type { RuleSpec } from '../../engine/model/model.js';
import { rulesDir } from '../support/regulation.js';
import { bothEngines, difference } from '../differential/both-engines.js';

const regulation = loadRegulationOrThrow(rulesDir);
const base = { asOf: '2019-07-10', facts: { person: { idNumber: '510104198806210574' }, hukou: { county: '510104' }, residence: { county: '530302', arrivedOn: '2018-06-01', registeredOn: '2018-06-02' }, grounds: { employment: true }, application: { materials: { idCard: 1, photo: 2 } } } };

describe('--engine', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'JRE', '']) {
    it(`refuses --engine ${JSON.stringify(name)} naming the choices`, () => {
      const r = tiaoli(['decide', '--engine', name, 'test/cases/13-application/complete-materials-issue-on-spot.yaml']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('未知的 --engine');
      expect(r.stderr).toContain('compiled、jre');
    });
  }
  it('decides the same document with --engine jre and without', () => {
    const file = 'test/cases/13-application/complete-materials-issue-on-spot.yaml';
    const compiled = tiaoli(['decide', file]);
    const jre = tiaoli(['decide', '--engine', 'jre', file]);
    expect(compiled.status).toBe(0);
    expect(compiled.stdout).toBe(jre.stdout);
  });
});

describe('rules the compiled path is handed', () => {
  const withRule = (rule: Partial<RuleSpec>) => bothEngines({ ...regulation, rules: [...regulation.rules, { ...regulation.rules[0], id: 'hostile', overrides: [], set: {}, add: {}, ...rule }] });

  it('conditions on inherited names, paths through __proto__ and deep nesting decide alike', async () => {
    let deep: Record<string, unknown> = { fact: 'person.idNumber', operator: 'present', value: true };
    for (let i = 0; i < 200; i++) deep = i % 3 === 0 ? { not: deep } : i % 3 === 1 ? { all: [deep, { fact: 'constructor', operator: 'present', value: false }] } : { any: [{ fact: 'toString', operator: 'equal', value: 1 }, deep] };
    const engines = withRule({
      when: { all: [deep, { fact: 'person', path: '__proto__.polluted', operator: 'present', value: false }, { fact: 'asOf', path: 'length', operator: 'equal', value: 10 }, { any: [] }] },
      set: { 'agent.allowed': { fact: 'person', path: 'constructor' } },
    });
    for (const input of [base, { ...base, facts: { ...base.facts, person: { idNumber: '510104198806210574', disabled: true } } }]) {
      expect(await difference(engines, input)).toBeUndefined();
    }
  });

  // Without the trace a set stops at its outcome; what is left out must be what could not
  // have thrown: a later condition that fails is still the run's error, as on json-rules-engine.
  const applying = { fact: 'application', operator: 'present', value: true };
  const notApplying = { fact: 'application', operator: 'present', value: false };
  const throwing: Array<[string, Record<string, unknown>, string]> = [
    ['a comparison with a value that is not a list', { fact: 'asOf', operator: 'in', value: { fact: 'person.idNumber' } }, '运算符 in 的比较值应为清单'],
    ['a fixed value that is not a list', { fact: 'asOf', operator: 'notIn', value: 'x' }, '运算符 notIn 的比较值应为清单'],
    ['an unknown parameter', { fact: 'params.noSuchParameter', operator: 'equal', value: 1 }, 'noSuchParameter'],
    ['an unknown decision field', { fact: 'decisions.noSuchDecision.value', operator: 'equal', value: 1 }, 'noSuchDecision'],
  ];
  for (const [what, condition, message] of throwing) {
    for (const [kind, first] of [['all', notApplying], ['any', applying]] as const) {
      it(`${kind}: ${what} after the outcome is known is still the error, with and without the trace`, async () => {
        const engines = withRule({ when: { [kind]: [first, condition, notApplying] } });
        for (const trace of [false, true]) {
          expect(await difference(engines, base, trace)).toBeUndefined();
          await expect(engines.compiled.decide(base, { trace })).rejects.toThrow(message);
        }
      });
    }
  }

  // A condition written the same way in two rules is worked out once per run; conditions that
  // JSON would write alike but that compare differently (null and NaN) are kept apart.
  it('conditions that only look alike (null, NaN) are each worked out for themselves', async () => {
    const extra = [null, Number.NaN, null].map((value, i): RuleSpec => ({
      ...regulation.rules[0], id: `look-alike-${i}`, overrides: [], add: {},
      when: { all: [{ fact: 'person.nickname', operator: 'equal', value }] },
      set: { 'agent.allowed': true },
    }));
    const engines = bothEngines({ ...regulation, rules: [...regulation.rules, ...extra] });
    // decided as given (a nickname of null is not a case the schema lets in)
    const input = { ...base, facts: { ...base.facts, person: { ...base.facts.person, nickname: null } } };
    for (const trace of [true, false]) {
      const [compiled, jre] = [await engines.compiled.decide(input as never, { trace }), await engines.jre.decide(input as never, { trace })];
      expect(JSON.stringify(compiled)).toBe(JSON.stringify(jre));
    }
    const because = (await engines.compiled.decide(input as never)).decisions.agent.because as Array<{ rule?: string; result?: string }>;
    expect(because.filter((b) => b.rule?.startsWith('look-alike')).map((b) => `${b.rule} ${b.result}`)).toEqual(['look-alike-0 fired', 'look-alike-1 failed', 'look-alike-2 fired']);
  });

  it('an operator given a value of the wrong kind is the same error on both paths', async () => {
    const engines = withRule({ when: { all: [{ fact: 'asOf', operator: 'in', value: { fact: 'person.idNumber' } }] } });
    const d = await difference(engines, base);
    expect(d).toBeUndefined();
    await expect(engines.compiled.decide(base)).rejects.toThrow('运算符 in 的比较值应为清单');
  });
});
