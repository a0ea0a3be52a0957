// English mode is English: every page, with a decision at the counter, an error beside a
// field, the trace and the article panel, shows no Han character outside the regions marked
// as the law's text or its data (lang="zh-CN"), and the tab's title is English (issue 12).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { PAGES, clickSection, fillApplication, hanOutsideLaw, openIn } from '../support/studio-walk.js';

// each story walks several pages in a real Chromium, on 2 shared cores
vi.setConfig({ testTimeout: 240_000 });

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the studio in English', () => {
  it.each(PAGES.map((p) => [p.name, p.hash]))('%s: no Chinese outside the law and its data', async (name, hash) => {
    await openIn(page, server.url, hash, 'en');
    if (name === 'counter') await fillApplication(page, clickSection(page));
    if (name === 'trace') {
      await page.locator('[data-testid=trace-tree]').waitFor();
      await page.locator('[data-testid=trace-tree] details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    }
    if (name === 'editor') await page.locator('.cm-content').waitFor();
    if (name === 'fixtures') await page.locator('details summary').first().click();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    expect(await hanOutsideLaw(page)).toEqual([]);
  });

  it('words the trace, the counter\'s errors, JSON Forms\' and CodeMirror\'s own words in English; Chinese in Chinese', async () => {
    await openIn(page, server.url, '#/trace', 'en');
    const tree = page.locator('[data-testid=trace-tree]');
    await tree.getByText('Grounds:').waitFor();
    await expect(tree.innerText()).resolves.toMatch(/→ (holds|does not hold)/);
    await expect(page.title()).resolves.toBe('Why · Tiaoli Studio');

    await openIn(page, server.url, '#/counter?form=permit-application', 'en');
    const form = page.locator('[data-testid=jsonforms]');
    await form.locator('[id^="#/properties/applicant/properties/idNumber"][id$="-input"]').first().fill('510104198806210575');
    await page.locator('[data-testid=counter-decision]').getByText('wrong check character: should be 4, is 5').first().waitFor();
    await expect(page.locator('[data-testid=counter-decision]').innerText()).resolves.toContain('required');
    // JSON Forms' empty choice (its own selects, not the division pickers)
    await clickSection(page)(1);
    await expect(form.locator('select:not([data-testid^=division]) option[value=""]').first().innerText()).resolves.toBe('None');

    await openIn(page, server.url, '#/counter?form=permit-application', 'zh');
    await clickSection(page)(1);
    await expect(form.locator('select:not([data-testid^=division]) option[value=""]').first().innerText()).resolves.toBe('（不选）');
    await expect(page.title()).resolves.toBe('窗口受理 · 条例工作室');

    // CodeMirror's search panel: Chinese in Chinese, English in English
    await openIn(page, server.url, '#/editor?file=rules/articles/23-in-force.yaml', 'zh');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search').getByText('全部替换').waitFor();
    await openIn(page, server.url, '#/editor?file=rules/articles/23-in-force.yaml', 'en');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search').getByText('replace all').waitFor();
  });
});
