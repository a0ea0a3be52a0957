// A successor of the measures in Chromium: a policy drafter starts the next version from the
// current one, in force from 2022-10-09 (the day after the measures expire), and sees it
// article by article (art. 23's new term) and its impact; she cannot publish it. Legal review
// publishes it; a complete application of 2023 at the counter is then decided under the new
// version, and the counter says so.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { accountsServer, PASSWORD, type AccountsServer } from '../support/accounts-server.js';
import { childThroughGuardian, fillCounterApplication, type CounterApplication } from '../support/counter-form.js';
import { root } from '../support/regulation.js';

let browser: Browser;
let page: Page;
let s: AccountsServer;

beforeAll(async () => {
  browser = await launchChromium();
  s = await accountsServer({
    studio: join(root, 'studio', 'dist'),
    ownOffices: true,
    people: { drafter: { name: '李政策', roles: ['policy'] }, reviewer: { name: '赵法制', roles: ['legal', 'counter'] } },
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
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

/** Registered in 麒麟区 on 2022-06-03, employed, complete materials, applying on 2023-03-01. */
const employed2023: CounterApplication = {
  ...childThroughGuardian,
  acceptedOn: '2023-03-01',
  applicant: { name: '张伟', sex: '1', ethnicity: '01', idNumber: '510104199003070015', birthDate: '1990-03-07', phone: '13908740000' },
  via: 'self',
  agent: undefined,
  residence: { ...childThroughGuardian.residence, reason: 'work', arrivedOn: '2022-06-01', registeredOn: '2022-06-03' },
  grounds: { employment: true },
  school: undefined,
  employer: { name: '曲靖市某某有限公司', address: '麒麟区南宁西路 1 号' },
  materials: { 居民身份证: 1, 证件照: 2, 房屋租赁合同: 1, 劳动合同: 1 },
};

describe('a successor draft of the measures', () => {
  it('is started and compared by policy staff, published by legal review, and then decides a 2023 application', async () => {
    await page.goto(`${s.server.url}#/successors`);
    await signInAs('drafter');
    const start = page.locator('form.successor-form');
    await start.getByLabel('编号').fill('qujing-2022');
    await start.getByLabel('名称').fill('曲靖市居住证管理实施办法（2022年修订）');
    await start.getByLabel('施行之日').fill('2022-10-09');
    await start.getByLabel('有效期最后一日').fill('2027-10-08');
    await start.getByRole('button', { name: '起草后续版本' }).click();
    await page.locator('[data-testid=successor-status-qujing-2022]').filter({ hasText: '草案' }).waitFor();
    // article by article: art. 23 states the new term, against the expiring text
    const article23 = page.locator('[data-testid=successor-articles] tr[data-article="23"]');
    await article23.waitFor();
    await expect(article23.innerText()).resolves.toMatch(/本办法自 2017 年 10 月 9 日起施行[\s\S]*本办法自 2022 年 10 月 9 日起施行，有效期至 2027 年 10 月 8 日/);
    await expect(page.locator('[data-testid=successor-impact]').innerText()).resolves.toMatch(/^\d+ 个案件中，0 个的决定改变/);
    await expect(page.locator('[data-testid=successor-publish]').isDisabled()).resolves.toBe(true);

    await page.locator('[data-testid=sign-out]').click();
    await signInAs('reviewer');
    await page.goto(`${s.server.url}#/successors`);
    await page.locator('[data-testid=successor-publish]').click();
    await page.locator('[data-testid=successor-status-qujing-2022]').filter({ hasText: '已发布' }).waitFor();

    await page.goto(`${s.server.url}#/counter?form=permit-application`);
    await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
    await fillCounterApplication(page, employed2023);
    const panel = page.locator('[data-testid=counter-decision]');
    await panel.locator('[data-testid=value-application-outcome]').filter({ hasText: '当场制发居住证' }).waitFor();
    await expect(panel.locator('[data-testid=applied-instrument]').innerText()).resolves.toBe(
      '本案适用《曲靖市居住证管理实施办法（2022年修订）》：决定日期 2023-03-01 在其有效期（2022-10-09 至 2027-10-08）之内；它是《曲靖市居住证管理实施办法》（有效期 2017-10-09 至 2022-10-08）的后续版本');
  }, 180_000);
});
