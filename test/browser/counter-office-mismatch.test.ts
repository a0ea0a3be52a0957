// The counter's office against the case (art. 14 ¶1: the residence's county-level bureau
// issues the permit): a clerk at 沾益's 西平派出所 takes an application from someone living in
// 麒麟区. The counter says so in words, and printing waits until the clerk confirms.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';
import { childThroughGuardian, fillCounterApplication } from '../support/counter-form.js';

const studios = studioEachTest();

describe('an office that is not the residence\'s', () => {
  it('is warned of, and prints only once the clerk has confirmed', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    await page.locator('[data-testid=office]').selectOption('zhanyi-xiping');
    await fillCounterApplication(page, { ...childThroughGuardian, materials: { ...childThroughGuardian.materials, 证件照: 1 } });
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '一次性书面告知' }).waitFor();
    const warning = page.locator('[data-testid=office-mismatch-office\\.otherCounty]');
    await expect(warning.innerText()).resolves.toContain('居住地在麒麟区（530302），本机关（曲靖市公安局沾益分局西平派出所）在沾益区（530303）');
    await expect(page.locator('[data-testid=print-notice]').isDisabled()).resolves.toBe(true);
    await page.locator('[data-testid=office-confirm]').check();
    await page.locator('[data-testid=print-notice]').click();
    await expect(page.frameLocator('[data-testid=print-frame]').locator('body').innerText()).resolves.toContain('曲靖市公安局沾益分局');
  });
});
