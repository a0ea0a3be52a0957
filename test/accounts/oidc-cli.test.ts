// `tiaoli accounts` for single sign-on: an account made with --sso (no password: it signs in
// only through the office's provider), another linked to a value with `link`, a value taken
// twice or hiding direction characters refused naming the option, `list` showing who is
// linked and whether they have signed in yet, `unlink`; linking without TIAOLI_OIDC refused.
// The commands run in this process (accounts-command.ts, as bin.js runs it), which is what
// keeps this test short; test/accounts/cli.test.ts runs the real binary.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountsCommand } from '../../engine/cli/accounts-command.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';

let cleanup: () => Promise<void>;
let config: string;
let passwordFile: string;
/** the variables this file sets, as they were: put back when it ends */
const before = new Map<string, string | undefined>();
const setEnv = (name: string, value: string | undefined): void => {
  if (!before.has(name)) before.set(name, process.env[name]);
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};
beforeAll(async () => {
  const fresh = await backends[0].fresh();
  cleanup = fresh.cleanup;
  for (const [k, v] of Object.entries({ DATABASE_URL: '', ...fresh.env })) setEnv(k, v);
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-oidc-'));
  config = join(dir, 'oidc.yaml');
  writeFileSync(config, 'name: 政务统一身份认证\nissuer: https://sso.example.gov.cn/\nclientId: tiaoli\nclientSecretFile: /nonexistent/secret\nredirectUri: https://tiaoli.example.gov.cn/api/session/oidc/callback\nloginClaim: employee_number\n');
  passwordFile = join(dir, 'pw');
  writeFileSync(passwordFile, 'long-enough-pw\n');
}, 120_000);
afterAll(async () => {
  await cleanup?.();
  for (const [name, value] of before) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function tiaoli(name: Parameters<typeof accountsCommand>[0], args: string[], options: Record<string, string | boolean> = {}, oidc = true) {
  setEnv('TIAOLI_OIDC', oidc ? config : '');
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const status = await accountsCommand(name, args, { project: root, ...options });
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('tiaoli accounts and single sign-on', () => {
  it('makes an account that signs in only through the provider, links another, lists and unlinks', async () => {
    const made = await tiaoli('add', [], { login: 'wang', name: '王窗口', roles: 'counter', sso: 'G1001' });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toMatch(/已建立账户 wang\t王窗口\t窗口\t统一身份认证：G1001（无密码，只能经统一身份认证登录）/);
    expect((await tiaoli('add', [], { login: 'zhao', name: '赵法制', roles: 'legal', passwordFile })).status).toBe(0);
    expect((await tiaoli('link', ['zhao', 'G1001'])).stderr).toMatch(/--sso：这个统一身份认证标识已链接到账户 wang/);
    // a value already linked: no account is made (not one without a password and without a link)
    expect((await tiaoli('add', [], { login: 'li', name: '李某', roles: 'counter', sso: 'G1001' })).stderr).toMatch(/--sso：这个统一身份认证标识已链接到账户 wang/);
    expect((await tiaoli('link', ['zhao', 'G2\u202e002'])).stderr).toMatch(/--sso：统一身份认证的标识不能含有控制字符、换行或方向控制符/);
    expect((await tiaoli('link', ['zhao', 'G2002'], {}, false)).stderr).toMatch(/没有配置单点登录：先设置 TIAOLI_OIDC/);
    const linked = await tiaoli('link', ['zhao', 'G2002']);
    expect(linked.status, linked.stderr).toBe(0);
    const list = (await tiaoli('list', [])).stdout;
    expect(list).toMatch(/^wang\t王窗口\t窗口\t统一身份认证：G1001（尚未登录过）$/m);
    expect(list).toMatch(/^zhao\t赵法制\t法制审核\t统一身份认证：G2002（尚未登录过）$/m);
    const json = JSON.parse((await tiaoli('list', [], { json: true })).stdout) as Array<{ login: string; hasPassword: boolean; sso: { claimValue: string } | null }>;
    expect(json.map(({ login, hasPassword, sso }) => ({ login, hasPassword, sso: sso?.claimValue }))).toEqual([
      { login: 'wang', hasPassword: false, sso: 'G1001' },
      { login: 'zhao', hasPassword: true, sso: 'G2002' },
    ]);
    expect((await tiaoli('unlink', ['zhao'])).stderr).toMatch(/已取消账户 zhao 与统一身份认证的链接/);
    expect(await tiaoli('unlink', ['zhao'])).toMatchObject({ status: 1, stderr: expect.stringMatching(/没有链接统一身份认证/) });
  }, 180_000);
});
