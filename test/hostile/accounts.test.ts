// Accounts under attack: a forged operator field, a session planted before sign-in
// (fixation), sessions past their idle or absolute end, signed out, of a disabled account or
// one whose roles changed; the wrong role; guessing passwords; another site posting with the
// signed-in person's cookie (CSRF); unmasking without a reason; rewriting the access log;
// the secret of the studio page without a session once accounts exist; a server others can
// reach that has no account yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accounts } from '../../engine/accounts/accounts.js';
import { readAccessLog } from '../../engine/accounts/access-log.js';
import { accountsServer, call, PASSWORD, sessionCookie, signIn, type AccountsServer } from '../support/accounts-server.js';
import { application, onePhoto } from '../register/cases.js';
import { studioFetch } from '../support/studio-server.js';

const ID = '510104198905050369';
let s: AccountsServer;
const db = async () => (await s.access.get()).db;

beforeAll(async () => {
  s = await accountsServer({
    people: {
      clerk: { name: '王窗口', roles: ['counter'] },
      clerk2: { name: '孙窗口', roles: ['counter'] },
      reviewer: { name: '赵法制', roles: ['legal'] },
      admin: { name: '钱管理', roles: ['admin'] },
      guessed: { name: '周某', roles: ['counter'] },
    },
    passwordCost: '', // OWASP's, as in production: the flood of sign-ins below is about what a check costs
  });
}, 120_000);
afterAll(() => s?.close());

const record = (cookie: string, extra: Record<string, unknown> = {}) =>
  call(s.server, 'POST', 'api/register/decisions', { cookie, body: { case: application('李四', ID, onePhoto), officeId: 'test-office', ...extra } });

describe('the operator of a record', () => {
  it('is the signed-in person, whatever the request says', async () => {
    const clerk = await signIn(s.server, 'clerk');
    const res = await record(clerk, { operator: '假冒的人', operatorAccount: 999 });
    expect(res.status).toBe(201);
    const entry = await res.json();
    const me = await s.accounts.byLogin('clerk');
    expect(entry).toMatchObject({ operator: '王窗口', operatorAccount: me!.id });
    const shown = await (await call(s.server, 'GET', `api/register/decisions/${entry.id}`, { cookie: clerk })).json();
    expect(shown).toMatchObject({ operator: '王窗口', operatorAccount: me!.id, masked: true });
    expect(JSON.stringify(shown)).not.toContain('假冒');
  }, 60_000);
});

