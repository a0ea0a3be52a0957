// Phones (390×844): no page scrolls sideways, the pages fold into a menu, and the counter
// puts its form above its decision (issue 12).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { launchChromium } from '../support/browser.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { PAGES, clickSection, fillApplication, openIn } from '../support/studio-walk.js';

// each story walks several pages in a real Chromium, on 2 shared cores
vi.setConfig({ testTimeout: 240_000 });

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  page.on('pageerror', (e) => {
    throw e;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sideways = (p: Page) => p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));

describe('the studio on a phone, 390×844', () => {
  it.each(PAGES.map((p) => [p.name, p.hash]))('%s does not scroll sideways', async (name, hash) => {
    for (const language of ['zh', 'en'] as const) {
      await openIn(page, server.url, hash, language);
      if (name === 'counter') await fillApplication(page, clickSection(page));
      if (name === 'trace') await page.locator('[data-testid=trace-tree]').waitFor();
      if (name === 'editor') await page.locator('.cm-content').waitFor();
      const { scrollWidth, innerWidth } = await sideways(page);
      expect(innerWidth).toBe(390);
      expect(scrollWidth, `${name} in ${language}`).toBeLessThanOrEqual(innerWidth);
    }
  });

  // Each page is loaded once, in the larger window, and then made smaller: what a page sized
  // for the larger window would leave too wide shows at the smaller one (the 参数 page's
  // impact is worked out once for both).
  const WINDOWS = [[1280, 720], [1024, 768]] as const;
  it(`in windows of ${WINDOWS.map(([w, h]) => `${w}×${h}`).join(' and ')} no page scrolls sideways either (the 参数 page with its impact panel full)`, async () => {
    const [[width, height]] = WINDOWS;
    const window = await browser.newPage({ viewport: { width, height } });
    try {
      for (const { name, hash } of PAGES) {
        await window.setViewportSize({ width, height });
        await openIn(window, server.url, hash, 'zh');
        if (name === 'parameters') {
          await window.locator('[data-testid=value-inForceUntil-0]').fill('2027-10-08');
          await window.locator('[data-testid=failing] li').first().waitFor();
        }
        if (name === 'trace') await window.locator('[data-testid=trace-tree]').waitFor();
        for (const [w, h] of WINDOWS) {
          await window.setViewportSize({ width: w, height: h });
          // two frames: what the page lays out again for the new size (resize observers, React) is drawn
          await window.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          const { scrollWidth, innerWidth } = await sideways(window);
          expect(innerWidth).toBe(w);
          expect(scrollWidth, `${name} at ${w}×${h}`).toBeLessThanOrEqual(innerWidth);
        }
      }
    } finally {
      await window.close();
    }
  });

  it('folds the pages into a menu that opens and leads to a page', async () => {
    await openIn(page, server.url, '#/articles', 'zh');
    const nav = page.getByRole('navigation', { name: '页面' });
    await expect(nav.isVisible()).resolves.toBe(false);
    const menu = page.getByRole('button', { name: '菜单' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await nav.getByRole('link', { name: '窗口受理' }).click();
    await page.locator('[data-testid=jsonforms]').waitFor();
    await expect(nav.isVisible()).resolves.toBe(false); // closed again on the new page
    // the header is a few lines, not a column of characters
    const header = await page.locator('.app-header').boundingBox();
    expect(header!.height).toBeLessThan(160);
  });

  it('puts the counter form above its decision, both the phone\'s width', async () => {
    await openIn(page, server.url, '#/counter?form=permit-application', 'zh');
    await fillApplication(page, clickSection(page));
    const form = (await page.locator('.counter-form').boundingBox())!;
    const decision = (await page.locator('[data-testid=counter-decision]').boundingBox())!;
    expect(decision.y).toBeGreaterThanOrEqual(form.y + form.height);
    expect(decision.x + decision.width).toBeLessThanOrEqual(390);
    expect(form.x + form.width).toBeLessThanOrEqual(390);
  });
});
