// The register's fields at the boundary (issue 23 items 1 and 7): a search with a NUL, an
// impossible date (2024-02-31) or a bidi control gave a 500 (the database's error), or
// found nothing without saying why; each is now a 400 naming the field in Chinese. A record
// whose operator holds a hidden character is refused the same way. And `tiaoli register list`
// says how many more there are past its limit, and how to see them, instead of stopping silently.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';
import { application, complete, OFFICES, onePhoto } from '../register/cases.js';

let env: Record<string, string | undefined>;
let cleanup: () => Promise<void>;
let server: Awaited<ReturnType<typeof startServer>>;
const dir = projectCopy();

// the server's register opened as the command opens it after the server stops: the same key
// (TIAOLI_REGISTER_KEY, which CI sets, else the data folder's key file)
const commandEnv = () => ({ ...process.env, DATABASE_URL: '', TIAOLI_DATA: '', ...env });

const post = async (path: string, body: unknown) => {
  const res = await studioFetch(server, path, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  ({ env, cleanup } = await backends[0].fresh());
  writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), register: new RegisterAccess(() => openRegister(dir, { env: commandEnv() })), dataFolder: env.TIAOLI_DATA });
  for (const [name, id, materials] of [['张三', '510104199003070015', complete], ['李四', '510104198905050369', onePhoto], ['王五', '510104198701010015', complete]] as const) {
    const stored = await post('api/register/decisions', { case: application(name, id, materials), officeId: 'test-office', operator: '王警官' });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
  await cleanup?.();
});

describe('a register search: each bad field a 400 naming it', () => {
  it.each([
    ['a NUL in the name', { name: '张\u0000三' }, 'name', /^姓名（name）含有不可见字符 U\+0000（控制字符）/],
    ['an RLO in the name', { name: '张\u202E三' }, 'name', /^姓名（name）含有不可见字符 U\+202E（从右到左强制符）/],
    ['a zero-width space in the ID number', { idNumber: '510104\u200B199003070015' }, 'idNumber', /^公民身份号码（idNumber）含有不可见字符 U\+200B/],
    ['2024-02-31 as the first day', { from: '2024-02-31' }, 'from', /^起始日期（from）不是一个真实的日期：2024-02-31/],
    ['2023-13-01 as the last day', { to: '2023-13-01' }, 'to', /^截止日期（to）不是一个真实的日期：2023-13-01/],
    ['a NUL in the office', { office: 'test-office\u0000' }, 'office', /^发证单位（office）含有不可见字符 U\+0000/],
  ])('%s', async (_, filter, field, message) => {
    const r = await post('api/register/search', filter);
    expect(r.status).toBe(400);
    expect(r.body.field).toBe(field);
    expect(r.body.error).toMatch(message);
  });

  it('real dates and plain names still find what they match', async () => {
    const r = await post('api/register/search', { name: '李', from: '2000-02-29', to: '2099-12-31' });
    expect(r.status).toBe(200);
    expect(r.body.entries.map((e: { personName: string }) => e.personName)).toEqual(['李四']);
  });

  it('a record whose operator holds an RLO is refused, naming 经办人; nothing is stored', async () => {
    const r = await post('api/register/decisions', { case: application('赵六', '510104199003070015', complete), officeId: 'test-office', operator: '王\u202E警官' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ field: 'operator', error: expect.stringMatching(/^经办人（operator）含有不可见字符 U\+202E/) });
    expect((await post('api/register/search', {})).body.entries).toHaveLength(3);
  });
});

describe('tiaoli register list past its limit', () => {
  const tiaoli = (args: string[]) => spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), '--project', dir, ...args], { cwd: root, encoding: 'utf8', env: commandEnv() });

  // the server answers in this process: the command must not block it (spawn, not spawnSync)
  const tiaoliAlongside = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const child = spawn(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), '--project', dir, ...args], { cwd: root, env: commandEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  };
  const more = /共列出 2 条；还有 1 条符合条件的登记未列出（按决定时间从新到旧，只列出了最新的 2 条）：用 --limit 3 列出更多（最多 10000），或用 --to \d{4}-\d\d-\d\d 等条件缩小范围/;

  it('through the running server (the owner of the embedded register): says it stopped at the limit and how to see more', async () => {
    const two = await tiaoliAlongside(['register', 'list', '--limit', '2']);
    expect(two.stderr).not.toMatch(/tiaoli serve（进程 \d+）答复|台账出错/);
    expect(two.status).toBe(0);
    expect(two.stdout.trim().split('\n')).toHaveLength(3);
    expect(two.stdout).toMatch(more);
    const json = await tiaoliAlongside(['register', 'list', '--limit', '1', '--json']);
    expect(JSON.parse(json.stdout)).toHaveLength(1);
    expect(json.stderr).toMatch(/还有 2 条符合条件的登记未列出/);
  }, 120_000);

  it('on its own once the server stops: the same; refuses a bad date or limit by its option', async () => {
    await server.close(); // one process at a time on an embedded register
    const two = tiaoli(['register', 'list', '--limit', '2']);
    expect(two.status).toBe(0);
    expect(two.stdout.trim().split('\n')).toHaveLength(3);
    expect(two.stdout).toMatch(more);
    const json = tiaoli(['register', 'list', '--limit', '1', '--json']);
    expect(JSON.parse(json.stdout)).toHaveLength(1);
    expect(json.stderr).toMatch(/还有 2 条符合条件的登记未列出/);
    const all = tiaoli(['register', 'list']);
    expect(all.stdout).toMatch(/共 3 条\n$/);
    const bad = tiaoli(['register', 'list', '--from', '2024-02-31']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^--from：起始日期（from）不是一个真实的日期：2024-02-31/);
    const limit = tiaoli(['register', 'list', '--limit', 'all']);
    expect(limit.status).toBe(1);
    expect(limit.stderr).toMatch(/^--limit：最多列出几条，应是 1 到 10000 的整数/);
  }, 120_000);
});
