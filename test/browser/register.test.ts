// The 台账 in Chromium, as a clerk and policy staff use it: the clerk fills an application at
// the counter and records it (登记) under the desk's office and name; finds it again in the
// 台账 by ID number (shown masked) and by name; opens its reasoning as it was made; reprints
// its notice. Policy staff changing photoCount see that past decision among those that would change.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { launchChromium } from '../support/browser.js';
import { field, openStudio } from '../support/studio-page.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';
import { OFFICES } from '../register/cases.js';

let browser: Browser;
let page: Page;
let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let cleanup: () => Promise<void>;
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
/** where the story leaves its screenshots (to look at; studio/screenshots/ has the copies docs/register.md shows) */
const shots = process.env.TIAOLI_SHOTS ?? tmpdir();

beforeAll(async () => {
  browser = await launchChromium();
  const fresh = await backends[0].fresh(); // PGlite: nothing shared with other tests
  cleanup = fresh.cleanup;
  dir = projectCopy();
  writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist'), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
  // the desk as the documents slice's picker leaves it: this counter's office and clerk
  await page.addInitScript(() => {
    if (window === window.top) localStorage.setItem('tiaoli.desk', JSON.stringify({ officeId: 'test-office', operator: '王警官' }));
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup?.();
});

const open = (hash: string) => openStudio({ dir, server, page }, hash);

describe('the register in the studio', () => {
  it('records a counter decision, finds it in the 台账 masked, opens its trace and reprints it; the impact panel names it', async () => {
    await open('#/counter?form=permit-application');
    const form = page.locator('[data-testid=jsonforms]');
    const control = (path: string) => form.locator(`[id="#/properties/${path}-input"]`);
    await control('acceptedOn').fill('2019-09-16');
    await field(form, '姓名').fill('张伟');
    await field(form, '公民身份号码').fill('510104198806210574');
    await page.getByText('户籍与居住地').click();
    await field(form, '县（市、区）行政区划代码').fill('510104');
    await control('residence/properties/county').selectOption('530302');
    await control('residence/properties/township').fill('寥廓街道');
    await control('residence/properties/townshipKind').selectOption('street');
    await field(form, '到达居住地之日').fill('2019-02-25');
    await field(form, '暂住登记之日').fill('2019-02-27');
    await field(form, '有合法稳定就业').check();
    await page.getByText('材料清单').click();
    await field(form, '居民身份证').fill('1');
    await field(form, '证件照').fill('1');
    await field(form, '房屋租赁合同').fill('1');
    await field(form, '劳动合同').fill('1');
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();

    await page.locator('[data-testid=record]').click();
    const number = `测南居〔${year}〕000001号`;
    await page.locator('[data-testid=recorded]').filter({ hasText: number }).waitFor();

    await open('#/register');
    const table = page.locator('[data-testid=register-table]');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('5101**********0574');
    expect(text).not.toContain('510104198806210574');
    expect(text).toContain('王警官');
    await page.locator('[data-testid=register-idNumber]').fill('510104198806210574');
    await page.locator('[data-testid=register-search]').click();
    await expect(page.locator('[data-testid=register-row]').count()).resolves.toBe(1);
    await page.locator('[data-testid=register-idNumber]').fill('');
    await page.locator('[data-testid=register-name]').fill('李');
    await page.locator('[data-testid=register-search]').click();
    await page.getByText('没有符合条件的登记').waitFor();
    await page.locator('[data-testid=register-name]').fill('张');
    await page.locator('[data-testid=register-outcome]').selectOption('notice');
    await page.locator('[data-testid=register-search]').click();
    await page.locator('[data-testid=register-row]').first().waitFor();
    await page.screenshot({ path: join(shots, '8-register.png') });

    await page.getByRole('link', { name: number }).click();
    await page.locator('[data-testid=register-number]').filter({ hasText: number }).waitFor();
    const tree = page.locator('[data-testid=trace-tree]');
    await expect(tree.innerText()).resolves.toMatch(/居住证申领[\s\S]*受理结果/);
    await page.screenshot({ path: join(shots, '9-register-record.png'), fullPage: false });
    await page.locator('[data-testid=reprint-notice]').click();
    const notice = page.frameLocator('[data-testid=print-frame]');
    await expect(notice.locator('h1').innerText()).resolves.toContain('一次性书面告知书');
    await notice.getByText('应交 2，已交 1').waitFor();
    await page.locator('[data-testid=print-close]').click();

    // policy staff: one photo enough? the past decision would now be issued on the spot
    await open('#/parameters');
    await page.locator('[data-testid=value-photoCount-0]').fill('1');
    const past = page.locator('[data-testid=past-decisions]');
    await past.getByText(number).first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=regression]').screenshot({ path: join(shots, '10-register-impact.png') });
    await expect(past.innerText()).resolves.toMatch(/application\.outcome 居住证申领：受理结果（1）[\s\S]*一次性书面告知需要补充的材料 → 当场制发居住证：1/);
  }, 240_000);
});
