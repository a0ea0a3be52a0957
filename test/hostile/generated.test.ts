// Hostile rules handed to the generated source (engine/evaluate/compiled/generate-rules.ts):
// values, paths, rule ids and derived facts' argument names written to break out of a string
// or a comment stay data — nothing runs, the source holds none of them, and the decision is
// json-rules-engine's; a derived fact that reads itself is the same error as on the closures;
// a derived fact whose argument is named as something every object inherits is worked out by
// the closures, alike.
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import type { Regulation, RuleSpec } from '../../engine/model/model.js';
import { rulesDir } from '../support/regulation.js';
import { bothEngines, difference } from '../differential/both-engines.js';

const regulation = loadRegulationOrThrow(rulesDir);
const base = { asOf: '2019-07-10', facts: { person: { idNumber: '510104198806210574' }, hukou: { county: '510104' }, residence: { county: '530302', arrivedOn: '2018-06-01', registeredOn: '2018-06-02' }, grounds: { employment: true }, application: { materials: { idCard: 1, photo: 2 } } } };
const BREAKOUTS = ['"); globalThis.pwned = 1; ("', "'); globalThis.pwned = 1; ('", '`${globalThis.pwned = 1}`', '*/ globalThis.pwned = 1; /*', '\\u0022; globalThis.pwned = 1;', '\n}; globalThis.pwned = 1; function z() {\n'];

const withRule = (rule: Partial<RuleSpec>, changed: Partial<Regulation> = {}) =>
  ({ ...regulation, ...changed, rules: [...regulation.rules, { ...regulation.rules[0], id: 'hostile', overrides: [], set: {}, add: {}, ...rule }] });

afterEach(() => {
  delete (globalThis as { pwned?: unknown }).pwned;
});

describe('rules written to break out of the generated source', () => {
  for (const text of BREAKOUTS) {
    it(`${JSON.stringify(text)} as a value, a path, a rule id and a field value: data, decided as json-rules-engine decides`, async () => {
      const hostile = withRule({
        id: text,
        when: { any: [{ fact: 'person', path: text, operator: 'equal', value: text }, { fact: 'person.idNumber', operator: 'in', value: [text, 'x'] }, { fact: 'asOf', operator: 'notEqual', value: text }] },
        set: { 'agent.allowed': text },
      });
      const engines = bothEngines(hostile);
      const generated = engines.compiled.compiled!.generated!;
      expect(generated.source).not.toContain('pwned');
      expect(generated.constants).toContain(text);
      expect(await difference(engines, base)).toBeUndefined();
      expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
    });
  }

  it('a derived fact that reads itself is the same error on the generated source and on the closures', async () => {
    const name = Object.keys(regulation.derived).find((n) => Object.keys(regulation.derived[n].args ?? {}).length > 0)!;
    const spec = regulation.derived[name];
    const [first] = Object.keys(spec.args);
    const cyclic = withRule({ when: { all: [{ fact: `derived.${name}`, operator: 'present', value: true }] } }, {
      derived: { ...regulation.derived, [name]: { ...spec, args: { ...spec.args, [first]: { fact: `derived.${name}` } } } },
    });
    const errors = await Promise.all([new Decider(cyclic), new Decider(cyclic, { generated: false })].map((d) => d.decide(base as never).then(() => 'no error', (e: Error) => e.message)));
    expect(errors[0]).toContain('依赖它自己');
    expect(errors[0]).toBe(errors[1]);
  });

  it('a derived fact with an argument named __proto__ is worked out by the closures, alike', async () => {
    const name = Object.keys(regulation.derived).find((n) => Object.keys(regulation.derived[n].args ?? {}).length > 0)!;
    const spec = regulation.derived[name];
    const args = Object.fromEntries([['__proto__', 1], ...Object.entries(spec.args)]);
    const odd = withRule({ when: { all: [{ fact: `derived.${name}`, operator: 'present', value: true }] } }, { derived: { ...regulation.derived, [name]: { ...spec, args } } });
    const engines = bothEngines(odd);
    expect(engines.compiled.compiled!.generated).toBeDefined();
    expect(await difference(engines, base)).toBeUndefined();
  });
});
