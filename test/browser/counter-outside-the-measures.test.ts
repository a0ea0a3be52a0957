// The issue "After 2022-10-08 it refuses applications the national 条例 still grants", at the
// counter in Chromium: a complete application dated 2024-03-01 (outside the measures' term,
// 2017-10-09 … 2022-10-08) is decided in the browser under 《居住证暂行条例》 as `tiaoli decide`
// decides it — the panel says which text governs and why, 受理 and the last day to issue
// (条例第九条第六款: 15 days, the Saturday moved to Monday 2024-03-18), and the slip printed
// is the 条例's, never the measures' refusal.
import { describe, expect, it } from 'vitest';
import { openStudio, studioEachTest } from '../support/studio-page.js';
import { childThroughGuardian, fillCounterApplication, type CounterApplication } from '../support/counter-form.js';

const studios = studioEachTest();

const employed2024: CounterApplication = {
  ...childThroughGuardian,
  acceptedOn: '2024-03-01',
  applicant: { name: '张伟', sex: '1', ethnicity: '01', idNumber: '510104199003070015', birthDate: '1990-03-07', phone: '13908740000' },
  via: 'self',
  agent: undefined,
  residence: { ...childThroughGuardian.residence, reason: 'work', arrivedOn: '2023-06-01', registeredOn: '2023-06-03' },
  grounds: { employment: true },
  school: undefined,
  employer: { name: '曲靖市某某有限公司', address: '麒麟区南宁西路 1 号' },
  materials: { 居民身份证: 1, 证件照: 2, 房屋租赁合同: 1, 劳动合同: 1 },
};

describe('the counter outside the measures\' term', () => {
  it('decides a 2024 application under the 条例: says so, 受理, issue by 2024-03-18, and prints the 条例\'s slip; 推理 says why', async () => {
    const { page } = studios.current;
    await openStudio(studios.current, '#/counter?form=permit-application');
    await fillCounterApplication(page, employed2024);
    const panel = page.locator('[data-testid=counter-decision]');
    await panel.locator('[data-testid=value-application-outcome]').filter({ hasText: '受理' }).waitFor();
    await expect(panel.locator('[data-testid=applied-instrument]').innerText()).resolves.toBe(
      '本案适用《居住证暂行条例》（国务院令第663号）：决定日期 2024-03-01 在《曲靖市居住证管理实施办法》有效期（2017-10-09 至 2022-10-08）之外；依解释 outside-the-measures 的默认读法适用上位法');
    await expect(panel.locator('[data-testid=value-application-issueBy]').innerText()).resolves.toContain('2024-03-18');
    // the measures' not-in-force refusal is not offered; the 条例's slip is printed from its own templates
    await expect(panel.locator('[data-testid=print-refusal]').count()).resolves.toBe(0);
    await expect(panel.locator('[data-testid=print-slip]').innerText()).resolves.toContain('居住证申领受理回执（第九条第六款、第二十一条）');
    await panel.locator('[data-testid=print-slip]').click();
    const frame = page.frameLocator('iframe');
    await frame.getByText(/居住证暂行条例/).first().waitFor();
    // 推理 for the counter's case: why the 条例 applies, at the top of the tree
    await page.goto(`${studios.current.server.url}#/trace?fixture=counter&decision=application`);
    const applied = page.locator('[data-testid=trace-applied]');
    await applied.getByText(/本案适用《居住证暂行条例》/).waitFor();
    await expect(applied.innerText()).resolves.toContain('2024-03-01 不在其施行期内');
    await expect(page.locator('[data-testid=trace-tree] h2').innerText()).resolves.toBe('居住证申领');
    // its articles open in the 条例's text: art. 9 is 申领居住证 there (the measures' art. 9 is 严格发放与禁止伪造)
    await page.locator('[data-testid=trace-tree] .article-ref').filter({ hasText: /^第九条/ }).first().click();
    await expect(page.locator('[data-testid=article-panel] h2').innerText()).resolves.toBe('第九条 申领居住证');
  });
});
