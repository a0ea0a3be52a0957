// Accounts in Chromium: a 窗口 clerk signs in and records a decision — the record names her,
// whatever name the desk once typed — and finds no way to unmask it; a 法制审核 reviewer
// unmasks it with a reason and finds the reading in the access log (查阅记录).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { accountsServer, PASSWORD, type AccountsServer } from '../support/accounts-server.js';
import { childThroughGuardian, fillCounterApplication } from '../support/counter-form.js';
import { root } from '../support/regulation.js';

let browser: Browser;
let page: Page;
let s: AccountsServer;
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

beforeAll(async () => {
  browser = await launchChromium();
  s = await accountsServer({
    studio: join(root, 'studio', 'dist'),
    ownOffices: true,
    people: { clerk: { name: '王窗口', roles: ['counter'] }, reviewer: { name: '赵法制', roles: ['legal'] } },
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
  // a desk that once typed another clerk's name: signed in, it is not what is recorded
  await page.addInitScript(() => {
    if (window === window.top) localStorage.setItem('tiaoli.desk', JSON.stringify({ officeId: 'qilin-nanning', operator: '冒名' }));
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function signInAs(login: string): Promise<void> {
  await page.locator('[data-testid=sign-in]').waitFor();
  await page.locator('[data-testid=sign-in-login]').fill(login);
  await page.locator('[data-testid=sign-in-password]').fill(PASSWORD);
  await page.locator('[data-testid=sign-in-submit]').click();
  await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
}

describe('accounts in the studio', () => {
  it('a clerk records under her own name and cannot unmask; legal review unmasks with a reason, shown in the access log', async () => {
    await page.goto(`${s.server.url}#/counter?form=permit-application`);
    await signInAs('clerk');
    await expect(page.locator('[data-testid=signed-in]').innerText()).resolves.toBe('王窗口（窗口）');
    await expect(page.locator('[data-testid=operator-signed-in]').innerText()).resolves.toContain('王窗口');
    // the processing notice under the form (《个人信息保护法》第十七条, words from forms/prints/personal-information.yaml)
    await expect(page.locator('[data-testid=processing-notice]').innerText()).resolves.toMatch(/个人信息处理告知[\s\S]*保存期限/);
    await fillCounterApplication(page, { ...childThroughGuardian, materials: { ...childThroughGuardian.materials, 证件照: 1 } });
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();
    await page.locator('[data-testid=record]').click();
    const number = `麒南居〔${year}〕000001号`;
    await page.locator('[data-testid=recorded]').filter({ hasText: number }).waitFor();

    await page.getByRole('link', { name: number }).click();
    await page.locator('[data-testid=register-number]').filter({ hasText: number }).waitFor();
    const operator = await page.locator('[data-testid=register-operator]').innerText();
    expect(operator).toMatch(/^王窗口（账户 \d+）$/);
    await expect(page.locator('[data-testid=register-id-number]').innerText()).resolves.toContain('5101**********0020');
    await expect(page.locator('[data-testid=unmask]').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '查阅记录' }).count()).resolves.toBe(0);

    await page.locator('[data-testid=sign-out]').click();
    await signInAs('reviewer');
    await page.goto(`${s.server.url}#/register?id=1`);
    await page.locator('[data-testid=register-number]').filter({ hasText: number }).waitFor();
    await expect(page.locator('[data-testid=register-id-number]').innerText()).resolves.not.toContain('510104201103150020');
    await page.locator('[data-testid=unmask-reason]').fill('行政复议：核对申请人身份');
    await page.locator('[data-testid=unmask-submit]').click();
    await page.locator('[data-testid=unmasked]').waitFor();
    await expect(page.locator('[data-testid=register-id-number]').innerText()).resolves.toBe('510104201103150020');

    await page.getByRole('link', { name: '查阅记录' }).click();
    const row = page.locator('[data-testid=access-log-row]');
    await row.first().waitFor();
    await expect(row.count()).resolves.toBe(1);
    const text = await row.first().innerText();
    expect(text).toContain('赵法制');
    expect(text).toContain(number);
    expect(text).toContain('行政复议：核对申请人身份');
  }, 240_000);
});
