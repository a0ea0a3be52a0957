// A store whose answer was lost is sent again with the same request id: the register answers
// with the record the first one made, never a second record — also when both arrive at once —
// and refuses the id for another case. A burst of 300 stores queues for the database's
// connections instead of failing (PostgreSQL's pool used to give up after 5 s of waiting).
import { afterEach, describe, expect, it } from 'vitest';
import type { Register } from '../../engine/register/register.js';
import { qujing } from '../support/regulation.js';
import { backends, freshRegister } from './backends.js';
import { application, complete, onePhoto, NUMBER_FORMAT } from './cases.js';

const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };

describe.each(backends)('request ids and bursts on $name', (backend) => {
  let register: Register;
  let done: (() => Promise<void>) | undefined;
  const regulation = qujing().base;
  afterEach(async () => {
    await done?.();
    done = undefined;
  });

  it('a retry with the same request id gives the first record back; at once, still one record; another case under it is refused', async () => {
    ({ register, done } = await freshRegister(backend));
    const input = application('张三', '510104199003070015', complete);
    const document = await qujing().decide(input);
    const store = (requestId: string, c = input) => register.record({ regulation, case: c, document, office, operator: '李警官', requestId });
    const first = await store('counter-1-aaaa');
    const again = await store('counter-1-aaaa');
    expect(again).toMatchObject({ id: first.id, documentNumber: first.documentNumber, repeated: true });
    const together = await Promise.all(Array.from({ length: 8 }, () => store('counter-2-bbbb')));
    expect(new Set(together.map((e) => e.id)).size).toBe(1);
    expect(await register.count()).toBe(2);
    await expect(store('counter-1-aaaa', application('李四', '510104198905050369', onePhoto))).rejects.toMatchObject({ status: 409, field: 'requestId' });
    for (const bad of ['short', 'x'.repeat(101), 'has space 123', '../../etc', 42 as unknown as string]) {
      await expect(store(bad)).rejects.toMatchObject({ field: 'requestId' });
    }
    expect(await register.count()).toBe(2);
    // the numbers: 1 and 2, no gap left by the retries
    expect((await register.list()).map((e) => e.documentNumber.slice(-7)).sort()).toEqual(['000001号', '000002号']);
  }, 60_000);

  it('300 stores at once all go through, numbered 1…300', async () => {
    ({ register, done } = await freshRegister(backend));
    const input = application('并发', '510104199003070015', complete);
    const document = await qujing().decide(input);
    const at = new Date('2031-01-02T00:00:00Z');
    const n = backend.name === 'postgres' ? 300 : 60; // PGlite runs one statement at a time: fewer to keep the test quick
    const entries = await Promise.all(Array.from({ length: n }, (_, i) => register.record({ regulation, case: input, document, office, operator: '李警官', at, requestId: `burst-${i}-xxxx` })));
    expect(entries.map((e) => Number(/(\d{6})号$/.exec(e.documentNumber)![1])).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  }, 120_000);
});
