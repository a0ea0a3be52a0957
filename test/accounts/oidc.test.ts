// Single sign-on end to end, with a real OpenID Connect provider (oidc-provider) on a loopback
// port: the studio's 使用单位统一身份认证登录 leads to the provider, whose sign-in and consent
// pages are submitted as a browser would; back at tiaoli the person an administrator linked is
// signed in with the same kind of session a password makes, records a decision that names
// them as its operator, and signs out (the session ends).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcStatus } from '../../engine/accounts/oidc-config.js';
import { OidcLinks } from '../../engine/accounts/oidc-links.js';
import { accountsServer, call, type AccountsServer } from '../support/accounts-server.js';
import { Browser, freePort, listenIdp, ssoConfig, type Idp } from '../support/oidc-idp.js';
import { application, onePhoto } from '../register/cases.js';

let s: AccountsServer;
let idp: Idp;
let origin: string;
let redirectUri: string;
let secretFile: string;

beforeAll(async () => {
  idp = await listenIdp();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  redirectUri = `${origin}/api/session/oidc/callback`;
  const config = ssoConfig(idp.issuer, redirectUri);
  secretFile = join(dirname(config), 'client-secret');
  const status = oidcStatus({ TIAOLI_OIDC: config });
  expect(status.kind).toBe('on');
  s = await accountsServer({ port, oidc: status, people: { clerk: { name: '王窗口', roles: ['counter'] }, admin: { name: '钱管理', roles: ['admin'] } } });
  idp.serve([redirectUri]);
  const clerk = await s.accounts.byLogin('clerk');
  await new OidcLinks((await s.access.get()).db).link(clerk!.id, idp.issuer, 'wang.chuangkou');
}, 120_000);
afterAll(async () => {
  await s?.close();
  await idp?.close();
});

/** Begins at tiaoli, signs in at the provider as `person`, and brings the browser back to tiaoli's callback. */
export async function throughIdp(browser: Browser, person: string, returnTo = '/'): Promise<Response> {
  const start = await browser.fetch(`${origin}/api/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(303);
  const back = await browser.signInAtIdp(start.headers.get('location')!, person, redirectUri);
  return browser.fetch(back.href);
}

describe('single sign-on', () => {
  it('the sign-in page is told the provider\'s name', async () => {
    const session = await (await call(s.server, 'GET', 'api/session')).json();
    expect(session).toMatchObject({ mode: 'accounts', account: null, sso: { name: '测试市政务统一身份认证', start: 'api/session/oidc/start' } });
  });

  it('signs a linked person in; the record names them; signing out ends the session', async () => {
    const browser = new Browser();
    const back = await throughIdp(browser, 'u-1001', '/?view=counter');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/?view=counter');
    const set = back.headers.getSetCookie().find((c) => c.startsWith('tiaoli_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Max-Age=43200/);
    const cookie = `tiaoli_session=${browser.cookie(origin, 'tiaoli_session')}`;

    const session = await (await call(s.server, 'GET', 'api/session', { cookie })).json();
    expect(session.account).toMatchObject({ login: 'clerk', name: '王窗口', roles: ['counter'] });

    const res = await call(s.server, 'POST', 'api/register/decisions', { cookie, body: { case: application('李四', '510104198905050369', onePhoto), officeId: 'test-office', operator: '假冒的人' } });
    expect(res.status).toBe(201);
    const entry = await res.json();
    const clerk = await s.accounts.byLogin('clerk');
    expect(entry).toMatchObject({ operator: '王窗口', operatorAccount: clerk!.id });

    // a 窗口 signed in this way is a 窗口: no accounts page
    expect((await call(s.server, 'GET', 'api/accounts', { cookie })).status).toBe(403);

    expect((await call(s.server, 'DELETE', 'api/session', { cookie })).status).toBe(200);
    expect((await call(s.server, 'GET', 'api/project', { cookie })).status).toBe(401);
  }, 60_000);

  it('a client secret written over its file is used from the next sign-in, without a restart', async () => {
    const right = readFileSync(secretFile, 'utf8');
    writeFileSync(secretFile, 'a-secret-the-provider-does-not-know\n');
    try {
      const res = await throughIdp(new Browser(), 'u-1001');
      expect(res.status).toBe(502);
      expect(await res.text()).toMatch(/不认本系统的客户端密钥（invalid_client）：请管理员核对 clientSecretFile/);
    } finally {
      writeFileSync(secretFile, right);
    }
    expect((await throughIdp(new Browser(), 'u-1001')).status).toBe(303);
  }, 60_000);
});
