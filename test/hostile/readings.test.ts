// Readings under attack and at scale (issue 9 items 1–2):
// - any permit history, either reading of art. 14 ¶2, the last day moved past rest days or
//   not (民法典 art. 203, reading civil-code-periods): the contract's fields are the values CASES.md §3
//   defines, worked out here by an oracle written from §3 alone (not from the engine);
// - reading names from the wrong side: inherited names, __proto__, non-strings, in a case
//   file and as overrides: a named error, never a crash or a silent default.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, addMonthsCivil } from '../../engine/core/dates/calendar-date.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { qujing } from '../support/regulation.js';

type Reading = 'window' | 'literal';
type LastDay = 'art-203' | 'endorsement-unmoved';

/** A rest day of the national calendar, read from the holiday table itself (not the engine's code). */
const table = holidayTable as { holidays: Record<string, string>; workdays: Record<string, string> };
function restDay(d: string): boolean {
  if (Object.hasOwn(table.workdays, d)) return false;
  if (Object.hasOwn(table.holidays, d)) return true;
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** CASES.md §3, art. 14, read literally: the period of the endorsement due for E; its last day moved past rest days (民法典 art. 203). */
function period(e: string, reading: Reading, lastDay: LastDay): [string, string] {
  const [from, by] = reading === 'window' ? [addDays(e, -30), e] : [addDays(addMonthsCivil(e, -12), 1), addDays(e, -30)];
  let last = by;
  // a year the holiday table has no arrangement for yet: the day as the text gives it (the decision says so)
  const covered = (d: string) => Object.keys(table.holidays).some((h) => h.slice(0, 4) === d.slice(0, 4));
  while (lastDay === 'art-203' && covered(by) && restDay(last)) last = addDays(last, 1);
  return [from, last];
}

/** CASES.md §3: expiresOn, status, countedFrom, endorseFrom/By, and the outcome of a full request on asOf. */
function oracle(issuedOn: string, endorsed: string[], asOf: string, registeredOn: string, reading: Reading, lastDay: LastDay) {
  // year n of validity ends on anchor + n years (民法典 art. 202), the anchor being the issue date or a 补办
  let anchor = issuedOn;
  let n = 1;
  let counted = registeredOn;
  for (const d of [...endorsed].filter((x) => x <= asOf).sort()) {
    const [from, by] = period(addMonthsCivil(anchor, 12 * n), reading, lastDay);
    if (d < from) continue; // before the period opens: does not count
    if (d <= by) n += 1; // inside: one year on
    // after (补办): years count from d; valid through d + 1 year — under `literal` d + 2 years, the 补办
    // being the one endorsement of the year it begins (art. 14 ¶1 每年签注1次; CASES.md §3 as added in v4)
    else { anchor = d; n = reading === 'literal' ? 2 : 1; counted = d; }
  }
  const e = addMonthsCivil(anchor, 12 * n);
  const [from, by] = period(e, reading, lastDay);
  return { expiresOn: e, status: asOf <= by ? 'valid' : 'suspended', countedFrom: counted, endorseFrom: from, endorseBy: by, outcome: asOf < from ? 'tooEarly' : 'endorse' };
}

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));

describe('both readings on generated permit histories', () => {
  it('500 histories × 2 readings × last day moved or not: expiresOn, status, countedFrom, endorseFrom, endorseBy and the outcome agree with §3', async () => {
    const history = fc.record({
      issuedOn: day('2017-10-09', 1400),
      offsets: fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 4 }),
      asOffset: fc.integer({ min: 0, max: 1500 }),
      reading: fc.constantFrom<Reading>('window', 'literal'),
      lastDay: fc.constantFrom<LastDay>('art-203', 'endorsement-unmoved'),
    });
    await fc.assert(fc.asyncProperty(history, async ({ issuedOn, offsets, asOffset, reading, lastDay }) => {
      const endorsedOn = [...new Set(offsets.map((n) => addDays(issuedOn, n)))];
      const asOf = addDays(issuedOn, asOffset);
      const facts = {
        person: { idNumber: '510104198806210574' },
        hukou: { county: '510104' },
        residence: { county: '530302', arrivedOn: '2017-01-02', registeredOn: '2017-01-03' },
        grounds: { employment: true },
        permit: { issuedOn, endorsedOn },
        endorsement: { materials: { idCard: 1, residencePermit: 1, laborContract: 1 } },
      };
      const doc = await qujing().decide({ asOf, facts, readings: { 'endorsement-deadline': reading, 'civil-code-periods': lastDay, 'early-endorsements': 'ignored' } }, { trace: false }); // §3: an endorsement before its period opens does not count (the v2 reading)
      const want = oracle(issuedOn, endorsedOn, asOf, '2017-01-03', reading, lastDay);
      const { permit, endorsement } = doc.decisions;
      expect({ expiresOn: permit.expiresOn, status: permit.status, countedFrom: permit.countedFrom, endorseFrom: permit.endorseFrom, endorseBy: permit.endorseBy })
        .toEqual({ expiresOn: want.expiresOn, status: want.status, countedFrom: want.countedFrom, endorseFrom: want.endorseFrom, endorseBy: want.endorseBy });
      // outside the measures' period the service is the in-force rule's to decide (art. 23)
      if (asOf <= '2022-10-08') expect(endorsement.outcome).toBe(want.outcome);
      expect(doc.readings['endorsement-deadline']).toBe(reading);
      expect(doc.readings['civil-code-periods']).toBe(lastDay);
    }), { numRuns: 500 });
  }, 120_000);
});

describe('reading names from the wrong side', () => {
  const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'prototype', 'valueOf'];
  const base = { asOf: '2020-03-01', facts: { permit: { issuedOn: '2019-03-30' } } };

  it.each(NAMES)('%s as an interpretation or an alternative: a named error, in a case and as an override', async (name) => {
    const asId = checkCase(qujing().base, { ...base, readings: JSON.parse(`{"${name}": "window"}`) });
    expect(asId.case).toBeUndefined();
    expect(asId.problems[0].message).toContain(name);
    const asAlt = checkCase(qujing().base, { ...base, readings: { 'endorsement-deadline': name } });
    expect(asAlt.problems[0].message).toContain(`没有读法 ${name}`);
    const override = new Decider(qujing().base, { readings: JSON.parse(`{"${name}": "x"}`) });
    await expect(override.decide(base)).rejects.toSatisfy((e) => e instanceof EvaluationError && (e as Error).message.includes(name));
  });

  it('200 generated readings objects: valid ones decide, others are refused naming the pair; never a crash', async () => {
    const key = fc.oneof(fc.constantFrom('endorsement-deadline', ...NAMES, ''), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.constantFrom('window', 'literal', ...NAMES), fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null));
    await fc.assert(fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 3 }), async (readings) => {
      const checked = checkCase(qujing().base, { ...base, readings });
      const ok = Object.entries(readings).every(([k, v]) => k === 'endorsement-deadline' && (v === 'window' || v === 'literal'));
      if (ok) {
        const doc = await qujing().decide(checked.case!, { trace: false });
        expect(doc.readings['endorsement-deadline']).toBe(readings['endorsement-deadline'] ?? 'window');
      } else {
        expect(checked.case).toBeUndefined();
        expect(checked.problems.length).toBeGreaterThan(0);
      }
    }), { numRuns: 200 });
  });
});
