// Hostile input to the decision register, on every back-end (PGlite; the PostgreSQL server of
// DATABASE_URL too): SQL-looking names and filters are data, `__proto__` keys in a stored case
// stay plain keys, huge cases are refused with a clear error, bad offices and operators are
// named, a bad DATABASE_URL is a clear error without its password, and two registers (two
// processes) numbering at once on one server never give a number twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../engine/register/open-database.js';
import { Register, MAX_STORED } from '../../engine/register/register.js';
import { findOffice } from '../../engine/register/offices.js';
import { maskPersonalData } from '../../engine/register/personal-data.js';
import type { CaseInput } from '../../engine/explain/decider.js';
import { qujing } from '../support/regulation.js';
import { backends, freshRegister } from '../register/backends.js';
import { application, complete, OFFICES, NUMBER_FORMAT } from '../register/cases.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';

const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };

describe('offices and masks', () => {
  it('refuses an office id that is not in the file, or an inherited name, naming the file and line', () => {
    // the tests' office, and a copy of it without numberPrefix (its entry starts at line 13)
    const entry = OFFICES.slice(OFFICES.indexOf('  - id:'));
    const text = `${OFFICES}${entry.replace('test-office', 'no-prefix').replace('    numberPrefix: 测南\n', '')}`;
    expect(findOffice(text, 'forms/offices.yaml', 'test-office').office).toEqual({ id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT });
    expect(findOffice(text, 'forms/offices.yaml', '__proto__').problem?.message).toMatch(/没有 id 为 "__proto__" 的办证机关；有：test-office/);
    expect(findOffice(text, 'forms/offices.yaml', "x' OR '1'='1").office).toBeUndefined();
    expect(findOffice(text, 'forms/offices.yaml', 'no-prefix').problem).toMatchObject({ message: expect.stringMatching(/^办证机关 no-prefix 不能用：缺少 numberPrefix/), location: { file: 'forms/offices.yaml', line: 13 } });
    // the register refuses what the lint refuses: a prefix longer than 8 characters
    const long = OFFICES.replace('numberPrefix: 测南', 'numberPrefix: 一二三四五六七八九');
    expect(findOffice(long, 'forms/offices.yaml', 'test-office').problem?.message).toMatch(/numberPrefix 应是不超过 8 个字的简称/);
    expect(findOffice('offices: [', 'forms/offices.yaml', 'x').problem?.location.file).toBe('forms/offices.yaml');
    // an offices file saved as GBK (测试 is B2 E2 CA D4): named as not UTF-8, no office taken
    const gbk = Uint8Array.from([...Buffer.from('offices:\n  - id: test-office\n    name: '), 0xb2, 0xe2, 0xca, 0xd4, 0x0a]);
    const refused = findOffice(gbk, 'forms/offices.yaml', 'test-office');
    expect(refused.office).toBeUndefined();
    expect(refused.problem?.message).toMatch(/UTF-8/);
    expect(findOffice(undefined, 'forms/offices.yaml', 'x').problem?.message).toMatch(/没有 forms\/offices\.yaml/);
  });

  it('masks without touching prototypes, whatever the keys', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes", "idNumber": "532301199001010882"}, "constructor": {"prototype": {"x": 1}}}');
    const masked = maskPersonalData(hostile) as Record<string, unknown>;
    expect(Object.hasOwn(masked, '__proto__')).toBe(true);
    expect((masked.__proto__ as Record<string, unknown>).idNumber).toBe('5323**********0882');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('a bad DATABASE_URL', () => {
  it('is a clear error naming DATABASE_URL, never echoing a password', async () => {
    for (const url of ['not a url', 'mysql://root:hunter2@localhost/x', 'http://hunter2@example.com']) {
      await expect(openDatabase('/nonexistent', { env: { DATABASE_URL: url } })).rejects.toMatchObject({ field: 'DATABASE_URL', message: expect.not.stringContaining('hunter2') });
    }
    const refused = openDatabase('/nonexistent', { env: { DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/db' } });
    await expect(refused).rejects.toThrow(/无法连接台账的 PostgreSQL 服务器 postgres:\/\/u@127\.0\.0\.1:1\/db：连接被拒绝/);
    await expect(refused).rejects.toMatchObject({ message: expect.not.stringContaining('hunter2') });
  });

  it.runIf(process.env.DATABASE_URL)('names a wrong password and a missing database as such', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.password = 'wrong-hunter2';
    await expect(openDatabase('/nonexistent', { env: { DATABASE_URL: url.toString() } })).rejects.toThrow(/用户名或密码不对（28P01）/);
    const missing = new URL(process.env.DATABASE_URL!);
    missing.pathname = '/no_such_database_here';
    await expect(openDatabase('/nonexistent', { env: { DATABASE_URL: missing.toString() } })).rejects.toThrow(/数据库不存在（3D000）/);
  });
});

describe.each(backends)('hostile input to the register on $name', (backend) => {
  let register: Register;
  let env: Record<string, string | undefined>;
  let done: () => Promise<void>;
  const regulation = qujing().base;
  const store = async (input: CaseInput, operator = '李警官') => register.record({ regulation, case: input, document: await qujing().decide(input), office, operator });

  beforeAll(async () => {
    ({ register, env, done } = await freshRegister(backend));
  }, 120_000);
  afterAll(async () => done?.());

  it('stores and finds SQL-looking names as names; filters are data, never SQL', async () => {
    const name = "Robert'); DROP TABLE register_decisions; --";
    const entry = await store(application(name, '510104199003070015', complete));
    expect((await register.get(entry.id))?.personName).toBe(name);
    expect((await register.list({ name: "'); DROP" })).map((e) => e.personName)).toEqual([name]);
    for (const filter of [{ name: "' OR '1'='1" }, { outcome: "x' OR 1=1 --" }, { office: "'; DELETE FROM register_decisions; --" }, { idNumber: "' OR ''='" }, { service: '$1' }]) {
      expect(await register.list(filter)).toEqual([]);
    }
    expect(await register.count()).toBe(1);
    expect((await register.list({ limit: -5 })).length).toBe(1);
    expect((await register.list({ limit: 1e12 })).length).toBe(1);
    await expect(register.list({ from: '2026-13-45' })).rejects.toMatchObject({ field: 'from' });
    await expect(register.list({ to: "2026-01-01'; --" })).rejects.toMatchObject({ field: 'to' });
  });

  it('keeps `__proto__` and `constructor` keys of a stored case as plain keys', async () => {
    const input = JSON.parse(JSON.stringify(application('原型', '510104199003070015', complete)).replace('"facts":{', '"facts":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},')) as CaseInput;
    const entry = await register.record({ regulation, case: input, document: await qujing().decide(application('原型', '510104199003070015', complete)), office, operator: '李警官' });
    const stored = await register.get(entry.id);
    expect(Object.hasOwn(stored!.case.facts, '__proto__')).toBe(true);
    expect((stored!.case.facts as Record<string, unknown>).constructor).toEqual({ prototype: { polluted: 'yes' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a huge case with a clear error, and keeps its number for the next', async () => {
    const before = await register.count();
    const huge = application('巨大', '510104199003070015', complete);
    (huge.facts.person as Record<string, unknown>).note = 'x'.repeat(MAX_STORED + 1);
    await expect(register.record({ regulation, case: huge, document: await qujing().decide(application('巨大', '510104199003070015', complete)), office, operator: '李警官' }))
      .rejects.toMatchObject({ field: 'case', message: expect.stringContaining('过大') });
    expect(await register.count()).toBe(before);
    // a large but acceptable case (half a megabyte of name) is stored whole
    const large = application('大'.repeat(250_000), '510104199003070015', complete);
    const entry = await store(large);
    expect((await register.get(entry.id))?.personName).toHaveLength(250_000);
    const numbers = (await register.list()).map((e) => Number(/(\d{6})号$/.exec(e.documentNumber)![1])).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it('refuses hostile operators and office ids, storing nothing', async () => {
    const before = await register.count();
    const input = application('某人', '510104199003070015', complete);
    const document = await qujing().decide(input);
    for (const operator of ['', '   ', 'a\u0000b', '李\r\n警官', 'x'.repeat(51), 42 as unknown as string, undefined as unknown as string]) {
      await expect(register.record({ regulation, case: input, document, office, operator })).rejects.toMatchObject({ field: 'operator' });
    }
    for (const id of ['__proto__', '../etc', "x'--", '', 'A'.repeat(65)]) {
      await expect(register.record({ regulation, case: input, document, office: { ...office, id }, operator: '李警官' })).rejects.toMatchObject({ field: 'officeId' });
    }
    expect(await register.count()).toBe(before);
  });

  it.runIf(backend.name === 'postgres')('numbers without duplicates when two registers (two processes) store at once on one server', async () => {
    const second = await openRegister('/nonexistent', { env });
    try {
      const input = application('并发', '510104199003070015', complete);
      const document = await qujing().decide(input);
      const at = new Date('2030-05-01T00:00:00Z');
      const entries = await Promise.all(Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? second : register).record({ regulation, case: input, document, office: { ...office, id: 'race-office' }, operator: '李警官', at })));
      expect(entries.map((e) => e.documentNumber).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `测南居〔2030〕${String(i + 1).padStart(6, '0')}号`));
    } finally {
      await second.close();
    }
  });
});

describe('hostile requests to the register API', () => {
  it('answers each with a JSON error or a plain result, and keeps serving', async () => {
    const fresh = await backends[0].fresh();
    const dir = projectCopy();
    writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
    const server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
    const post = async (path: string, body: string) => {
      const res = await studioFetch(server, path, { method: 'POST', body });
      return { status: res.status, body: await res.json() };
    };
    try {
      for (const path of ['api/register/decisions/1%20OR%201=1', 'api/register/decisions/-1', 'api/register/decisions/__proto__', 'api/register/decisions/99999999999999999999']) {
        const res = await studioFetch(server, path);
        expect([400, 404]).toContain(res.status);
        expect((await res.json()).error).toBeTypeOf('string');
      }
      expect((await post('api/register/search', '[1,2]')).status).toBe(400);
      expect((await post('api/register/search', '{"name": {"$ne": 1}, "limit": "all"}')).status).toBe(200);
      const proto = JSON.stringify(application('原型', '510104199003070015', complete)).replace('"facts":{', '"facts":{"__proto__":{"polluted":"yes"},');
      const stored = await post('api/register/decisions', `{"case": ${proto}, "officeId": "test-office", "operator": "李警官", "__proto__": {"operator": ""}}`);
      expect([201, 422]).toContain(stored.status);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await post('api/register/decisions', `{"case": ${JSON.stringify(application('甲', '510104199003070015', complete))}, "officeId": "__proto__", "operator": "李警官"}`)).status).toBe(422);
      const replayed = await post('api/register/replay', JSON.stringify({ changes: { '../../etc/passwd': 'x', __proto__: 'x', 'rules/../../x.yaml': 'x' } }));
      expect(replayed.status).toBe(200);
      expect((await studioFetch(server, 'api/project')).status).toBe(200);
    } finally {
      await server.close();
      await fresh.cleanup();
    }
  }, 120_000);
});
