// An applicant who ticks none of employment, housing or study (art. 11) is owed a decision
// all the same: the form takes the application, the rules find it ineligible, and the counter
// offers the 不予办理告知书 (never a 受理回执) with the unmet ground in plain words.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';
import { childThroughGuardian, fillCounterApplication } from '../support/counter-form.js';

const studios = studioEachTest();

describe('an application with no ground of art. 11 ticked', () => {
  it('gets the 不予办理 decision and its written refusal, not a slip', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    await fillCounterApplication(page, { ...childThroughGuardian, grounds: {} });
    await page.locator('[data-testid=value-application-outcome]').filter({ hasText: '不符合申领条件' }).waitFor();
    await expect(page.locator('[data-testid=print-slip]').count()).resolves.toBe(0);
    await page.locator('[data-testid=print-refusal]').click();
    const frame = page.frameLocator('[data-testid=print-frame]');
    await expect(frame.locator('body').innerText()).resolves.toContain('你没有申报合法稳定就业、合法稳定住所、连续就读中的任何一项');
  });
});
