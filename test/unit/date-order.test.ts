// The quick check of a case's date order (every pair in order, no message made) answers as
// the full one does: the same cases pass, the same are refused — on generated cases with
// dates in every order, dates that are not dates, and fields of the wrong kind.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dateOrderProblems, orderProblems } from '../../engine/model/case/date-order.js';
import { plainSource } from '../../engine/core/source-file.js';
import { qujing } from '../support/regulation.js';
import { runs } from '../support/fuzz.js';

const regulation = qujing().regulation;

const date = fc.oneof(
  fc.constantFrom('1990-05-13', '2017-10-09', '2018-01-01', '2018-06-30', '2019-02-28', '2020-02-29', '2022-10-08'),
  fc.constantFrom('2019-02-30', '2018-1-2', '', '20180101'),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.constant('2018-01-01'), { maxLength: 2 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const withoutUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const part = (fields: Record<string, fc.Arbitrary<unknown>>) => fc.record(fields).map(withoutUndefined);

const caseArb = part({
  asOf: maybe(date),
  facts: maybe(part({
    person: maybe(part({ birthDate: maybe(date), idNumber: maybe(fc.constantFrom('530302199005130012', '53030220200229001X', '530302201902300011', 'x')) })),
    residence: maybe(part({ arrivedOn: maybe(date), registeredOn: maybe(date) })),
    contract: maybe(part({ signedOn: maybe(date), reportedOn: maybe(date) })),
    permit: maybe(part({ issuedOn: maybe(date), endorsedOn: maybe(fc.oneof(fc.array(date, { maxLength: 3 }), date)) })),
  })),
});

describe('the date order of a case', () => {
  it('the quick check refuses exactly the cases the full check finds a problem in', () => {
    const source = plainSource('<case>', {});
    fc.assert(fc.property(caseArb, (data) => {
      expect(dateOrderProblems(data, source, regulation).length > 0).toBe(orderProblems(data, source, regulation).length > 0);
    }), { numRuns: runs(500, 50_000) });
  });

  it('a permit endorsed before it was issued is refused at the endorsement', () => {
    const data = { asOf: '2019-01-01', facts: { permit: { issuedOn: '2018-06-30', endorsedOn: ['2018-01-01'] } } };
    const problems = dateOrderProblems(data, plainSource('<case>', data), regulation);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('facts.permit.endorsedOn.0')]);
  });
});
