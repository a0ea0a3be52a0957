// axe-core on every page of the studio, in Chinese and in English, with a decision shown at
// the counter and with the article panel open: no critical and no serious violation
// (issue 12). The counts of every run are printed for the closing note.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
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
  // @axe-core/playwright needs a page of its own context
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function violations(where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const count = (impact: string) => result.violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
  console.log(`axe ${where}: critical ${count('critical')}, serious ${count('serious')}, moderate ${count('moderate')}, minor ${count('minor')}`);
  return bad.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe.each(['zh', 'en'] as const)('axe-core, in %s', (language) => {
  it.each(PAGES.map((p) => [p.name, p.hash]))('%s: no critical or serious violation, one <h1>', async (name, hash) => {
    await openIn(page, server.url, hash, language);
    if (name === 'counter') await fillApplication(page, clickSection(page)); // with a decision shown
    if (name === 'editor') await page.locator('.cm-content').waitFor();
    if (name === 'trace') await page.locator('[data-testid=trace-tree]').waitFor();
    await expect(page.locator('h1').count()).resolves.toBe(1);
    expect(await violations(`${language} ${name}`)).toEqual([]);
  });

  it('the article panel open over the counter: no critical or serious violation', async () => {
    await openIn(page, server.url, '#/counter?form=permit-application', language);
    await page.locator('.article-ref').first().click();
    await page.locator('[data-testid=article-panel]').waitFor();
    expect(await violations(`${language} article panel`)).toEqual([]);
  });
});
