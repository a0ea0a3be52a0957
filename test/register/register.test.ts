// The decision register on every back-end (PGlite always; the PostgreSQL server of
// DATABASE_URL too): what is stored and found again, document numbers without gaps or
// duplicates under concurrent counters, the operator required, migrations applied once.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDocumentNumber, chinaYear } from '../../engine/register/document-number.js';
import { maskIdNumber, maskPersonalData, maskPhone } from '../../engine/register/personal-data.js';
import { openDatabase, registerExists } from '../../engine/register/open-database.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, readMigrations } from '../../engine/register/migrate.js';
import type { Register } from '../../engine/register/register.js';
import { qujing } from '../support/regulation.js';
import { backends, freshRegister } from './backends.js';
import { application, complete, onePhoto, NUMBER_FORMAT } from './cases.js';

const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };
const other = { id: 'other-office', name: '另一派出所', numberPrefix: '另北', numberFormat: NUMBER_FORMAT };

describe('document numbers and masks', () => {
  it('formats the number as {prefix}居〔{year}〕{6 digits}号', () => {
    expect(formatDocumentNumber(NUMBER_FORMAT, '麒南', 2026, 42)).toBe('麒南居〔2026〕000042号');
    expect(formatDocumentNumber(NUMBER_FORMAT, '麒南', 2026, 1)).toBe('麒南居〔2026〕000001号');
  });

  it('or in the format the offices file gives (documentNumber), its places filled in as text', () => {
    expect(formatDocumentNumber('{prefix}证字第{year}-{seq}号', '麒南', 2026, 7)).toBe('麒南证字第2026-000007号');
    // a prefix that looks like a place is not filled in again
    expect(formatDocumentNumber('{prefix}〔{year}〕{seq}', '$&{seq}', 2026, 7)).toBe('$&{seq}〔2026〕000007');
  });

  it('numbers by the year in China: 16:30 UTC on 31 December is already the new year', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('masks an ID number to its first 4 and last 4, a mobile to 3 and 4', () => {
    expect(maskIdNumber('532301199001010882')).toBe('5323**********0882');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0874-3123456')).toBe('0874-***3456');
    const masked = maskPersonalData({ person: { name: '张三', idNumber: '53230119900101088X' }, agent: { phone: '13812345678' }, note: '18812345678' });
    expect(masked).toEqual({ person: { name: '张三', idNumber: '5323**********088X' }, agent: { phone: '138****5678' }, note: '188****5678' });
  });
});

describe('a project with nothing stored yet', () => {
  it('has no register made by searching or replaying: only storing makes one', async () => {
    const data = mkdtempSync(join(tmpdir(), 'tiaoli-no-register-'));
    const env = { TIAOLI_DATA: data };
    const access = new RegisterAccess(() => openRegister('/nonexistent', { env }), () => registerExists('/nonexistent', env));
    expect(await access.peek()).toBeUndefined();
    expect(existsSync(join(data, 'register'))).toBe(false);
    expect(registerExists('/nonexistent', { DATABASE_URL: 'postgres://x@y/z' })).toBe(true);
    await access.close();
  });
});

describe.each(backends)('the register on $name', (backend) => {
  let register: Register;
  let done: (() => Promise<void>) | undefined;
  const regulation = qujing().base;

  beforeAll(async () => {
    await qujing().decide(application('预热', '510104199003070015', complete));
  });

  const open = async () => ({ register, done } = await freshRegister(backend));
  afterEach(async () => {
    await done?.();
    done = undefined;
  });

  const store = async (input = application('张三', '510104199003070015', complete), extra: { office?: typeof office; at?: Date; operator?: string; form?: string } = {}) =>
    register.record({ regulation, case: input, document: await qujing().decide(input), office: extra.office ?? office, operator: extra.operator ?? '李警官', at: extra.at, form: extra.form });

  it('stores the case, the decision document as made, ruleset, readings, engine, office, operator, number and time', async () => {
    await open();
    const input = application('张三', '510104199003070015', onePhoto);
    const document = await qujing().decide(input);
    const at = new Date('2026-03-05T02:30:00Z');
    const entry = await register.record({ regulation, case: input, document, office, operator: ' 李警官 ', at, form: 'permit-application' });
    expect(entry).toMatchObject({
      documentNumber: '测南居〔2026〕000001号', officeId: 'test-office', operator: '李警官', decidedAt: at.toISOString(), asOf: '2019-07-10',
      form: 'permit-application', service: 'application', outcome: 'notice', personName: '张三', idNumber: '510104199003070015',
      ruleset: document.ruleset, engineVersion: document.engine.version,
    });
    const stored = await register.get(entry.id);
    expect(stored?.case).toEqual(input);
    expect(stored?.document).toEqual(JSON.parse(JSON.stringify(document))); // the trace too: the decision as made, as JSON
    expect(stored?.document.decisions.application.because?.length).toBeGreaterThan(0);
    expect(stored?.readings).toEqual(document.readings);
    expect(await register.get(entry.id + 1000)).toBeUndefined();
  });

  it('numbers 50 decisions stored at once 1…50 without a gap or a duplicate, per office and per year', async () => {
    await open();
    const at = new Date('2026-06-01T01:00:00Z');
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => store(application(`申领人${i}`, '510104199003070015', complete), { at })));
    const numbers = entries.map((e) => e.documentNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => formatDocumentNumber(NUMBER_FORMAT, '测南', 2026, i + 1)));
    expect((await store(undefined, { office: other, at })).documentNumber).toBe('另北居〔2026〕000001号');
    expect((await store(undefined, { at: new Date('2026-12-31T16:00:00Z') })).documentNumber).toBe('测南居〔2027〕000001号');
    expect((await store(undefined, { at })).documentNumber).toBe('测南居〔2026〕000051号');
  });

  it('gives the number back when the store fails: no gap', async () => {
    await open();
    const at = new Date('2026-06-01T01:00:00Z');
    expect((await store(undefined, { at })).documentNumber).toBe('测南居〔2026〕000001号');
    // number 2 already taken by a row put in by hand: the insert fails after the counter moved on
    await register.db.query(`INSERT INTO register_decisions (office_id, number_year, number_seq, document_number, operator, decided_at, as_of,
      ruleset, engine_version, readings, case_data, document) SELECT office_id, number_year, 2, 'x', operator, decided_at, as_of, ruleset,
      engine_version, readings, case_data, document FROM register_decisions`);
    await expect(store(undefined, { at })).rejects.toThrow();
    expect(await register.db.query('SELECT last FROM register_counters')).toEqual([{ last: 1 }]);
    await register.db.query("DELETE FROM register_decisions WHERE document_number = 'x'");
    expect((await store(undefined, { at })).documentNumber).toBe('测南居〔2026〕000002号');
    expect(await register.count()).toBe(2);
  });

  it('refuses a decision without an operator, naming the field', async () => {
    await open();
    await expect(store(undefined, { operator: '  ' })).rejects.toMatchObject({ field: 'operator', message: expect.stringContaining('经办人') });
    await expect(store(undefined, { operator: '李\n警官' })).rejects.toMatchObject({ field: 'operator' });
    expect(await register.count()).toBe(0);
  });

  it('finds decisions by name, ID number, date range, outcome, service and office', async () => {
    await open();
    await store(application('张三', '510104199003070015', complete), { at: new Date('2026-03-01T02:00:00Z'), form: 'permit-application' });
    await store(application('李四', '510104198905050369', onePhoto), { at: new Date('2026-03-02T02:00:00Z') });
    await store(application('张小三', '510104198905050369', onePhoto), { at: new Date('2026-03-03T15:59:00Z'), office: other }); // 3 March 23:59 in China
    await store(application('王五_%', '510104199003070015', complete), { at: new Date('2026-03-03T16:00:00Z') }); // 4 March 00:00 in China
    const names = async (filter: Parameters<Register['list']>[0]) => (await register.list(filter)).map((e) => e.personName).sort();
    const sorted = (list: string[]) => [...list].sort();
    expect(await names({ name: '张' })).toEqual(sorted(['张三', '张小三']));
    expect(await names({ name: '%' })).toEqual(['王五_%']); // the pattern's own characters are taken literally
    expect(await names({ name: "' OR 1=1 --" })).toEqual([]);
    expect(await names({ idNumber: '510104198905050369' })).toEqual(sorted(['李四', '张小三']));
    expect(await names({ outcome: 'notice' })).toEqual(sorted(['李四', '张小三']));
    expect(await names({ outcome: 'issueOnSpot' })).toEqual(sorted(['张三', '王五_%']));
    expect(await names({ from: '2026-03-02', to: '2026-03-03' })).toEqual(sorted(['李四', '张小三']));
    expect(await names({ from: '2026-03-04' })).toEqual(['王五_%']);
    expect(await names({ service: 'permit-application' })).toEqual(['张三']);
    expect(await names({ service: 'application' })).toHaveLength(4);
    expect(await names({ office: 'other-office' })).toEqual(['张小三']);
    expect((await register.list({})).map((e) => e.personName)).toEqual(['王五_%', '张小三', '李四', '张三']); // newest first
    await expect(register.list({ from: '3 March' })).rejects.toMatchObject({ field: 'from' });
  });

  it('applies each migration once, also when several processes start at once', async () => {
    const { env, cleanup } = await backend.fresh();
    try {
      if (backend.name === 'postgres') {
        const dbs = await Promise.all(Array.from({ length: 5 }, () => openDatabase('/nonexistent', { env })));
        const again = await Promise.all(dbs.map((db) => migrate(db)));
        expect(again.flat()).toEqual([]);
        const rows = await dbs[0].query<{ name: string }>('SELECT name FROM tiaoli_migrations ORDER BY name');
        expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
        await Promise.all(dbs.map((db) => db.close()));
      } else {
        const db = await openDatabase('/nonexistent', { env });
        expect(await migrate(db)).toEqual([]);
        // a second process on the same folder is told it is in use, not let in to corrupt it
        await expect(openDatabase('/nonexistent', { env })).rejects.toThrow(/另一个进程/);
        await db.close();
      }
    } finally {
      await cleanup();
    }
  });
});
