// Hostile input to parameters keyed by place: place keys and readIn names that are inherited
// property names or not codes, and case codes of any shape. Lint refuses at a line, deciding
// never throws a TypeError and both paths give the same document.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRegulation } from '../../engine/model/load-regulation.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { parameterOn } from '../../engine/model/parameters.js';
import { currentPlace, placeChain } from '../../engine/model/place-values.js';
import { bothEngines, difference } from '../differential/both-engines.js';
import { placeKeyedCopy } from '../support/place-keyed.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

describe('hostile place keys and names', () => {
  it.each(NAMES)('%s as a place, a readIn list, table or fact: a located problem, never a TypeError', (name) => {
    const copy = placeKeyedCopy((b) => b
      .replace('"530300":', `"${name}":`)
      .replace('codes: divisions', `codes: ${name.replace(/^_+/, 'x')}`)
      .replace('successions: countySuccessions', `successions: ${name.replace(/^_+/, 'x')}`));
    const { problems } = loadRegulation(copy.dir);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.location.file).toMatch(/registration\.yaml$/);
      expect(p.location.line).toBeGreaterThan(1);
    }
  });

  it('a place that is not 6 digits (a township, a name, an empty key) is refused by the schema at its key, and the rest of the file still read', () => {
    for (const key of ['530302001', '麒麟区', '""', '5303']) {
      const copy = placeKeyedCopy((b) => b.replace('"530300":', `${key.startsWith('"') ? key : `"${key}"`}:`));
      const { problems, regulation } = loadRegulation(copy.dir);
      expect(problems.map((p) => p.code)).toEqual(['schema.pattern']);
      expect(regulation?.parameters.reportingWorkingDays).toBeDefined(); // the other parameter of the file
    }
  });

  it('a case code of any shape: the value everywhere or a place\'s, never an exception; both paths agree', async () => {
    const regulation = loadRegulation(placeKeyedCopy().dir).regulation!;
    const spec = regulation.parameters.registrationWorkingDays;
    fc.assert(fc.property(fc.anything(), fc.anything(), (code, table) => {
      const place = currentPlace(code, table);
      expect(place === undefined || /^\d{6}$/.test(place)).toBe(true);
      expect([5, 6, 7, 4, 3]).toContain(parameterOn(spec, '2019-03-04', place).value);
      if (typeof code === 'string') expect(placeChain(code).length).toBeLessThanOrEqual(3);
    }), { numRuns: 500 });
    const engines = bothEngines(regulation);
    const counties = fc.oneof(fc.constantFrom('530304', '530321', '530302', '530300', '530000', '530302001', '5303040000', '', '__proto__'), fc.string({ maxLength: 12 }));
    await fc.assert(fc.asyncProperty(counties, async (county) => {
      const input = { asOf: '2019-04-02', facts: { hukou: { county: '360102' }, residence: { county, township: '某街道', townshipKind: 'street', arrivedOn: '2019-03-04' } } };
      const valid = checkCase(regulation, input).problems.length === 0;
      expect(await difference(engines, input)).toBeUndefined();
      if (valid) await engines.compiled.decide(input as never);
    }), { numRuns: 60 });
  });
});
