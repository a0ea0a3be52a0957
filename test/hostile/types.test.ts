// Mistyped conditions, generated: any fact, any operator, any value (literal or reference)
// put into a real rule. The type check never throws, names every problem at a line of the
// rule's file, and what it lets through runs without an operator refusing its operands.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRuleFiles, loadRegulationFiles } from '../../engine/model/load-regulation.js';
import { operators } from '../../engine/core/operators.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { qujing, rulesDir } from '../support/regulation.js';

const FILE = 'articles/12-13-application.yaml';
// a condition of a rule without `unmet:` words (a rule with them must name each fact it tests:
// replacing a condition there is refused by rule.unmetMissing, before any type is checked)
const CONDITION = '{ fact: decisions.agent.allowed, operator: equal, value: false }';
const original = readRuleFiles(rulesDir);
const ruleLines = (original.get(FILE) ?? '').split('\n').length;

const FACTS = [
  'asOf', 'person.birthDate', 'person.disabled', 'person.name', 'replacement.reason', 'permit.endorsedOn', 'application.materials',
  'application.materials.photo', 'residence.county', 'params.photoCount', 'params.addressProofs', 'params.validityMonths',
  'derived.age', 'derived.registrationDeadline', 'derived.permitValidity', 'derived.hukouInQujing', 'decisions.application.outcome',
  'decisions.eligibility.grounds', 'decisions.agent.allowed', 'decisions.application.fee',
];
const PATHS = [undefined, 'status', 'endsOn', 'steps', 'nothing'];
const LITERALS = ['true', 'false', '0', '16', '1.5', '"2019-09-16"', '2019-09-16', 'valid', 'lost', 'notice', 'photo', '"yes"', '[]', '[lost, damaged]', '[1, 2]', '[2019-01-01]', 'null', '{ a: 1 }'];
const refs = FACTS.map((f) => `{ fact: ${f} }`);

const condition = fc.record({
  fact: fc.constantFrom(...FACTS),
  path: fc.constantFrom(...PATHS),
  operator: fc.constantFrom(...operators.map((o) => o.name)),
  value: fc.oneof(fc.constantFrom(...LITERALS), fc.constantFrom(...refs)),
}).map(({ fact, path, operator, value }) => `{ fact: ${fact}${path ? `, path: ${path}` : ''}, operator: ${operator}, value: ${value} }`);

const cases = [
  { asOf: '2019-09-16', facts: { person: { name: '王芳', idNumber: '510104198806210574', mobilityImpaired: true }, application: { viaAgent: 'guardian', materials: { photo: 2 } } } },
  { asOf: '2021-03-01', facts: { person: { name: '李四', idNumber: '510104195001010013', birthDate: '1950-01-01' }, permit: { issuedOn: '2019-05-01', endorsedOn: ['2020-04-20'] }, replacement: { reason: 'lost' } } },
];

describe('generated conditions against the type check', () => {
  it('400 conditions: never a failed load, every problem at a line of the rule file, and a clean lint runs without an operator refusing its operands', async () => {
    expect(original.get(FILE)).toContain(CONDITION);
    const tally = { clean: 0, typed: 0, decided: 0 };
    await fc.assert(fc.asyncProperty(condition, async (text) => {
      const files = new Map(original);
      files.set(FILE, original.get(FILE)!.replace(CONDITION, text));
      const { regulation, problems } = loadRegulationFiles('rules', files, 'rules');
      for (const p of problems) {
        expect(p.code, p.message).not.toBe('load.failed');
        expect(p.location.file).toBe(`rules/${FILE}`);
        expect(p.location.line).toBeGreaterThan(1);
        expect(p.location.line).toBeLessThanOrEqual(ruleLines);
        expect(p.message).not.toMatch(/undefined|\[object Object\]|NaN/);
      }
      if (problems.some((p) => p.code === 'rule.operandType' || p.code === 'rule.valueType')) tally.typed += 1;
      if (problems.length || !regulation) return;
      tally.clean += 1;
      const decider = new Decider(regulation);
      for (const c of cases) {
        try {
          await decider.decide(c);
          tally.decided += 1;
        } catch (e) {
          expect(e).toBeInstanceOf(EvaluationError);
          // what lint let through is never an operand the operator refuses
          expect((e as EvaluationError).code, (e as Error).message).not.toMatch(/^operator\./);
        }
      }
    }), { numRuns: 400 });
    // the generator reaches both sides
    expect(tally.typed).toBeGreaterThan(100);
    expect(tally.clean).toBeGreaterThan(20);
    expect(tally.decided).toBeGreaterThan(20);
    qujing();
  }, 240_000);
});
