// The studio's pages as the accessibility, phone and English stories walk them: each page
// by its hash, the counter with a decision shown, the article panel open, and a language.
import type { Page } from 'playwright-core';

/** Every page of the studio, by the hash that opens it. */
export const PAGES: ReadonlyArray<{ name: string; hash: string }> = [
  { name: 'articles', hash: '#/articles' },
  { name: 'editor', hash: '#/editor?file=rules/articles/23-in-force.yaml' },
  { name: 'parameters', hash: '#/parameters' },
  { name: 'counter', hash: '#/counter?form=permit-application' },
  { name: 'fixtures', hash: '#/fixtures' },
  { name: 'trace', hash: '#/trace' },
  { name: 'register', hash: '#/register' },
];

/**
 * Opens the studio in a language (kept in the browser, as the header's switch keeps it): the
 * language is written into the origin's storage from a small answer of the same server (not
 * the studio, so the studio starts once, already in that language), then the page is loaded.
 */
export async function openIn(page: Page, url: string, hash: string, language: 'zh' | 'en'): Promise<void> {
  await page.goto(`${url}api/no-such-page`);
  await page.evaluate((l) => localStorage.setItem('tiaoli.language', l), language);
  await page.goto(`${url}${hash}`);
  await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
}

/** JSON Forms' control for a data path (its id, whatever number JSON Forms gives it). */
const control = (page: Page, path: string) => page.locator(`[data-testid=jsonforms] [id^="#/properties/${path}"][id$="-input"]`).first();

/** Fills the application form (art. 12, 13) until a decision shows: a student short of one photo. */
export async function fillApplication(page: Page, section: (n: number) => Promise<void>): Promise<void> {
  await control(page, 'acceptedOn').fill('2020-11-02');
  await control(page, 'applicant/properties/name').fill('李娜');
  await control(page, 'applicant/properties/idNumber').fill('53230120010115002X');
  await section(1);
  await control(page, 'hukou/properties/county').fill('532301');
  await control(page, 'residence/properties/county').selectOption('530302');
  // the township from the county's list (fills its name and kind)
  await control(page, 'residence/properties/townshipCode').selectOption({ label: '白石江街道' });
  await control(page, 'residence/properties/arrivedOn').fill('2020-03-01');
  await control(page, 'residence/properties/registeredOn').fill('2020-03-03');
  await control(page, 'grounds/properties/study').check();
  await section(2);
  await control(page, 'materials/properties/idCard').fill('1');
  await control(page, 'materials/properties/photo').fill('1');
  await control(page, 'materials/properties/accommodationCertificate').fill('1');
  await page.locator('[data-testid=value-application-outcome]').waitFor();
}

/** The counter's n-th section (0, 1, 2), chosen by clicking its tab. */
export const clickSection = (page: Page) => async (n: number): Promise<void> => {
  await page.locator('[data-testid=jsonforms] .categorization-master li, [data-testid=jsonforms] [role=tab]').nth(n).click();
};

/** Han characters the page shows outside the regions marked as the law's or its data's (lang="zh-…"), and in the tab's title. */
export async function hanOutsideLaw(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const han = /\p{Script=Han}/u;
    const found: string[] = [];
    if (han.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!han.test(text)) continue;
      const owner = n.parentElement;
      if (!owner || owner.closest('script, style, [hidden]')) continue;
      if (owner.closest('[lang]')?.getAttribute('lang')?.startsWith('zh')) continue;
      found.push(`${owner.tagName.toLowerCase()}.${owner.className}: ${text.trim().slice(0, 80)}`);
    }
    return found;
  });
}
