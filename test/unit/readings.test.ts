// Readings of an interpretation, executable (issue 9 items 1–3): `endorsement-deadline`
// under `window` and `literal` exactly as CASES.md §3 defines them; readings chosen by case
// file or by override, named in every decision; a dated parameter read at the date the law
// ties it to (the two-year story); lint of what makes a reading executable.
import { describe, expect, it } from 'vitest';
import { loadRegulation, loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { parseCase } from '../../engine/model/case/validate-case.js';
import { qujing, rulesCopy } from '../support/regulation.js';

const holder = (permit: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  person: { idNumber: '510104198806210574' },
  hukou: { county: '510104' },
  residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2018-08-31', registeredOn: '2018-09-03' },
  grounds: { employment: true },
  permit,
  ...extra,
});
const request = { endorsement: { materials: { idCard: 1, residencePermit: 1, laborContract: 1 } } };

describe('endorsement-deadline: window and literal (CASES.md §3)', () => {
  it('every decision names the reading it used; the default is window', async () => {
    const doc = await qujing().decide({ asOf: '2019-10-01', facts: holder({ issuedOn: '2019-03-30' }) });
    expect(doc.readings).toEqual({ agents: 'birthday', 'civil-code-periods': 'art-203', 'early-endorsements': 'stands', 'endorsement-deadline': 'window', 'floating-population': 'measures', 'in-force-period': 'every-service', 'leap-day-birthday': 'march1', 'outside-the-measures': 'superior' });
  });

  it('window: from expiresOn − 30 days through expiresOn; literal: the day after expiresOn − 1 year through expiresOn − 30 days', async () => {
    const facts = holder({ issuedOn: '2019-03-30', endorsedOn: [] });
    const window = await qujing().decide({ asOf: '2019-10-01', facts });
    expect(window.decisions.permit).toMatchObject({ status: 'valid', expiresOn: '2020-03-30', endorseFrom: '2020-02-29', endorseBy: '2020-03-30' });
    const literal = await qujing().decide({ asOf: '2019-10-01', facts, readings: { 'endorsement-deadline': 'literal' } });
    expect(literal.readings['endorsement-deadline']).toBe('literal');
    // 2020-03-30 − 1 year = 2019-03-30, the day after → 2019-03-31; 2020-03-30 − 30 days → 2020-02-29, a
    // Saturday: the last day moves to Monday 2020-03-02 (民法典 art. 203, civil-code-periods=art-203)
    expect(literal.decisions.permit).toMatchObject({ status: 'valid', expiresOn: '2020-03-30', endorseFrom: '2019-03-31', endorseBy: '2020-03-02' });
  });

  it('literal: suspended the day after the last day, before expiry; window: still valid', async () => {
    const facts = holder({ issuedOn: '2019-03-30', endorsedOn: [] });
    // the last day 2020-02-29 is a Saturday, moved to Monday 2020-03-02: on Sunday 1 March still valid
    const sunday = await qujing().decide({ asOf: '2020-03-01', facts, readings: { 'endorsement-deadline': 'literal' } });
    expect(sunday.decisions.permit.status).toBe('valid');
    const literal = await qujing().decide({ asOf: '2020-03-03', facts, readings: { 'endorsement-deadline': 'literal' } });
    expect(literal.decisions.permit.status).toBe('suspended');
    const window = await qujing().decide({ asOf: '2020-03-03', facts });
    expect(window.decisions.permit.status).toBe('valid');
    // the last day unmoved (civil-code-periods=endorsement-unmoved): suspended from Sunday 1 March
    const unmoved = await qujing().decide({ asOf: '2020-03-01', facts, readings: { 'endorsement-deadline': 'literal', 'civil-code-periods': 'endorsement-unmoved' } });
    expect(unmoved.decisions.permit).toMatchObject({ status: 'suspended', endorseBy: '2020-02-29' });
  });

  it('an override (--reading) wins over the case file', async () => {
    const decider = new Decider(qujing().base, { readings: { 'endorsement-deadline': 'window' } });
    const doc = await decider.decide({ asOf: '2020-03-01', facts: holder({ issuedOn: '2019-03-30' }), readings: { 'endorsement-deadline': 'literal' } });
    expect(doc.readings['endorsement-deadline']).toBe('window');
    expect(doc.decisions.permit.status).toBe('valid');
  });

  it('a second request in one year is tooEarly (art. 14.1), under both readings', async () => {
    // window: endorsed 2020-03-10 inside 2020-02-29…2020-03-30 → expires 2021-03-30, next window opens 2021-02-28
    const facts = holder({ issuedOn: '2019-03-30', endorsedOn: ['2020-03-10'] }, request);
    const window = await qujing().decide({ asOf: '2020-03-20', facts });
    expect(window.decisions.endorsement.outcome).toBe('tooEarly');
    // literal: endorsed 2019-06-01 inside 2019-03-31…2020-02-29 → expires 2021-03-30, next period opens 2020-03-31
    const literalFacts = holder({ issuedOn: '2019-03-30', endorsedOn: ['2019-06-01'] }, request);
    const literal = await qujing().decide({ asOf: '2019-07-01', facts: literalFacts, readings: { 'endorsement-deadline': 'literal' } });
    expect(literal.decisions.permit).toMatchObject({ expiresOn: '2021-03-30', endorseFrom: '2020-03-31' });
    expect(literal.decisions.endorsement.outcome).toBe('tooEarly');
  });

  it('an unknown interpretation or alternative is an error naming it', async () => {
    await expect(qujing().decide({ asOf: '2020-03-01', facts: holder({ issuedOn: '2019-03-30' }), readings: { 'endorsement-deadline': 'strict' } }))
      .rejects.toSatisfy((e) => e instanceof EvaluationError && (e as Error).message.includes('strict') && (e as Error).message.includes('window、literal'));
    await expect(qujing().decide({ asOf: '2020-03-01', facts: holder({ issuedOn: '2019-03-30' }), readings: { 'no-such': 'x' } }))
      .rejects.toSatisfy((e) => (e as Error).message.includes('未知的解释 no-such'));
  });

  it('a case file naming an unknown reading gets a located problem', () => {
    const text = 'asOf: 2020-03-01\nfacts:\n  permit: { issuedOn: 2019-03-30 }\nreadings:\n  endorsement-deadline: strict\n';
    const parsed = parseCase(qujing().base, text, 'case.yaml');
    expect(parsed.case).toBeUndefined();
    expect(parsed.problems[0].message).toContain('readings.endorsement-deadline');
    expect(parsed.problems[0].location).toMatchObject({ file: 'case.yaml', line: 5 });
  });
});

