// The counter picks its issuing office once and names its clerk; the printed page is headed
// by that office, with its clerk; what the offices file has not confirmed is said beside the
// choice; a refused application offers the refusal page, not a 受理回执.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { field, openStudio, studioPage, type StudioPage } from '../support/studio-page.js';

let browser: Browser;
let studio: StudioPage;

beforeAll(async () => {
  browser = await launchChromium();
  studio = await studioPage(browser);
});
afterAll(async () => {
  await studio?.page.close();
  await studio?.server.close();
  await browser?.close();
});

describe('the counter\'s office', () => {
  it('is chosen once, said to be unconfirmed, heads the printed page; a refusal replaces the slip', async () => {
    const { page } = studio;
    await openStudio(studio, '#/counter?form=permit-application');
    const picker = page.locator('[data-testid=office-picker]');
    await picker.waitFor();
    await expect(page.locator('[data-testid=office] option').count()).resolves.toBe(19); // 18 offices and the prompt
    await page.locator('[data-testid=office]').selectOption('qilin-nanning');
    await page.locator('[data-testid=operator]').fill('赵敏');
    await expect(page.locator('[data-testid=office-unconfirmed]').innerText()).resolves.toBe('资料未经核实，打印件上留空手写：名称、地址、电话、办公时间');
    await expect(page.locator('[data-testid=office-details]').innerText()).resolves.toContain('行政复议机关：曲靖市人民政府');
    await page.screenshot({ path: '/tmp/tiaoli-office-picker.png' });

    // chosen once: still chosen when the counter opens again
    await openStudio(studio, '#/counter?form=permit-application');
    await expect(page.locator('[data-testid=office]').inputValue()).resolves.toBe('qilin-nanning');
    await expect(page.locator('[data-testid=operator]').inputValue()).resolves.toBe('赵敏');

    const jsonforms = page.locator('[data-testid=jsonforms]');
    const control = (path: string) => page.locator(`[id="#/properties/${path}-input"]`);
    await control('acceptedOn').fill('2019-09-16');
    await field(jsonforms, '姓名').fill('张伟');
    await field(jsonforms, '公民身份号码').fill('510104198806210574');
    await page.getByText('户籍与居住地').click();
    await field(jsonforms, '县（市、区）行政区划代码').fill('510104');
    await control('residence/properties/county').selectOption('530302');
    await control('residence/properties/township').fill('寥廓街道');
    await control('residence/properties/townshipKind').selectOption('street');
    await field(jsonforms, '到达居住地之日').fill('2019-02-25');
    await field(jsonforms, '暂住登记之日').fill('2019-02-27');
    await field(jsonforms, '有合法稳定就业').check();
    await page.getByText('材料清单').click();
    await field(jsonforms, '居民身份证').fill('1');
    await field(jsonforms, '证件照').fill('1');
    await field(jsonforms, '房屋租赁合同').fill('1');
    await field(jsonforms, '劳动合同').fill('1');
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();

    await page.locator('[data-testid=print-notice]').click();
    const sheet = page.frameLocator('[data-testid=print-frame]');
    await expect(sheet.locator('.issuer').innerText()).resolves.toBe('曲靖市公安局麒麟分局'); // the bureau decides; the 派出所 acts on its entrustment (offices.yaml entrustedBy)
    await expect(sheet.locator('.entrusted').innerText()).resolves.toBe('（曲靖市公安局麒麟分局南宁派出所受曲靖市公安局麒麟分局委托办理）');
    await expect(sheet.locator('body').innerText()).resolves.toContain('经办人：赵敏');
    await expect(sheet.locator('body').innerText()).resolves.toContain('第十二条第一款、第十三条');
    await page.locator('[data-testid=print-close]').click();

    // registered less than half a year before: refused (art. 11), the refusal instead of the slip
    await page.getByText('户籍与居住地').click();
    await field(jsonforms, '暂住登记之日').fill('2019-06-27');
    await field(jsonforms, '到达居住地之日').fill('2019-06-25');
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '不符合申领条件' }).waitFor();
    await page.locator('[data-testid=print-refusal]').waitFor();
    await expect(page.locator('[data-testid=print-slip]').count()).resolves.toBe(0);
    await page.locator('[data-testid=print-refusal]').click();
    const refusal = await sheet.locator('body').innerText();
    expect(refusal).toContain('不予办理告知书');
    expect(refusal).toContain('满半年之日为2019年12月27日'); // the words beside the rule (11-eligibility.yaml unmet:)
    expect(refusal).toContain('向曲靖市公安局或者曲靖市人民政府');
    expect(refusal).toContain('6个月内');
    await page.screenshot({ path: '/tmp/tiaoli-counter-refusal.png' });
  }, 180_000);
});
