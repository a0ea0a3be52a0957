// The register of a project served beside another (/p/<id>/) under attack: DATABASE_URL_<ID>
// is read from the environment by a name made from a folder's name. Hostile ids never make a
// variable name; a variable naming no PostgreSQL address, a server that is not there, or the
// database the served project (or another project beside it) already uses is refused by the
// variable's name — never a fall-back to the embedded register or to another project's
// database — and the server goes on serving everything else. A moved data folder
// (TIAOLI_DATA) gives each project beside a register folder of its own, not the served one's.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterError } from '../../engine/register/database.js';
import { mountedRegister, mountUrlVariable, openRegister, RegisterAccess, sameDatabase } from '../../engine/register/open-register.js';
import { startServer } from '../../engine/server/serve.js';
import { backends } from '../register/backends.js';
import { application, complete, OFFICES } from '../register/cases.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';

const folder = () => mkdtempSync(join(tmpdir(), 'tiaoli-mount-'));

describe('the variable a project id names', () => {
  it.each(['__proto__', 'constructor_', '../other', 'A', '', '-x', 'x'.repeat(65), 'x\u0000', 'ｘ'])('refuses the id %j', (id) => {
    expect(() => mountUrlVariable(id)).toThrow(RegisterError);
    expect(() => mountedRegister(folder(), id, [], {})).toThrow(/项目 id 只能由小写字母、数字和连字符组成/);
  });

  it('makes DATABASE_URL_<ID> of a plain id, "-" as "_"', () => {
    expect(mountUrlVariable('national-2016')).toBe('DATABASE_URL_NATIONAL_2016');
    expect(mountUrlVariable('constructor')).toBe('DATABASE_URL_CONSTRUCTOR');
  });
});

