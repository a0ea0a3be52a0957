// Done when: `register replay` after changing photoCount from 2 to 1 (rules/parameters/
// materials.yaml, art. 12.1 "本人证件照2张") lists exactly the stored applications whose
// outcome changes — on PGlite and on the PostgreSQL server alike.
//
// By hand, under art. 12 and 13: with 2 photos required, an application with 1 photo and
// everything else is missing `photo` → notice; with 1 photo required it is complete →
// issueOnSpot. One with 1 photo and no address proof stays notice (only `missing` loses
// photo); 2 photos stays issueOnSpot; no photo stays notice; one whose half year is not
// complete (registered 2019-03-01, half year on 2019-09-01 > asOf 2019-07-10) stays ineligible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decider } from '../../engine/explain/decider.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import type { Register } from '../../engine/register/register.js';
import { replay } from '../../engine/register/replay.js';
import { qujing, rulesCopy } from '../support/regulation.js';
import { backends, freshRegister } from './backends.js';
import { application, complete, onePhoto, NUMBER_FORMAT } from './cases.js';

const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };

const applications = [
  application('甲 两张照片，材料齐全', '510104199003070015', complete),
  application('乙 一张照片，其余齐全', '510104198905050369', onePhoto),
  application('丙 一张照片，缺住址证明', '510104199003070015', { idCard: 1, photo: 1, laborContract: 1 }),
  application('丁 没有照片', '510104199003070015', { idCard: 1, leaseContract: 1, laborContract: 1 }),
  application('戊 一张照片，居住未满半年', '510104199003070015', onePhoto, { registeredOn: '2019-03-01' }),
  application('己 一张照片，其余齐全', '510104199003070015', onePhoto),
];

function onePhotoRules(): Decider {
  const copy = rulesCopy();
  copy.edit('parameters/materials.yaml', /(photoCount:[\s\S]*?values:\s*\n\s*2017-10-09: )2/, '$11');
  return new Decider(loadRegulationOrThrow(copy.dir));
}

describe.each(backends)('replay on $name', (backend) => {
  let register: Register;
  let done: () => Promise<void>;
  const numbers = new Map<string, string>();

  beforeAll(async () => {
    ({ register, done } = await freshRegister(backend));
    for (const input of applications) {
      const entry = await register.record({ regulation: qujing().base, case: input, document: await qujing().decide(input), office, operator: '李警官' });
      numbers.set(input.name!, entry.documentNumber);
    }
  });
  afterAll(async () => done?.());

  it('stored the outcomes art. 13 gives with 2 photos required', async () => {
    const outcomes = Object.fromEntries((await register.list()).map((e) => [e.personName, e.outcome]));
    expect(outcomes).toEqual({
      '甲 两张照片，材料齐全': 'issueOnSpot', '乙 一张照片，其余齐全': 'notice', '丙 一张照片，缺住址证明': 'notice',
      '丁 没有照片': 'notice', '戊 一张照片，居住未满半年': 'ineligible', '己 一张照片，其余齐全': 'notice',
    });
  });

  it('under the same rules, nothing would change', async () => {
    const summary = await replay(qujing(), register.all());
    expect(summary).toMatchObject({ total: 6, changed: 0, unchanged: 6, failed: 0, records: [], fields: [] });
  });

  it('with photoCount 1, lists exactly the applications whose outcome changes', async () => {
    const summary = await replay(onePhotoRules(), register.all());
    expect(summary.total).toBe(6);
    const outcome = summary.fields.find((f) => f.field === 'application.outcome');
    expect(outcome?.pairs.map((p) => ({ ...p, records: [...p.records].sort() }))).toEqual([
      { before: 'notice', after: 'issueOnSpot', count: 2, records: [numbers.get('乙 一张照片，其余齐全'), numbers.get('己 一张照片，其余齐全')].sort() },
    ]);
    // 丙 still lacks its address proof: the notice stays, only photo leaves the list
    const missing = summary.fields.find((f) => f.field === 'application.missing');
    const bing = missing?.pairs.find((p) => p.records.includes(numbers.get('丙 一张照片，缺住址证明')!));
    expect(bing && { before: [...(bing.before as string[])].sort(), after: bing.after }).toEqual({ before: ['addressProof', 'photo'], after: ['addressProof'] });
    const changedNames = summary.records.map((r) => r.personName).sort();
    expect(changedNames).not.toContain('甲 两张照片，材料齐全');
    expect(changedNames).not.toContain('丁 没有照片');
    expect(summary.records.every((r) => r.idNumber === null || /^\d{4}\*{10}[\dX]{4}$/.test(r.idNumber))).toBe(true);
  });
});
