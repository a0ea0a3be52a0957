// The studio's first load (issue 12 item 7): 条文 and the counter show as soon as the project
// arrives, before the fixtures are decided; while they are, the page says so and never shows
// a coverage it does not know yet ("no fixture reaches it"), and the pages that compare
// fixtures wait. The fixtures' results are taken only for the files the studio shows.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { field, studioPage, type StudioPage } from '../support/studio-page.js';

vi.setConfig({ testTimeout: 240_000 });

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

function fixtureCount(dir: string, sub = 'test/cases'): number {
  return readdirSync(join(dir, sub)).reduce((n, name) => {
    const path = `${sub}/${name}`;
    return n + (statSync(join(dir, path)).isDirectory() ? fixtureCount(dir, path) : /\.ya?ml$/.test(name) ? 1 : 0);
  }, 0);
}

/** Holds the fixtures' results on their way to the page until `release()`. */
async function holdFixtures(studio: StudioPage): Promise<{ release: () => void; asked: Promise<void> }> {
  let release!: () => void;
  let asked!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const askedFor = new Promise<void>((r) => (asked = r));
  await studio.page.route('**/api/project/fixtures', async (route: Route) => {
    asked();
    await released;
    await route.continue();
  });
  return { release, asked: askedFor };
}

describe('the first load', () => {
  let studio: StudioPage;
  afterAll(async () => {
    await studio?.page.close();
    await studio?.server.close();
  });

  it('条文 shows the rules at once, says the fixtures are being worked out, and fills in their coverage when they come', async () => {
    studio = await studioPage(browser);
    const { page } = studio;
    const held = await holdFixtures(studio);
    await page.goto(`${studio.server.url}#/articles`);
    const summary = page.locator('[data-testid=coverage-summary]');
    await summary.waitFor();
    await held.asked;
    // 23 articles (the regulation's text), the rules — and no figure about the fixtures yet
    await expect(summary.innerText()).resolves.toMatch(/^23 条；.*夹具覆盖正在计算…$/);
    await expect(summary.getAttribute('aria-busy')).resolves.toBe('true');
    await page.locator('[data-testid=paragraph-13\\.1] [data-testid=fixtures-pending]').waitFor();
    // never "no fixture reaches it" for a paragraph whose fixtures are not decided yet
    await expect(page.locator('.flag-untested').count()).resolves.toBe(0);
    await expect(page.getByText('有规则，但没有夹具覆盖').count()).resolves.toBe(0);
    await expect(page.locator('a.chip.fixture').count()).resolves.toBe(0);
    // the rules are there to follow: a rule chip opens the editor at its line
    await expect(page.locator('[data-testid=paragraph-13\\.1] a.chip').first().getAttribute('href')).resolves.toMatch(/^#\/editor\?file=rules%2F/);

    // a page that compares fixtures waits for them, and says so
    await page.goto(`${studio.server.url}#/parameters`);
    await page.getByRole('status').filter({ hasText: '正在运行夹具…' }).waitFor();
    await expect(page.locator('[data-testid=value-photoCount-0]').count()).resolves.toBe(0);

    // the counter is at work meanwhile: the form checks an ID number as it is typed
    await page.goto(`${studio.server.url}#/counter?form=permit-application`);
    const form = page.locator('[data-testid=jsonforms]');
    await field(form, '公民身份号码').fill('510104198806210575');
    // GB 11643: the check character of 51010419880621057 is 4
    await page.locator('[data-testid=counter-decision]').getByText('公民身份号码校验码错误：应为 4，实为 5').first().waitFor();

    held.release();
    await page.goto(`${studio.server.url}#/articles`);
    await page.locator('[data-testid=coverage-summary][aria-busy=false]').waitFor();
    const n = fixtureCount(studio.dir);
    await expect(summary.innerText()).resolves.toMatch(new RegExp(`有夹具覆盖 \\d+；规则 \\d+ 条，夹具 ${n} 个$`));
    await page.locator('[data-testid=paragraph-13\\.1] a.chip.fixture').first().waitFor();
    await expect(page.locator('[data-testid=fixtures-pending]').count()).resolves.toBe(0);
    await page.goto(`${studio.server.url}#/parameters`);
    await page.locator('[data-testid=value-photoCount-0]').waitFor();
  });

  it('results that name other files than the ones shown are not taken: the studio decides the fixtures itself', async () => {
    await studio?.page.close();
    await studio?.server.close();
    studio = await studioPage(browser);
    const { page } = studio;
    // as if the files changed on disk between the project and its results: one fixture, of another snapshot
    await page.route('**/api/project/fixtures', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ snapshot: '0000000000000000', fixtures: [{ file: 'test/cases/x.yaml', passed: true, mismatches: [] }] }),
    }));
    await page.goto(`${studio.server.url}#/articles`);
    const summary = page.locator('[data-testid=coverage-summary][aria-busy=false]');
    await summary.waitFor({ timeout: 120_000 });
    await expect(summary.innerText()).resolves.toMatch(new RegExp(`夹具 ${fixtureCount(studio.dir)} 个$`));
    await page.locator('[data-testid=paragraph-13\\.1] a.chip.fixture').first().waitFor();
  });
});