describe('a bad DATABASE_URL_<ID>: refused by its name, no other database opened', () => {
  const refused = async (env: Record<string, string | undefined>, message: RegExp, siblings: string[] = []) => {
    const project = folder();
    const access = mountedRegister(project, 'zhejiang', siblings, env);
    const error = await access.get().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RegisterError);
    expect((error as RegisterError).field).toBe('DATABASE_URL_ZHEJIANG');
    expect((error as Error).message).toMatch(message);
    // asked again: the same refusal (the server keeps trying at each request, never another database)
    await expect(access.get()).rejects.toThrow(message);
    expect(existsSync(join(project, '.tiaoli'))).toBe(false); // no embedded register made instead
    await access.close();
  };

  it('not a PostgreSQL address', () =>
    refused({ DATABASE_URL_ZHEJIANG: 'mysql://u:pw@db/tiaoli' }, /^DATABASE_URL_ZHEJIANG 必须是 postgres:\/\/用户:密码@主机:端口\/数据库 形式的地址；不用 PostgreSQL 服务器时请不设 DATABASE_URL_ZHEJIANG/));

  it('not an address at all', () => refused({ DATABASE_URL_ZHEJIANG: 'tiaoli; DROP DATABASE x' }, /^DATABASE_URL_ZHEJIANG 必须是 postgres:\/\//));

  it('a server that is not there', () =>
    refused({ DATABASE_URL_ZHEJIANG: 'postgres://u@127.0.0.1:1/db' }, /^无法连接台账的 PostgreSQL 服务器 postgres:\/\/u@127\.0\.0\.1:1\/db（DATABASE_URL_ZHEJIANG）：连接被拒绝/));

  it('the served project\'s database, spelt another way (another user, the host in capitals, the port left out)', () =>
    refused({ DATABASE_URL: 'postgres://tiaoli:secret@db.example:5432/register', DATABASE_URL_ZHEJIANG: 'postgres://other@DB.example/register' },
      /^DATABASE_URL_ZHEJIANG 与 DATABASE_URL 指向同一个数据库：每个项目的台账要有自己的数据库/));

  it('another project\'s beside it', () =>
    refused({ DATABASE_URL_ZHEJIANG: 'postgres://u@db.example/shared', DATABASE_URL_NATIONAL_2016: 'postgres://v@db.example:5432/shared' },
      /^DATABASE_URL_ZHEJIANG 与 DATABASE_URL_NATIONAL_2016 指向同一个数据库/, ['national-2016', 'zhejiang']));

  it('tells one database from another by host, port and name', () => {
    expect(sameDatabase('postgres://a@h/db', 'postgres://b:pw@H:5432/db')).toBe(true);
    expect(sameDatabase('postgres://a@h/db', 'postgres://a@h/db2')).toBe(false);
    expect(sameDatabase('postgres://a@h:5433/db', 'postgres://a@h/db')).toBe(false);
    expect(sameDatabase('postgres://tiaoli@h', 'postgres://x@h/tiaoli')).toBe(true); // the default database is the user's name
  });
});

describe('where the embedded register of a project beside is', () => {
  it('a variable only inherited (not the environment\'s own) is not read: no database named, none opened', async () => {
    const env = Object.create({ DATABASE_URL_ZHEJIANG: 'postgres://u@127.0.0.1:1/db' }) as Record<string, string>;
    const access = mountedRegister(folder(), 'zhejiang', [], env);
    expect(await access.peek()).toBeUndefined();
  });

  it('with TIAOLI_DATA: its own folder under it, never the served project\'s register', async () => {
    const template = await backends[0]!.fresh(); // a migrated embedded register, copied
    const data = folder();
    cpSync(join(template.env.TIAOLI_DATA!, 'register'), join(data, 'register'), { recursive: true }); // the served project's
    const access = mountedRegister(folder(), 'zhejiang', [], { TIAOLI_DATA: data });
    expect(await access.peek()).toBeUndefined(); // the served project's register is not its own
    cpSync(join(template.env.TIAOLI_DATA!, 'register'), join(data, 'projects', 'zhejiang', 'register'), { recursive: true });
    const own = await access.peek();
    expect(own?.db.kind).toBe('pglite');
    await access.close();
    await template.cleanup();
    rmSync(data, { recursive: true, force: true });
  }, 60_000);
});

describe('a served-beside project whose DATABASE_URL_<ID> is bad: the server keeps running', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let cleanup: () => Promise<void>;
  const dir = projectCopy(); // with projects/national-2016
  const before = process.env.DATABASE_URL_NATIONAL_2016;

  beforeAll(async () => {
    const fresh = await backends[0]!.fresh();
    cleanup = fresh.cleanup;
    writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
    process.env.DATABASE_URL_NATIONAL_2016 = 'postgres://u@127.0.0.1:1/none';
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
  }, 60_000);
  afterAll(async () => {
    if (before === undefined) delete process.env.DATABASE_URL_NATIONAL_2016;
    else process.env.DATABASE_URL_NATIONAL_2016 = before;
    await server?.close();
    await cleanup?.();
  });

  it('its register (and so its API) answers 503 naming the variable; the served project stores and the studio page answers', async () => {
    for (const path of ['p/national-2016/api/register/search', 'p/national-2016/api/register/search']) {
      const r = await studioFetch(server, path, { method: 'POST', body: '{}' });
      expect(r.status).toBe(503);
      expect((await r.json()).error).toMatch(/（DATABASE_URL_NATIONAL_2016）：连接被拒绝/);
    }
    expect(existsSync(join(dir, 'projects', 'national-2016', '.tiaoli'))).toBe(false);
    expect((await fetch(server.url)).status).toBe(200);
    const stored = await studioFetch(server, 'api/register/decisions', { method: 'POST', body: JSON.stringify({ case: application('张三', '510104199003070015', complete), officeId: 'test-office', operator: '王警官' }) });
    expect(stored.status).toBe(201);
    // the project's other pages too: who may use them is in its register (its accounts), which cannot be read
    const other = await studioFetch(server, 'p/national-2016/api/project');
    expect({ status: other.status, body: await other.text() }).toEqual({ status: 503, body: expect.stringContaining('DATABASE_URL_NATIONAL_2016') });
    expect((await studioFetch(server, 'api/project')).status).toBe(200);
  }, 60_000);
});
