// What the studio's browser stories share: the real server on a scratch copy of the
// project, a Chinese page in Chromium that fails the test on any page error, and ways to
// find a control by its label and to open a page once the rules are loaded.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from './browser.js';
import { studioPage, studioPageOn, type StudioPage } from './studio-open.js';

export { studioPage, studioPageOn, type StudioPage };

/** A form control by its label as shown (a required one ends in *). */
export const field = (scope: Locator, label: string): Locator => scope.getByLabel(new RegExp(`^${label.replace(/[()（）*]/g, (c) => `\\${c}`)}\\*?$`));

/** Opens a page of the studio and waits until the rules are loaded (the ruleset hash shows). */
export async function openStudio(studio: StudioPage, hash: string): Promise<void> {
  await studio.page.goto(`${studio.server.url}${hash}`);
  await studio.page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
}

/**
 * One Chromium for the tests of a file and a fresh studio (server on its own scratch copy,
 * new page) for each test, closed after it. Read `current` inside a test.
 */
export function studioEachTest(): { readonly current: StudioPage } {
  let browser: Browser | undefined;
  let studio: StudioPage | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    studio = await studioPage(browser!);
  });
  afterEach(async () => {
    await studio?.page.close();
    await studio?.server.close();
  });
  return {
    get current() {
      if (!studio) throw new Error('the studio is opened in beforeEach');
      return studio;
    },
  };
}
