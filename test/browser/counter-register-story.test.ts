// Issue 10's whole story in Chromium, as a clerk at 南宁派出所 lives it: pick the office and
// give one's name once; fill a child's application with her mother acting for her, the hukou
// address down the cascading pickers; one photo short, so the rules say 一次性书面告知 (art. 13);
// record it (登记) and get the register's document number; print the notice — it names the
// office, the number, the agent and art. 13; find the application again in the 台账 by the
// child's name; reprint the notice with the same number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { startServer } from '../../engine/server/serve.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { launchChromium } from '../support/browser.js';
import { openStudio } from '../support/studio-page.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { backends } from '../register/backends.js';
import { childThroughGuardian, fillCounterApplication } from '../support/counter-form.js';

let browser: Browser;
let page: Page;
let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let cleanup: () => Promise<void>;
// document numbers run per office and per year of the recording (China's date)
const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

beforeAll(async () => {
  browser = await launchChromium();
  const fresh = await backends[0].fresh(); // a register of this story's own (PGlite)
  cleanup = fresh.cleanup;
  dir = projectCopy(); // the project's own forms/offices.yaml
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist'), register: new RegisterAccess(() => openRegister(dir, { env: fresh.env })) });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => {
    throw e;
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup?.();
});

/** The printed page in its sandboxed frame, as text. */
async function printedText(): Promise<string> {
  const frame = page.frameLocator('[data-testid=print-frame]');
  await frame.locator('h1').waitFor();
  return frame.locator('body').innerText();
}

describe('a child’s application from the counter to the 台账 and back to paper', () => {
  it('records it with a number, prints the notice naming office, number, agent and art. 13, finds it in the 台账 and reprints the same number', async () => {
    await openStudio({ dir, server, page }, '#/counter?form=permit-application');
    // the desk, chosen once
    await page.locator('[data-testid=office]').selectOption('qilin-nanning');
    await page.locator('[data-testid=operator]').fill('赵警官');

    // one photo where art. 12 ¶1 asks for two: complete but for that
    await fillCounterApplication(page, { ...childThroughGuardian, materials: { ...childThroughGuardian.materials, 证件照: 1 } });
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();

    await page.locator('[data-testid=record]').click();
    const number = `麒南居〔${year}〕000001号`;
    await page.locator('[data-testid=recorded]').filter({ hasText: number }).waitFor();

    await page.locator('[data-testid=print-notice]').click();
    const notice = await printedText();
    expect(notice).toContain('曲靖市公安局麒麟分局南宁派出所');
    expect(notice).toContain(number);
    // the 补正材料通知书 has a number of its own, the first of its series (forms/offices.yaml documentSeries)
    const own = `麒南居补字〔${year}〕第000001号`;
    expect(notice).toContain(own);
    expect(notice).toContain('王芳'); // the mother, acting for her daughter (art. 12 ¶3)
    expect(notice).toContain('李小雨');
    expect(notice).toContain('第十三条');
    expect(notice).toContain('赵警官');
    await page.locator('[data-testid=print-close]').click();

    // the 台账: found by the child's name, the ID number masked
    await openStudio({ dir, server, page }, '#/register');
    await page.locator('[data-testid=register-name]').fill('李小雨');
    await page.locator('[data-testid=register-search]').click();
    const rows = page.locator('[data-testid=register-row]');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain(number);
    expect(row).toContain('5101**********0020');
    expect(row).not.toContain('510104201103150020');

    await page.getByRole('link', { name: number }).click();
    await page.locator('[data-testid=register-number]').filter({ hasText: number }).waitFor();
    // exactly the pages the decision owes: the notice, never a 受理回执 or 受理通知书
    await expect(page.locator('[data-testid^=reprint-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).resolves.toEqual(['reprint-notice']);
    await page.locator('[data-testid=reprint-notice]').click();
    const reprint = await printedText();
    expect(reprint).toContain(number);
    expect(reprint).toContain(own);
    expect(reprint).toContain('曲靖市公安局麒麟分局南宁派出所');
    expect(reprint).toContain('王芳');
    expect(reprint).toContain('第十三条');
  }, 300_000);
});
