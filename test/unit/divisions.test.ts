// Former county codes (530321 马龙县 → 530304 马龙区, 530328 沾益县 → 530303 沾益区) are read
// as their successors in every comparison of art. 2 and art. 16, and the counter forms accept
// them, shown with the current name (rules/parameters/divisions.yaml).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currentDivisionFn, divisionKindFn } from '../../engine/core/derived/functions/divisions.js';
import { qujing } from '../support/regulation.js';
import { forms, resolved } from '../support/forms.js';
import { validateForm } from '../../engine/project/forms/validate-form.js';

const regulation = qujing().regulation;
const successions = regulation.parameters.countySuccessions.values.at(-1)!.value as Array<{ former: string; successor: string }>;
const now = (code: string) => currentDivisionFn.compute({ code, successions });

describe('the table of division changes', () => {
  it('reads each former code as its successor, any other code as itself', () => {
    expect(now('530321')).toBe('530304');
    expect(now('530328')).toBe('530303');
    expect(now('530304')).toBe('530304');
    expect(now('510104')).toBe('510104');
  });

  it('follows a chain of changes and stops at a loop', () => {
    const chain = [{ former: 'A', successor: 'B' }, { former: 'B', successor: 'C' }];
    expect(currentDivisionFn.compute({ code: 'A', successions: chain })).toBe('C');
    const loop = [{ former: 'A', successor: 'B' }, { former: 'B', successor: 'A' }];
    expect(currentDivisionFn.compute({ code: 'A', successions: loop })).toBe('B');
  });

  it('never throws and always returns a string, whatever the table holds', () => {
    fc.assert(fc.property(fc.string(), fc.array(fc.anything()), (code, rows) => {
      expect(typeof currentDivisionFn.compute({ code, successions: rows })).toBe('string');
    }), { numRuns: 500 });
  });

  it('a frozen table (a parameter as the compiled rules give it, indexed once) answers as the same table unfrozen', () => {
    const row = fc.record({ former: fc.constantFrom('A', 'B', 'C', 1), successor: fc.constantFrom('A', 'B', 'C', 'D') });
    fc.assert(fc.property(fc.constantFrom('A', 'B', 'C', 'D'), fc.array(row, { maxLength: 6 }), (code, rows) => {
      const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
      expect(currentDivisionFn.compute({ code, successions: frozen })).toBe(currentDivisionFn.compute({ code, successions: rows }));
      // asked twice: the kept index gives the same answer
      expect(currentDivisionFn.compute({ code, successions: frozen })).toBe(currentDivisionFn.compute({ code, successions: rows }));
    }), { numRuns: 300 });
    const kinds = fc.record({ code: fc.constantFrom('1', '2', '3', 4), kind: fc.constantFrom('street', 'town', 7) });
    fc.assert(fc.property(fc.constantFrom('1', '2', '3', '9'), fc.option(fc.constantFrom('street', 'town')), fc.array(kinds, { maxLength: 6 }), (code, given, rows) => {
      const frozen = Object.freeze(rows.map((r) => Object.freeze({ ...r })));
      const plain = divisionKindFn.compute({ code, given: given ?? undefined, table: rows });
      expect(divisionKindFn.compute({ code, given: given ?? undefined, table: frozen })).toBe(plain);
      expect(divisionKindFn.compute({ code, given: given ?? undefined, table: frozen })).toBe(plain);
    }), { numRuns: 300 });
  });

  it('a table frozen on the outside only is read as it is now: a row changed after the first read counts', () => {
    const town = { code: '530302001', kind: 'town' };
    const table = Object.freeze([town]);
    expect(divisionKindFn.compute({ code: '530302001', table })).toBe('town');
    town.kind = 'street';
    expect(divisionKindFn.compute({ code: '530302001', table })).toBe('street');

    const change = { former: '530328', successor: '530304' };
    const successions = Object.freeze([change]);
    expect(currentDivisionFn.compute({ code: '530328', successions })).toBe('530304');
    change.successor = '530399';
    expect(currentDivisionFn.compute({ code: '530328', successions })).toBe('530399');
  });

  it('every successor is a current Qujing code, and no former code is one', () => {
    const current = regulation.parameters.qujingCounties.values.at(-1)!.value as string[];
    for (const row of successions) {
      expect(current).toContain(row.successor);
      expect(current).not.toContain(row.former);
      expect(Object.hasOwn(regulation.vocabulary.lists.divisions, row.former)).toBe(true);
    }
  });
});

describe('the counter forms accept former codes, showing the current name', () => {
  const form = resolved('permit-application', regulation, '2019-09-16');
  const options = form.schema.properties.residence.properties.county.oneOf as Array<{ const: string; title: string }>;

  it('offers the current codes and the former ones', () => {
    expect(options.map((o) => o.const)).toEqual(expect.arrayContaining(['530302', '530303', '530304', '530321', '530328']));
    expect(options.find((o) => o.const === '530321')!.title).toMatch(/^530321 马龙区（原马龙县的代码；2018-03 起为 530304）$/);
    expect(options.find((o) => o.const === '530328')!.title).toMatch(/^530328 沾益区/);
    expect(options.find((o) => o.const === '530304')!.title).toBe('530304 马龙区');
  });

  it('a residence under the old 沾益县 code validates; a code outside Qujing does not', () => {
    const place = (county: string) => ({ residence: { county, township: '西平街道', townshipKind: 'street' } });
    const countyErrors = (county: string) => validateForm(form, place(county)).filter((p) => p.message.includes('residence.county') || p.message.includes('county'));
    expect(countyErrors('530328')).toEqual([]);
    expect(countyErrors('530102').length).toBeGreaterThan(0);
  });

  it('every form with a Qujing place offers the same codes', () => {
    for (const name of Object.keys(forms.set.forms)) {
      const schema = resolved(name, regulation).schema;
      const county = schema.properties?.residence?.properties?.county ?? schema.properties?.newAddress?.properties?.county;
      if (county?.oneOf) expect(county.oneOf.map((o: { const: string }) => o.const)).toEqual(options.map((o) => o.const));
    }
  });
});
