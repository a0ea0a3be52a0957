// Single sign-on in Chromium, where cookies' SameSite rules are the browser's own: the studio's
// 使用单位统一身份认证登录 leads to a real provider (oidc-provider) on another site (localhost
// and 127.0.0.1 are different sites), whose sign-in and consent pages are filled in; the
// provider's redirect back (a cross-site navigation) finishes the sign-in, the studio names the
// linked person, and 退出登录 brings the sign-in page back.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { oidcStatus } from '../../engine/accounts/oidc-config.js';
import { OidcLinks } from '../../engine/accounts/oidc-links.js';
import { launchChromium } from '../support/browser.js';
import { accountsServer, type AccountsServer } from '../support/accounts-server.js';
import { freePort, listenIdp, ssoConfig, type Idp } from '../support/oidc-idp.js';
import { root } from '../support/regulation.js';

let browser: Browser;
let page: Page;
let s: AccountsServer;
let idp: Idp;
let studio: string;

beforeAll(async () => {
  idp = await listenIdp();
  const port = await freePort();
  studio = `http://localhost:${port}/`;
  const redirectUri = `${studio}api/session/oidc/callback`;
  const status = oidcStatus({ TIAOLI_OIDC: ssoConfig(idp.issuer, redirectUri) });
  s = await accountsServer({ port, oidc: status, studio: join(root, 'studio', 'dist'), ownOffices: true, people: { clerk: { name: '王窗口', roles: ['counter'] } } });
  idp.serve([redirectUri]);
  await new OidcLinks((await s.access.get()).db).link((await s.accounts.byLogin('clerk'))!.id, idp.issuer, 'wang.chuangkou');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await idp?.close();
});

describe('single sign-on in the studio', () => {
  it('signs the linked clerk in through the provider and out again', async () => {
    await page.goto(`${studio}#/counter?form=permit-application`);
    const sso = page.locator('[data-testid=sign-in-sso]');
    await expect(sso.innerText()).resolves.toBe('使用单位统一身份认证登录');
    await sso.click();
    // the provider's own pages
    await page.locator('input[name=login]').fill('u-1001');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('input[name=prompt][value=consent]').waitFor({ state: 'attached' });
    await page.locator('button[type=submit]').click();
    // back at the studio, on the page it left, signed in
    await expect(page.locator('[data-testid=signed-in]').innerText()).resolves.toBe('王窗口（窗口）');
    expect(page.url()).toBe(`${studio}#/counter?form=permit-application`);
    const cookies = await page.context().cookies(studio);
    expect(cookies.find((c) => c.name === 'tiaoli_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.find((c) => c.name === 'tiaoli_session_oidc')).toBeUndefined();
    await page.locator('[data-testid=sign-out]').click();
    await page.locator('[data-testid=sign-in-sso]').waitFor();
  }, 60_000);
});
