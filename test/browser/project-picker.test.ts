// The start page's project picker (issue 19): from Qujing's measures to the national 条例
// served beside them, whose own articles then show.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';

const studio = studioEachTest();

describe('the project picker in the header', () => {
  it('moves the studio to 《居住证暂行条例》 at /p/national-2016/, with its own articles', async () => {
    const { page } = studio.current;
    await openStudio(studio.current, '#/articles');
    await expect(page.locator('.regulation-title').innerText()).resolves.toBe('《曲靖市居住证管理实施办法》');
    const picker = page.locator('[data-testid=project-picker]');
    await expect(picker.locator('option').allInnerTexts()).resolves.toEqual(['切换到其他法规…', '《居住证暂行条例》']);
    await picker.selectOption('national-2016');
    await page.waitForURL(/\/p\/national-2016\/$/);
    await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
    await expect(page.locator('.regulation-title').innerText()).resolves.toBe('《居住证暂行条例》');
    await page.getByText('第二十三条', { exact: false }).first().waitFor();
    // and back
    await page.locator('[data-testid=project-picker]').selectOption('');
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('.regulation-title').filter({ hasText: '曲靖市居住证管理实施办法' }).waitFor();
  });
});