describe('art. 23 ¶2: a permit issued before 2017-10-09', () => {
  it('is valid through its validThrough, then expired; no endorsement period', async () => {
    const facts = holder({ issuedOn: '2016-05-20', validThrough: '2018-05-19', endorsedOn: ['2017-05-01'] }, request);
    const on = await qujing().decide({ asOf: '2018-05-19', facts });
    expect(on.decisions.permit).toMatchObject({ status: 'valid', expiresOn: '2018-05-19' });
    expect(on.decisions.permit.endorseFrom).toBeUndefined();
    // a request on it is answered in writing: not endorsed (interpretation pre-measures-permits)
    expect(on.decisions.endorsement.outcome).toBe('notEndorsable');
    const after = await qujing().decide({ asOf: '2018-05-20', facts, readings: { 'endorsement-deadline': 'literal' } });
    expect(after.decisions.permit).toMatchObject({ status: 'expired', expiresOn: '2018-05-19' });
  });
});

describe('parameters read at the date the law ties them to', () => {
  // Policy staff: "permits issued from 2021-01-01 on are valid two years, earlier ones keep one year".
  const twoYears = () => {
    const copy = rulesCopy();
    copy.edit('parameters/endorsement.yaml', '    2017-10-09: 12\n', '    2017-10-09: 12\n    2021-01-01: 24\n');
    return copy;
  };

  it('a 2020 permit decided in 2021 still expires after one year; a 2021 permit after two', async () => {
    const decider = new Decider(loadRegulationOrThrow(twoYears().dir));
    const old = await decider.decide({ asOf: '2021-06-01', facts: holder({ issuedOn: '2020-03-01' }) });
    expect(old.decisions.permit).toMatchObject({ expiresOn: '2021-03-01', status: 'suspended' });
    const recent = await decider.decide({ asOf: '2021-06-01', facts: holder({ issuedOn: '2021-03-01' }) });
    expect(recent.decisions.permit).toMatchObject({ expiresOn: '2023-03-01', status: 'valid', endorseFrom: '2023-01-30' });
  });

  it('read at the decision date instead (no readAt), the 2020 permit would wrongly get two years', async () => {
    const copy = twoYears();
    copy.edit('parameters/endorsement.yaml', / {2}readAt: .*\n/, '');
    const old = await new Decider(loadRegulationOrThrow(copy.dir)).decide({ asOf: '2021-06-01', facts: holder({ issuedOn: '2020-03-01' }) });
    expect(old.decisions.permit.expiresOn).toBe('2022-03-01');
  });

  it('lint: readAt must be asOf or a date fact of the case', () => {
    const copy = rulesCopy();
    copy.edit('parameters/endorsement.yaml', 'readAt: { fact: permit.issuedOn', 'readAt: { fact: person.disabled');
    const { problems } = loadRegulation(copy.dir);
    const p = problems.find((x) => x.code === 'param.readAt');
    expect(p?.message).toContain('person.disabled');
    expect(p?.location).toMatchObject({ file: expect.stringContaining('endorsement.yaml'), line: 10 });
  });
});

