// Issue 10 item 1 in Chromium: a clerk fills a complete application at the counter — the
// person's details, a mother acting for her child, the hukou address down the province →
// city → county → township pickers, the residence township chosen from Qujing's table — and
// sees the decision; an ID number that contradicts the birth date entered stops the decision
// and says so at the field.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';
import { childThroughGuardian, counterControls, fillCounterApplication } from '../support/counter-form.js';

const studios = studioEachTest();

describe('a complete application at the counter', () => {
  it('fills every field as a clerk would, an agent for a child and cascading addresses, and shows the decision', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    await fillCounterApplication(page, childThroughGuardian);
    const value = (name: string) => page.locator(`[data-testid=value-${name}]`);
    // art. 13: eligible (art. 11) and everything art. 12 asks for handed in → issued on the spot
    await value('application-outcome').filter({ hasText: '当场制发居住证' }).waitFor();
    await expect(value('application-missing').innerText()).resolves.toBe('无');
    await expect(value('agent-allowed').innerText()).resolves.toBe('是');
    await expect(value('floating-value').innerText()).resolves.toBe('是');
    await expect(page.locator('.form-problems').count()).resolves.toBe(0);

    // the pickers filled the county code, the township's name and its kind from the dataset
    const { control, picker } = counterControls(page);
    await page.getByText('户籍与居住地', { exact: true }).first().click();
    await expect(control('hukou/county').inputValue()).resolves.toBe('510104');
    await expect(picker('hukou.townshipCode-3').inputValue()).resolves.toBe('510104022');
    await expect(picker('residence.townshipCode').inputValue()).resolves.toBe('530302004');
    // a township chosen: the hand-typed name and kind give way to the dataset's
    await expect(control('residence/township').isVisible()).resolves.toBe(false);

    // another county for the residence: the township of the old one is cleared, a new one offered
    await control('residence/county').selectOption('530381');
    await expect(picker('residence.townshipCode').inputValue()).resolves.toBe('');
    await picker('residence.townshipCode').selectOption({ label: '宛水街道' });
    await page.getByText('材料清单', { exact: true }).first().click();
    await value('application-outcome').filter({ hasText: '当场制发居住证' }).waitFor();

    // 下一位: the counter is blank again for the next applicant — no field, decision or draft of this one left
    await page.locator('[data-testid=next-applicant]').click();
    await value('application-outcome').waitFor({ state: 'detached' });
    await page.getByText('户籍与居住地', { exact: true }).first().click();
    await expect(control('hukou/county').inputValue()).resolves.toBe('');
  });

  it('refuses an ID number that contradicts the birth date and sex entered, at the field, and decides nothing', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    // no agent: with the form refused, the rules never say whether one may act
    await fillCounterApplication(page, { ...childThroughGuardian, agent: undefined, applicant: { ...childThroughGuardian.applicant, sex: '1', birthDate: '2011-05-13' } });
    const problems = page.locator('[data-testid=counter-decision] .form-problems');
    await problems.getByText(/公民身份号码（applicant\.idNumber）：号码所载出生日期为 2011-03-15，与所填的出生日期 2011-05-13 不符；号码第 17 位 2 为偶数，所载性别为女，与所填的性别（男）不符/).waitFor();
    await expect(page.locator('[data-testid=value-application-outcome]').count()).resolves.toBe(0);
    // said beside the field too
    const { form } = counterControls(page);
    await form.getByText('申领人', { exact: true }).first().click();
    await form.locator('[id="#/properties/applicant/properties/idNumber"]').getByText(/与所填的出生日期 2011-05-13 不符/).waitFor();
  });

  it('shows a typing mistake as soon as the form is checked, not "recomputing" until the typing pause is over', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    // the page's timers held: the form is checked 250 ms after the last keystroke, and the
    // "typing" flag gives way on its own only after 1.5 s
    await page.clock.install();
    const { form } = counterControls(page);
    await form.locator('[id="#/properties/applicant/properties/idNumber-input"]').fill('51010420110315002');
    const panel = page.locator('[data-testid=counter-decision]');
    const problem = panel.locator('.form-problems').getByText(/公民身份号码（applicant\.idNumber）/);
    // the page's time moved on 50 ms at a time, each step given real time to land (a loaded
    // machine may take the keystroke in after the first step), until the problem shows: well
    // before the typing pause of 1.5 s is over
    let elapsed = 0;
    while (elapsed < 1000 && !(await problem.isVisible())) {
      await page.clock.runFor(50);
      elapsed += 50;
      await problem.waitFor({ timeout: 250 }).catch(() => undefined);
    }
    await problem.waitFor({ timeout: 1000 });
    await expect(panel.locator('[data-testid=recomputing]').count()).resolves.toBe(0);
  });
});
