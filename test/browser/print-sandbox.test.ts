// The counter's printed page in Chromium: shown in a sandboxed frame (no scripts, an opaque
// origin), so that neither a template nor a case's data can act as the studio; and it
// still prints. Before issue 7 it opened as a blob in the studio's own origin.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium, pdfPageCount } from '../support/browser.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await server?.close();
  server = undefined;
});

/** The studio over a scratch project, its notice template edited by `edit`. */
async function studio(edit?: (notice: string) => string): Promise<void> {
  const dir = projectCopy();
  if (edit) {
    const file = join(dir, 'forms/prints/notice.hbs');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(`${server.url}#/counter?form=permit-application`);
  await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
}

const field = (label: string) => page.locator('[data-testid=jsonforms]').getByLabel(new RegExp(`^${label.replace(/[()（）*]/g, (c) => `\\${c}`)}\\*?$`));

/** An application with one photo of the two: the written notice is due. */
async function fillIncompleteApplication(name = '张伟'): Promise<void> {
  const control = (path: string) => page.locator(`[id="#/properties/${path}-input"]`);
  await control('acceptedOn').fill('2019-09-16');
  await field('姓名').fill(name);
  await field('公民身份号码').fill('510104198806210574');
  await page.getByText('户籍与居住地').click();
  await field('县（市、区）行政区划代码').fill('510104');
  await control('residence/properties/county').selectOption('530302');
  await control('residence/properties/township').fill('寥廓街道');
  await control('residence/properties/townshipKind').selectOption('street');
  await field('到达居住地之日').fill('2019-02-25');
  await field('暂住登记之日').fill('2019-02-27');
  await field('有合法稳定就业').check();
  await page.getByText('材料清单').click();
  await field('居民身份证').fill('1');
  await field('证件照').fill('1');
  await field('房屋租赁合同').fill('1');
  await field('劳动合同').fill('1');
  // one photo of the two, nothing else missing
  await page.locator('[data-testid=value-application-missing]').filter({ hasText: /^本人证件照$/ }).waitFor();
  await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();
}

describe('the printed page is shown in a sandboxed frame', () => {
  it('shows the notice without scripts or the studio origin, and prints it alone on one A4 sheet', async () => {
    await studio();
    await fillIncompleteApplication();
    let popups = 0;
    page.on('popup', () => {
      popups += 1;
    });
    await page.locator('[data-testid=print-notice]').click();
    const frame = page.locator('[data-testid=print-frame]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe(''); // no allow-scripts, no allow-same-origin
    const notice = page.frameLocator('[data-testid=print-frame]');
    await expect(notice.locator('h1').innerText()).resolves.toContain('一次性书面告知书');
    await expect(notice.locator('body').innerText()).resolves.toContain('应交 2，已交 1');
    await expect(notice.locator('tbody tr').count()).resolves.toBe(1);
    expect(popups).toBe(0);
    // the frame's document is not the studio's: an opaque origin, out of the page's reach
    const reach = await page.evaluate(() => {
      const f = document.querySelector<HTMLIFrameElement>('[data-testid=print-frame]')!;
      try {
        return f.contentDocument === null ? 'opaque' : 'same-origin';
      } catch {
        return 'opaque';
      }
    });
    expect(reach).toBe('opaque');
    const csp = await notice.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'none'");

    await page.screenshot({ path: '/tmp/tiaoli-print-preview.png' });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: '/tmp/tiaoli-print-media.png', fullPage: true });
    await expect(page.locator('.counter-page').isVisible()).resolves.toBe(false); // on paper, the page alone
    await expect(page.locator('[data-testid=print-now]').isVisible()).resolves.toBe(false);
    await expect(frame.isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    writeFileSync('/tmp/tiaoli-print.pdf', pdf);
    expect(pdfPageCount(pdf)).toBe(1);
    // the notice's serif face is in the PDF: the frame's page was printed (the studio itself is sans-serif)
    expect(pdf.toString('latin1')).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSerifCJK/);
    expect(pdf.toString('latin1')).not.toMatch(/NotoSansCJK/); // and nothing of the studio around it
    await page.emulateMedia({ media: 'screen' });
    await page.locator('[data-testid=print-close]').click();
    await expect(frame.count()).resolves.toBe(0);
  });
});

describe('nothing in a printed page runs in the studio', () => {
  it('markup from case data is text; a handler a template writes does not run', async () => {
    // A template may hold static HTML (lint refuses <script>, not every attribute): the
    // frame's sandbox and the page's CSP are what stop it.
    await studio((notice) => notice.replace('<table>', '<img src="x" onerror="window.top.__tiaoliPwned = 1; window.parent.document.title = \'pwned\'"><svg><image href="x" onerror="top.__tiaoliPwned = 2"/></svg><table>'));
    await fillIncompleteApplication('<img src=x onerror="top.__tiaoliPwned=3">');
    await page.locator('[data-testid=print-notice]').click();
    const notice = page.frameLocator('[data-testid=print-frame]');
    await notice.locator('h1').waitFor();
    await expect(notice.locator('body').innerText()).resolves.toContain('<img src=x onerror="top.__tiaoliPwned=3">');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __tiaoliPwned?: number }).__tiaoliPwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');
  });

  it('a template with a script is refused with its line, in the studio too; nothing runs', async () => {
    await studio((notice) => notice.replace('<table>', '<script>window.top.__tiaoliPwned = 4</script><table>'));
    await fillIncompleteApplication();
    await page.locator('[data-testid=print-notice]').click();
    await page.locator('[data-testid=print-message]').filter({ hasText: /forms\/prints\/notice\.hbs:\d+:\d+: 打印模板不能含有脚本/ }).waitFor();
    await expect(page.locator('[data-testid=print-frame]').count()).resolves.toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __tiaoliPwned?: number }).__tiaoliPwned)).toBeUndefined();
  });
});