describe('sessions', () => {
  it('a value planted before sign-in signs nobody in: sign-in makes a new one', async () => {
    const planted = `tiaoli_session=${'A'.repeat(43)}`;
    const res = await call(s.server, 'POST', 'api/session', { cookie: planted, body: { login: 'clerk', password: PASSWORD } });
    expect(res.status).toBe(200);
    const got = sessionCookie(res)!;
    expect(got).not.toBe(planted);
    expect((await call(s.server, 'POST', 'api/register/search', { cookie: planted, body: {} })).status).toBe(401);
    expect((await call(s.server, 'POST', 'api/register/search', { cookie: got, body: {} })).status).toBe(200);
    // the cookie is httpOnly, SameSite=Strict, for the whole site, with an end
    const set = res.headers.getSetCookie().find((c) => c.startsWith('tiaoli_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\//);
    expect(set).toMatch(/Max-Age=\d+/);
    expect(set).not.toMatch(/Secure/); // plain http on loopback; over HTTPS it is Secure
    const behindTls = await call(s.server, 'POST', 'api/session', { body: { login: 'clerk', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.getSetCookie().join()).toMatch(/Secure/);
  }, 60_000);

  it('ends when idle too long, when too old, at sign-out, when the account is disabled or its roles change', async () => {
    const search = (cookie: string) => call(s.server, 'POST', 'api/register/search', { cookie, body: {} });
    const hashOf = async (cookie: string) => {
      const { createHash } = await import('node:crypto');
      return createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
    };
    const idle = await signIn(s.server, 'clerk');
    await (await db()).query("UPDATE account_sessions SET last_seen = now() - interval '31 minutes' WHERE token_hash = $1", [await hashOf(idle)]);
    expect((await search(idle)).status).toBe(401);

    const old = await signIn(s.server, 'clerk');
    await (await db()).query("UPDATE account_sessions SET created_at = now() - interval '13 hours' WHERE token_hash = $1", [await hashOf(old)]);
    expect((await search(old)).status).toBe(401);

    const out = await signIn(s.server, 'clerk');
    expect((await search(out)).status).toBe(200);
    expect((await call(s.server, 'DELETE', 'api/session', { cookie: out })).status).toBe(200);
    expect((await search(out)).status).toBe(401);

    const admin = await signIn(s.server, 'admin');
    const clerk2 = await signIn(s.server, 'clerk2');
    const id = (await s.accounts.byLogin('clerk2'))!.id;
    expect((await search(clerk2)).status).toBe(200);
    expect((await call(s.server, 'PUT', `api/accounts/${id}`, { cookie: admin, body: { disabled: true } })).status).toBe(200);
    expect((await search(clerk2)).status).toBe(401);
    // and it cannot sign in again
    const again = await call(s.server, 'POST', 'api/session', { body: { login: 'clerk2', password: PASSWORD } });
    expect(again.status).toBe(401);
    expect(sessionCookie(again)).toBeUndefined();
    expect((await call(s.server, 'PUT', `api/accounts/${id}`, { cookie: admin, body: { disabled: false } })).status).toBe(200);
    const back = await signIn(s.server, 'clerk2');
    expect((await call(s.server, 'PUT', `api/accounts/${id}`, { cookie: admin, body: { roles: ['policy'] } })).status).toBe(200);
    expect((await search(back)).status).toBe(401);
  }, 60_000);

  it('the last administrator cannot be disabled nor lose the role', async () => {
    const admin = await signIn(s.server, 'admin');
    const id = (await s.accounts.byLogin('admin'))!.id;
    expect((await call(s.server, 'PUT', `api/accounts/${id}`, { cookie: admin, body: { disabled: true } })).status).toBe(409);
    expect((await call(s.server, 'PUT', `api/accounts/${id}`, { cookie: admin, body: { roles: ['counter'] } })).status).toBe(409);
  }, 60_000);
});

describe('roles and personal data', () => {
  it('the counter sees masked numbers only and cannot unmask; 法制审核 unmasks with a reason, logged, and the log cannot be rewritten', async () => {
    const clerk = await signIn(s.server, 'clerk');
    const { id } = await (await record(clerk)).json();
    const asClerk = await call(s.server, 'GET', `api/register/decisions/${id}`, { cookie: clerk });
    expect(JSON.stringify(await asClerk.json())).not.toContain(ID);
    const unmask = (cookie: string, reason: unknown) => call(s.server, 'POST', `api/register/decisions/${id}/unmask`, { cookie, body: { reason } });
    expect((await unmask(clerk, '核对身份')).status).toBe(403);
    expect((await call(s.server, 'GET', 'api/register/access-log', { cookie: clerk })).status).toBe(403);

    const reviewer = await signIn(s.server, 'reviewer');
    const asReviewer = await call(s.server, 'GET', `api/register/decisions/${id}`, { cookie: reviewer });
    expect(JSON.stringify(await asReviewer.json())).not.toContain(ID); // opening is not unmasking
    for (const reason of ['', '  ', '查', 'x'.repeat(501), 42, null, '理由\u202e倒写']) {
      const res = await unmask(reviewer, reason);
      expect(res.status, JSON.stringify(reason)).toBe(400);
      expect((await res.json()).field).toBe('reason');
    }
    expect(await readAccessLog(await db())).toEqual([]);
    const full = await unmask(reviewer, '行政复议案件核对申请人身份');
    expect(full.status).toBe(200);
    expect((await full.json()).case.facts.person.idNumber).toBe(ID);
    const log = await (await call(s.server, 'GET', 'api/register/access-log', { cookie: reviewer })).json();
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ accountName: '赵法制', decisionId: id, reason: '行政复议案件核对申请人身份' });

    // append-only, in the database itself
    for (const sql of ["UPDATE register_access_log SET reason = '无'", 'DELETE FROM register_access_log', 'TRUNCATE register_access_log']) {
      await expect((await db()).query(sql)).rejects.toMatchObject({ code: '42501' });
    }
    expect(await readAccessLog(await db())).toHaveLength(1);
  }, 60_000);

  it('guessing passwords: after five wrong ones the right one is refused too, for a while (429, Retry-After)', async () => {
    const attempt = (password: string) => call(s.server, 'POST', 'api/session', { body: { login: 'guessed', password } });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-password-${i}`)).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sessionCookie(locked)).toBeUndefined();
    // an unknown login answers as a wrong password does: nothing says which accounts exist
    const unknown = await call(s.server, 'POST', 'api/session', { body: { login: 'nobody', password: PASSWORD } });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error).toBe('账户名或密码不对');
    // a flood of sign-ins at once: a few are checked, the rest told to try later (the server's CPU is not theirs)
    const flood = await Promise.all(Array.from({ length: 12 }, (_, i) => call(s.server, 'POST', 'api/session', { body: { login: `flood${i}`, password: 'wrong-password' } })));
    expect(flood.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(flood.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    // the lock ends when an administrator sets a new password
    const id = (await s.accounts.byLogin('guessed'))!.id;
    await new Accounts(await db()).setPassword(id, 'a-new-password-2026');
    expect((await attempt('a-new-password-2026')).status).toBe(200);
  }, 60_000);
});

describe('other sites and other ways in', () => {
  it('another site cannot post with the signed-in cookie (CSRF), nor sign anyone in', async () => {
    const clerk = await signIn(s.server, 'clerk');
    const body = JSON.stringify({ case: application('李四', ID, onePhoto), officeId: 'test-office' });
    const post = (headers: Record<string, string>) => fetch(`${s.server.url}api/register/decisions`, { method: 'POST', headers: { cookie: clerk, ...headers }, body });
    // a form or a text/plain fetch from elsewhere: no studio secret, no JSON, a foreign origin
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json' })).status).toBe(403); // the cookie alone is not enough
    const signInElsewhere = await fetch(`${s.server.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ login: 'clerk', password: PASSWORD }) });
    expect(signInElsewhere.status).toBe(403);
    expect(sessionCookie(signInElsewhere)).toBeUndefined();
  }, 60_000);

  it('once accounts exist, the studio page\'s secret alone (any local user can read it) gets nothing', async () => {
    const res = await studioFetch(s.server, 'api/project');
    expect(res.status).toBe(401);
    expect((await studioFetch(s.server, 'api/register/decisions/1')).status).toBe(401);
    const session = await (await studioFetch(s.server, 'api/session')).json();
    expect(session).toMatchObject({ mode: 'accounts', account: null });
  });

  it('a server others can reach serves nobody until it has an account', async () => {
    const { startServer } = await import('../../engine/server/serve.js');
    const { projectCopy } = await import('../support/project-copy.js');
    const { fakeStudio } = await import('../support/studio-server.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openRegister, RegisterAccess } = await import('../../engine/register/open-register.js');
    const data = mkdtempSync(join(tmpdir(), 'tiaoli-closed-'));
    const dir = projectCopy();
    const server = await startServer({ root: dir, port: 0, host: '127.0.0.1', hosts: ['tiaoli.example'], studio: fakeStudio(), register: new RegisterAccess(() => openRegister(dir, { env: { TIAOLI_DATA: data } }), () => false) });
    try {
      const res = await studioFetch(server, 'api/project');
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/tiaoli accounts add/);
      expect(await (await studioFetch(server, 'api/session')).json()).toMatchObject({ mode: 'closed' });
    } finally {
      await server.close();
    }
  });

  it('single sign-on configured without a client secret, or with one others can read: the server refuses to start, saying so', async () => {
    const { oidcStatus, readOidcConfig } = await import('../../engine/accounts/oidc-config.js');
    const { chmodSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'tiaoli-oidc-'));
    const file = join(dir, 'oidc.yaml');
    const base = 'name: 政务统一身份认证\nissuer: https://sso.example.gov.cn/\nclientId: tiaoli\nredirectUri: https://tiaoli.example.gov.cn/api/session/oidc/callback\nloginClaim: preferred_username\n';
    writeFileSync(file, base);
    expect(oidcStatus({ TIAOLI_OIDC: file })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/缺少 clientSecretFile（或设置环境变量 TIAOLI_OIDC_CLIENT_SECRET）/) });
    const secret = join(dir, 'secret');
    writeFileSync(secret, 's3cret\n');
    chmodSync(secret, 0o644);
    writeFileSync(file, `${base}clientSecretFile: ${secret}\n`);
    expect(oidcStatus({ TIAOLI_OIDC: file })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/其他账户也能读取（应只有服务器的账户能读）：chmod 600/) });
    expect(oidcStatus({ TIAOLI_OIDC: file, TIAOLI_OIDC_CLIENT_SECRET: 'x' })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/只能用其中一个/) });
    expect(readOidcConfig('issuer: http://sso.example/\n', 'x.yaml').problem).toMatch(/缺少 name/);
    expect(readOidcConfig('name: a\nissuer: http://sso.example/\nclientId: a\nredirectUri: https://a/api/session/oidc/callback\nloginClaim: sub\n', 'x.yaml').problem).toMatch(/issuer 必须是 https/);
    expect(readOidcConfig('name: a\nissuer: https://sso.example/\nclientId: a\nredirectUri: https://a/elsewhere\nloginClaim: sub\n', 'x.yaml').problem).toMatch(/redirectUri 的路径应以 \/api\/session\/oidc\/callback 结尾/);
    expect(readOidcConfig('__proto__: {}\n', 'x.yaml').problem).toBeDefined();
  });
});
