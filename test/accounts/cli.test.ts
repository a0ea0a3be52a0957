// `tiaoli accounts` as the first administrator is made: the password from standard input or a
// file (a --password option does not exist: argv is seen by every user of the machine), roles
// by code or Chinese name, an unknown role or a short password refused naming the option;
// disabling and new roles as `list` then shows them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';
import { TEST_PASSWORD_COST } from '../support/accounts-server.js';

let env: Record<string, string | undefined>;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ env, cleanup } = await backends[0].fresh());
}, 120_000);
afterAll(() => cleanup?.());

function tiaoli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), 'accounts', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', TIAOLI_PASSWORD_COST: TEST_PASSWORD_COST, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tiaoli accounts', () => {
  it('makes the first administrator with the password from standard input, never from argv', () => {
    expect(tiaoli(['add', '--login', 'admin', '--name', '钱管理', '--roles', 'admin', '--password', 'correct-horse-1'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/unknown option '--password'/) });
    const made = tiaoli(['add', '--login', 'admin', '--name', '钱管理', '--roles', '管理员,窗口'], 'correct-horse-1\n');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/已建立账户 admin\t钱管理\t窗口、管理员/);
    const file = join(mkdtempSync(join(tmpdir(), 'tiaoli-pw-')), 'pw');
    writeFileSync(file, 'another-password-2\n');
    expect(tiaoli(['add', '--login', 'reviewer', '--name', '赵法制', '--roles', 'legal', '--password-file', file]).status).toBe(0);
  }, 120_000);

  it('refuses what it cannot take, naming the option', () => {
    expect(tiaoli(['add', '--login', 'x1', '--name', '某', '--roles', 'root'], 'long-enough-pw').stderr).toMatch(/--roles：不认识的角色 root/);
    expect(tiaoli(['add', '--login', 'x1', '--name', '某', '--roles', 'counter'], 'short').stderr).toMatch(/--password：密码至少 10 个字符/);
    expect(tiaoli(['disable', 'nobody']).stderr).toMatch(/没有账户 nobody/);
  }, 120_000);

  it('disables and changes roles, as list shows', () => {
    expect(tiaoli(['roles', 'reviewer', 'legal,policy']).status).toBe(0);
    expect(tiaoli(['disable', 'reviewer']).status).toBe(0);
    const list = JSON.parse(tiaoli(['list', '--json']).stdout) as Array<{ login: string; roles: string[]; disabled: boolean }>;
    expect(list.map(({ login, roles, disabled }) => ({ login, roles, disabled }))).toEqual([
      { login: 'admin', roles: ['counter', 'admin'], disabled: false },
      { login: 'reviewer', roles: ['policy', 'legal'], disabled: true },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/argon2|password_hash/);
  }, 120_000);
});