describe('executable alternatives in YAML', () => {
  it('switching the default is an ordinary YAML edit', async () => {
    const copy = rulesCopy();
    copy.edit('interpretations/endorsement-deadline.yaml', 'default: window', 'default: literal');
    // literal: the last day 2020-02-29 (Saturday) moves to Monday 2020-03-02; on 2020-03-03 suspended
    const doc = await new Decider(loadRegulationOrThrow(copy.dir)).decide({ asOf: '2020-03-03', facts: holder({ issuedOn: '2019-03-30' }) });
    expect(doc.readings['endorsement-deadline']).toBe('literal');
    expect(doc.decisions.permit.status).toBe('suspended');
  });

  it('lint: an alternative naming a missing parameter, a value of the wrong type, a default that is no alternative', () => {
    const copy = rulesCopy();
    copy.edit('interpretations/endorsement-deadline.yaml', 'parameters: { endorsementOpensMonths: 12,', 'parameters: { endorsementOpensMonth: 12,');
    copy.edit('interpretations/endorsement-deadline.yaml', 'endorsementClosesDays: 30 }', 'endorsementClosesDays: "30" }');
    copy.edit('interpretations/endorsement-deadline.yaml', 'default: window', 'default: windows');
    const codes = loadRegulation(copy.dir).problems.map((p) => `${p.code} ${p.location.line}`);
    expect(codes).toEqual(expect.arrayContaining(['reading.badDefault 8', 'reading.unknownParameter 17', 'reading.valueType 17']));
  });
});

describe('what depends on a reading (tiaoli readings, the 条文 page panel)', () => {
  it('lists, under each alternative, the fixtures whose decision changes, with the fields', async () => {
    const { readingImpact } = await import('../../engine/project/fixtures/reading-impact.js');
    const { readFixtures } = await import('../../engine/project/fixtures/find-fixtures.js');
    const { join } = await import('node:path');
    const { root } = await import('../support/regulation.js');
    const reports: Array<[number, number]> = [];
    const impact = await readingImpact(qujing(), readFixtures([join(root, 'test/cases/14-once-a-year'), join(root, 'test/cases/12-leap-day-birthday')]), (done, total) => reports.push([done, total]));
    // progress (the studio's worker shows it): rising, ending at the total
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.every(([done], i) => i === 0 || done > reports[i - 1][0])).toBe(true);
    expect(reports.at(-1)![0]).toBe(reports.at(-1)![1]);
    const row = (i: string, a: string) => impact.find((x) => x.interpretation === i && x.alternative === a)!;
    const literal = row('endorsement-deadline', 'literal');
    expect(literal.isDefault).toBe(false);
    // every window-* fixture changes under literal; the literal-* ones already are literal
    expect(literal.changed.map((c) => c.file.split('/').pop()).sort()).toEqual([
      'window-request-day-after-late-endorsement-too-early.yaml', 'window-request-day-before-next-window-too-early.yaml',
      'window-request-first-day-of-next-window-endorse.yaml', 'window-second-request-in-same-year-too-early.yaml',
      'window-two-endorsements-in-one-window-count-once.yaml',
    ]);
    expect(literal.changed[0].fields).toContain('permit.endorseBy');
    expect(row('endorsement-deadline', 'window').changed.every((c) => /\/literal-/.test(c.file))).toBe(true);
    expect(row('leap-day-birthday', 'february28').changed.map((c) => [c.file.split('/').pop(), c.fields])).toEqual([['march1-aged-60-on-28-february-2100.yaml', ['agent.allowed']]]);
  });
});
